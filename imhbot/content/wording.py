"""How a text is filled in, so that editors control the grammar around a field.

A number and its noun: editors write the word for one and the word for more beside the
number, as `{weeks} {weeks|week|weken}`: "1 week", "3 weken", "0 weken". The plural form
names the number it goes with, so it can stand anywhere after it ("nog {count} andere
{count|fout|fouten}").

A label inside a sentence: button labels start with a capital ("Hoe het met jou gaat"); in a
sentence the first letter is lower case ("over hoe het met jou gaat"), unless the first word
is an abbreviation ("IMH en het netwerk": its second letter is a capital too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_BAR = re.compile(r"\{([^{}]*\|[^{}]*)\}")
"""Anything between braces with a bar in it is meant as a plural form."""
_NAME = re.compile(r"[A-Za-z_]\w*")


def fill(template: str, fields: Mapping[str, Any]) -> str:
    """`template` with its plural forms chosen and its `{fields}` filled in; a field that is
    not given stays as it is written (`{name}`), a plural form of an unknown number too."""
    return _choose_plurals(template, fields).format_map(_Fields(fields))


def _choose_plurals(template: str, fields: Mapping[str, Any]) -> str:
    def choose(match: re.Match[str]) -> str:
        form = _plural_form(match.group(1))
        if form is None or form[0] not in fields:
            return "{" + match.group(0) + "}"  # doubled braces: str.format leaves it as written
        name, one, other = form
        return one if is_one(fields[name]) else other

    return _BAR.sub(choose, template)


def _plural_form(inside: str) -> tuple[str, str, str] | None:
    parts = [part.strip() for part in inside.split("|")]
    if len(parts) != 3 or not _NAME.fullmatch(parts[0]) or not all(parts[1:]):
        return None
    return parts[0], parts[1], parts[2]


def is_one(value: Any) -> bool:
    """Whether a number takes the singular in Dutch: 1 (and -1); 0 takes the plural."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) == 1
    return isinstance(value, str) and value.strip().lstrip("-") == "1"


def plural_problems(template: str) -> list[tuple[str, str]]:
    """What is wrong with the plural forms of one text, in Dutch: (what, what to do)."""
    problems = []
    plain = {match.group(1) for match in re.finditer(r"\{(\w+)\}", template)}
    for match in _BAR.finditer(template):
        written, form = match.group(0), _plural_form(match.group(1))
        if form is None:
            problems.append(
                (
                    f"meervoudsvorm '{written}' klopt niet",
                    "schrijf {getal|enkelvoud|meervoud}, bijvoorbeeld {weeks|week|weken}:"
                    " de naam van het getal, het woord bij 1 en het woord bij meer, met | ertussen",
                )
            )
        elif form[0] not in plain:
            named = " of ".join(f"{{{name}}}" for name in sorted(plain))
            problems.append(
                (
                    f"meervoudsvorm '{written}' hoort bij het getal {{{form[0]}}}, maar dat staat"
                    " niet in deze tekst",
                    f"zet de naam van het getal uit deze tekst vooraan ({named})"
                    if plain
                    else "zet het getal ervoor, zoals {weeks} {weeks|week|weken}",
                )
            )
    return problems


def in_sentence(label: str) -> str:
    """A button label as it reads inside a sentence: its first letter in lower case, unless
    the first word is an abbreviation (its second letter is a capital: "IMH", "JGZ")."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return label
    return label[:1].lower() + label[1:]


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
