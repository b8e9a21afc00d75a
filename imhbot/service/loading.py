"""Loading content and flows together, with every problem in both: what `imhbot check`
reports and what `load_knowledge` refuses to run with. The running bot reloads through here."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from imhbot.content.loader import TextPlaces, read_content
from imhbot.content.models import Content
from imhbot.content.yamlfile import (
    ContentError,
    Position,
    Problem,
    position_of,
    read_yaml,
    sorted_problems,
)
from imhbot.engine.checking import ENGINE_TEXTS, ROLE_VARIANT, check_flow, parse_flow, used_texts
from imhbot.engine.flow import Flow
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import DEFAULT_FLOW
from imhbot.nlu.syntax import SYNTAX
from imhbot.nlu.understanding import Understanding


@dataclass(frozen=True)
class TextUse:
    """Text keys that code uses besides the ones a flow names (the engine's are always
    counted): `keys`, and `prefixes` of keys filled in from data (`coordination.reason_…`).
    The layers above say which they use (`imhbot.channels.texts`)."""

    keys: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()


ENGINE_ONLY = TextUse()
"""The engine's texts, and no more."""


@dataclass(frozen=True)
class Reading:
    content: Content | None
    flows: Mapping[str, Flow]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def valid(self) -> tuple[Content, Mapping[str, Flow]]:
        """The content and flows, or a ContentError when anything is wrong."""
        if self.content is None or self.errors:
            raise ContentError(self.problems)
        return self.content, self.flows


def read_all(
    content_dir: Path, flows_dir: Path, *, today: dt.date | None = None, uses: TextUse = ENGINE_ONLY
) -> Reading:
    content = read_content(content_dir, syntax=SYNTAX, today=today)
    flows = read_flows(flows_dir, content.content, content.texts, uses)
    problems = sorted_problems([*content.problems, *flows.problems])
    if content.content is None:
        return Reading(None, {}, problems)
    return Reading(content.content, flows.flows, problems)


def load_knowledge(
    content_dir: Path,
    flows_dir: Path,
    *,
    retention_days: int = 30,
    uses: TextUse = ENGINE_ONLY,
    background: bool = False,
) -> Knowledge:
    """Raises ContentError with every problem found. `background`: the understanding (a
    second or so to build) is built in a thread, and the first message that needs it waits
    for it, so a greeting need not."""
    content, flows = read_all(content_dir, flows_dir, uses=uses).valid()
    built: Understanding | Future[Understanding]
    if background:
        built = Future()
        threading.Thread(target=_build, args=(content, built), daemon=True).start()
    else:
        built = Understanding.build(content)
    return Knowledge(content, flows, built, retention_days, (content_dir, flows_dir))


def _build(content: Content, built: Future[Understanding]) -> None:
    try:
        built.set_result(Understanding.build(content))
    except BaseException as error:  # handed to whoever needs it first
        built.set_exception(error)


def reload_knowledge(knowledge: Knowledge, uses: TextUse = ENGINE_ONLY) -> Knowledge:
    """The same folders read again, as they are now."""
    assert knowledge.folders is not None, "not loaded from folders"
    content_dir, flows_dir = knowledge.folders
    return load_knowledge(
        content_dir, flows_dir, retention_days=knowledge.retention_days, uses=uses
    )


@dataclass(frozen=True)
class FlowReading:
    flows: dict[str, Flow]
    problems: list[Problem]


def load_flows(root: Path, content: Content) -> dict[str, Flow]:
    reading = read_flows(root, content)
    if any(p.is_error for p in reading.problems):
        raise ContentError(reading.problems)
    return reading.flows


def read_flows(
    root: Path,
    content: Content | None,
    texts: TextPlaces | None = None,
    uses: TextUse = ENGINE_ONLY,
) -> FlowReading:
    """Every flow in `root`, checked against `content` (None: content that did not load, so
    only what a flow holds by itself is checked); with `texts` (from `read_content`), also
    warnings for the texts that nothing uses."""
    problems: list[Problem] = []
    flows: dict[str, Flow] = {}
    for path in sorted(root.glob("*.yaml")):
        try:
            data = read_yaml(path)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        flow, wrong = parse_flow(data)
        if flow is not None:
            wrong = list(check_flow(flow, content))
            flows[flow.id] = flow
        problems.extend(
            Problem.at(path, position_of(data, loc), what, hint) for loc, what, hint in wrong
        )
    if DEFAULT_FLOW not in flows and not problems:
        problems.append(
            Problem(
                str(root),
                None,
                f"de flow '{DEFAULT_FLOW}' ontbreekt",
                f"maak een bestand {DEFAULT_FLOW}.yaml met 'id: {DEFAULT_FLOW}'",
            )
        )
    problems.extend(
        Problem(
            str(texts.path if texts else "texts.nl.yaml"),
            None,
            f"tekst '{key}' ontbreekt",
            "voeg hem toe aan texts.nl.yaml: de bot gebruikt die tekst zelf",
        )
        for key in [*ENGINE_TEXTS, *sorted(uses.keys.difference(ENGINE_TEXTS))]
        if content is not None and key not in content.texts.entries
    )
    if content is not None and texts is not None and not any(p.is_error for p in problems):
        problems.extend(unused_texts(flows.values(), content, texts, uses))
    return FlowReading(flows, problems)


def unused_texts(
    flows: Iterable[Flow], content: Content, texts: TextPlaces, uses: TextUse
) -> Iterator[Problem]:
    used = {*ENGINE_TEXTS, *uses.keys}.union(*(used_texts(flow) for flow in flows))
    for key in content.texts.entries:
        base = key.removesuffix(ROLE_VARIANT)
        if key in used or base in used or key.startswith(uses.prefixes):
            continue
        yield Problem.at(
            texts.path,
            texts.positions.get(key, Position()),
            f"tekst '{key}' wordt nergens gebruikt",
            "gebruik hem in een flow of haal hem weg",
            severity="warning",
        )
