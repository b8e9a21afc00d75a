"""The engine's behaviour as a parent notices it, on the shipped flow and content."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.chat import Chat

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Forget, Handoff, Record


@pytest.fixture
def chat(knowledge: Knowledge) -> Chat:
    return Chat(knowledge)


def test_a_first_message_of_any_kind_is_greeted_with_the_consent_question(chat: Chat) -> None:
    chat.send("hallo")
    assert chat.session.step == "welcome"
    assert chat.said() == chat.text("welcome.text")
    assert [b.label for b in chat.buttons()][:2] == [
        chat.label("consent_yes"),
        chat.label("consent_no"),
    ]


def test_declining_consent_stores_no_consent_and_says_where_to_go(chat: Chat) -> None:
    chat.send("/start")
    chat.press(chat.label("consent_no"))
    assert chat.session.consent_at is None
    assert chat.text("consent.declined") in chat.said()


def test_typed_answers_choose_buttons(chat: Chat) -> None:
    chat.send("/start")
    chat.send("ja")
    assert chat.session.consent_at is not None
    chat.send("professional")
    assert chat.session.answers["role"] == "professional"
    assert chat.said() == chat.text("discipline.question")
    chat.send("jgz")
    assert chat.session.answers["discipline"] == "jgz"
    assert chat.said() == chat.text("age.question_professional")


def test_deep_link_region_survives_the_consent_button_without_being_stored(chat: Chat) -> None:
    chat.send("/start twente")
    assert chat.session.answers["preset_region"] == "twente"
    chat.session = chat.session.model_copy(update={"answers": {}})  # nothing kept before consent
    chat.press(chat.label("consent_yes"))
    assert chat.session.answers["region"] == "twente"


def test_a_button_of_an_earlier_question_is_not_taken_as_an_answer(chat: Chat) -> None:
    chat.send("/start")
    old_consent = chat.buttons()[0]
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    assert chat.session.step == "age"
    chat.send(old_consent.value, kind="button", step=old_consent.step)
    assert chat.session.step == "age"
    assert chat.said().startswith(chat.text("fallback.stale_button"))
    assert chat.said().endswith(chat.text("age.question"))
    assert [b.label for b in chat.buttons()][:2] == [
        chat.label("age_kinderwens"),
        chat.label("age_zwanger"),
    ]


def test_an_unknown_button_value_at_the_current_question_asks_again(chat: Chat) -> None:
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.send("iets-wat-niet-bestaat", kind="button", step="role")
    assert chat.session.step == "role"
    assert chat.said().startswith(chat.text("fallback.stale_button"))


def test_the_consent_button_works_although_nothing_was_stored_before_it(chat: Chat) -> None:
    chat.send("/start")
    consent = chat.buttons()[0]
    chat.session = type(chat.session)()
    chat.send(consent.value, kind="button", step=consent.step)
    assert chat.session.consent_at is not None


def test_a_shared_location_answers_the_place_question(chat: Chat) -> None:
    chat.to_concern(place="")
    chat.send_location(53.144, 7.035)
    assert chat.session.answers["gemeente"] == "Oldambt"
    assert chat.said().startswith(
        chat.text("place.known", gemeente="Oldambt", region_name="IMH Groningen")
    )
    assert chat.session.step == "concern"


def test_a_location_far_from_the_regions_is_outside(chat: Chat) -> None:
    chat.to_concern(place="")
    chat.send_location(52.37, 4.90)
    assert chat.session.answers["region"] is None
    assert chat.said().startswith(chat.text("place.your_location"))


def test_a_location_at_another_question_is_not_an_answer(chat: Chat) -> None:
    chat.to_concern(age="")
    chat.send_location(53.144, 7.035)
    assert chat.session.step == "age"
    assert chat.said().startswith(chat.text("fallback.media"))


def test_deep_link_with_a_gemeente_skips_the_place_question(chat: Chat) -> None:
    chat.send("/start oldambt")
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    chat.send("8 maanden")
    assert chat.session.step == "concern"
    assert chat.session.answers["gemeente"] == "Oldambt"


@pytest.mark.parametrize("kind", ["photo", "voice", "sticker", "document", "location", "video"])
def test_media_gets_a_kind_reply_and_the_question_again(chat: Chat, kind: str) -> None:
    chat.to_concern()
    before = chat.session
    chat.send("", kind=kind)  # type: ignore[arg-type]
    assert chat.said().startswith(chat.text("fallback.media"))
    assert chat.said().endswith(chat.text("concern.question"))
    assert chat.session.step == before.step
    assert chat.session.answers == before.answers


def test_a_caption_is_read_for_danger_and_otherwise_not_taken_as_an_answer(chat: Chat) -> None:
    chat.to_concern()
    turn = chat.send("mijn baby ademt niet meer", kind="photo")
    assert chat.said().startswith(chat.knowledge.content.safety.kind("medical").message)
    assert any(isinstance(e, Handoff) and e.priority for e in turn.events)
    chat.send("ze huilt de hele dag", kind="photo")
    assert chat.said().startswith(chat.text("fallback.media"))
    assert chat.session.step == "concern"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("", "fallback.empty"),
        ("   \t  ", "fallback.empty"),
        ("\x00\x07\x1b", "fallback.empty"),
        ("/onbekend", "fallback.unknown_command"),
        ("/help", "help"),
        ("/privacy", "privacy"),
        ("x" * 10_000, "fallback.too_long"),
    ],
)
def test_odd_input_keeps_the_conversation_where_it_was(chat: Chat, line: str, key: str) -> None:
    chat.to_concern()
    chat.send(line)
    assert chat.said().startswith(chat.text(key, retention_days=30))
    assert chat.said().endswith(chat.text("concern.question"))
    assert chat.session.step == "concern"


def test_a_crisis_gets_the_safety_message_before_consent_and_an_alert(chat: Chat) -> None:
    turn = chat.send("ik wil niet meer leven")
    safety = chat.knowledge.content.safety.kind("suicide").message
    assert turn.replies[0].text.startswith(safety)
    alerts = [e for e in turn.events if isinstance(e, Handoff)]
    assert alerts
    assert alerts[0].priority
    assert (alerts[0].reason, alerts[0].crisis) == ("crisis", "suicide")
    assert "words" not in alerts[0].summary
    assert chat.session.step == "welcome"


def test_after_the_safety_message_the_flow_resumes_and_cannot_be_waved_away(chat: Chat) -> None:
    chat.to_concern()
    chat.send("ik ben bang dat ik mijn baby iets aandoe")
    assert chat.session.step == "concern"
    assert chat.said().endswith(chat.text("concern.question"))
    chat.send("nee je begrijpt me verkeerd")
    assert chat.session.step == "concern"


def test_a_child_older_than_five_gets_general_routes_not_a_dead_end(chat: Chat) -> None:
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    chat.send("7 jaar")
    assert chat.session.step == "too_old"
    assert "CJG" in chat.said()
    chat.press(chat.label("go_on"))
    assert chat.session.step == "place"


def test_an_unclear_concern_is_asked_again_then_offers_a_coordinator(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hoi")
    assert chat.session.step == "concern"
    assert chat.said() == chat.text("concern.retry")
    chat.send("weet ik niet")
    assert chat.session.step == "concern_unclear"
    assert chat.label("coordinator") in [b.label for b in chat.buttons()]


def test_a_clear_concern_is_confirmed_then_shows_three_providers_and_a_page(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht en wordt elke nacht wakker")
    assert chat.said() == chat.text("concern.confirm", concern_label="slapen")
    turn = chat.press(chat.label("yes"))
    assert chat.said().count("Zo kom je er:") == 3
    assert "Lees meer" in chat.said()
    assert len(turn.replies) == 1
    records = [e for e in turn.events if isinstance(e, Record) and e.name == "results"]
    assert records[0].data["concern"] == "slapen"
    assert records[0].data["region"] == "groningen"


def test_more_shows_the_next_providers(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht")
    chat.press(chat.label("yes"))
    first = provider_names(chat.said())
    chat.press(chat.label("more"))
    more = provider_names(chat.said())
    assert len(first) == 3
    assert more
    assert not more & first


def test_every_results_message_says_the_bot_gives_no_medical_advice(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht")
    disclaimer = chat.text("results.disclaimer")
    chat.press(chat.label("yes"))
    assert disclaimer in chat.said()
    assert chat.said().index(disclaimer) < chat.said().index(chat.text("feedback.question"))
    chat.press(chat.label("more"))
    assert disclaimer in chat.said()


def provider_names(said: str) -> set[str]:
    """Each provider card starts with its name in bold, and ends with how to get there."""
    cards = [card for card in said.split("\n\n") if "Zo kom je er:" in card]
    return {card.splitlines()[0].strip("*") for card in cards}


def test_feedback_is_recorded_anonymously(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht")
    chat.press(chat.label("yes"))
    turn = chat.press(chat.label("useful_yes"))
    feedback = next(e for e in turn.events if isinstance(e, Record) and e.name == "feedback")
    assert feedback.data["useful"] == "ja"
    assert set(feedback.data) == {"concern", "region", "age_band", "useful"}
    assert chat.session.step == "next_action"


def test_a_handoff_carries_the_parents_words_but_the_session_does_not(chat: Chat) -> None:
    chat.to_concern()
    chat.send("/coordinator")
    assert chat.session.step == "handoff_offer"
    chat.press(chat.label("handoff_yes"))
    turn = chat.send("Mijn zoon huilt veel en ik ben erg moe")
    handoff = next(e for e in turn.events if isinstance(e, Handoff))
    assert handoff.region == "groningen"
    assert not handoff.priority
    assert handoff.summary["words"] == "Mijn zoon huilt veel en ik ben erg moe"
    assert "moe" not in str(dict(chat.session.answers))
    assert chat.text("handoff.sent", region_name="IMH Groningen").split(".")[0] in chat.said()
    assert chat.session.step == "concern"


def test_outside_the_regions_the_parent_can_still_go_on(chat: Chat) -> None:
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    chat.send("2 jaar")
    chat.send("Amsterdam")
    assert chat.session.step == "outside_region"
    assert "Amsterdam" in chat.said()
    chat.press(chat.label("go_on"))
    assert chat.session.step == "concern"


def test_verwijder_asks_first_and_then_forgets_everything(chat: Chat) -> None:
    chat.to_concern()
    chat.send("/verwijder")
    chat.press(chat.label("forget_no"))
    assert chat.session.step == "concern"
    assert chat.session.answers["gemeente"] == "Oldambt"
    chat.send("/verwijder")
    turn = chat.press(chat.label("forget_yes"))
    assert any(isinstance(e, Forget) for e in turn.events)
    assert chat.session.consent_at is None
    assert not chat.session.answers


def test_opnieuw_starts_over_but_keeps_consent(chat: Chat) -> None:
    chat.to_concern()
    chat.send("/opnieuw")
    assert chat.session.step == "role"
    assert chat.session.consent_at is not None
    assert "gemeente" not in chat.session.answers


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_at_any_question_gets_an_answer_and_never_raises(chat: Chat, text: str) -> None:
    chat.to_concern(age="2 jaar", place="Enschede")
    turn = chat.send(text)
    assert turn.replies
    assert chat.session.step is not None


def test_coordinator_as_a_detour_returns_to_the_question_after_declining(chat: Chat) -> None:
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    chat.send("/start groningen")
    chat.press(chat.label("consent_yes"))
    chat.press(chat.label("role_parent"))
    assert chat.session.step == "age"
    chat.send("/coordinator")
    assert chat.session.step == "handoff_offer"
    chat.press(chat.label("handoff_no"))
    assert chat.text("handoff.declined") in chat.said()
    assert chat.session.step == "age"
    assert chat.session.resume is None


def test_a_birth_date_is_kept_as_months_and_an_address_as_the_gemeente(chat: Chat) -> None:
    chat.to_concern(age="geboren 3 maart 2025", place="9671 AB 12")
    stored = repr(chat.session.model_dump(mode="json"))
    assert chat.session.answers["age_months"] == 20
    assert chat.session.answers["gemeente"] == "Oldambt"
    for detail in ("maart", "2025", "9671", "AB 12"):
        assert detail not in stored, detail


def test_something_else_offers_the_other_concern_the_message_named_first(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht en wordt elke nacht wakker, ik ben ook zo moe")
    assert chat.session.step == "concern_confirm"
    chat.press(chat.label("something_else"))
    labels = [b.label for b in chat.buttons()]
    assert labels[0] == chat.knowledge.content.concern("ouder_welzijn").label
    assert chat.knowledge.content.concern("slapen").label not in labels
    chat.press(labels[0])
    assert chat.session.answers["concern"] == "ouder_welzijn"


def test_something_else_without_another_guess_shows_the_whole_list(chat: Chat) -> None:
    chat.to_concern()
    chat.send("hij slaapt heel slecht en wordt elke nacht wakker")
    assert chat.session.step == "concern_confirm"
    assert len(chat.session.answers["guesses"]) == 1
    chat.press(chat.label("something_else"))
    assert chat.session.step == "concern_list"


def test_a_pregnant_parent_is_not_offered_the_page_about_a_wish_that_does_not_come(
    chat: Chat,
) -> None:
    chat.to_concern(age="20 weken zwanger")
    chat.send("ik voel me zo somber en angstig")
    assert chat.session.answers["concern"] == "ouder_welzijn"
    chat.press(chat.label("yes"))
    assert "Lees meer" in chat.said()
    assert "Als zwanger worden niet lukt" not in chat.said()


def test_a_wish_to_talk_to_someone_is_the_coordinator_command(chat: Chat) -> None:
    chat.to_concern()
    chat.send("ik wil gewoon met iemand praten")
    assert chat.session.step == "handoff_offer"
    assert chat.buttons()[0].label == chat.label("handoff_yes")


def test_not_wanting_to_talk_to_someone_is_no_command(chat: Chat) -> None:
    chat.to_concern()
    chat.send("ik hoef niet met iemand te praten, ze slaapt gewoon slecht")
    assert chat.session.step != "handoff_offer"


def test_the_parents_own_words_for_the_coordinator_are_never_a_command(chat: Chat) -> None:
    summary = chat.words_for_coordinator("ik wil met iemand praten over zijn driftbuien")
    assert "driftbuien" in summary


def test_an_answer_that_is_no_consent_asks_only_the_question_again(chat: Chat) -> None:
    chat.send("hallo")
    chat.send("wat is dit?")
    assert chat.said() == chat.text("welcome.again")
    assert chat.text("welcome.text") not in chat.said()
    assert [b.label for b in chat.buttons()][:2] == [
        chat.label("consent_yes"),
        chat.label("consent_no"),
    ]
    chat.send("oké")
    assert chat.session.consent_at is not None


def test_what_the_first_message_tells_skips_those_questions_after_consent(chat: Chat) -> None:
    chat.send("hoi, mijn zoon van 2 jaar praat nog niet, we wonen in Hengelo")
    assert chat.said() == chat.text("welcome.text")
    assert chat.session.consent_at is None
    chat.send("ja")
    assert chat.text("consent.early") in chat.said()
    assert "early_words" not in chat.session.answers
    chat.send("ouder")
    assert chat.session.step == "concern_confirm"
    assert chat.session.answers["age_months"] == 24
    assert chat.session.answers["gemeente"] == "Hengelo"
    assert chat.session.answers["concern"] == "taal"


def test_words_before_consent_that_answer_nothing_change_nothing(chat: Chat) -> None:
    chat.send("hallo")
    chat.send("ik weet het niet")
    chat.send("ja")
    assert chat.text("consent.early") not in chat.said()
    chat.send("ouder")
    assert chat.session.step == "age"


def test_a_place_outside_the_regions_named_first_is_asked_again(chat: Chat) -> None:
    chat.send("mijn baby van 3 maanden huilt veel, wij wonen in Utrecht")
    chat.send("ja")
    chat.send("ouder")
    assert chat.session.step == "place"


def test_the_words_before_consent_never_ride_along_in_a_button(chat: Chat) -> None:
    chat.send("/start oldambt")
    chat.send("mijn dochter heet Sanne en slaapt slecht")
    assert all("Sanne" not in b.value for b in chat.buttons())
    assert any("Oldambt" in b.value for b in chat.buttons())


def test_outside_the_regions_a_newly_typed_place_is_taken(chat: Chat) -> None:
    chat.to_concern(place="")
    chat.send("Amsterdam")
    assert chat.session.step == "outside_region"
    chat.send("Almelo")
    assert chat.session.step == "concern"
    assert chat.session.answers["region"] == "twente"
    assert chat.text("place.known", gemeente="Almelo", region_name="IMH Twente") in chat.said()


@pytest.mark.parametrize(("gemeente", "region"), [("Veendam", "groningen"), ("Almelo", "twente")])
def test_the_regional_consultatiebureau_is_not_listed_beside_the_national_one(
    knowledge: Knowledge, gemeente: str, region: str
) -> None:
    ranked = knowledge.understanding.providers.rank(
        concern="slapen", age=(8, 8), gemeente=gemeente, region=region
    )
    ids = [p.id for p in ranked]
    assert any(p.replaces for p in ranked)
    assert "nl-consultatiebureau-jgz" not in ids
