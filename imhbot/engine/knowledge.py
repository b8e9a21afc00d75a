"""Everything the engine knows, loaded once (by `imhbot.service.loading`) and swapped whole on
reload."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from imhbot.content.models import Content
from imhbot.engine.flow import Flow
from imhbot.nlu.understanding import Understanding


@dataclass(frozen=True)
class Knowledge:
    content: Content
    flows: Mapping[str, Flow]
    built: Understanding | Future[Understanding]
    """The understanding, or its build still under way (`imhbot shell` greets meanwhile)."""
    retention_days: int = 30
    folders: tuple[Path, Path] | None = None
    """The content and flows folders it was loaded from."""

    @property
    def understanding(self) -> Understanding:
        """Waits for the build if it is still under way."""
        built = self.built
        return built.result() if isinstance(built, Future) else built
