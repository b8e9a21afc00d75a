"""YAML reading that remembers line numbers, so errors can point editors at the right line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode


class ContentError(Exception):
    """Problems in content or flow files that stop them from loading (warnings may ride along)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted_problems(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


Severity = Literal["error", "warning"]


class Position(NamedTuple):
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Problem:
    """One thing an editor should fix: where, what is wrong, and what to do about it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    column: int | None = None
    severity: Severity = "error"

    @classmethod
    def at(
        cls,
        path: Path | str,
        where: Position,
        message: str,
        hint: str = "",
        severity: Severity = "error",
    ) -> Problem:
        return cls(str(path), where.line, message, hint, where.column, severity)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def below(self, root: Path) -> Problem:
        """The problem with its file named from `root`, when the file is under it."""
        path = Path(self.path)
        if path.is_relative_to(root):
            return replace(self, path=str(path.relative_to(root)))
        return self

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line, self.column) if part)
        return f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings; within each, in the order they were found. A problem found
    twice at the same place (a YAML anchor `&` used by two steps) is told once."""
    return sorted(dict.fromkeys(problems), key=lambda p: not p.is_error)


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows where each of its keys stands."""

    line: int = 0
    column: int = 0
    key_positions: dict[str, Position]


class LineList(list[Any]):
    line: int = 0
    column: int = 0
    item_positions: list[Position]


if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # libyaml's parser when installed: three times faster on the places files
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        positions = _key_positions(node)
        mapping = LineDict(
            {str(k): v for k, v in super().construct_mapping(node, deep=True).items()}
        )
        mapping.line, mapping.column = _mark(node)
        mapping.key_positions = positions
        return mapping

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> list[Any]:
        items = LineList(super().construct_sequence(node, deep=True))
        items.line, items.column = _mark(node)
        items.item_positions = [Position(*_mark(item)) for item in node.value]
        return items


def _key_positions(node: MappingNode) -> dict[str, Position]:
    """Where each key stands; a key written twice is an error (PyYAML would keep the last)."""
    positions: dict[str, Position] = {}
    for key, _ in node.value:
        if not hasattr(key, "value"):
            continue
        name = str(key.value)
        if name in positions:
            raise yaml.constructor.ConstructorError(
                None, None, f"sleutel '{name}' staat hier twee keer", key.start_mark
            )
        positions[name] = Position(key.start_mark.line + 1, key.start_mark.column + 1)
    return positions


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct_map(loader: _Loader, node: Node) -> dict[Any, Any]:
    assert isinstance(node, MappingNode)
    return loader.construct_mapping(node)


def _construct_seq(loader: _Loader, node: Node) -> list[Any]:
    assert isinstance(node, SequenceNode)
    return loader.construct_sequence(node)


_BOOL = "tag:yaml.org,2002:bool"
# YAML 1.1 reads yes/no/on/off as booleans; editors mean the words (a text key `yes:`).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors become a ContentError with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(
            str(path), None, f"kan het bestand niet lezen ({error})", "sla het op als UTF-8-tekst"
        )
        raise ContentError([problem]) from error
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position()
        what = _dutch(error.problem or "")
        raise ContentError([Problem.at(path, where, f"YAML-fout: {what}", _YAML_HINT)]) from error
    except yaml.YAMLError as error:
        raise ContentError([Problem(str(path), None, f"YAML-fout: {error}", _YAML_HINT)]) from error


_YAML_HINT = "controleer inspringing, dubbele punten en aanhalingstekens"

# PyYAML's most common complaints, as an editor would say them.
_DUTCH = {
    "mapping values are not allowed here": "hier mag geen dubbele punt staan",
    "could not find expected ':'": "hier ontbreekt een dubbele punt",
    "did not find expected key": "hier verwachtte ik een sleutel (naam: waarde)",
    "did not find expected '-' indicator": "hier verwachtte ik een lijstregel die met '- ' begint",
    "did not find expected ',' or ']'": "een lijst met [ is niet afgesloten met ]",
    "did not find expected ',' or '}'": "een { is niet afgesloten met }",
    "found unexpected end of stream": "het bestand houdt onverwacht op",
    "found character that cannot start any token": "hier staat een teken dat zo niet mag (een tab?)",
    "found unexpected ':'": "hier staat een dubbele punt die er niet hoort",
}


def _dutch(problem: str) -> str:
    return _DUTCH.get(problem, problem or "ongeldige YAML")


def position_of(data: Any, location: Sequence[int | str]) -> Position:
    """Where in the YAML source the value at `location` (as pydantic reports it) stands:
    the deepest key or list item along the way that the source has."""
    where = Position(getattr(data, "line", None) or None, getattr(data, "column", None) or None)
    node = data
    for step in location:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node:
            where = node.key_positions.get(step, where)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            where = node.item_positions[step]
            node = node[step]
        else:
            break
    return where
