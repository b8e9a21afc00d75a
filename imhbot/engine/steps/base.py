"""What every step type says about itself: how the conversation goes through it, and what it
refers to."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from imhbot.engine.conditions import TESTS
from imhbot.engine.flow import Condition, Step

if TYPE_CHECKING:
    from imhbot.engine.context import Context
    from imhbot.engine.model import Message

Loc = tuple[str | int, ...]
"""Where in a step something is written, as pydantic locates it (`("buttons", 0, "label")`)."""


class TextUse(NamedTuple):
    loc: Loc
    key: str
    label: bool = False
    """A button's label: it must fit on a phone."""


class Target(NamedTuple):
    loc: Loc
    step: str


class Reference(NamedTuple):
    """A name looked up in one of the engine's registries (an action, a button source, ...)."""

    loc: Loc
    field: str
    name: str
    known: Collection[str]


class StepType(Step):
    """The base of every step type's model.

    `enter` runs when the conversation gets to the step: it may speak, and returns the next
    step, or None to wait for the user. A step that waits answers the user's next message
    (`answer`: the step to go to, or None to stay).
    """

    requires: ClassVar[tuple[str, ...]] = ()
    """Fields the step type cannot do without (the checker reports a step without them)."""

    def enter(self, ctx: Context) -> str | None:
        raise NotImplementedError

    def answer(self, ctx: Context, message: Message) -> str | None:
        """A step that does not wait leaves a message unanswered."""
        return None

    def ask_again(self, ctx: Context, text: str | None = None) -> None:
        """Show the step's question again (after a command, an interjection or a crisis);
        `text`, a text key, in place of its own."""

    def picks(self, ctx: Context, message: Message) -> bool:
        """Whether `message` is one of the step's buttons: a first message that presses one
        of the start step's buttons is its answer, not a greeting."""
        return False

    def absorb(self, ctx: Context, message: Message) -> None:
        """Keep what `message` says for the step without answering it: a first message that
        is not the start step's answer is greeted, and what it told is not lost."""

    def takes_location(self) -> bool:
        """Whether a shared location answers the step."""
        return False

    def keeps_any_text(self) -> bool:
        """Whether whatever is typed is the answer as it is (the parent's own words)."""
        return False

    def texts(self) -> Iterator[TextUse]:
        return iter(())

    def targets(self) -> Iterator[Target]:
        return iter(())

    def references(self) -> Iterator[Reference]:
        return iter(())


def condition_tests(condition: Condition | None) -> Iterator[Reference]:
    """The tests a `when:` names (reported at the step)."""
    for test in condition or {}:
        yield Reference((), "when", test, TESTS)


def onward(next_step: str | None, on: Mapping[str, str]) -> Iterator[Target]:
    """The steps after `next` and after each outcome in `on`."""
    if next_step:
        yield Target(("next",), next_step)
    for outcome, goto in on.items():
        if goto:
            yield Target(("on", outcome), goto)
