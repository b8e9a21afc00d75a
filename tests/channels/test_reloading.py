"""Reloading in a running bot whose heap is frozen (`imhbot run` freezes it after loading)."""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy import Engine
from support.content import copy_content

from imhbot.channels.conversation import Conversations
from imhbot.channels.reloading import Reloader
from imhbot.service.loading import load_knowledge


async def test_new_content_is_frozen_like_the_old_so_collections_stay_short(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    conversations = Conversations(load_knowledge(*copy_content(tmp_path)), sqlite_engine)
    old = conversations.knowledge
    gc.collect()
    gc.freeze()
    try:
        assert await Reloader(conversations).reload() == ()
        new = conversations.knowledge
        assert new is not old
        tracked = gc.get_objects()
        assert not any(o is new for o in tracked), "the new content is left out of collections"
    finally:
        gc.unfreeze()
