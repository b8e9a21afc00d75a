"""`ask`: a question with buttons and/or free text; it waits, and its answer says where the
conversation goes and what is kept."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from support.chat import Chat
from support.flows import with_steps

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Guess, Handoff

DONE = {"type": "ask", "text": "stop.ended"}


def _chat(knowledge: Knowledge, **ask: Any) -> Chat:
    question = {"type": "ask", "text": "concern.question", **ask}
    steps = {
        "question": question,
        "yes": {"type": "ask", "text": "age.question"},
        "other": {"type": "ask", "text": "place.question"},
        "failed": DONE,
    }
    chat = Chat(with_steps(knowledge, "question", **steps))
    chat.send("hoi")
    assert chat.session.step == "question"
    return chat


BUTTONS = [
    {"label": "buttons.yes", "value": "ja", "goto": "yes", "set": {"useful": "ja"}},
    {"label": "buttons.something_else", "value": "iets anders", "goto": "other"},
]


def test_ask_shows_its_question_with_its_buttons_and_waits(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, buttons=BUTTONS)
    assert chat.said() == chat.text("concern.question")
    assert [b.label for b in chat.buttons()] == [chat.label("yes"), chat.label("something_else")]
    assert {b.step for b in chat.buttons()} == {"question"}


def test_a_pressed_button_goes_to_its_goto_and_sets_its_answers(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, buttons=BUTTONS, save="choice")
    chat.press(chat.label("yes"))
    assert chat.session.step == "yes"
    assert chat.session.answers == {"useful": "ja", "choice": "ja"}
    assert chat.said() == chat.text("age.question")


HIDDEN = {
    "label": "buttons.stop",
    "value": "stoppen",
    "goto": "other",
    "hidden": True,
    "set": {"useful": "nee"},
}


def test_a_hidden_button_is_not_shown_and_cannot_be_pressed(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, buttons=[*BUTTONS, HIDDEN])
    assert [b.label for b in chat.buttons()] == [chat.label("yes"), chat.label("something_else")]
    chat.send("stoppen", kind="button", step="question")
    assert chat.session.step == "question"
    assert chat.said().startswith(chat.text("fallback.stale_button"))


@pytest.mark.parametrize("typed", ["Stoppen", "ik wil stoppen"])
def test_a_hidden_button_is_chosen_by_its_label_or_words(knowledge: Knowledge, typed: str) -> None:
    chat = _chat(knowledge, buttons=[*BUTTONS, HIDDEN])
    chat.send(typed)
    assert chat.session.step == "other"
    assert chat.session.answers == {"useful": "nee"}


@pytest.mark.parametrize("typed", ["iets anders", "Iets", "iets andrs"])
def test_typed_text_that_means_a_button_presses_it(knowledge: Knowledge, typed: str) -> None:
    chat = _chat(knowledge, buttons=BUTTONS)
    chat.send(typed)
    assert chat.session.step == "other"


def test_a_button_without_goto_goes_to_next(knowledge: Knowledge) -> None:
    buttons = [{"label": "buttons.yes", "value": "ja"}]
    chat = _chat(knowledge, buttons=buttons, next="other")
    chat.press(chat.label("yes"))
    assert chat.session.step == "other"


def test_a_button_whose_condition_fails_is_not_shown(knowledge: Knowledge) -> None:
    buttons = [BUTTONS[0], {**BUTTONS[1], "when": {"present": "gemeente"}}]
    chat = _chat(knowledge, buttons=buttons)
    assert [b.label for b in chat.buttons()] == [chat.label("yes")]


def test_understood_text_goes_to_its_outcome_and_keeps_what_was_understood(
    knowledge: Knowledge,
) -> None:
    chat = _chat(knowledge, understand="age", on={"ok": "yes"})
    chat.send("14 maanden")
    assert chat.session.step == "yes"
    assert chat.session.answers["age_months"] == 14
    assert chat.session.answers["age_stage"] == "kind"


def test_words_not_understood_get_the_retry_and_after_the_attempts_go_on(
    knowledge: Knowledge,
) -> None:
    chat = _chat(
        knowledge,
        understand="age",
        on={"ok": "yes"},
        retry="age.retry",
        max_attempts=2,
        on_fail="failed",
        buttons=BUTTONS,
    )
    chat.send("bloemkool")
    assert chat.session.step == "question"
    assert chat.session.attempts == 1
    assert chat.said() == chat.text("age.retry")
    assert len(chat.buttons()) == 2
    chat.send("bloemkool")
    assert chat.session.step == "failed"
    assert chat.session.attempts == 0


def test_without_a_retry_the_flow_says_to_choose_a_button(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, buttons=BUTTONS)
    chat.send("bloemkool")
    assert chat.said() == chat.text("fallback.choose_button")
    assert chat.session.step == "question"


def test_a_button_of_another_question_is_stale(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, buttons=BUTTONS)
    chat.send("ja", kind="button", step="elsewhere")
    assert chat.said() == f"{chat.text('fallback.stale_button')}\n\n{chat.text('concern.question')}"
    assert chat.session.step == "question"


def test_a_location_answers_only_a_question_that_reads_places(knowledge: Knowledge) -> None:
    chat = _chat(knowledge, understand="place", on={"covered": "yes", "outside": "other"})
    chat.send_location(53.144, 7.035)
    assert chat.session.step == "yes"
    assert chat.session.answers["gemeente"] == "Oldambt"
    chat = _chat(knowledge, understand="age", on={"ok": "yes"})
    chat.send_location(53.144, 7.035)
    assert chat.session.step == "question"
    assert chat.said().startswith(chat.text("fallback.media"))


def test_concern_guesses_are_kept_as_guesses_and_become_buttons(knowledge: Knowledge) -> None:
    guesses = [{"from": "guesses", "goto": "yes"}]
    steps = {
        "question": {
            "type": "ask",
            "text": "concern.question",
            "understand": "concern",
            "on": {"confident": "choose", "ambiguous": "choose"},
        },
        "choose": {"type": "ask", "text": "concern.choose", "buttons": guesses},
        "yes": {"type": "ask", "text": "age.question"},
    }
    chat = Chat(with_steps(knowledge, "question", **steps))
    chat.send("hoi")
    chat.send("hij slaapt heel slecht en huilt veel")
    kept = chat.session.answers["guesses"]
    assert isinstance(kept, tuple)
    assert kept
    assert all(isinstance(guess, Guess) for guess in kept)
    labels = {c.id: c.label for c in knowledge.content.concerns}
    assert [b.label for b in chat.buttons()] == [labels[guess.id] for guess in kept]
    chat.press(labels[kept[0].id])
    assert chat.session.answers["concern"] == kept[0].id
    assert chat.session.step == "yes"


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        ("12 maanden", (12, 23)),
        ("6 maanden", (6, 11)),
        ("2 jaar", (24, 47)),
        ("4 jaar", (48, 71)),
        ("1 jaar", (12, 23)),
    ],
)
def test_an_age_typed_exactly_beats_a_button_label_that_looks_like_it(
    knowledge: Knowledge, typed: str, band: tuple[int, int]
) -> None:
    chat = Chat(knowledge)
    chat.to_concern(age="")
    assert chat.session.step == "age"
    chat.send(typed)
    answers = chat.session.answers
    assert band[0] <= answers["age_min"] <= answers["age_max"] <= band[1]
    assert chat.session.step == "place"


def test_a_button_label_typed_exactly_is_still_that_button(knowledge: Knowledge) -> None:
    chat = Chat(knowledge)
    chat.to_concern(age="")
    chat.send(chat.label("age_6_12"))
    assert (chat.session.answers["age_min"], chat.session.answers["age_max"]) == (6, 11)


def test_a_mistyped_skip_button_does_not_send_the_typo_as_the_parents_words(
    knowledge: Knowledge,
) -> None:
    chat = Chat(knowledge)
    chat.to_concern()
    chat.send("/coordinator")
    chat.press(chat.label("handoff_yes"))
    assert chat.session.step == "handoff_words", chat.said()
    turn = chat.send("overslan")
    [handoff] = [e for e in turn.events if isinstance(e, Handoff)]
    assert "overslan" not in str(handoff.summary)


@pytest.mark.parametrize("typed", ["oké", "prima", "is goed", "ja hoor", "akkoord", "jaa", "Ok!"])
def test_consent_said_in_everyday_words_is_consent(knowledge: Knowledge, typed: str) -> None:
    chat = Chat(knowledge)
    chat.send("/start")
    chat.send(typed)
    assert chat.session.consent_at is not None
    assert chat.session.step == "role"


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("moeder", "ouder"),
        ("vader", "ouder"),
        ("mama", "ouder"),
        ("ik ben ouder", "ouder"),
        ("ik ben de moeder van Sam", "ouder"),
        ("ik ben huisarts", "professional"),
        ("jgz", "professional"),
        ("Ik werk bij het consultatiebureau", "professional"),
    ],
)
def test_the_role_said_in_own_words(knowledge: Knowledge, typed: str, role: str) -> None:
    chat = Chat(knowledge)
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.send(typed)
    assert chat.session.answers.get("role") == role
    assert chat.session.step == "age"


def test_words_of_a_button_next_to_a_negation_are_no_answer(knowledge: Knowledge) -> None:
    chat = Chat(knowledge)
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    for typed in ("ik ben geen moeder en ook geen huisarts", "ik ben geen moeder"):
        chat.send(typed)
        assert chat.session.step == "role"
        assert "role" not in chat.session.answers


def test_free_text_that_contains_a_buttons_word_is_still_the_parents_words(
    knowledge: Knowledge,
) -> None:
    chat = Chat(knowledge)
    summary = chat.words_for_coordinator("ik weet niet wat ik nog moet doen, hij eet niks")
    assert "hij eet niks" in summary


def test_which_words_negate_a_button_is_the_editors_list(knowledge: Knowledge) -> None:
    content = knowledge.content.model_copy(update={"answer_negations": ()})
    chat = Chat(dataclasses.replace(knowledge, content=content))
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.send("ik ben geen moeder")
    assert chat.session.answers.get("role") == "ouder"
