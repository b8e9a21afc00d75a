"""Read `content/` into one frozen, validated `Content`, or fail with every problem found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from imhbot.content import checks
from imhbot.content.models import (
    BUTTONS,
    ButtonWords,
    Content,
    Gemeente,
    Page,
    PlaceFile,
    Provider,
    Region,
    Texts,
)
from imhbot.content.reader import Reader
from imhbot.content.syntax import Syntax
from imhbot.content.vocabulary import Concern, MatchingSettings, Safety
from imhbot.content.yamlfile import ContentError, Position, Problem, position_of

_DISCIPLINES = TypeAdapter(tuple[str, ...])


@dataclass(frozen=True)
class TextPlaces:
    """Where each text key stands in texts.nl.yaml."""

    path: Path
    positions: Mapping[str, Position]


@dataclass(frozen=True)
class ContentReading:
    """What `read_content` found: the content when it has no errors, and every problem
    (warnings too)."""

    content: Content | None
    problems: list[Problem]
    texts: TextPlaces


def load_content(root: Path, *, syntax: Syntax | None) -> Content:
    reading = read_content(root, syntax=syntax)
    if reading.content is None:
        raise ContentError(reading.problems)
    return reading.content


def read_content(
    root: Path, *, syntax: Syntax | None, today: dt.date | None = None
) -> ContentReading:
    """`syntax`: how the phrases of concerns, matching and safety are checked
    (`imhbot.nlu.syntax.SYNTAX`); None leaves them unchecked."""
    reader = Reader(root, syntax)
    texts_path = root / "texts.nl.yaml"
    texts = _load_texts(reader, texts_path)
    concerns = reader.items(root / "concerns.yaml", "concerns", Concern)
    matching = reader.whole(root / "matching.yaml", MatchingSettings)
    safety = reader.whole(root / "safety.yaml", Safety)
    disciplines = _load_disciplines(reader, root / "disciplines.yaml")
    regions = reader.items(root / "regions.yaml", "regions", Region)
    places, gemeenten = _load_places(reader)
    providers = [
        p for path in reader.files("providers") for p in reader.items(path, "providers", Provider)
    ]
    pages = [p for path in reader.files("pages") for p in reader.items(path, "pages", Page)]
    words_path = root / "answers.nl.yaml"
    words = reader.whole(words_path, ButtonWords) if words_path.exists() else ButtonWords()
    said = words or ButtonWords()
    positions = TextPlaces(texts_path, _text_positions(reader.documents.get(texts_path), texts))
    if reader.has_errors or texts is None or matching is None or safety is None:
        return ContentReading(None, reader.problems, positions)
    checks.check_texts(reader, dict(texts.entries))
    if words is not None:
        checks.check_button_words(reader, words_path, words, texts)
    checks.check_concerns(reader, concerns)
    checks.check_regions(reader, regions)
    checks.check_places(reader, regions, places, gemeenten)
    today = today or dt.date.today()
    checks.check_providers(reader, providers, regions, gemeenten, disciplines, today)
    checks.check_pages(reader, pages, texts)
    if reader.has_errors:
        return ContentReading(None, reader.problems, positions)
    content = Content(
        texts=texts,
        concerns=tuple(concerns),
        matching=matching,
        safety=safety,
        regions=tuple(regions),
        gemeenten=tuple(gemeenten),
        providers=tuple(providers),
        pages=tuple(pages),
        button_words={f"{BUTTONS}.{key}": words for key, words in said.buttons.items()},
        command_words=said.commands,
        answer_negations=said.negations,
        taken_back=said.taken_back,
        safety_check=said.safety_check,
    )
    checks.check_coverage(reader, content)
    return ContentReading(content, reader.problems, positions)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _load_texts(reader: Reader, path: Path) -> Texts | None:
    data = reader.mapping(path)
    if data is None:
        return None
    flat = _flatten(data)
    for key, value in flat.items():
        if not isinstance(value, str):
            reader.fail(
                path,
                position_of(data, key.split(".")),
                f"tekst '{key}' moet een zin zijn",
                "zet de tekst tussen aanhalingstekens",
            )
    return Texts(entries={k: v for k, v in flat.items() if isinstance(v, str)})


def _text_positions(data: Any, texts: Texts | None) -> dict[str, Position]:
    if texts is None:
        return {}
    return {key: position_of(data, key.split(".")) for key in texts.entries}


def _load_disciplines(reader: Reader, path: Path) -> tuple[str, ...]:
    data = reader.mapping(path)
    if data is None:
        return ()
    try:
        return _DISCIPLINES.validate_python(data.get("disciplines"))
    except ValidationError:
        reader.fail(
            path,
            position_of(data, ("disciplines",)),
            "verwacht een lijst met namen onder 'disciplines:'",
            "schrijf 'disciplines:' met daaronder regels die met '- ' beginnen",
        )
        return ()


def _load_places(reader: Reader) -> tuple[list[PlaceFile], list[Gemeente]]:
    places: list[PlaceFile] = []
    gemeenten: list[Gemeente] = []
    for path in reader.files("places"):
        data = reader.mapping(path)
        place = None if data is None else reader.model(path, PlaceFile, data)
        if place is None or data is None:
            continue
        reader.origins[id(place)] = (path, data)
        places.append(place)
        for gemeente, entry in zip(place.gemeenten, data["gemeenten"], strict=True):
            placed = gemeente.model_copy(update={"region": place.region})
            reader.origins[id(placed)] = (path, entry)
            gemeenten.append(placed)
    return places, gemeenten
