"""Masking the names of persons in a parent's words, with deduce (Dutch de-identification).

deduce finds names by its lists of Dutch first names and surnames and by their context
("mijn vriend Jan de Vries", "dr. Bakker"). Only its name annotators run here, and the place
names (so "Hoogeveen" stays a place, not a surname); phone numbers, e-mail and addresses are
`masking.py`'s. A name written in small letters ("mijn dochter emma") is not found.

deduce builds its lookup structures from the lists in its wheel, nothing is downloaded; the
first build takes seconds and is kept as a cache (a pickle) in `cache_dir`, so later starts
load it in about half a second. Its lists of streets and healthcare institutions are left out
of that build: they are most of its size (and of its 1 GB in memory), and not needed here.
The masker loads once, on first need or in a background thread (`warm_up`), never per message.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NAME = "[naam]"
_GROUPS = frozenset({"names"})
_ANNOTATORS = frozenset({"placename"})
_LEFT_OUT = ("locations/lst_street", "institutions/lst_healthcare_institution")
_PERSON = "persoon"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "imhbot"


class NameMasker:
    """Thread-safe; `mask` waits for the load when it is still under way. When deduce cannot
    load, the error is logged once and names are not masked (the card must still go out)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._deduce: Any = None
        self._failed = False

    def warm_up(self) -> threading.Thread:
        """Load in a background thread, so the first message does not wait for it."""
        thread = threading.Thread(target=self.load, name="deduce", daemon=True)
        thread.start()
        return thread

    def load(self) -> Any:
        with self._lock:
            if self._deduce is None and not self._failed:
                try:
                    self._deduce = _build(self.cache_dir or default_cache_dir())
                except Exception:
                    log.exception("deduce did not load: names are not masked")
                    self._failed = True
            return self._deduce

    def mask(self, text: str) -> str:
        if not any(c.isupper() for c in text):
            return text  # deduce finds names by their capital
        deduce = self.load()
        if deduce is None:
            return text
        spans = [
            (a.start_char, a.end_char)
            for a in deduce.deidentify(text).annotations
            if _PERSON in a.tag
        ]
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + NAME + text[end:]
        return text


def _build(cache_dir: Path) -> Any:
    """A Deduce with the name annotators, from a lookup folder in the cache: built there once
    (in a folder of its own, renamed into place, so two processes never read half a cache)."""
    deduce = _import_deduce()
    package = Path(deduce.__file__).parent
    config = json.loads((package / "base_config.json").read_text(encoding="utf-8"))
    config["annotators"] = {
        name: annotator
        for name, annotator in config["annotators"].items()
        if annotator.get("group") in _GROUPS or name in _ANNOTATORS
    }
    version = importlib.metadata.version("deduce")
    folder = cache_dir / f"deduce-{version}"
    if (folder / "cache" / "lookup_structs.pickle").is_file():
        return deduce.Deduce(
            load_base_config=False, config=config, lookup_data_path=folder, cache_path=folder
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix="deduce-", dir=cache_dir))
    try:
        shutil.copytree(package / "data" / "lookup" / "src", building / "src")
        for left_out in _LEFT_OUT:
            for items in (building / "src" / left_out).rglob("items.txt"):
                items.write_text("", encoding="utf-8")
        log.info("building deduce's name lists", extra={"cache": str(folder)})
        built = deduce.Deduce(
            load_base_config=False, config=config, lookup_data_path=building, cache_path=building
        )
        try:
            building.rename(folder)
        except OSError:  # another process was first
            shutil.rmtree(building, ignore_errors=True)
        return built
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _import_deduce() -> Any:
    """deduce sets up logging to stdout at DEBUG on import when nothing has yet (it would
    print into `imhbot shell`): what it added is taken away again."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


NAMES = NameMasker()
"""The process's one masker (its cache folder may be set before it loads)."""
