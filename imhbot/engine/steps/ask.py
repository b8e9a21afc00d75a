"""`ask`: asks a question (`text`) with buttons and/or free text (`understand`), and waits.

An answer goes to the pressed button's `goto`, or to `on[outcome]` of what the text was
understood as, or to `next`. An answer that is not understood gets `retry` (or the flow's
fallback) and the buttons again; after `max_attempts` it goes to `on_fail`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import ClassVar, Literal

from pydantic import Field, model_validator
from rapidfuzz import fuzz, process

from imhbot.engine.answers import CARRIED
from imhbot.engine.buttons import SOURCES
from imhbot.engine.conditions import holds
from imhbot.engine.context import Choice, Context
from imhbot.engine.flow import Condition, Frozen
from imhbot.engine.model import Button, Message, Scalar
from imhbot.engine.saying import said_by
from imhbot.engine.steps.base import (
    Reference,
    StepType,
    Target,
    TextUse,
    condition_tests,
    onward,
)
from imhbot.engine.understanders import (
    BUTTONS_WITHIN,
    KEEPS_ANY_TEXT,
    OK,
    TAKES_LOCATION,
    UNDERSTANDERS,
    Understood,
)
from imhbot.nlu.normalizing import fold

BUTTON_STATE = "|"


class ButtonSpec(Frozen):
    """A button (`label` is a text key), or with `from:` the buttons of a registered source."""

    label: str | None = None
    value: str | None = None
    source: str | None = Field(default=None, alias="from")
    goto: str | None = None
    assign: Mapping[str, Scalar] = Field(default_factory=dict, alias="set")
    when: Condition | None = None
    hidden: bool = False
    """Never shown (so never pressed): chosen only when its label or words are typed, such as
    a profession named in answer to the role question."""

    @model_validator(mode="after")
    def _button_or_source(self) -> ButtonSpec:
        if (self.source is None) == (self.label is None or self.value is None):
            raise ValueError("geef een knop met 'label' en 'value', of 'from' met een knoppenbron")
        return self


class Ask(StepType):
    type: Literal["ask"]
    text: str | None = None
    buttons: tuple[ButtonSpec, ...] = ()
    understand: str | None = None
    save: str | None = None
    """The answer to keep the pressed button's value under."""
    retry: str | None = None
    max_attempts: int = Field(default=0, ge=0)
    on_fail: str | None = None
    on: Mapping[str, str] = Field(default_factory=dict)
    next: str | None = None

    requires: ClassVar[tuple[str, ...]] = ("text",)

    def enter(self, ctx: Context) -> None:
        """Speaks the question and waits for the user."""
        prompt(ctx, self)

    def answer(self, ctx: Context, message: Message) -> str | None:
        """A pressed button, or its exact words typed; else what the step understands for
        certain; else a button that the text looks like; else the understander's outcome."""
        if message.kind == "button":
            choice = pick(ctx, self, message)
            if choice is not None:
                return self._choose(ctx, choice)
            ctx.say(ctx.flow.fallbacks.stale_button)
            prompt(ctx, self)
            return None
        shown, typed = choices(ctx, self), fold(message.text)
        choice = exact_choice(typed, shown)
        if choice is not None:
            return self._choose(ctx, choice)
        understood = self._understand(ctx, message)
        if understood is not None and understood.certain and self._target(understood):
            return self._take(ctx, understood)
        choice = loose_choice(ctx, typed, shown, within=self.buttons_within())
        if choice is not None:
            if understood is not None and self.understand in BUTTONS_WITHIN:
                self._keep(ctx, understood)
            return self._choose(ctx, choice)
        if understood is not None and self._target(understood):
            return self._take(ctx, understood)
        return self._retry(ctx)

    def _understand(self, ctx: Context, message: Message) -> Understood | None:
        if message.kind not in ("text", "location") or not self.understand:
            return None
        return UNDERSTANDERS[self.understand](ctx, message)

    def _target(self, understood: Understood) -> str | None:
        target = self.on.get(understood.outcome)
        if target is None and understood.outcome == OK:
            target = self.next
        return target

    def _take(self, ctx: Context, understood: Understood) -> str | None:
        ctx.answers.update(understood.values)
        ctx.transient.update(understood.transient)
        return self._target(understood)

    def ask_again(self, ctx: Context, text: str | None = None) -> None:
        prompt(ctx, self, text)

    def absorb(self, ctx: Context, message: Message) -> None:
        understood = self._understand(ctx, message)
        if understood is not None:
            self._keep(ctx, understood)

    def _keep(self, ctx: Context, understood: Understood) -> None:
        if self._target(understood):
            ctx.answers.update(understood.values)

    def buttons_within(self) -> bool:
        """Whether a button said inside a sentence counts (`BUTTONS_WITHIN`)."""
        return self.understand is None or self.understand in BUTTONS_WITHIN

    def picks(self, ctx: Context, message: Message) -> bool:
        return pick(ctx, self, message) is not None

    def takes_location(self) -> bool:
        return self.understand in TAKES_LOCATION

    def keeps_any_text(self) -> bool:
        return self.understand in KEEPS_ANY_TEXT

    def _choose(self, ctx: Context, choice: Choice) -> str | None:
        ctx.answers.update(choice.assign)
        if self.save:
            ctx.answers[self.save] = choice.value
        return choice.goto or self.next

    def _retry(self, ctx: Context) -> str | None:
        ctx.attempts += 1
        if self.on_fail and self.max_attempts and ctx.attempts >= self.max_attempts:
            return self.on_fail
        prompt(ctx, self, self.retry or ctx.flow.fallbacks.choose_button)
        return None

    def texts(self) -> Iterator[TextUse]:
        for field in ("text", "retry"):
            key = getattr(self, field)
            if key:
                yield TextUse((field,), key)
        for index, button in enumerate(self.buttons):
            if button.label:
                yield TextUse(("buttons", index, "label"), button.label, label=True)

    def targets(self) -> Iterator[Target]:
        yield from onward(self.next, self.on)
        for index, button in enumerate(self.buttons):
            if button.goto:
                yield Target(("buttons", index, "goto"), button.goto)
        if self.on_fail:
            yield Target(("on_fail",), self.on_fail)

    def references(self) -> Iterator[Reference]:
        if self.understand:
            yield Reference(("understand",), "understand", self.understand, UNDERSTANDERS)
        for index, button in enumerate(self.buttons):
            if button.source:
                yield Reference(("buttons", index, "from"), "from", button.source, SOURCES)
        for button in self.buttons:
            yield from condition_tests(button.when)


def choices(ctx: Context, step: Ask) -> list[Choice]:
    shown: list[Choice] = []
    for spec in step.buttons:
        if not holds(ctx, spec.when):
            continue
        if spec.source is not None:
            goto = spec.goto or step.next
            shown.extend(replace(choice, goto=goto) for choice in SOURCES[spec.source](ctx))
        elif spec.label is not None and spec.value is not None:
            words = ctx.knowledge.content.button_words.get(spec.label, ())
            label = ctx.text(spec.label)
            shown.append(
                Choice(label, spec.value, spec.goto, dict(spec.assign), words, spec.hidden)
            )
    return shown


def buttons(ctx: Context, step: Ask) -> tuple[Button, ...]:
    """Before consent nothing is stored, so what must survive (a deep-link region) rides along
    in the button value; the parent's own words never do."""
    carry = ""
    if ctx.consent_at is None:
        carried = sorted((k, v) for k, v in ctx.answers.items() if k in CARRIED and v)
        carry = BUTTON_STATE + "&".join(f"{k}={v}" for k, v in carried) if carried else ""
    shown = (c for c in choices(ctx, step) if not c.hidden)
    return tuple(Button(c.label, c.value + carry, ctx.step or "") for c in shown)


def prompt(ctx: Context, step: Ask, key: str | None = None) -> None:
    ctx.say(key or step.text or "", buttons(ctx, step))


def pick(ctx: Context, step: Ask, message: Message) -> Choice | None:
    """The button the message means: a pressed one, or typed text equal to a label or value,
    or that looks like one (`loose_choice`)."""
    shown = choices(ctx, step)
    if message.kind == "button":
        value, _, carried = message.text.partition(BUTTON_STATE)
        if message.step not in (None, ctx.step or ctx.flow.start):
            return None
        if ctx.consent_at is None:
            _restore(ctx, carried)
        return next((c for c in shown if c.value == value and not c.hidden), None)
    typed = fold(message.text)
    exact = exact_choice(typed, shown)
    return exact or loose_choice(ctx, typed, shown, within=step.buttons_within())


def exact_choice(typed: str, shown: list[Choice]) -> Choice | None:
    """Typed text that is a button's label or value."""
    return next((c for c in shown if typed and typed in (fold(c.label), fold(c.value))), None)


def loose_choice(ctx: Context, typed: str, shown: list[Choice], *, within: bool) -> Choice | None:
    """Typed text that looks like one button: the start of exactly one label, a label with a
    small typo, or what people say for it (`Choice.words`): the whole text, with a small
    typo, or (`within`) inside a sentence without a negation beside it."""
    if not typed:
        return None
    starts = [c for c in shown if fold(c.label).startswith(typed + " ")]
    if len(starts) == 1:
        return starts[0]
    negations = ctx.knowledge.content.answer_negations
    said = said_by(typed, [c.words for c in shown], within=within, negations=negations)
    if said is not None:
        return shown[said]
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
