"""Answer tests for `when:` in flows. A condition maps test names to arguments; all must hold."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from imhbot.engine.answers import AGE_MIN, CONCERN, FOUND, REGION, SHOWN
from imhbot.engine.context import Context
from imhbot.engine.model import guesses_in

Test = Callable[[Context, Any], bool]


def _equals(ctx: Context, expected: Mapping[str, Any]) -> bool:
    return all(ctx.answers.get(key) == value for key, value in expected.items())


def _present(ctx: Context, key: str) -> bool:
    return ctx.answers.get(key) not in (None, "")


def _missing(ctx: Context, key: str) -> bool:
    return not _present(ctx, key)


def _age_over(ctx: Context, months: int) -> bool:
    low = ctx.answers.get(AGE_MIN)
    return isinstance(low, int) and low > months


def _consented(ctx: Context, expected: bool) -> bool:
    return (ctx.consent_at is not None) == expected


def _resuming(ctx: Context, expected: bool) -> bool:
    """A detour command (such as /coordinator) left a step to go back to."""
    return (ctx.resume is not None) == expected


def _more_results(ctx: Context, expected: bool) -> bool:
    shown = ctx.answers.get(SHOWN)
    total = ctx.answers.get(FOUND)
    more = isinstance(shown, int) and isinstance(total, int) and shown < total
    return more == expected


def _coordinator(ctx: Context, expected: bool) -> bool:
    """Some coordinators take this parent: their region's, or the default region's."""
    found = ctx.knowledge.content.coordinators_for(ctx.answers.get(REGION)) is not None
    return found == expected


def _other_guesses(ctx: Context, expected: bool) -> bool:
    """The matcher had another concern in mind than the one the parent turned down."""
    known = {c.id for c in ctx.knowledge.content.concerns}
    current = ctx.answers.get(CONCERN)
    others = [g for g in guesses_in(ctx.answers) if g.id in known and g.id != current]
    return bool(others) == expected


def _signal(ctx: Context, expected: Mapping[str, Any]) -> bool:
    """What the service told of the signal being handled (`closed`: the ticket's `reason`,
    and whether a coordinator `wrote` to the parent); false for a message of the parent's."""
    about = ctx.message.about
    return all(about.get(key) == value for key, value in expected.items())


TESTS: dict[str, Test] = {
    "coordinator": _coordinator,
    "equals": _equals,
    "present": _present,
    "missing": _missing,
    "age_over": _age_over,
    "consented": _consented,
    "more_results": _more_results,
    "resuming": _resuming,
    "other_guesses": _other_guesses,
    "signal": _signal,
}


def holds(ctx: Context, condition: Mapping[str, Any] | None) -> bool:
    if not condition:
        return True
    return all(TESTS[name](ctx, argument) for name, argument in condition.items())
