"""Checking flows against the engine's registries and the texts: every reference must exist,
every step must be reachable."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from imhbot.content.checks import BUTTON_LABEL_MAX, too_long_label
from imhbot.content.explain import choose, explain
from imhbot.content.models import Content
from imhbot.engine.flow import RESUME, Flow, Step, step_model
from imhbot.engine.model import DEFAULT_FLOW
from imhbot.engine.steps import STEP_TYPES
from imhbot.engine.steps.base import StepType

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
    "safety.alerted",
    "safety.resume_consent",
    "safety.taken_back",
    "safety.taken_back_alerted",
    "safety.check_no",
    "safety.check_unanswered",
    *(
        f"referral.{route}"
        for route in ("direct", "huisarts", "jgz", "huisarts_of_jgz", "verloskundige")
    ),
    *(f"time.day_{day}" for day in range(1, 8)),
    "time.day_span",
    "time.day_list",
    "time.office_hours",
    "time.open_now",
    "time.open_later",
    "time.today",
    "time.tomorrow",
    "time.next_open",
    "time.next_workday",
)

ROLE_VARIANT = "_professional"  # `key_professional` replaces `key` for a professional

# Signals the default flow must map to a step: a coordinator closes a parent's question.
REQUIRED_SIGNALS = ("closed",)


Located = tuple[tuple[str | int, ...], str, str]
"""Where in a flow's data (as pydantic reports it), what is wrong, what to do."""


def parse_flow(data: Any) -> tuple[Flow | None, list[Located]]:
    """A flow file's data as a flow, or every problem with its shape."""
    try:
        return Flow.model_validate(data), []
    except ValidationError as error:
        return None, [(tuple(item["loc"]), *_explain(data, item)) for item in error.errors()]


def _explain(data: Any, error: ErrorDetails) -> tuple[str, str]:
    """An unknown key in a step is told with the keys of the step's own type."""
    loc = error["loc"]
    if error["type"] == "extra_forbidden" and len(loc) > 2 and loc[0] == "steps":
        steps = data.get("steps") if isinstance(data, Mapping) else None
        step = steps.get(loc[1]) if isinstance(steps, Mapping) else None
        return explain(step_model(step), {**error, "loc": loc[2:]})
    return explain(Flow, error)


def used_texts(flow: Flow) -> Iterator[str]:
    for command in flow.commands.values():
        yield from filter(None, (command.say, command.menu))
    yield from flow.fallbacks.model_dump().values()
    for step in flow.steps.values():
        yield from _step_texts(step)


def _step_texts(step: Step) -> Iterator[str]:
    if isinstance(step, StepType):
        yield from (use.key for use in step.texts())


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
    for signal in REQUIRED_SIGNALS:
        if flow.id == DEFAULT_FLOW and signal not in flow.signals:
            yield (
                ("signals",),
                f"signaal '{signal}' ontbreekt",
                "de bot gaat daarheen als een coördinator een vraag sluit;"
                f" voeg toe: signals: {{{signal}: <stap>}}",
            )
    for signal, target in flow.signals.items():
        yield from _target(flow, ("signals", signal), target)
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
    """The steps a conversation can get to from the start, the signals, the commands and the
    engine."""
    roots = [flow.start, *flow.signals.values(), flow.recover]
    todo = [*(r for r in roots if r), *(c.goto for c in flow.commands.values() if c.goto)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        step = flow.steps.get(name)
        if step is None or name in seen:
            continue
        seen.add(name)
        if isinstance(step, StepType):
            todo.extend(target.step for target in step.targets())
    return seen


def _check_step(
    flow: Flow, texts: Mapping[str, str] | None, where: tuple[str, ...], step: Step
) -> Iterator[Located]:
    """The step type says what the step refers to: texts, steps and registered names."""
    if step.type not in STEP_TYPES or not isinstance(step, StepType):
        yield (*where, "type"), f"onbekend staptype '{step.type}'", _choose(step.type, STEP_TYPES)
        return
    for field in step.requires:
        if not getattr(step, field, None):
            yield (
                where,
                f"een stap van type '{step.type}' heeft '{field}' nodig",
                f"voeg '{field}:' toe",
            )
    for target in step.targets():
        yield from _target(flow, (*where, *target.loc), target.step)
    for use in step.texts():
        yield from _text(texts, (*where, *use.loc), use.key)
        if use.label and texts is not None:
            for key in (use.key, use.key + ROLE_VARIANT):
                label = texts.get(key, "")
                if len(label) > BUTTON_LABEL_MAX:
                    yield (*where, *use.loc), *too_long_label(label)
    for ref in step.references():
        yield from _registered((*where, *ref.loc), ref.field, ref.name, ref.known)


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
    where: tuple[str | int, ...], field: str, name: str | None, registry: Collection[str]
) -> Iterator[Located]:
    if name and name not in registry:
        yield where, f"onbekende {field} '{name}'", _choose(name, registry)


def _choose(name: str, registry: Collection[str]) -> str:
    return choose(name, sorted(registry), "")
