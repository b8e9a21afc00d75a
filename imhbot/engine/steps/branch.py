"""`branch`: goes to the first case whose `when` holds, else to `next`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from imhbot.engine.conditions import holds
from imhbot.engine.flow import Condition, Frozen
from imhbot.engine.steps.base import Reference, StepType, Target, condition_tests

if TYPE_CHECKING:
    from imhbot.engine.context import Context


class Case(Frozen):
    when: Condition
    goto: str


class Branch(StepType):
    type: Literal["branch"]
    cases: tuple[Case, ...] = ()
    next: str | None = None

    requires: ClassVar[tuple[str, ...]] = ("next",)

    def enter(self, ctx: Context) -> str | None:
        return next((case.goto for case in self.cases if holds(ctx, case.when)), self.next)

    def targets(self) -> Iterator[Target]:
        if self.next:
            yield Target(("next",), self.next)
        for index, case in enumerate(self.cases):
            yield Target(("cases", index, "goto"), case.goto)

    def references(self) -> Iterator[Reference]:
        for case in self.cases:
            yield from condition_tests(case.when)
