"""Scores of the understanding on a labelled set in the format of shared/eval/dev.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from imhbot.nlu.types import AgeAnswer, MatchResult, PlaceMatch

CONCERN_TOP1_TARGET = 0.95
CRISIS_RECALL_TARGET = 1.0
FALSE_ALARM_TARGET = 0.01
CHECK_TARGET = 0.03
SECONDARY_TARGET = 0.85
UNCLEAR_RECALL_TARGET = 0.90


class Understands(Protocol):
    """What the evaluation needs; `imhbot.nlu.understanding.Understanding` has it."""

    def match(self, text: str) -> MatchResult: ...

    def age(self, text: str, *, today: dt.date) -> AgeAnswer | None: ...

    def place(self, text: str, *, prefer_region: str | None = None) -> PlaceMatch | None: ...


@dataclass(frozen=True, slots=True)
class Miss:
    section: str
    text: str
    expected: str
    got: str

    def to_json(self) -> dict[str, str]:
        return {
            "section": self.section,
            "text": self.text,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True, slots=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        value = self.value
        shown = "  -  " if value is None else f"{value * 100:5.1f}%"
        return f"{shown} ({self.hits}/{self.total})"

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "hits": self.hits, "total": self.total}


@dataclass
class EvalReport:
    path: str
    concern_top1: Ratio = Ratio(0, 0)
    concern_top3: Ratio = Ratio(0, 0)
    unclear_precision: Ratio = Ratio(0, 0)
    unclear_recall: Ratio = Ratio(0, 0)
    crisis_recall: Ratio = Ratio(0, 0)
    crisis_kind: Ratio = Ratio(0, 0)
    crisis_at_once: Ratio = Ratio(0, 0)
    false_alarms: Ratio = Ratio(0, 0)
    checks: Ratio = Ratio(0, 0)
    secondary: Ratio = Ratio(0, 0)
    age: Ratio = Ratio(0, 0)
    place: Ratio = Ratio(0, 0)
    misses: list[Miss] = field(default_factory=list)

    def failed_targets(self) -> list[str]:
        """The targets of the matcher that this set does not meet (empty when all are met)."""
        failed = []
        if (self.concern_top1.value or 0.0) < CONCERN_TOP1_TARGET and self.concern_top1.total:
            failed.append(f"concern top-1 {self.concern_top1} < {CONCERN_TOP1_TARGET:.0%}")
        if (self.crisis_recall.value or 0.0) < CRISIS_RECALL_TARGET and self.crisis_recall.total:
            failed.append(f"crisis recall {self.crisis_recall} < {CRISIS_RECALL_TARGET:.0%}")
        if (self.false_alarms.value or 0.0) > FALSE_ALARM_TARGET:
            failed.append(f"crisis false alarms {self.false_alarms} > {FALSE_ALARM_TARGET:.0%}")
        if (self.checks.value or 0.0) > CHECK_TARGET:
            failed.append(f"check question {self.checks} > {CHECK_TARGET:.0%}")
        if (self.secondary.value or 0.0) < SECONDARY_TARGET and self.secondary.total:
            failed.append(f"second concern in top 3 {self.secondary} < {SECONDARY_TARGET:.0%}")
        if (self.unclear_recall.value or 0.0) < UNCLEAR_RECALL_TARGET and self.unclear_recall.total:
            failed.append(f"unclear recall {self.unclear_recall} < {UNCLEAR_RECALL_TARGET:.0%}")
        return failed

    def meets_targets(self) -> bool:
        return not self.failed_targets()

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "concern_top1": self.concern_top1.to_json(),
            "concern_top3": self.concern_top3.to_json(),
            "unclear_precision": self.unclear_precision.to_json(),
            "unclear_recall": self.unclear_recall.to_json(),
            "crisis_recall": self.crisis_recall.to_json(),
            "crisis_kind_accuracy": self.crisis_kind.to_json(),
            "crisis_at_once": self.crisis_at_once.to_json(),
            "crisis_false_alarm_rate": self.false_alarms.to_json(),
            "check_question_rate": self.checks.to_json(),
            "secondary_in_top3": self.secondary.to_json(),
            "age_accuracy": self.age.to_json(),
            "place_accuracy": self.place.to_json(),
            "targets_met": self.meets_targets(),
            "failed_targets": self.failed_targets(),
            "misses": [m.to_json() for m in self.misses],
        }

    def format(self) -> str:
        lines = [
            f"Evaluation of {self.path}",
            f"  concern top-1          {self.concern_top1}   target >= {CONCERN_TOP1_TARGET:.0%}",
            f"  concern top-3          {self.concern_top3}",
            f"  second concern top-3   {self.secondary}   target >= {SECONDARY_TARGET:.0%}",
            f"  unclear precision      {self.unclear_precision}",
            f"  unclear recall         {self.unclear_recall}   target >= {UNCLEAR_RECALL_TARGET:.0%}",
            f"  crisis recall          {self.crisis_recall}   target {CRISIS_RECALL_TARGET:.0%}"
            " (both bands)",
            f"  crisis alarm at once   {self.crisis_at_once}",
            f"  crisis kind accuracy   {self.crisis_kind}",
            f"  crisis false alarms    {self.false_alarms}   target <= {FALSE_ALARM_TARGET:.0%}",
            f"  check question         {self.checks}   target <= {CHECK_TARGET:.0%}"
            " (of messages without danger)",
            f"  age accuracy           {self.age}",
            f"  place accuracy         {self.place}",
            "  targets: "
            + ("met" if self.meets_targets() else "NOT met: " + "; ".join(self.failed_targets())),
        ]
        if self.misses:
            lines.append(f"Misses ({len(self.misses)}):")
            lines.extend(
                f"  [{m.section}] {m.text!r}: expected {m.expected}, got {m.got}"
                for m in self.misses
            )
        return "\n".join(lines)


class _Counter:
    def __init__(self) -> None:
        self.hits = 0
        self.total = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += hit

    def ratio(self) -> Ratio:
        return Ratio(self.hits, self.total)


def evaluate(understanding: Understands, path: Path) -> EvalReport:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    report = EvalReport(path=str(path))
    _cases(understanding, data.get("cases") or [], report)
    _ages(understanding, data.get("ages") or [], report)
    _places(understanding, data.get("places") or [], report)
    return report


def _shown(result: MatchResult) -> str:
    if result.outcome == "crisis":
        shown = f"crisis:{result.crisis}"
        return shown + " (check question)" if result.confirm else shown
    guesses = ", ".join(f"{c.id} {c.score:.2f}" for c in result.concerns[:3])
    return f"{result.outcome} [{guesses}]"


def _cases(
    understanding: Understands, cases: Sequence[Mapping[str, Any]], report: EvalReport
) -> None:
    top1, top3 = _Counter(), _Counter()
    unclear_precision, unclear_recall = _Counter(), _Counter()
    crisis, kind, alarms = _Counter(), _Counter(), _Counter()
    at_once, checks, secondary = _Counter(), _Counter(), _Counter()
    for case in cases:
        text = str(case["text"])
        expect = [str(e) for e in case["expect"]]
        result = understanding.match(text)
        wanted = (
            "crisis" if expect == ["crisis"] else "unclear" if expect == ["unclear"] else "concern"
        )
        ok = True
        asks = result.outcome == "crisis" and result.confirm
        if wanted == "crisis":
            crisis.add(result.outcome == "crisis")
            at_once.add(result.outcome == "crisis" and not asks)
            ok = result.outcome == "crisis"
            if case.get("crisis"):
                kind.add(result.crisis == case["crisis"])
                ok = ok and result.crisis == case["crisis"]
        else:
            alarms.add(result.outcome == "crisis" and not asks)
            checks.add(asks)
            ok = not asks
        read = _read(result)
        if wanted == "unclear":
            unclear_recall.add(read == "unclear")
            ok = ok and read == "unclear"
        if read == "unclear":
            unclear_precision.add(wanted == "unclear")
        if wanted == "concern":
            also = [str(a) for a in case.get("also") or []]
            ids = [c.id for c in result.concerns] if read == "concern" else []
            ok = ok and _concern_case(ids, expect, also, top1, top3, secondary)
        if not ok:
            report.misses.append(Miss("case", text, _expected(case), _shown(result)))
    report.concern_top1, report.concern_top3 = top1.ratio(), top3.ratio()
    report.unclear_precision, report.unclear_recall = (
        unclear_precision.ratio(),
        unclear_recall.ratio(),
    )
    report.crisis_recall, report.crisis_kind, report.false_alarms = (
        crisis.ratio(),
        kind.ratio(),
        alarms.ratio(),
    )
    report.crisis_at_once, report.checks = at_once.ratio(), checks.ratio()
    report.secondary = secondary.ratio()


def _read(result: MatchResult) -> str:
    """What the bot reads in a message once a check question is answered with a clear "nee":
    a crisis in the review band carries the concerns of the message."""
    return result.otherwise if result.confirm and result.otherwise else result.outcome


def _concern_case(
    ids: list[str],
    expect: list[str],
    also: list[str],
    top1: _Counter,
    top3: _Counter,
    secondary: _Counter,
) -> bool:
    """`ids`: the concerns read, best first (none when the message was not read as one)."""
    first = bool(ids) and ids[0] in expect
    seconds = all(a in ids[:3] for a in also)
    three = any(e in ids[:3] for e in expect) and seconds
    top1.add(first)
    top3.add(three)
    if also:
        secondary.add(seconds)
    return first and three


def _expected(case: Mapping[str, Any]) -> str:
    shown = "|".join(str(e) for e in case["expect"])
    if case.get("crisis"):
        shown += f":{case['crisis']}"
    if case.get("also"):
        shown += " (top 3: " + ", ".join(str(a) for a in case["also"]) + ")"
    return shown


def _ages(
    understanding: Understands, ages: Sequence[Mapping[str, Any]], report: EvalReport
) -> None:
    counter = _Counter()
    for case in ages:
        today = case.get("today") or dt.date.today()
        if isinstance(today, str):
            today = dt.date.fromisoformat(today)
        answer = understanding.age(str(case["text"]), today=today)
        months = case.get("months") if case["stage"] == "kind" else None
        got = (
            None
            if answer is None
            else (answer.stage, answer.months if answer.stage == "kind" else None)
        )
        ok = got == (case["stage"], months)
        counter.add(ok)
        if not ok:
            report.misses.append(
                Miss("age", str(case["text"]), f"{case['stage']} {months}", str(got))
            )
    report.age = counter.ratio()


def _places(
    understanding: Understands, places: Sequence[Mapping[str, Any]], report: EvalReport
) -> None:
    counter = _Counter()
    for case in places:
        found = understanding.place(str(case["text"]))
        gemeente = found.gemeente if found else None
        region = found.region if found else None
        ok = region == case.get("region") and (
            "gemeente" not in case or gemeente == case["gemeente"]
        )
        counter.add(ok)
        if not ok:
            expected = f"{case.get('gemeente', '-')} / {case.get('region')}"
            report.misses.append(
                Miss("place", str(case["text"]), expected, f"{gemeente} / {region}")
            )
    report.place = counter.ratio()
