"""`set`: sets and clears answers, says nothing, and goes on to `next`."""

from __future__ import annotations

from support.chat import Chat
from support.flows import ASKED, with_steps

from imhbot.engine.knowledge import Knowledge


def test_set_saves_answers_and_goes_on_silently(knowledge: Knowledge) -> None:
    assign = {"type": "set", "set": {"handoff_reason": "gevraagd", "age_min": 12}}
    chat = Chat(with_steps(knowledge, "mark", mark={**assign, "next": "asked"}, asked=ASKED))
    chat.send("hoi")
    assert chat.said() == chat.text("age.question")
    assert chat.session.answers == {"handoff_reason": "gevraagd", "age_min": 12}
    assert chat.session.step == "asked"


def test_clear_forgets_the_named_answers_then_sets(knowledge: Knowledge) -> None:
    first = {"type": "set", "set": {"concern": "slapen", "role": "ouder"}, "next": "again"}
    again = {"type": "set", "clear": ["concern"], "set": {"page": "p1"}, "next": "asked"}
    chat = Chat(with_steps(knowledge, "first", first=first, again=again, asked=ASKED))
    chat.send("hoi")
    assert chat.session.answers == {"role": "ouder", "page": "p1"}


def test_clearing_star_forgets_every_answer(knowledge: Knowledge) -> None:
    first = {"type": "set", "set": {"concern": "slapen", "role": "ouder"}, "next": "wipe"}
    wipe = {"type": "set", "clear": ["*"], "next": "asked"}
    chat = Chat(with_steps(knowledge, "first", first=first, wipe=wipe, asked=ASKED))
    chat.send("hoi")
    assert dict(chat.session.answers) == {}
