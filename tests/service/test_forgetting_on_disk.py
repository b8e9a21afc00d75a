"""After /verwijder no byte of the parent's words or chat id is left in the SQLite files: the
database file and its write-ahead log (secure_delete, and the log checkpointed and truncated)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Message
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.turns import Turns
from imhbot.store.db import make_engine, upgrade

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
CHAT = Address("tg", "918273645")
WORDS = "ik maak me zorgen om de kapotte hondenvoerbakjes in huis, kan iemand me helpen"


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_verwijder_leaves_no_words_or_chat_id_in_the_files(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'imhbot.sqlite3'}")
    upgrade(engine)
    turns = Turns(App(knowledge, engine, clock=lambda: NOW))
    for line in ("/start", "ja", "ouder", "14 maanden", "Winschoten", "/coordinator", "ja", WORDS):
        turns.handle(CHAT, Message(kind="text", now=NOW, text=line))
    assert b"hondenvoerbakjes" in on_disk(tmp_path)  # the ticket holds the words
    assert CHAT.chat.encode() in on_disk(tmp_path)
    for line in ("/verwijder", "ja wissen"):
        turns.handle(CHAT, Message(kind="text", now=NOW, text=line))
    left = on_disk(tmp_path)
    assert b"hondenvoerbakjes" not in left
    assert CHAT.chat.encode() not in left
    engine.dispose()


def test_the_answer_to_verwijder_is_not_relayed_during_a_handoff(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    """With a ticket open the parent's text goes to the coordinators, but "ja wissen" answers
    the bot's question: it deletes, and the coordinators never see it."""
    engine = make_engine(f"sqlite:///{tmp_path / 'imhbot.sqlite3'}")
    upgrade(engine)
    turns = Turns(App(knowledge, engine, clock=lambda: NOW))
    for line in ("/start", "ja", "ouder", "14 maanden", "Winschoten", "/coordinator", "ja", WORDS):
        turns.handle(CHAT, Message(kind="text", now=NOW, text=line))
    turns.handle(CHAT, Message(kind="text", now=NOW, text="/verwijder"))
    turn = turns.handle(CHAT, Message(kind="text", now=NOW, text="ja wissen"))
    assert turn.replies[0].text.startswith(knowledge.content.texts.get("forget.done"))
    assert b"ja wissen" not in on_disk(tmp_path)
    engine.dispose()
