"""After the safety message: the parent hears whether and when a coordinator answers, can say
they did not mean it, and before consent gets a short question instead of the whole welcome."""

from __future__ import annotations

import dataclasses

import pytest
from support.chat import Chat

from imhbot.engine.answers import CRISIS_PENDING
from imhbot.engine.fields import region_fields
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import NO_DANGER, Handoff, Note

SUICIDE = "ik wil niet meer leven"
VIOLENCE = "mijn man slaat mij"


@pytest.fixture
def chat(knowledge: Knowledge) -> Chat:
    return Chat(knowledge)


def alerted(chat: Chat, region_id: str) -> str:
    content = chat.knowledge.content
    region = content.region(region_id)
    assert region is not None
    return chat.text("safety.alerted", **region_fields(region, chat.now, content.texts))


def reminder(chat: Chat, kind: str) -> str:
    return chat.knowledge.content.safety.kind(kind).reminder


def without_regions(knowledge: Knowledge) -> Knowledge:
    """Content in which no region has coordinators: a crisis alert reaches nobody."""
    content = knowledge.content.model_copy(update={"regions": ()})
    return dataclasses.replace(knowledge, content=content)


def notes(chat: Chat) -> list[Note]:
    assert chat.last is not None
    return [e for e in chat.last.events if isinstance(e, Note)]


# -- who was alerted, and when they answer ----------------------------------------------------


@pytest.mark.parametrize(("place", "region"), [("Winschoten", "groningen"), ("Enschede", "twente")])
def test_the_safety_message_says_which_coordinators_were_alerted_and_when_they_work(
    chat: Chat, place: str, region: str
) -> None:
    chat.to_concern(place=place)
    turn = chat.send(SUICIDE)
    safety = chat.knowledge.content.safety.kind("suicide").message
    assert turn.replies[0].text == f"{safety}\n\n{alerted(chat, region)}"


def test_a_twente_parent_hears_twentes_hours_not_groningens(chat: Chat) -> None:
    chat.to_concern(place="Enschede")
    chat.send(SUICIDE)
    said = chat.replies[0].text
    assert "48 uur" in said
    assert "maandag tot en met donderdag van 08:30 tot 16:30" in said


def test_without_coordinators_the_safety_message_keeps_its_numbers_and_promises_nobody(
    knowledge: Knowledge,
) -> None:
    chat = Chat(without_regions(knowledge))
    turn = chat.send(SUICIDE)
    assert turn.replies[0].text == knowledge.content.safety.kind("suicide").message
    assert "113" in turn.replies[0].text
    assert "coördinator" not in turn.replies[0].text
    [alert] = [e for e in turn.events if isinstance(e, Handoff)]
    assert alert.region is None


# -- "zo bedoelde ik het niet" ------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "nee, zo bedoelde ik het niet",
        "nee hoor, zo erg is het niet",
        "grapje",
        "niet letterlijk bedoeld",
        "het gaat wel, ik overdreef",
        "Nee zo bedoelde ik het niet hoor 🙈",
    ],
)
def test_taking_the_alarm_back_thanks_keeps_the_numbers_notes_it_and_asks_again(
    chat: Chat, words: str
) -> None:
    chat.to_concern()
    chat.send(SUICIDE)
    chat.send(words)
    said = chat.said()
    assert said.startswith(chat.text("safety.taken_back"))
    assert chat.text("safety.taken_back_alerted") in said
    assert reminder(chat, "suicide") in said
    assert said.endswith(chat.text("concern.question"))
    assert chat.text("concern.retry") not in said
    assert chat.session.step == "concern"
    assert notes(chat) == [Note(NO_DANGER)]
    assert CRISIS_PENDING not in chat.session.answers


def test_the_numbers_repeated_are_those_of_the_kind_of_danger(chat: Chat) -> None:
    chat.to_concern()
    chat.send(VIOLENCE)
    chat.send("grapje")
    assert reminder(chat, "violence") in chat.said()
    assert "0800-2000" in chat.said()
    assert reminder(chat, "suicide") not in chat.said()


def test_taking_it_back_goes_on_at_the_question_the_parent_was_at(chat: Chat) -> None:
    chat.to_concern(place="")  # at the place question
    chat.send(SUICIDE)
    chat.send("sorry, niet letterlijk bedoeld")
    assert chat.session.step == "place"
    assert chat.said().endswith(chat.text("place.question"))
    chat.send("Winschoten")
    assert chat.session.step == "concern"


def test_a_negated_taking_back_is_no_taking_back(chat: Chat) -> None:
    chat.to_concern()
    chat.send(SUICIDE)
    chat.send("dit is geen grapje")
    assert notes(chat) == []
    assert chat.text("safety.taken_back") not in chat.said()


def test_only_the_very_next_message_can_take_it_back(chat: Chat) -> None:
    chat.to_concern(place="")
    chat.send(SUICIDE)
    chat.send("Winschoten")
    assert chat.session.step == "concern"
    assert CRISIS_PENDING not in chat.session.answers
    chat.send("grapje")
    assert notes(chat) == []
    assert chat.text("safety.taken_back") not in chat.said()


def test_a_next_message_that_is_a_crisis_again_gets_the_crisis_path(chat: Chat) -> None:
    chat.to_concern()
    chat.send(SUICIDE)
    turn = chat.send("nee grapje, mijn man slaat mij")
    assert notes(chat) == []
    assert turn.replies[0].text.startswith(chat.knowledge.content.safety.kind("violence").message)
    assert [e.crisis for e in turn.events if isinstance(e, Handoff)] == ["violence"]
    chat.send("grapje")
    assert reminder(chat, "violence") in chat.said()


def test_an_answer_right_after_the_safety_message_is_an_answer(chat: Chat) -> None:
    chat.to_concern()
    chat.send(SUICIDE)
    chat.send("hij slaapt heel slecht")
    assert chat.session.step == "concern_confirm"
    assert notes(chat) == []


def test_without_coordinators_taking_it_back_says_nothing_of_them(knowledge: Knowledge) -> None:
    chat = Chat(without_regions(knowledge))
    chat.to_concern()
    chat.send(SUICIDE)
    chat.send("grapje")
    assert chat.said().startswith(chat.text("safety.taken_back"))
    assert chat.text("safety.taken_back_alerted") not in chat.said()
    assert reminder(chat, "suicide") in chat.said()


def test_taking_back_words_are_the_editors(knowledge: Knowledge) -> None:
    taken = knowledge.content.taken_back.model_copy(update={"words": ("foutje",)})
    content = knowledge.content.model_copy(update={"taken_back": taken})
    chat = Chat(dataclasses.replace(knowledge, content=content))
    chat.to_concern()
    chat.send(SUICIDE)
    chat.send("grapje")
    assert notes(chat) == []
    chat.send(SUICIDE)
    chat.send("foutje!")
    assert notes(chat) == [Note(NO_DANGER)]


# -- before consent -----------------------------------------------------------------------------


def test_before_consent_a_short_question_follows_not_the_whole_welcome(chat: Chat) -> None:
    turn = chat.send(SUICIDE)
    safety, question = turn.replies
    assert safety.text.startswith(chat.knowledge.content.safety.kind("suicide").message)
    assert question.text == chat.text("safety.resume_consent")
    assert chat.text("welcome.text") not in chat.said()
    assert chat.text("safety.resume") not in chat.said()
    assert [b.label for b in question.buttons] == [
        chat.label("consent_yes"),
        chat.label("consent_no"),
        chat.label("privacy"),
    ]
    chat.press(chat.label("consent_yes"))
    assert chat.session.step == "role"
    assert chat.session.consent_at is not None
