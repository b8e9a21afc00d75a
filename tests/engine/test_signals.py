"""Input that is no message of the parent's: a coordinator closed their question (`closed`).
The flow says where it goes."""

from __future__ import annotations

import dataclasses

import pytest
from support.chat import NOW, Chat

from imhbot.engine.flow import Flow
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Message
from imhbot.engine.runner import handle


def test_closed_goes_to_the_step_the_flow_maps_it_to(knowledge: Knowledge) -> None:
    chat = Chat(knowledge)
    chat.to_concern()
    turn = handle(knowledge, chat.session, Message(kind="closed", now=NOW))
    assert turn.session.step == "handoff_closed"
    [reply] = turn.replies
    assert reply.text == chat.text("handoff.closed")
    assert [b.label for b in reply.buttons] == [chat.label("useful_yes"), chat.label("useful_no")]
    assert turn.session.answers == chat.session.answers


def test_a_flow_without_the_signal_goes_on_where_it_can(knowledge: Knowledge) -> None:
    data = knowledge.flows["intake"].model_dump(by_alias=True)
    data["signals"] = {}
    knowledge = dataclasses.replace(knowledge, flows={"intake": Flow.model_validate(data)})
    chat = Chat(knowledge)
    chat.to_concern()
    turn = handle(knowledge, chat.session, Message(kind="closed", now=NOW))
    assert turn.session.step == "concern"


def closed(reason: str, wrote: bool) -> Message:
    return Message(kind="closed", now=NOW, about={"reason": reason, "wrote": wrote})


def test_a_crisis_alert_closed_without_a_word_to_the_parent_asks_nothing_and_goes_on(
    knowledge: Knowledge,
) -> None:
    chat = Chat(knowledge)
    chat.to_concern()
    chat.send("hij slaapt heel slecht")
    assert chat.session.step == "concern_confirm"
    turn = handle(knowledge, chat.session, closed("crisis", wrote=False))
    said = "\n".join(r.text for r in turn.replies)
    assert said.startswith(chat.text("handoff.closed_alert"))
    assert chat.text("handoff.closed") not in said
    assert turn.session.step == "concern_confirm"
    assert turn.session.resume is None
    assert [b.label for b in turn.replies[-1].buttons] == [
        chat.label("yes"),
        chat.label("something_else"),
    ]


@pytest.mark.parametrize(("reason", "wrote"), [("crisis", True), ("gevraagd", False)])
def test_a_ticket_a_coordinator_answered_or_the_parent_asked_for_asks_whether_it_helped(
    knowledge: Knowledge, reason: str, wrote: bool
) -> None:
    chat = Chat(knowledge)
    chat.to_concern()
    turn = handle(knowledge, chat.session, closed(reason, wrote))
    assert turn.session.step == "handoff_closed"
    assert turn.replies[0].text == chat.text("handoff.closed")
    assert turn.session.resume is None
