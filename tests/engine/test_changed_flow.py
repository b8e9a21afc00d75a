"""The flow changes while a parent is in it (a content reload): the conversation goes on."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from support.chat import NOW, Chat

from imhbot.engine.flow import Flow
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Message, Session
from imhbot.engine.runner import safety_check


def without(knowledge: Knowledge, step: str, **rewired: dict[str, Any]) -> Knowledge:
    """The shipped flow without `step`; `rewired` replaces fields of the steps that led there."""
    data = knowledge.flows["intake"].model_dump(by_alias=True)
    del data["steps"][step]
    for name, fields in rewired.items():
        data["steps"][name].update(fields)
    return dataclasses.replace(knowledge, flows={"intake": Flow.model_validate(data)})


def without_confirming(knowledge: Knowledge) -> Knowledge:
    """A clear concern goes straight to the results, without a question to confirm it (and a
    concern named before consent is asked again)."""
    on = {"confident": "results", "ambiguous": "concern_choose"}
    return without(knowledge, "concern_confirm", concern={"on": on}, concern_known={"cases": []})


@pytest.fixture
def chat(knowledge: Knowledge) -> Chat:
    return Chat(knowledge)


def at_concern_confirm(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht")
    assert chat.session.step == "concern_confirm"


def test_a_parent_in_a_removed_step_goes_on_at_the_first_open_question(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.knowledge = without_confirming(chat.knowledge)
    chat.send("ja")
    assert chat.said() == f"{chat.text('fallback.step_gone')}\n\n{chat.text('concern.question')}"
    assert chat.session.step == "concern"
    assert chat.session.answers["gemeente"] == "Oldambt"
    chat.send("hij slaapt heel slecht")
    assert chat.session.step == "feedback"


def test_a_pressed_button_of_a_removed_step_is_not_taken_as_an_answer(chat: Chat) -> None:
    at_concern_confirm(chat)
    yes = next(b for b in chat.buttons() if b.label == chat.label("yes"))
    chat.knowledge = without_confirming(chat.knowledge)
    chat.send(yes.value, kind="button", step=yes.step)
    assert chat.session.step == "concern"
    assert "Zo kom je er:" not in chat.said()


def test_after_results_a_removed_step_goes_on_to_what_next(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.press(chat.label("yes"))
    assert chat.session.step == "feedback"
    chat.knowledge = without(chat.knowledge, "feedback", results={"next": "next_action"})
    chat.send("ja")
    assert chat.session.step == "next_action"
    assert chat.text("next.question") in chat.said()


def test_safety_comes_first_in_a_removed_step(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.knowledge = without_confirming(chat.knowledge)
    turn = chat.send("ik wil niet meer leven")
    assert "113" in turn.replies[0].text
    assert chat.text("fallback.step_gone") in chat.said()
    assert chat.session.step == "concern"


def test_commands_still_work_in_a_removed_step(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.knowledge = without_confirming(chat.knowledge)
    chat.send("/help")
    assert chat.said().startswith(chat.text("help"))
    assert chat.session.step == "concern"


def test_a_detour_back_to_a_removed_step_goes_on_where_it_can(chat: Chat) -> None:
    chat.to_concern(place="")
    chat.send("/verwijder")
    assert chat.session.resume == "place"
    chat.knowledge = without(
        chat.knowledge, "place", place_check={"next": "concern"}, outside_region={"buttons": []}
    )
    chat.press(chat.label("forget_no"))
    assert chat.session.step == "concern"
    assert chat.session.answers["role"] == "ouder"


def test_a_session_of_a_flow_that_is_gone_goes_on_in_the_default_flow(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.session = Session(**{**chat.session.model_dump(), "flow": "oud"})
    chat.send("ja")
    assert chat.session.flow == "intake"
    assert chat.session.step == "concern_confirm"  # the concern it knew, asked to confirm


def test_while_a_coordinator_has_the_chat_a_removed_step_is_still_found_after(chat: Chat) -> None:
    at_concern_confirm(chat)
    chat.knowledge = without_confirming(chat.knowledge)
    turn = safety_check(chat.knowledge, chat.session, Message(kind="text", now=NOW, text="hoi"))
    assert turn.session.step == "concern_confirm"
    chat.session = turn.session
    chat.send("ja")
    assert chat.said().startswith(chat.text("fallback.step_gone"))
    assert chat.session.step == "concern"
