"""Read `content/` into one frozen, validated `Content`, or fail with every problem found."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.models import (
    Content,
    Gemeente,
    Page,
    PlaceFile,
    Provider,
    Region,
    Texts,
)
from imhbot.content.vocabulary import Concern, MatchingSettings, Safety
from imhbot.content.yamlfile import ContentError, Problem, line_of, read_yaml

Model = TypeVar("Model", bound=BaseModel)


class _Reader:
    """Collects problems across files instead of stopping at the first one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.origins: dict[int, tuple[Path, Any]] = {}

    def mapping(self, path: Path) -> Mapping[str, Any] | None:
        try:
            data = read_yaml(path)
        except ContentError as error:
            self.problems.extend(error.problems)
            return None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problems.append(Problem(path, 1, "het bestand moet sleutels met waarden bevatten"))
            return None
        return data

    def model(
        self, path: Path, kind: type[Model], data: Any, where: Sequence[int | str] = ()
    ) -> Model | None:
        try:
            return kind.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                loc = (*where, *item["loc"])
                self.problems.append(
                    Problem(path, line_of(self._root_data, loc), _explain(loc, item["msg"]))
                )
            return None

    def items(self, path: Path, key: str, kind: type[Model]) -> list[Model]:
        data = self.mapping(path)
        if data is None:
            return []
        self._root_data = data
        raw = data.get(key)
        if not isinstance(raw, list):
            self.problems.append(Problem(path, 1, f"verwacht een lijst onder '{key}:'"))
            return []
        found: list[Model] = []
        for index, entry in enumerate(raw):
            item = self.model(path, kind, entry, (key, index))
            if item is not None:
                self.origins[id(item)] = (path, entry)
                found.append(item)
        return found

    def files(self, folder: str) -> list[Path]:
        found = sorted((self.root / folder).glob("*.yaml"))
        if not found:
            self.problems.append(Problem(self.root / folder, None, "geen .yaml-bestanden gevonden"))
        return found

    def fail(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def fail_at(self, item: object, field: str, message: str) -> None:
        """A problem with one field of an item read by `items`, at that field's line."""
        path, entry = self.origins.get(id(item), (self.root, None))
        self.fail(path, line_of(entry, (field,)), message)

    _root_data: Any = None


def _explain(location: Sequence[int | str], message: str) -> str:
    where = ".".join(str(part) for part in location)
    return f"{where}: {message}"


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def load_content(root: Path) -> Content:
    reader = _Reader(root)
    texts = _load_texts(reader, root / "texts.nl.yaml")
    concerns = reader.items(root / "concerns.yaml", "concerns", Concern)
    matching = _load_single(reader, root / "matching.yaml", MatchingSettings)
    safety = _load_single(reader, root / "safety.yaml", Safety)
    regions = reader.items(root / "regions.yaml", "regions", Region)
    gemeenten = _load_places(reader)
    providers = [
        p for path in reader.files("providers") for p in reader.items(path, "providers", Provider)
    ]
    pages = [p for path in reader.files("pages") for p in reader.items(path, "pages", Page)]
    if reader.problems or texts is None or matching is None or safety is None:
        raise ContentError(reader.problems)
    _cross_check(reader, concerns, regions, gemeenten, providers, pages)
    if reader.problems:
        raise ContentError(reader.problems)
    return Content(
        texts=texts,
        concerns=tuple(concerns),
        matching=matching,
        safety=safety,
        regions=tuple(regions),
        gemeenten=tuple(gemeenten),
        providers=tuple(providers),
        pages=tuple(pages),
    )


def _load_texts(reader: _Reader, path: Path) -> Texts | None:
    data = reader.mapping(path)
    if data is None:
        return None
    flat = _flatten(data)
    for key, value in flat.items():
        if not isinstance(value, str):
            reader.fail(
                path,
                line_of(data, key.split(".")),
                f"tekst '{key}' moet een zin zijn (tussen aanhalingstekens)",
            )
    return Texts(entries={k: v for k, v in flat.items() if isinstance(v, str)})


def _load_single(reader: _Reader, path: Path, kind: type[Model]) -> Model | None:
    data = reader.mapping(path)
    if data is None:
        return None
    reader._root_data = data
    return reader.model(path, kind, data)


def _load_places(reader: _Reader) -> list[Gemeente]:
    gemeenten: list[Gemeente] = []
    for path in reader.files("places"):
        data = reader.mapping(path)
        if data is None:
            continue
        reader._root_data = data
        place_file = reader.model(path, PlaceFile, data)
        if place_file is not None:
            gemeenten.extend(
                g.model_copy(update={"region": place_file.region}) for g in place_file.gemeenten
            )
    return gemeenten


def _cross_check(
    reader: _Reader,
    concerns: Sequence[Concern],
    regions: Sequence[Region],
    gemeenten: Sequence[Gemeente],
    providers: Sequence[Provider],
    pages: Sequence[Page],
) -> None:
    root = reader.root
    concern_ids = [c.id for c in concerns]
    if sorted(concern_ids) != sorted(CONCERN_IDS):
        missing = sorted(set(CONCERN_IDS) - set(concern_ids))
        extra = sorted(set(concern_ids) - set(CONCERN_IDS))
        reader.fail(
            root / "concerns.yaml",
            None,
            f"de zorgen moeten precies de vaste ids zijn; ontbreekt: {missing or '-'}, onbekend: {extra or '-'}",
        )
    region_ids = {r.id for r in regions}
    gemeente_names = {g.name for g in gemeenten if g.region}
    for gemeente in gemeenten:
        if gemeente.region and gemeente.region not in region_ids:
            reader.fail(
                root / "places",
                None,
                f"gemeente {gemeente.name}: onbekende regio '{gemeente.region}'",
            )
    _unique(reader, "aanbieder", [(p.id, p) for p in providers])
    _unique(reader, "pagina", [(p.id, p) for p in pages])
    _unique(reader, "regio", [(r.id, r) for r in regions])
    defaults = [r.id for r in regions if r.default]
    if len(defaults) > 1:
        reader.fail(
            root / "regions.yaml",
            None,
            f"alleen één regio mag 'default: true' hebben, nu: {', '.join(defaults)}",
        )
    _unique(reader, "gemeente", [(g.name, g) for g in gemeenten])
    for provider in providers:
        _known(reader, provider, "concerns", "zorg", provider.concerns, set(CONCERN_IDS))
        _known(reader, provider, "gemeenten", "gemeente", provider.gemeenten, gemeente_names)
        if provider.region:
            _known(reader, provider, "region", "regio", [provider.region], region_ids)
    for page in pages:
        _known(reader, page, "concerns", "zorg", page.concerns, set(CONCERN_IDS))


def _unique(reader: _Reader, what: str, items: Sequence[tuple[str, object]]) -> None:
    counts = Counter(name for name, _ in items)
    seen: set[str] = set()
    for name, item in items:
        if counts[name] > 1 and name in seen:
            message = f"{what} '{name}' staat er {counts[name]} keer in; elke id mag maar één keer voorkomen"
            reader.fail_at(item, "id", message)
        seen.add(name)


def _known(
    reader: _Reader, item: object, field: str, what: str, values: Iterable[str], known: set[str]
) -> None:
    name = getattr(item, "id", "")
    for value in values:
        if value not in known:
            hint = ", ".join(sorted(known)) if len(known) <= 20 else "zie de andere bestanden"
            message = f"'{name}': onbekende {what} '{value}'. Kies uit: {hint}"
            reader.fail_at(item, field, message)
