"""The terminal channel's own work: numbers pick buttons, trouble with the database is told kindly."""

from __future__ import annotations

import io

from sqlalchemy import Engine
from support.chat import NOW

from imhbot.channels.console import Console, Note, render, run_shell
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Reply
from imhbot.service.app import App
from imhbot.store.db import make_engine


def console(knowledge: Knowledge, engine: Engine) -> Console:
    return Console(App(knowledge, engine, clock=lambda: NOW))


def test_a_number_presses_the_button_with_that_number(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    shell = console(knowledge, sqlite_engine)
    shell.send("/start")
    replies = shell.send("2")
    assert isinstance(replies[0], Reply)
    assert replies[0].text.startswith(knowledge.content.texts.get("consent.declined"))


def test_a_number_without_such_a_button_is_just_text(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    shell = console(knowledge, sqlite_engine)
    shell.send("/start")
    shell.send("1")
    replies = shell.send("9")
    assert isinstance(replies[0], Reply)
    assert replies[0].text == knowledge.content.texts.get("fallback.choose_button")


def test_database_trouble_gets_a_kind_reply_and_keeps_the_buttons(
    knowledge: Knowledge, sqlite_url: str
) -> None:
    shell = console(knowledge, make_engine(sqlite_url))  # no migrations: every query fails
    shell.buttons = (Button("Ja", "ja"),)
    [reply] = shell.send("hallo")
    assert isinstance(reply, Reply)
    assert reply.text == knowledge.content.texts.get("fallback.trouble")
    assert reply.buttons == (Button("Ja", "ja"),)


def test_rendering_numbers_buttons_and_strips_bold_for_a_pipe() -> None:
    text = render(
        Reply("Gaat je vraag over *Slapen*?", (Button("Ja", "ja"), Button("Iets anders", "x"))),
        bold=False,
    )
    assert text == "Gaat je vraag over Slapen?\n  1. Ja\n  2. Iets anders"
    assert "\033[1mSlapen\033[0m" in render(Reply("*Slapen*"), bold=True)
    assert render(Note("[terminal] let op"), bold=True) == "[terminal] let op"


def test_interactive_shell_greets_first_and_prompts(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    out = io.StringIO()
    run_shell(console(knowledge, sqlite_engine), io.StringIO("1\n"), out, interactive=True)
    printed = out.getvalue()
    assert printed.index("Hoi! Ik ben de IMH Wegwijzer") < printed.index("jij> ")
    assert knowledge.content.texts.get("role.question") in printed
