"""`set`: sets answers (`set:`) or clears them (`clear:`, `'*'` for all) and goes on to
`next`. (The module is not called `set`: that is Python's.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from imhbot.engine.model import Scalar
from imhbot.engine.steps.base import StepType, Target

if TYPE_CHECKING:
    from imhbot.engine.context import Context

ALL = "*"


class Assign(StepType):
    type: Literal["set"]
    assign: Mapping[str, Scalar] = Field(default_factory=dict, alias="set")
    clear: tuple[str, ...] = ()
    next: str | None = None

    requires: ClassVar[tuple[str, ...]] = ("next",)

    def enter(self, ctx: Context) -> str | None:
        if ALL in self.clear:
            ctx.answers.clear()
        for key in self.clear:
            ctx.answers.pop(key, None)
        ctx.answers.update(self.assign)
        return self.next

    def targets(self) -> Iterator[Target]:
        if self.next:
            yield Target(("next",), self.next)
