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
    folders: tuple[Path, Path] | None = None
    """The content and flows folders it was loaded from."""

    @classmethod
    def load(cls, content_dir: Path, flows_dir: Path, *, retention_days: int = 30) -> Knowledge:
        """Raises ContentError with every problem found."""
        content, flows = read_all(content_dir, flows_dir).valid()
        understanding = Understanding.build(content)
        return cls(content, flows, understanding, retention_days, (content_dir, flows_dir))

    def reloaded(self) -> Knowledge:
        """The same folders read again, as they are now."""
        assert self.folders is not None, "not loaded from folders"
        content_dir, flows_dir = self.folders
        return Knowledge.load(content_dir, flows_dir, retention_days=self.retention_days)
