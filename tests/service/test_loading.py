"""Loading what the bot knows: the understanding may be built while the shell greets."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.chat import NOW
from support.content import copy_content

from imhbot.content.models import Content
from imhbot.engine.model import Message, Session
from imhbot.engine.runner import handle
from imhbot.nlu.understanding import Understanding
from imhbot.service.loading import load_knowledge


def test_built_in_the_background_it_greets_and_then_understands(tmp_path: Path) -> None:
    knowledge = load_knowledge(*copy_content(tmp_path), background=True)
    greeted = handle(knowledge, Session(), Message(kind="text", now=NOW, text="/start"))
    assert greeted.session.step == "welcome"
    text = "ik wil niet meer leven"
    turn = handle(knowledge, Session(), Message(kind="text", now=NOW, text=text))
    assert "113" in turn.replies[0].text
    assert knowledge.understanding is knowledge.understanding  # built once


def test_a_build_that_fails_in_the_background_fails_where_it_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(content: Content) -> Understanding:
        raise RuntimeError("kapot")

    monkeypatch.setattr(Understanding, "build", staticmethod(broken))
    knowledge = load_knowledge(*copy_content(tmp_path), background=True)
    with pytest.raises(RuntimeError, match="kapot"):
        _ = knowledge.understanding
