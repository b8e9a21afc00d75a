"""`action`: does something (shows results, hands off, ...) and goes on to `on[outcome]`,
or to `next`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from imhbot.engine.actions import ACTIONS
from imhbot.engine.steps.base import Reference, StepType, Target, onward

if TYPE_CHECKING:
    from imhbot.engine.context import Context


class Action(StepType):
    type: Literal["action"]
    action: str | None = None
    on: Mapping[str, str] = Field(default_factory=dict)
    next: str | None = None

    requires: ClassVar[tuple[str, ...]] = ("action", "next")

    def enter(self, ctx: Context) -> str | None:
        outcome = ACTIONS[self.action or ""](ctx)
        return self.on.get(outcome, self.next)

    def targets(self) -> Iterator[Target]:
        yield from onward(self.next, self.on)

    def references(self) -> Iterator[Reference]:
        if self.action:
            yield Reference(("action",), "action", self.action, ACTIONS)
