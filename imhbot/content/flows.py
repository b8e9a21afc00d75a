"""Read and check `flows/*.yaml` against the engine's registries and the texts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from imhbot.content.models import Content
from imhbot.content.yamlfile import ContentError, Problem, line_of, read_yaml
from imhbot.engine.actions import ACTIONS
from imhbot.engine.buttons import SOURCES
from imhbot.engine.conditions import TESTS
from imhbot.engine.flow import RESUME, Flow, Step
from imhbot.engine.model import DEFAULT_FLOW
from imhbot.engine.steps import STEP_TYPES
from imhbot.engine.understanders import UNDERSTANDERS

# Texts the engine itself uses, besides the ones a flow names.
ENGINE_TEXTS = (
    "results.intro",
    "results.provider",
    "results.waiting",
    "results.waiting_none",
    "results.disclaimer",
    "privacy",
    "fallback.trouble",
    "fallback.step_gone",
    "coordination.card",
    "coordination.priority",
    "coordination.crisis_card",
    "coordination.claimed",
    "coordination.closed",
    "coordination.unknown",
    "coordination.nothing",
    "coordination.from_parent",
    "coordination.reminder",
    "coordination.open_none",
    "coordination.open_header",
    "coordination.open_item",
    "coordination.open_unclaimed",
    "coordination.open_claimed",
    "coordination.stats",
    "coordination.no_ticket",
    "coordination.already_closed",
    "coordination.blocked",
    "coordination.forgotten",
    "coordination.someone",
    "coordination.usage_close",
    "coordination.reloaded",
    "coordination.reload_refused",
    "coordination.reload_more",
    "coordination.claim",
    "coordination.close",
    "handoff.from_coordinator",
    "place.your_location",
    "shell.handoff_note",
    "shell.coordinator_help",
    "shell.coordinator_region",
    "results.contact_phone",
    "results.contact_website",
    "results.contact_email",
    "results.pages_intro",
    "results.page",
    "results.page_full",
    "buttons.read_page",
    "safety.resume",
    *(
        f"referral.{route}"
        for route in ("direct", "huisarts", "jgz", "huisarts_of_jgz", "verloskundige")
    ),
    *(f"time.day_{day}" for day in range(1, 8)),
    "time.day_span",
    "time.office_hours",
    "time.open_now",
    "time.open_later",
    "time.today",
    "time.tomorrow",
    "time.next_open",
    "time.next_workday",
)


def load_flows(root: Path, content: Content) -> dict[str, Flow]:
    problems: list[Problem] = []
    flows: dict[str, Flow] = {}
    files = sorted(root.glob("*.yaml"))
    for path in files:
        try:
            data = read_yaml(path)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        flow = _parse(path, data, problems)
        if flow is not None:
            problems.extend(
                Problem(path, line_of(data, loc), msg) for loc, msg in check_flow(flow, content)
            )
            flows[flow.id] = flow
    if DEFAULT_FLOW not in flows and not problems:
        problems.append(
            Problem(root, None, f"de flow '{DEFAULT_FLOW}' ontbreekt (id: {DEFAULT_FLOW})")
        )
    problems.extend(
        Problem(root, None, f"tekst '{key}' ontbreekt in texts.nl.yaml; de bot gebruikt die zelf")
        for key in ENGINE_TEXTS
        if key not in content.texts.entries
    )
    if problems:
        raise ContentError(problems)
    return flows


def _parse(path: Path, data: Any, problems: list[Problem]) -> Flow | None:
    try:
        return Flow.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            problems.append(Problem(path, line_of(data, item["loc"]), f"{where}: {item['msg']}"))
        return None


Located = tuple[tuple[str | int, ...], str]


def check_flow(flow: Flow, content: Content) -> Iterator[Located]:
    """Every reference in a flow must exist: steps, texts, and registry entries."""
    texts = content.texts.entries
    if flow.start not in flow.steps:
        yield ("start",), f"startstap '{flow.start}' bestaat niet"
    if flow.recover == RESUME:
        yield ("recover",), f"recover moet een stap zijn, niet '{RESUME}'"
    yield from _target(flow, ("recover",), flow.recover)
    for name, command in flow.commands.items():
        yield from _target(flow, ("commands", name), command.goto)
        yield from _text(texts, ("commands", name), command.say)
        yield from _text(texts, ("commands", name), command.menu)
    for field, key in flow.fallbacks.model_dump().items():
        yield from _text(texts, ("fallbacks", field), key)
    for name, step in flow.steps.items():
        yield from _check_step(flow, texts, ("steps", name), step)


def _check_step(
    flow: Flow, texts: Mapping[str, str], where: tuple[str, ...], step: Step
) -> Iterator[Located]:
    kind = STEP_TYPES.get(step.type)
    if kind is None:
        yield (
            (*where, "type"),
            f"onbekend staptype '{step.type}'. Kies uit: {', '.join(STEP_TYPES)}",
        )
        return
    for field in kind.requires:
        if not getattr(step, field):
            yield where, f"een stap van type '{step.type}' heeft '{field}' nodig"
    for target in kind.targets(step):
        yield from _target(flow, where, target)
    for key in (step.text, *step.say, step.retry, *(b.label for b in step.buttons)):
        yield from _text(texts, where, key)
    yield from _registered(where, "understand", step.understand, UNDERSTANDERS)
    yield from _registered(where, "action", step.action, ACTIONS)
    for button in step.buttons:
        yield from _registered(where, "from", button.source, SOURCES)
    conditions = [*(c.when for c in step.cases), *(b.when for b in step.buttons if b.when)]
    for condition in conditions:
        for test in condition:
            yield from _registered(where, "when", test, TESTS)


def _target(flow: Flow, where: tuple[str, ...], target: str | None) -> Iterator[Located]:
    if target and target != RESUME and target not in flow.steps:
        yield where, f"stap '{target}' bestaat niet in flow '{flow.id}'"


def _text(texts: Mapping[str, str], where: tuple[str, ...], key: str | None) -> Iterator[Located]:
    if key and key not in texts:
        yield where, f"tekst '{key}' ontbreekt in content/texts.nl.yaml"


def _registered(
    where: tuple[str, ...], field: str, name: str | None, registry: Mapping[str, Any]
) -> Iterator[Located]:
    if name and name not in registry:
        yield (
            (*where, field),
            f"onbekende {field} '{name}'. Kies uit: {', '.join(sorted(registry))}",
        )
