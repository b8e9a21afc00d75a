"""Input that is no message of the parent's: a coordinator closed their question (`closed`).
The flow says where it goes."""

from __future__ import annotations

import dataclasses

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
