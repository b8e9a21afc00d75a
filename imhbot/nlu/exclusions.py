"""Exclusions of the crisis detector, with an optional exception.

An exclusion is a pattern of an everyday expression whose words do not count for crisis
signals ("ze huilt zich dood"). Some expressions are everyday only when a child does it:
"ze slaat mij als ze boos is" is a toddler, "mijn man slaat mij als hij boos is" is not.
Such an exclusion names its exception after the word "tenzij" (unless):

    "{slaan} {mij} .. als hij|ze .. boos tenzij mijn {volwassene}"

The exclusion does not hold in a sentence where the exception stands too.
"""

from __future__ import annotations

from collections.abc import Collection

from imhbot.nlu.patterns import pattern_problems

UNLESS = "tenzij"


def exclusion_parts(source: str) -> tuple[str, str | None]:
    """The pattern of an exclusion and its exception (None when it has none)."""
    pattern, separator, unless = source.partition(f" {UNLESS} ")
    if not separator:
        return source, None
    return pattern.strip(), unless.strip()


def exclusion_problems(source: str, set_names: Collection[str] | None = None) -> list[str]:
    """What is wrong with an exclusion, in Dutch, for content validation (empty when fine)."""
    pattern, unless = exclusion_parts(source)
    problems = pattern_problems(pattern, set_names)
    if unless is not None:
        if f" {UNLESS} " in f" {unless} ":
            problems.append(f"'{source}': '{UNLESS}' mag maar één keer in een uitzondering")
        problems.extend(pattern_problems(unless, set_names))
    return problems
