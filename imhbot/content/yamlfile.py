"""YAML reading that remembers line numbers, so errors can point editors at the right line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode


class ContentError(Exception):
    """One or more problems in content or flow files, each with file, line and what to do."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problem:
    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    line: int = 0


if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # libyaml's parser when installed: three times faster on the places files
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = LineDict(
            {str(k): v for k, v in super().construct_mapping(node, deep=True).items()}
        )
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key.value): key.start_mark.line + 1
            for key, _ in node.value
            if hasattr(key, "value")
        }
        return mapping

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> list[Any]:
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        return items


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
        raise ContentError(
            [Problem(path, None, f"kan het bestand niet lezen ({error})")]
        ) from error
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        what = error.problem or "ongeldige YAML"
        raise ContentError(
            [
                Problem(
                    path,
                    line,
                    f"YAML-fout: {what}. Controleer inspringing, dubbele punten en aanhalingstekens.",
                )
            ]
        ) from error
    except yaml.YAMLError as error:
        raise ContentError([Problem(path, None, f"YAML-fout: {error}")]) from error


def line_of(data: Any, location: Sequence[int | str]) -> int | None:
    """The line in the YAML source of the value at `location` (as pydantic reports it)."""
    line: int | None = getattr(data, "line", None) or None
    node = data
    for step in location:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            line = getattr(node, "line", None) or line
        else:
            break
    return line
