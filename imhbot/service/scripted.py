"""Whole conversations, evaluated like single messages are: what a person types, line by line,
and what must hold at the end (the age band, the place, the concern, the providers shown, a
handoff, how many messages the bot needed).

They run through the same turns as the terminal chat and Telegram (`Turns.handle`, on a
temporary SQLite database), as typed text: people type "12 maanden" and "oké", they do not
press buttons here. The file format:

    conversations:
      - id: ouder-typt-12-maanden
        lines: ["/start", "oké", "moeder", "12 maanden", "almelo", "hij praat nog niet", "ja"]
        expect: {age_band: 1-2j, gemeente: Almelo, concern: spraak_taal, shown: [tw-logo]}
      - id: huisarts-typt-zijn-beroep
        lines: ["/start", "ja", "ik ben huisarts", ...]
        expect: {role: professional, discipline: huisarts, ...}
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from imhbot.engine.answers import (
    AGE_MAX,
    AGE_MIN,
    AGE_MONTHS,
    CONCERN,
    DISCIPLINE,
    GEMEENTE,
    REGION,
    ROLE,
    SHOWN_IDS,
)
from imhbot.engine.flow import Flow
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import CRISIS, Answer, Handoff, Message, Record, Session, Turn
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.turns import Turns
from imhbot.store.db import make_engine, upgrade

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
"""A Wednesday morning in office hours: the same answers on every run."""
CHANNEL = "eval"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Expect(_Frozen):
    role: str | None = None
    discipline: str | None = Field(default=None, description="a professional's discipline")
    age_band: str | None = Field(default=None, description="the value of an age button")
    gemeente: str | None = None
    region: str | None = None
    concern: str | None = None
    shown: tuple[str, ...] = ()
    not_shown: tuple[str, ...] = ()
    handoff: bool | None = None
    alert: bool | None = Field(default=None, description="a crisis alert for the coordinators")
    check: bool | None = Field(default=None, description="the check question of safety")
    max_messages: int | None = Field(default=None, ge=1)


class Scripted(_Frozen):
    id: str
    note: str | None = None
    lines: tuple[str, ...] = Field(min_length=1)
    expect: Expect = Expect()


class ScriptFile(_Frozen):
    conversations: tuple[Scripted, ...]


class ScriptError(ValueError):
    """A file of conversations that cannot be read; the message says where and what."""


@dataclass(frozen=True, slots=True)
class Ending:
    """How one conversation ended, and what did not hold."""

    id: str
    messages: int
    handoff: bool
    failures: tuple[str, ...]

    @property
    def right(self) -> bool:
        return not self.failures


@dataclass
class ScriptReport:
    path: str
    endings: list[Ending] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(ending.right for ending in self.endings)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "conversations": len(self.endings),
            "right": self.right,
            "wrong": [
                {"id": e.id, "failures": list(e.failures), "messages": e.messages}
                for e in self.endings
                if not e.right
            ],
        }

    def format(self) -> str:
        total = len(self.endings)
        share = f"{self.right / total * 100:5.1f}%" if total else "  -  "
        lines = [
            f"Conversations in {self.path}",
            f"  ending right           {share} ({self.right}/{total})",
        ]
        wrong = [e for e in self.endings if not e.right]
        if wrong:
            lines.append(f"Wrong ({len(wrong)}):")
            lines.extend(f"  {e.id}: {'; '.join(e.failures)}" for e in wrong)
        return "\n".join(lines)


def read_scripts(path: Path) -> ScriptFile | None:
    """The conversations in a file; None for a file of single messages (no `conversations:`)."""
    data = _yaml(path)
    if not (isinstance(data, Mapping) and "conversations" in data):
        return None
    try:
        return ScriptFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScriptError(f"{path}: {where}: {first['msg']}") from None


def evaluate_scripts(
    knowledge: Knowledge, path: Path, scripts: ScriptFile | None = None
) -> ScriptReport:
    """`scripts`: the file's conversations when they were read already."""
    scripts = scripts or read_scripts(path)
    if scripts is None:
        raise ScriptError(f"{path}: no 'conversations:' in this file")
    report = ScriptReport(str(path))
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'scripted.sqlite3'}")
        upgrade(engine)
        try:
            app = App(knowledge, engine, clock=lambda: NOW)
            for number, script in enumerate(scripts.conversations):
                report.endings.append(run_script(app, script, Address(CHANNEL, str(number))))
        finally:
            engine.dispose()
    return report


@dataclass
class _Seen:
    """What happened over a conversation, besides its answers."""

    messages: int = 0
    handoff: bool = False
    alert: bool = False
    check: bool = False

    def add(self, turn: Turn) -> None:
        self.messages += len(turn.replies)
        for event in turn.events:
            if isinstance(event, Handoff):
                self.alert = self.alert or event.reason == CRISIS
                self.handoff = self.handoff or event.reason != CRISIS
            elif isinstance(event, Record) and event.name == "crisis_check":
                self.check = True


def run_script(app: App, script: Scripted, chat: Address) -> Ending:
    turns, seen, session = Turns(app), _Seen(), Session()
    for minute, line in enumerate(script.lines):
        now = NOW + dt.timedelta(minutes=minute)
        turn = turns.handle(chat, Message(kind="text", now=now, text=line))
        seen.add(turn)
        session = turn.session
    flow = app.knowledge.flows[session.flow]
    failures = tuple(_failures(script.expect, session.answers, seen, flow))
    return Ending(script.id, seen.messages, seen.handoff, failures)


def _failures(
    expect: Expect, answers: Mapping[str, Answer], seen: _Seen, flow: Flow
) -> Iterator[str]:
    messages, handoff = seen.messages, seen.handoff
    wanted_answers = (
        (ROLE, expect.role),
        (DISCIPLINE, expect.discipline),
        (REGION, expect.region),
        (CONCERN, expect.concern),
    )
    for key, wanted in wanted_answers:
        if wanted is not None and answers.get(key) != wanted:
            yield f"{key} {answers.get(key)!r}, expected {wanted!r}"
    gemeente = answers.get(GEMEENTE)
    if expect.gemeente is not None and str(gemeente).lower() != expect.gemeente.lower():
        yield f"gemeente {gemeente!r}, expected {expect.gemeente!r}"
    if expect.age_band is not None and not _in_band(answers, expect.age_band, flow):
        got = (answers.get(AGE_MONTHS), answers.get(AGE_MIN), answers.get(AGE_MAX))
        yield f"age (months, min, max) {got}, expected band {expect.age_band!r}"
    shown = [p for p in str(answers.get(SHOWN_IDS) or "").split(",") if p]
    missing = [p for p in expect.shown if p not in shown]
    if missing:
        yield f"missing from the results: {', '.join(missing)} (shown: {', '.join(shown) or 'none'})"
    wrongly = [p for p in expect.not_shown if p in shown]
    if wrongly:
        yield f"shown but should not be: {', '.join(wrongly)}"
    if expect.handoff is not None and handoff != expect.handoff:
        yield "a handoff was asked" if handoff else "no handoff was asked"
    flags = (
        ("crisis alert", expect.alert, seen.alert),
        ("check question", expect.check, seen.check),
    )
    for name, flag, given in flags:
        if flag is not None and given != flag:
            yield f"a {name} was given" if given else f"no {name} was given"
    if expect.max_messages is not None and messages > expect.max_messages:
        yield f"{messages} bot messages, at most {expect.max_messages} expected"


def age_bands(flow: Flow) -> dict[str, tuple[int, int]]:
    """The age bands a flow offers as buttons, by their value: the months they set."""
    bands: dict[str, tuple[int, int]] = {}
    for step in flow.steps.values():
        for button in getattr(step, "buttons", ()):
            low, high = button.assign.get(AGE_MIN), button.assign.get(AGE_MAX)
            if button.value and isinstance(low, int) and isinstance(high, int):
                bands[button.value] = (low, high)
    return bands


def _in_band(answers: Mapping[str, Answer], band: str, flow: Flow) -> bool:
    bands = age_bands(flow)
    if band not in bands:
        raise ScriptError(f"age band {band!r} is none of the flow's: {', '.join(bands)}")
    low, high = bands[band]
    months, got_low, got_high = (answers.get(k) for k in (AGE_MONTHS, AGE_MIN, AGE_MAX))
    if isinstance(months, int | float) and not isinstance(months, bool):
        return low <= months <= high
    if isinstance(got_low, int) and isinstance(got_high, int):
        return low <= got_low and got_high <= high
    return False


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ScriptError(f"{path}: {error}") from None
