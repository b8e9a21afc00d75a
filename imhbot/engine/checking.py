"""Checking flows against the engine's registries and the texts: every reference must exist,
every step must be reachable."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from imhbot.content.checks import BUTTON_LABEL_MAX, too_long_label
from imhbot.content.explain import choose, explain
from imhbot.content.models import Content
from imhbot.engine.actions import ACTIONS
from imhbot.engine.buttons import SOURCES
from imhbot.engine.conditions import TESTS
from imhbot.engine.flow import RESUME, ButtonSpec, Flow, Step
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
    "fallback.step_gone",
    "place.your_location",
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

ROLE_VARIANT = "_professional"  # `key_professional` replaces `key` for a professional

# Steps the engine enters from outside a flow: when a coordinator closes a handoff.
CLOSED_STEP = "handoff_closed"


Located = tuple[tuple[str | int, ...], str, str]
"""Where in a flow's data (as pydantic reports it), what is wrong, what to do."""


def parse_flow(data: Any) -> tuple[Flow | None, list[Located]]:
    """A flow file's data as a flow, or every problem with its shape."""
    try:
        return Flow.model_validate(data), []
    except ValidationError as error:
        return None, [(tuple(item["loc"]), *explain(Flow, item)) for item in error.errors()]


def used_texts(flow: Flow) -> Iterator[str]:
    for command in flow.commands.values():
        yield from filter(None, (command.say, command.menu))
    yield from flow.fallbacks.model_dump().values()
    for step in flow.steps.values():
        yield from _step_texts(step)


def _step_texts(step: Step) -> Iterator[str]:
    keys = (step.text, *step.say, step.retry, *(b.label for b in step.buttons))
    yield from (key for key in keys if key)


def check_flow(flow: Flow, content: Content | None) -> Iterator[Located]:
    """Every reference in a flow must exist (steps, texts, registry entries), every step must
    be reachable, and button labels must fit on a phone."""
    texts = content.texts.entries if content is not None else None
    if flow.start not in flow.steps:
        yield ("start",), f"startstap '{flow.start}' bestaat niet", _pick_step(flow, flow.start)
    if flow.recover == RESUME:
        yield (
            ("recover",),
            f"recover moet een stap zijn, niet '{RESUME}'",
            "kies de stap waar een gesprek verdergaat als zijn stap verdwenen is",
        )
    yield from _target(flow, ("recover",), flow.recover)
    if flow.id == DEFAULT_FLOW and CLOSED_STEP not in flow.steps:
        yield (
            ("steps",),
            f"stap '{CLOSED_STEP}' ontbreekt",
            "de bot gaat daarheen als een coördinator een vraag sluit; voeg hem toe",
        )
    for name, command in flow.commands.items():
        yield from _target(flow, ("commands", name, "goto"), command.goto)
        yield from _text(texts, ("commands", name, "say"), command.say)
        yield from _text(texts, ("commands", name, "menu"), command.menu)
    for field, key in flow.fallbacks.model_dump().items():
        yield from _text(texts, ("fallbacks", field), key)
    for name, step in flow.steps.items():
        yield from _check_step(flow, texts, ("steps", name), step)
    found = reachable(flow)
    for name in (step for step in flow.steps if step not in found):
        yield (
            ("steps", name),
            f"stap '{name}' is onbereikbaar",
            "geen startstap, commando of andere stap gaat erheen; verwijs ernaar of haal hem weg",
        )


def reachable(flow: Flow) -> set[str]:
    """The steps a conversation can get to from the start, the commands and the engine."""
    roots = [flow.start, CLOSED_STEP, flow.recover]
    todo = [*(r for r in roots if r), *(c.goto for c in flow.commands.values() if c.goto)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        step = flow.steps.get(name)
        if step is None or name in seen:
            continue
        seen.add(name)
        kind = STEP_TYPES.get(step.type)
        todo.extend(kind.targets(step) if kind else ())
    return seen


def _check_step(
    flow: Flow, texts: Mapping[str, str] | None, where: tuple[str, ...], step: Step
) -> Iterator[Located]:
    kind = STEP_TYPES.get(step.type)
    if kind is None:
        yield (*where, "type"), f"onbekend staptype '{step.type}'", _choose(step.type, STEP_TYPES)
        return
    for field in kind.requires:
        if not getattr(step, field):
            yield (
                where,
                f"een stap van type '{step.type}' heeft '{field}' nodig",
                f"voeg '{field}:' toe",
            )
    for target in kind.targets(step):
        yield from _target(flow, _goto_at(step, where, target), target)
    for field in ("text", "retry"):
        yield from _text(texts, (*where, field), getattr(step, field))
    for index, key in enumerate(step.say):
        yield from _text(texts, (*where, "say", index), key)
    for index, button in enumerate(step.buttons):
        yield from _button(texts, (*where, "buttons", index), button)
    yield from _registered((*where, "understand"), "understand", step.understand, UNDERSTANDERS)
    yield from _registered((*where, "action"), "action", step.action, ACTIONS)
    conditions = [*(c.when for c in step.cases), *(b.when for b in step.buttons if b.when)]
    for condition in conditions:
        for test in condition:
            yield from _registered(where, "when", test, TESTS)


def _button(
    texts: Mapping[str, str] | None, where: tuple[str | int, ...], button: ButtonSpec
) -> Iterator[Located]:
    yield from _registered((*where, "from"), "from", button.source, SOURCES)
    yield from _text(texts, (*where, "label"), button.label)
    label = texts.get(button.label or "", "") if texts is not None else ""
    if len(label) > BUTTON_LABEL_MAX:
        yield (*where, "label"), *too_long_label(label)


def _goto_at(step: Step, where: tuple[str, ...], target: str) -> tuple[str | int, ...]:
    """Where in the step `target` is named, for the editor to find it."""
    named: list[tuple[tuple[str | int, ...], str | None]] = [
        (("next",), step.next),
        (("on_fail",), step.on_fail),
        *((("on", outcome), goto) for outcome, goto in step.on.items()),
        *((("buttons", i, "goto"), b.goto) for i, b in enumerate(step.buttons)),
        *((("cases", i, "goto"), c.goto) for i, c in enumerate(step.cases)),
    ]
    return next(((*where, *loc) for loc, goto in named if goto == target), where)


def _target(flow: Flow, where: tuple[str | int, ...], target: str | None) -> Iterator[Located]:
    if target and target != RESUME and target not in flow.steps:
        yield where, f"stap '{target}' bestaat niet in flow '{flow.id}'", _pick_step(flow, target)


def _pick_step(flow: Flow, name: str) -> str:
    return choose(name, list(flow.steps), "kies een stap die in deze flow staat")


def _text(
    texts: Mapping[str, str] | None, where: tuple[str | int, ...], key: str | None
) -> Iterator[Located]:
    """`texts` None: the texts did not load, so nothing can be said about a key."""
    if key and texts is not None and key not in texts:
        yield (
            where,
            f"tekst '{key}' ontbreekt",
            choose(key, list(texts), "voeg hem toe aan texts.nl.yaml"),
        )


def _registered(
    where: tuple[str | int, ...], field: str, name: str | None, registry: Mapping[str, Any]
) -> Iterator[Located]:
    if name and name not in registry:
        yield where, f"onbekende {field} '{name}'", _choose(name, registry)


def _choose(name: str, registry: Mapping[str, Any]) -> str:
    return choose(name, sorted(registry), "")
