"""Reloading in a running bot whose heap is frozen (`imhbot run` freezes it after loading)."""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy import Engine
from support.content import copy_content

from imhbot.service.app import App
from imhbot.service.loading import load_knowledge
from imhbot.service.reloading import Reloader


async def test_new_content_is_frozen_like_the_old_so_collections_stay_short(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    app = App(load_knowledge(*copy_content(tmp_path)), sqlite_engine)
    old = app.knowledge
    gc.collect()
    gc.freeze()
    try:
        assert await Reloader(app).reload() == ()
        new = app.knowledge
        assert new is not old
        tracked = gc.get_objects()
        assert not any(o is new for o in tracked), "the new content is left out of collections"
    finally:
        gc.unfreeze()
