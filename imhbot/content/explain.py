"""Pydantic's validation errors told in Dutch, for editors: what is wrong and what to do."""

from __future__ import annotations

import difflib
import types
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

_MAPPING = ("'{field}' moet sleutels met waarden hebben", "schrijf sleutel: waarde")

# Pydantic error types -> (what is wrong, what to do); {field} and the error's ctx fill them in.
_GROUPS: dict[tuple[str, ...], tuple[str, str]] = {
    ("missing",): ("'{field}' ontbreekt", "voeg '{key}:' toe met een waarde"),
    ("int_parsing", "int_type", "int_from_float"): (
        "'{field}' moet een geheel getal zijn",
        "schrijf een getal zonder punt of komma",
    ),
    ("float_parsing", "float_type"): ("'{field}' moet een getal zijn", "schrijf bijvoorbeeld 52.2"),
    ("string_type",): ("'{field}' moet tekst zijn", "zet de tekst tussen aanhalingstekens"),
    ("bool_parsing", "bool_type"): ("'{field}' moet true of false zijn", "schrijf true of false"),
    ("date_type", "date_parsing", "date_from_datetime_parsing"): (
        "'{field}' moet een datum zijn",
        "schrijf de datum als 2026-03-01",
    ),
    ("time_type", "time_parsing"): ("'{field}' moet een tijd zijn", 'schrijf de tijd als "09:00"'),
    ("tuple_type", "list_type"): (
        "'{field}' moet een lijst zijn",
        "schrijf [een, twee] of een lijst met -",
    ),
    ("dict_type", "model_type", "model_attributes_type"): _MAPPING,
    ("too_short",): ("'{field}' is leeg", "geef minstens {min_length} waarde(n)"),
    ("too_long", "string_too_long"): ("'{field}' is te lang", "hooguit {max_length}"),
    ("greater_than_equal",): ("'{field}' is te klein ({input})", "de kleinste waarde is {ge}"),
    ("less_than_equal",): ("'{field}' is te groot ({input})", "de grootste waarde is {le}"),
    ("string_pattern_mismatch",): (
        "'{field}' mag alleen kleine letters, cijfers, - en _ bevatten",
        "schrijf bijvoorbeeld gro-slaapspreekuur",
    ),
    ("enum", "literal_error"): ("'{field}' heeft een onbekende waarde", "kies uit: {expected}"),
}
_MESSAGES = {kind: texts for kinds, texts in _GROUPS.items() for kind in kinds}

_AGE_HINT = "leeftijden in maanden: -12 t/m -10 kinderwens, -9 t/m -1 zwanger, 0 t/m 71 een kind"


def explain(kind: type[BaseModel], error: ErrorDetails) -> tuple[str, str]:
    """(what is wrong, what to do) for one error of validating `kind`."""
    location = error["loc"]
    field = ".".join(str(part) for part in location) or kind.__name__
    if error["type"] == "extra_forbidden":
        return _unknown_key(kind, location)
    if error["type"] == "value_error":
        what, _, hint = error["msg"].removeprefix("Value error, ").partition(" — ")
        return f"{field}: {what}", hint
    found = _MESSAGES.get(error["type"])
    if found is None:
        return f"{field}: {error['msg']}", ""
    fields = {
        "field": field,
        "key": str(location[-1]) if location else field,
        "input": str(error.get("input")),
        **{k: str(v) for k, v in (error.get("ctx") or {}).items()},
    }
    what, hint = (text.format_map(_Blank(fields)) for text in found)
    if "age_months" in location:
        hint = _AGE_HINT
    return what, hint


def _unknown_key(kind: type[BaseModel], location: Sequence[int | str]) -> tuple[str, str]:
    key = str(location[-1])
    model = model_at(kind, location[:-1])
    known = sorted(_names(model)) if model else []
    what = f"onbekende sleutel '{key}'"
    return what, choose(key, known, "", list_up_to=len(known)) if known else "haal hem weg"


def choose(value: str, choices: Sequence[str], otherwise: str, *, list_up_to: int = 20) -> str:
    """What an editor may have meant: the closest name, or the names to choose from when
    there are at most `list_up_to`, or else `otherwise`."""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if close:
        return f"bedoel je '{close[0]}'?"
    if len(choices) <= list_up_to:
        return f"kies uit: {', '.join(sorted(choices))}"
    return otherwise or "kijk in de andere bestanden welke namen er zijn"


def _names(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def model_at(kind: type[BaseModel], location: Sequence[int | str]) -> type[BaseModel] | None:
    """The model that holds the keys at `location`, following fields, lists and mappings."""
    current: Any = kind
    for step in location:
        model = _model(current)
        if model is not None:
            fields = {f.alias or n: f for n, f in model.model_fields.items()}
            field = fields.get(str(step))
            if field is None:
                return None
            current = field.annotation
        else:
            current = _item_type(current)
    return _model(current)


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) in (Annotated, Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    return annotation


def _model(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _item_type(annotation: Any) -> Any:
    """What a tuple, list or mapping holds."""
    args = get_args(_unwrap(annotation))
    origin = get_origin(_unwrap(annotation))
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return args[-1]
    return args[0] if args else None


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"
