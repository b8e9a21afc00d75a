"""CPU time of one turn (`Turns.handle`: session, engine, open-ticket check, statistics,
save) on SQLite, for scripted whole conversations in text. The webhook bench's bot spends its
CPU on this, on Telegram's HTTP and on taking the update in; this isolates the first.

Reproduce from the repository root:

    python bench/turn_speed.py [--chats 40] [--repeats 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imhbot.engine.model import Message  # noqa: E402
from imhbot.service.addresses import Address  # noqa: E402
from imhbot.service.app import App  # noqa: E402
from imhbot.service.loading import load_knowledge  # noqa: E402
from imhbot.service.turns import Turns  # noqa: E402
from imhbot.settings import Settings  # noqa: E402
from imhbot.store.db import make_engine, upgrade  # noqa: E402

LINES = ["/start", "ja", "ouder", "14 maanden", "Winschoten", "ze eet bijna niks", "ja", "ja"]


def conversations(turns: Turns, chats: range) -> None:
    for chat in chats:
        for line in LINES:
            now = dt.datetime.now(dt.UTC)
            turns.handle(Address("tg", str(chat)), Message(kind="text", now=now, text=line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    knowledge = load_knowledge(settings.content_dir, settings.flows_dir)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'turns.sqlite3'}")
        upgrade(engine)
        talk = Turns(App(knowledge, engine))
        gc.collect()
        gc.freeze()  # as imhbot run does
        conversations(talk, range(-20, 0))
        figures = []
        for repeat in range(args.repeats):
            chats = range(repeat * args.chats, (repeat + 1) * args.chats)
            started = time.process_time()
            conversations(talk, chats)
            figures.append((time.process_time() - started) / (len(chats) * len(LINES)) * 1000)
        engine.dispose()
    shown = " ".join(f"{figure:.3f}" for figure in figures)
    print(f"command: python bench/turn_speed.py --chats {args.chats} --repeats {args.repeats}")
    print(f"CPU per turn (ms), each repeat: {shown}; best {min(figures):.3f}")


if __name__ == "__main__":
    main()
