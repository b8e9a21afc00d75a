"""Reading YAML files into models while collecting every problem instead of stopping at one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imhbot.content.explain import explain
from imhbot.content.syntax import Syntax
from imhbot.content.yamlfile import (
    ContentError,
    Position,
    Problem,
    Severity,
    position_of,
    read_yaml,
)

Model = TypeVar("Model", bound=BaseModel)


class Reader:
    """Remembers where each item it read came from, so later checks can point at its lines.
    With a `syntax`, the phrases of the models it reads are checked too."""

    def __init__(self, root: Path, syntax: Syntax | None = None) -> None:
        self.root = root
        self.context = None if syntax is None else syntax.context()
        self.problems: list[Problem] = []
        self.origins: dict[int, tuple[Path, Any]] = {}
        self.documents: dict[Path, Any] = {}

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def mapping(self, path: Path) -> Mapping[str, Any] | None:
        try:
            data = read_yaml(path)
        except ContentError as error:
            self.problems.extend(error.problems)
            return None
        if data is None:
            data = {}
        self.documents[path] = data
        if not isinstance(data, dict):
            self.fail(path, Position(1, 1), "het bestand moet sleutels met waarden bevatten")
            return None
        return data

    def model(self, path: Path, kind: type[Model], data: Any) -> Model | None:
        try:
            return kind.model_validate(data, context=self.context)
        except ValidationError as error:
            for item in error.errors():
                what, hint = explain(kind, item)
                at = position_of(data, item["loc"])
                self.fail(path, at, what, hint)
            return None

    def whole(self, path: Path, kind: type[Model]) -> Model | None:
        """A file that is one `kind` as a whole."""
        data = self.mapping(path)
        return None if data is None else self.model(path, kind, data)

    def items(self, path: Path, key: str, kind: type[Model]) -> list[Model]:
        data = self.mapping(path)
        if data is None:
            return []
        raw = data.get(key)
        if not isinstance(raw, list):
            self.fail(
                path,
                position_of(data, (key,)),
                f"verwacht een lijst onder '{key}:'",
                f"schrijf '{key}:' met daaronder items die met '- ' beginnen",
            )
            return []
        found: list[Model] = []
        for entry in raw:
            item = self.model(path, kind, entry)
            if item is not None:
                self.origins[id(item)] = (path, entry)
                found.append(item)
        return found

    def files(self, folder: str) -> list[Path]:
        found = sorted((self.root / folder).glob("*.yaml"))
        if not found:
            self.fail(
                self.root / folder,
                Position(),
                "geen .yaml-bestanden gevonden",
                "zet er minstens één bestand in",
            )
        return found

    def fail(
        self,
        path: Path,
        where: Position,
        message: str,
        hint: str = "",
        severity: Severity = "error",
    ) -> None:
        self.problems.append(Problem.at(path, where, message, hint, severity))

    def fail_at(
        self,
        item: object,
        location: Sequence[int | str],
        message: str,
        hint: str = "",
        severity: Severity = "error",
    ) -> None:
        """A problem with a part of an item read by `items`, at that part's line and column."""
        path, entry = self.where(item)
        self.fail(path, position_of(entry, location), message, hint, severity)

    def where(self, item: object) -> tuple[Path, Any]:
        return self.origins.get(id(item), (self.root, None))
