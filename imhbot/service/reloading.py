"""Content reload while the bot runs. The changed folders are loaded and checked off the event
loop (that takes about a second), and swapped in whole only when everything is valid; a turn
already running finishes with what it started with. Invalid content is refused: the old stays
live and every problem goes to the log."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from imhbot.content.models import Texts
from imhbot.content.yamlfile import ContentError, Problem
from imhbot.service import metrics
from imhbot.service.app import App
from imhbot.service.loading import reload_knowledge

log = logging.getLogger(__name__)

SETTLE_MS = 300
"""Changes are taken together until the folders are this quiet: a `git pull` or an editor
that writes a file in steps is one reload, not several."""
SHOWN = 10
"""Problems listed in a coordinator group; the log has them all."""

Reloaded = Callable[[tuple[Problem, ...]], Awaitable[None]]
TEXTS = ("coordination.reloaded", "coordination.reload_refused", "coordination.reload_more")


class Reloader:
    """`after`: told after every reload (a channel may have to follow, as Telegram's command
    menu does)."""

    def __init__(self, app: App, *, after: Reloaded | None = None) -> None:
        self.app = app
        self.after = after
        self._lock: asyncio.Lock | None = None

    async def reload(self) -> tuple[Problem, ...]:
        """Load the folders again. No problems: the new content is live."""
        problems = await self._reload()
        if self.after is not None:
            await self.after(problems)
        return problems

    async def reload_and_say(self) -> str:
        """/herlaad: load the content now, and say how it went."""
        problems = await self.reload()
        knowledge = self.app.knowledge
        texts = knowledge.content.texts
        if not problems:
            return texts.get("coordination.reloaded")
        root = knowledge.folders[0].parent if knowledge.folders else None
        return refused(problems, texts, root)

    async def _reload(self) -> tuple[Problem, ...]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            current = self.app.knowledge
            try:
                fresh = await asyncio.to_thread(reload_knowledge, current, self.app.uses)
            except ContentError as error:
                problems = tuple(p for p in error.problems if p.is_error)
            except Exception as error:  # a file half written or gone: keep what works
                log.exception("content reload failed")
                folder = current.folders[0] if current.folders else "content"
                problems = (Problem(str(folder), None, f"kon niet laden: {type(error).__name__}"),)
            else:
                self.app.knowledge = fresh
                if gc.get_freeze_count():
                    freeze_heap()
                log.info("content reloaded")
                metrics.RELOADS.labels("ok").inc()
                return ()
        metrics.RELOADS.labels("refused").inc()
        for problem in problems:
            log.error("content refused", extra={"problem": str(problem)})
        return problems

    async def watch(self) -> None:
        """Reload after every change in the content or flows folder, until cancelled."""
        folders = self.app.knowledge.folders
        assert folders is not None
        try:
            async for changes in awatch(*folders, watch_filter=_yaml, step=SETTLE_MS):
                log.info("content changed", extra={"files": len(changes)})
                await self.reload()
        except Exception:
            log.exception("content watcher stopped")


def freeze_heap() -> None:
    """Content, flows and libraries make some 200,000 objects that live as long as the bot.
    A full garbage collection walks every one (120-140 ms, seen every few thousand updates)
    while all updates wait. Frozen, collections leave them out; what is made later is collected
    as before. After a reload the old content is let go first (one collection), then the new
    content is frozen."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_ignored = DefaultFilter()


def _yaml(change: Change, path: str) -> bool:
    return path.endswith(".yaml") and _ignored(change, path)


def refused(problems: Sequence[Problem], texts: Texts, root: Path | None) -> str:
    """The problems for editors: file (from the folder above content/) and line, then what."""
    lines = [str(problem.below(root) if root else problem) for problem in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(texts.get("coordination.reload_more", count=len(problems) - SHOWN))
    return texts.get("coordination.reload_refused", problems="\n".join(lines))
