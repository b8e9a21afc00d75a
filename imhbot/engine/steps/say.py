"""`say`: says one or more texts and goes on to `next`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from imhbot.engine.steps.base import StepType, Target, TextUse

if TYPE_CHECKING:
    from imhbot.engine.context import Context


class Say(StepType):
    type: Literal["say"]
    say: tuple[str, ...] = ()
    text: str | None = None
    """Said after `say`."""
    next: str | None = None

    requires: ClassVar[tuple[str, ...]] = ("next",)

    def enter(self, ctx: Context) -> str | None:
        for key in (*self.say, *filter(None, [self.text])):
            ctx.say(key)
        return self.next

    def texts(self) -> Iterator[TextUse]:
        if self.text:
            yield TextUse(("text",), self.text)
        for index, key in enumerate(self.say):
            yield TextUse(("say", index), key)

    def targets(self) -> Iterator[Target]:
        if self.next:
            yield Target(("next",), self.next)
