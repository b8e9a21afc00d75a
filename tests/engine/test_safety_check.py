"""The review band of safety: a message that might mean acute danger, but does not say so,
gets the numbers of that kind and one direct question at once; "ja", or anything that is not a
clear "nee", is the full crisis protocol with the priority alert; a clear "nee" goes on where
the parent was, the numbers still in the chat above."""

from __future__ import annotations

import pytest
from support.chat import Chat
from support.reviewing import UNCLEAR
from support.reviewing import reviewing as with_review_signal

from imhbot.engine.answers import CRISIS_CHECK
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Handoff, Message, Record
from imhbot.engine.runner import handle


@pytest.fixture(scope="module")
def reviewing(knowledge: Knowledge) -> Knowledge:
    return with_review_signal(knowledge)


@pytest.fixture
def chat(reviewing: Knowledge) -> Chat:
    chat = Chat(reviewing)
    chat.to_concern()
    return chat


def handoffs(chat: Chat) -> list[Handoff]:
    assert chat.last is not None
    return [e for e in chat.last.events if isinstance(e, Handoff)]


def records(chat: Chat) -> list[str]:
    assert chat.last is not None
    return [e.name for e in chat.last.events if isinstance(e, Record)]


def check_text(chat: Chat) -> str:
    return chat.knowledge.content.safety.kind("suicide").check


def test_unclear_danger_gets_the_numbers_and_one_direct_question_and_no_alert(chat: Chat) -> None:
    turn = chat.send(UNCLEAR)
    assert [r.text for r in turn.replies] == [check_text(chat)]
    assert "113" in turn.replies[0].text
    assert "een eind aan je leven" in turn.replies[0].text
    assert handoffs(chat) == []
    assert records(chat) == ["crisis_check"]
    assert chat.session.answers[CRISIS_CHECK] == "suicide"


@pytest.mark.parametrize("answer", ["ja", "jawel", "ja soms", "ik weet het niet", "misschien"])
def test_yes_or_no_clear_no_is_the_full_protocol_with_the_priority_alert(
    chat: Chat, answer: str
) -> None:
    chat.send(UNCLEAR)
    turn = chat.send(answer)
    safety = chat.knowledge.content.safety.kind("suicide").message
    assert turn.replies[0].text.startswith(safety)
    [alert] = handoffs(chat)
    assert alert.priority
    assert alert.crisis == "suicide"
    assert alert.summary["checked"] == "answer"  # the card says the bot asked first
    assert "Waar maak je je zorgen over?" in chat.said()
    assert CRISIS_CHECK not in chat.session.answers


@pytest.mark.parametrize(
    "answer", ["nee", "Nee hoor", "nee, gelukkig niet", "nee ik bedoelde dat ik moe ben", "grapje"]
)
def test_a_clear_no_goes_on_where_the_parent_was(chat: Chat, answer: str) -> None:
    chat.send(UNCLEAR)
    turn = chat.send(answer)
    assert handoffs(chat) == []
    assert turn.replies[0].text.startswith(chat.text("safety.check_no"))
    assert "Waar maak je je zorgen over?" in chat.said()
    assert records(chat) == ["crisis_check_no"]
    # and the conversation goes on as before
    chat.send("hij huilt heel veel")
    assert "huilen" in chat.said()


@pytest.mark.parametrize(
    "answer", ["nee maar soms denk ik er wel aan", "nee, niet echt", "nou nee"]
)
def test_a_no_with_doubt_is_no_clear_no(chat: Chat, answer: str) -> None:
    chat.send(UNCLEAR)
    chat.send(answer)
    [alert] = handoffs(chat)
    assert alert.crisis == "suicide"


def test_a_no_that_tells_of_new_danger_is_that_danger(chat: Chat) -> None:
    chat.send(UNCLEAR)
    chat.send("nee, maar mijn man slaat mij")
    [alert] = handoffs(chat)
    assert alert.crisis == "violence"


def test_a_button_or_photo_instead_of_an_answer_is_no_clear_no(chat: Chat) -> None:
    chat.send(UNCLEAR)
    chat.send("", kind="photo")
    [alert] = handoffs(chat)
    assert alert.crisis == "suicide"


def test_a_clear_no_can_be_followed_by_a_real_crisis(chat: Chat) -> None:
    chat.send(UNCLEAR)
    chat.send("nee")
    chat.send("ik wil niet meer leven")
    [alert] = handoffs(chat)
    assert alert.crisis == "suicide"


def test_before_consent_the_check_comes_first_and_then_the_consent_question(
    reviewing: Knowledge,
) -> None:
    chat = Chat(reviewing)
    turn = chat.send(UNCLEAR)
    assert [r.text for r in turn.replies] == [check_text(chat)]
    chat.send("nee")
    assert chat.replies[0].text.startswith(chat.text("safety.check_no"))
    assert "Vind je het goed" in chat.said()  # the welcome: it was not said yet
    chat.send(UNCLEAR)
    chat.send("ja")
    [alert] = handoffs(chat)
    assert alert.priority
    assert chat.text("safety.resume_consent") in chat.said()


def test_the_answer_to_the_check_is_read_by_understanding_not_by_the_step(chat: Chat) -> None:
    """ "nee" at a yes/no step is not that step's "nee": it answers the check only."""
    chat.send("hij huilt heel veel")
    assert "Gaat je vraag over *huilen en onrust*?" in chat.said()
    chat.send(UNCLEAR)
    chat.send("nee")
    assert "Gaat je vraag over *huilen en onrust*?" in chat.said()


def test_silence_after_the_check_is_the_full_protocol(chat: Chat) -> None:
    chat.send(UNCLEAR)
    turn = handle(chat.knowledge, chat.session, Message(kind="unanswered", now=chat.now))
    assert turn.replies[0].text.startswith(chat.text("safety.check_unanswered"))
    safety = chat.knowledge.content.safety.kind("suicide").message
    assert safety in turn.replies[0].text
    [alert] = [e for e in turn.events if isinstance(e, Handoff)]
    assert alert.crisis == "suicide"


def test_silence_once_the_check_was_answered_does_nothing(chat: Chat) -> None:
    chat.send(UNCLEAR)
    chat.send("nee")
    turn = handle(chat.knowledge, chat.session, Message(kind="unanswered", now=chat.now))
    assert turn.replies == ()
    assert turn.events == ()
    assert turn.session == chat.session


def test_the_check_question_also_asks_about_someone_else(reviewing: Knowledge) -> None:
    """A professional (or a partner) tells of someone else's danger: a "nee" about oneself
    must not end it, so the question asks about both."""
    for kind in reviewing.content.safety.kinds:
        assert "iemand" in kind.check or "een kind" in kind.check or "het kind" in kind.check
