"""Everything the engine knows, loaded once and swapped whole on reload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from imhbot.content.models import Content
from imhbot.content.reading import read_all
from imhbot.engine.flow import Flow
from imhbot.nlu.understanding import Understanding


@dataclass(frozen=True)
class Knowledge:
    content: Content
    flows: Mapping[str, Flow]
    understanding: Understanding
    retention_days: int = 30

    @classmethod
    def load(cls, content_dir: Path, flows_dir: Path, *, retention_days: int = 30) -> Knowledge:
        content, flows = read_all(content_dir, flows_dir).valid()
        understanding = Understanding.build(content)
        return cls(content, flows, understanding, retention_days)
