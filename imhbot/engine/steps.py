"""Step types for flows. A step type enters (may speak, then names the next step or rests)
and, when it rests, answers the user's next message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from imhbot.engine.actions import ACTIONS
from imhbot.engine.answers import CARRIED
from imhbot.engine.buttons import SOURCES
from imhbot.engine.conditions import holds
from imhbot.engine.context import Choice, Context
from imhbot.engine.flow import Step
from imhbot.engine.model import Button, Message
from imhbot.engine.understanders import OK, UNDERSTANDERS
from imhbot.nlu.text import fold

BUTTON_STATE = "|"

Enter = Callable[[Context, Step], str | None]
Answer = Callable[[Context, Step, Message], str | None]


@dataclass(frozen=True)
class StepType:
    """`enter` returns the next step, or None to wait for the user; resting types also answer."""

    enter: Enter
    answer: Answer | None = None
    requires: tuple[str, ...] = ()
    targets: Callable[[Step], list[str]] = field(default=lambda step: [])


def _next(step: Step) -> list[str]:
    return [t for t in (step.next, *step.on.values()) if t]


# -- ask ---------------------------------------------------------------------------------------


def choices(ctx: Context, step: Step) -> list[Choice]:
    shown: list[Choice] = []
    for spec in step.buttons:
        if not holds(ctx, spec.when):
            continue
        if spec.source is not None:
            goto = spec.goto or step.next
            shown.extend(replace(choice, goto=goto) for choice in SOURCES[spec.source](ctx))
        elif spec.label is not None and spec.value is not None:
            shown.append(Choice(ctx.text(spec.label), spec.value, spec.goto, dict(spec.assign)))
    return shown


def buttons(ctx: Context, step: Step) -> tuple[Button, ...]:
    """Before consent nothing is stored, so what must survive (a deep-link region) rides along
    in the button value."""
    carry = ""
    if ctx.consent_at is None and ctx.answers:
        carry = BUTTON_STATE + "&".join(f"{k}={v}" for k, v in sorted(ctx.answers.items()) if v)
    return tuple(Button(c.label, c.value + carry, ctx.step or "") for c in choices(ctx, step))


def prompt(ctx: Context, step: Step, key: str | None = None) -> None:
    ctx.say(key or step.text or "", buttons(ctx, step))


def pick(ctx: Context, step: Step, message: Message) -> Choice | None:
    """The button the message means: a pressed one, or typed text equal to a label or value."""
    shown = choices(ctx, step)
    if message.kind == "button":
        value, _, carried = message.text.partition(BUTTON_STATE)
        if message.step not in (None, ctx.step or ctx.flow.start):
            return None
        if ctx.consent_at is None:
            _restore(ctx, carried)
        return next((c for c in shown if c.value == value), None)
    return typed_choice(fold(message.text), shown)


def typed_choice(typed: str, shown: list[Choice]) -> Choice | None:
    """Typed text that clearly means one button: its label or value, the start of exactly one
    label, or a label with a small typo."""
    if not typed:
        return None
    exact = [c for c in shown if typed in (fold(c.label), fold(c.value))]
    if exact:
        return exact[0]
    starts = [c for c in shown if fold(c.label).startswith(typed + " ")]
    if len(starts) == 1:
        return starts[0]
    if len(typed) < 4:
        return None
    labels = [fold(c.label) for c in shown]
    best = process.extractOne(typed, labels, scorer=fuzz.ratio, score_cutoff=85)
    return shown[best[2]] if best else None


def _restore(ctx: Context, carried: str) -> None:
    for pair in carried.split("&"):
        key, _, value = pair.partition("=")
        if key in CARRIED and value:
            ctx.answers[key] = value


def _choose(ctx: Context, step: Step, choice: Choice) -> str | None:
    ctx.answers.update(choice.assign)
    if step.save:
        ctx.answers[step.save] = choice.value
    return choice.goto or step.next


def _answer_ask(ctx: Context, step: Step, message: Message) -> str | None:
    choice = pick(ctx, step, message)
    if choice is not None:
        return _choose(ctx, step, choice)
    if message.kind == "button":
        ctx.say(ctx.flow.fallbacks.stale_button)
        prompt(ctx, step)
        return None
    if message.kind in ("text", "location") and step.understand:
        understood = UNDERSTANDERS[step.understand](ctx, message)
        target = step.on.get(understood.outcome)
        if target is None and understood.outcome == OK:
            target = step.next
        if target:
            ctx.answers.update(understood.values)
            return target
    return _retry(ctx, step)


def _retry(ctx: Context, step: Step) -> str | None:
    ctx.attempts += 1
    if step.on_fail and step.max_attempts and ctx.attempts >= step.max_attempts:
        return step.on_fail
    prompt(ctx, step, step.retry or ctx.flow.fallbacks.choose_button)
    return None


def _ask_targets(step: Step) -> list[str]:
    return [*_next(step), *(b.goto for b in step.buttons if b.goto), *filter(None, [step.on_fail])]


# -- automatic steps ---------------------------------------------------------------------------


def _enter_say(ctx: Context, step: Step) -> str | None:
    for key in (*step.say, *filter(None, [step.text])):
        ctx.say(key)
    return step.next


def _enter_set(ctx: Context, step: Step) -> str | None:
    if "*" in step.clear:
        ctx.answers.clear()
    for key in step.clear:
        ctx.answers.pop(key, None)
    ctx.answers.update(step.assign)
    return step.next


def _enter_branch(ctx: Context, step: Step) -> str | None:
    return next((case.goto for case in step.cases if holds(ctx, case.when)), step.next)


def _enter_action(ctx: Context, step: Step) -> str | None:
    outcome = ACTIONS[step.action or ""](ctx)
    return step.on.get(outcome, step.next)


def _enter_ask(ctx: Context, step: Step) -> None:
    """An ask step speaks its question and waits for the user."""
    prompt(ctx, step)


STEP_TYPES: dict[str, StepType] = {
    "ask": StepType(_enter_ask, _answer_ask, ("text",), _ask_targets),
    "say": StepType(_enter_say, requires=("next",), targets=_next),
    "set": StepType(_enter_set, requires=("next",), targets=_next),
    "branch": StepType(
        _enter_branch, requires=("next",), targets=lambda s: [*_next(s), *(c.goto for c in s.cases)]
    ),
    "action": StepType(_enter_action, requires=("action", "next"), targets=_next),
}
