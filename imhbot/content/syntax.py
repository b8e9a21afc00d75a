"""The pattern syntax of editors' phrases, as content validation sees it.

Content does not know the pattern language (that is `imhbot.nlu`); it only knows that a
phrase, an exclusion or a frame can be wrong, and says so at the entry that holds it. The
reader passes a `Syntax` to pydantic (`model_validate(data, context=syntax.context())`) and
the validators of `imhbot.content.vocabulary` ask it what is wrong; without one (models built
by hand) phrases are not checked. `imhbot.nlu.syntax.SYNTAX` is the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Problems = Callable[[str, Collection[str] | None], list[str]]
"""What is wrong with one source (in Dutch, empty when fine); set references are checked
only when the set names are given."""

_KEY = "syntax"


@dataclass(frozen=True)
class Syntax:
    patterns: Problems
    exclusions: Problems
    frames: Problems

    def context(self) -> dict[str, Any]:
        """The validation context that carries this syntax to the validators."""
        return {_KEY: self}


def syntax_in(context: Mapping[str, Any] | None) -> Syntax | None:
    """The syntax a validation context carries, or None (no check)."""
    found = None if context is None else context.get(_KEY)
    return found if isinstance(found, Syntax) else None


def check(problems: Problems, values: Iterable[str], set_names: Iterable[str] | None) -> None:
    """Raises ValueError with every problem of `values`, joined by "; "."""
    names = None if set_names is None else tuple(set_names)
    found = [p for value in values for p in problems(value, names)]
    if found:
        raise ValueError("; ".join(found))
