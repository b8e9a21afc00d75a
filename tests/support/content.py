"""A copy of the shipped content and flows to change in a test, as an editor would."""

from __future__ import annotations

import shutil
from pathlib import Path

from imhbot.settings import PROJECT_ROOT


def copy_content(into: Path, group: int | None = None) -> tuple[Path, Path]:
    """The content and flows folders under `into`; with `group`, Groningen's coordinators
    work in that Telegram group."""
    content, flows = into / "content", into / "flows"
    shutil.copytree(PROJECT_ROOT / "content", content)
    shutil.copytree(PROJECT_ROOT / "flows", flows)
    if group is not None:
        edit(content / "regions.yaml", "coordinator_chat: null", f"coordinator_chat: {group}")
    return content, flows


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )
