"""`action`: does something the parent notices, then goes to `on[outcome]` or `next`."""

from __future__ import annotations

from support.chat import Chat
from support.flows import ASKED, with_steps

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Handoff, Record


def test_an_action_goes_on_to_next(knowledge: Knowledge) -> None:
    consent = {"type": "action", "action": "give_consent", "next": "asked"}
    chat = Chat(with_steps(knowledge, "consent", consent=consent, asked=ASKED))
    turn = chat.send("hoi")
    assert chat.session.consent_at == chat.now
    assert Record("consent") in turn.events
    assert chat.session.step == "asked"
    assert chat.said() == chat.text("age.question")


def test_an_outcome_goes_where_on_says(knowledge: Knowledge) -> None:
    page = {"type": "action", "action": "show_page", "on": {"missing": "gone"}, "next": "asked"}
    steps = {
        "page": page,
        "gone": {"type": "say", "text": "stop.done", "next": "asked"},
        "asked": ASKED,
    }
    chat = Chat(with_steps(knowledge, "page", **steps))
    chat.send("hoi")
    assert chat.said() == f"{chat.text('stop.done')}\n\n{chat.text('age.question')}"
    assert chat.session.step == "asked"


def test_a_handoff_carries_the_answers_and_goes_on(knowledge: Knowledge) -> None:
    handoff = {"type": "action", "action": "handoff", "on": {"no_region": "asked"}, "next": "sent"}
    steps = {
        "answers": {
            "type": "set",
            "set": {"region": "groningen", "gemeente": "Oldambt", "handoff_reason": "gevraagd"},
            "next": "handoff",
        },
        "handoff": handoff,
        "sent": {"type": "ask", "text": "concern.question"},
        "asked": ASKED,
    }
    chat = Chat(with_steps(knowledge, "answers", **steps))
    turn = chat.send("hoi")
    [sent] = [e for e in turn.events if isinstance(e, Handoff)]
    assert (sent.reason, sent.region, sent.crisis) == ("gevraagd", "groningen", None)
    assert sent.summary["gemeente"] == "Oldambt"
    assert chat.session.step == "sent"
