"""A professional asks on behalf of a family: the bot asks their discipline (unless they named
it already), speaks of "the child" and "the parent", and shows the referral route first."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from support.chat import Chat

from imhbot.engine.answers import PROFESSIONAL, ROLE
from imhbot.engine.checking import ENGINE_TEXTS, ROLE_VARIANT
from imhbot.engine.flow import RESUME
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import DEFAULT_FLOW, Handoff
from imhbot.engine.steps.action import Action
from imhbot.engine.steps.ask import Ask
from imhbot.engine.steps.assign import Assign
from imhbot.engine.steps.base import StepType

DISCIPLINES = [
    "huisarts",
    "jgz",
    "kraamzorg",
    "kinderopvang",
    "wijkteam",
    "verloskundige",
    "anders",
]
"""The values the coordinators' card reads, in the order of the buttons."""


def _as_professional(knowledge: Knowledge, role: str | None = None) -> Chat:
    """A chat at the role question, answered with `role` typed (or the button pressed)."""
    chat = Chat(knowledge)
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    if role is None:
        chat.press(chat.label("role_professional"))
    else:
        chat.send(role)
    return chat


def _to_concern(chat: Chat) -> None:
    if chat.session.step == "discipline":
        chat.press(chat.label("discipline_jgz"))
    chat.send("8 maanden")
    chat.send("Winschoten")
    assert chat.session.step == "concern", chat.said()


def test_a_professional_is_asked_their_discipline_with_a_button_for_each(
    knowledge: Knowledge,
) -> None:
    chat = _as_professional(knowledge)
    assert chat.session.answers[ROLE] == PROFESSIONAL
    assert chat.said() == chat.text("discipline.question")
    assert [b.label for b in chat.buttons()] == [
        chat.label(f"discipline_{name}") for name in DISCIPLINES
    ]


@pytest.mark.parametrize("discipline", DISCIPLINES)
def test_the_pressed_discipline_is_kept_and_the_age_is_asked_next(
    knowledge: Knowledge, discipline: str
) -> None:
    chat = _as_professional(knowledge)
    chat.press(chat.label(f"discipline_{discipline}"))
    assert chat.session.answers["discipline"] == discipline
    assert chat.session.step == "age"
    assert chat.said() == chat.text("age.question_professional")


@pytest.mark.parametrize(
    ("typed", "discipline"),
    [
        ("jgz", "jgz"),
        ("ik ben jeugdverpleegkundige", "jgz"),
        ("POH", "huisarts"),
        ("kraamverzorgster", "kraamzorg"),
        ("ik werk op een kinderdagverblijf", "kinderopvang"),
        ("ik ben psycholoog", "anders"),
        ("iets anders", "anders"),
    ],
)
def test_the_discipline_said_in_own_words(
    knowledge: Knowledge, typed: str, discipline: str
) -> None:
    chat = _as_professional(knowledge, "ik ben hulpverlener")
    assert chat.session.step == "discipline"
    chat.send(typed)
    assert chat.session.answers["discipline"] == discipline
    assert chat.session.step == "age"


@pytest.mark.parametrize(
    ("typed", "discipline"),
    [
        ("ik ben huisarts", "huisarts"),
        ("Huisarts", "huisarts"),
        ("jgz-verpleegkundige", "jgz"),
        ("Ik werk bij het consultatiebureau", "jgz"),
        ("ik werk bij de kinderopvang", "kinderopvang"),
        ("ik werk op een kinderdagverblijf", "kinderopvang"),
        ("pedagogisch medewerker", "kinderopvang"),
        ("wijkverpleegkundige", "wijkteam"),
        ("ik zit in het wijkteam", "wijkteam"),
        ("kraamverzorgster", "kraamzorg"),
        ("ik ben verloskundige", "verloskundige"),
    ],
)
def test_a_role_answer_that_names_the_discipline_skips_the_question(
    knowledge: Knowledge, typed: str, discipline: str
) -> None:
    chat = _as_professional(knowledge, typed)
    assert chat.session.answers[ROLE] == PROFESSIONAL
    assert chat.session.answers["discipline"] == discipline
    assert chat.session.step == "age"
    assert chat.said() == chat.text("age.question_professional")


@pytest.mark.parametrize(
    "typed",
    ["mijn huisarts stuurde me hierheen", "ik ben de moeder, de verloskundige gaf me de link"],
)
def test_a_parent_who_mentions_a_professional_stays_a_parent(
    knowledge: Knowledge, typed: str
) -> None:
    chat = _as_professional(knowledge, typed)
    assert chat.session.answers[ROLE] == "ouder"
    assert "discipline" not in chat.session.answers
    assert chat.said() == chat.text("age.question")


def test_the_role_question_shows_only_the_two_roles(knowledge: Knowledge) -> None:
    chat = Chat(knowledge)
    chat.send("/start")
    chat.press(chat.label("consent_yes"))
    assert [b.label for b in chat.buttons()] == [
        chat.label("role_parent"),
        chat.label("role_professional"),
    ]


def test_a_professional_is_asked_about_the_parent_not_about_themselves(
    knowledge: Knowledge,
) -> None:
    concern = knowledge.content.concern("ouder_welzijn")
    assert concern.label_professional
    assert concern.label_professional != concern.label
    chat = _as_professional(knowledge, "ik ben huisarts")
    _to_concern(chat)
    chat.send("de moeder is erg somber sinds de bevalling")
    assert chat.session.step == "concern_confirm"
    assert "hoe het met de ouder gaat" in chat.said()
    assert concern.label not in chat.said()
    chat.press(chat.label("something_else"))
    labels = [b.label for b in chat.buttons()]
    assert concern.label_professional in labels
    assert concern.label not in labels


def test_a_professional_sees_the_referral_route_first(knowledge: Knowledge) -> None:
    chat = _as_professional(knowledge, "ik ben huisarts")
    _to_concern(chat)
    chat.send("baby huilt de hele dag en is niet te troosten")
    chat.press(chat.label("yes"))
    shown = str(chat.session.answers["shown_ids"]).split(",")
    providers = {p.id: p for p in knowledge.content.providers}
    paragraphs = chat.said().split("\n\n")
    assert shown
    for provider_id in shown:
        provider = providers[provider_id]
        [card] = [p for p in paragraphs if p.startswith(f"*{provider.name}*\n")]
        lines = card.splitlines()
        assert lines[1].endswith(chat.text(f"referral.{provider.referral.value}{ROLE_VARIANT}"))
        assert lines[2] == provider.description
    assert chat.text("results.disclaimer_professional") in chat.said()


def test_the_coordinators_get_the_discipline_with_the_question(knowledge: Knowledge) -> None:
    chat = _as_professional(knowledge, "kraamverzorgster")
    _to_concern(chat)
    chat.send("/coordinator")
    chat.press(chat.label("handoff_yes"))
    turn = chat.send(chat.label("skip_words"))
    [handoff] = [e for e in turn.events if isinstance(e, Handoff)]
    assert handoff.summary["role"] == PROFESSIONAL
    assert handoff.summary["discipline"] == "kraamzorg"


# What a parent reads about their own child or themselves, and a professional must not.
PARENTS_OWN = re.compile(
    r"\b(je|jouw) (kind|baby|zoon|dochter|zwangerschap|kinderwens|huisarts|verloskundige"
    r"|woonplaats|gemeente|postcode)\b|\bmet jou\b",
    re.IGNORECASE,
)


def _steps_a_professional_reaches(knowledge: Knowledge) -> set[str]:
    """From the role question's professional answers onwards, until the answers are wiped
    (a restart, /verwijder) or a command starts afresh."""
    flow = knowledge.flows[DEFAULT_FLOW]
    [role] = [s for s in flow.steps.values() if isinstance(s, Ask) and s.save == ROLE]
    todo = [b.goto for b in role.buttons if b.value == PROFESSIONAL and b.goto]
    todo += [c.goto for c in flow.commands.values() if c.goto and not c.reset]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        step = flow.steps.get(name)
        if name in seen or name == RESUME or not isinstance(step, StepType):
            continue
        seen.add(name)
        wipes = (isinstance(step, Assign) and {"*", ROLE} & set(step.clear)) or (
            isinstance(step, Action) and step.action == "forget"
        )
        if not wipes:
            todo.extend(target.step for target in step.targets())
    return seen


def _texts_a_professional_sees(knowledge: Knowledge) -> Iterator[str]:
    flow = knowledge.flows[DEFAULT_FLOW]
    for name in _steps_a_professional_reaches(knowledge):
        step = flow.steps[name]
        assert isinstance(step, StepType)
        yield from (use.key for use in step.texts())
    yield from (c.say for c in flow.commands.values() if c.say and not c.reset)
    yield from flow.fallbacks.model_dump().values()
    yield from ENGINE_TEXTS


def test_no_text_a_professional_sees_speaks_of_the_parents_own_child(
    knowledge: Knowledge,
) -> None:
    texts = knowledge.content.texts.entries
    keys = set(_texts_a_professional_sees(knowledge))
    assert {"results.provider", "concern.question", "discipline.question"} <= keys
    assert "welcome.text" not in keys  # said before anyone chose a role
    seen = {key: texts.get(key + ROLE_VARIANT, texts[key]) for key in keys}
    labels = {
        f"concerns.{c.id}.label": c.label_professional or c.label
        for c in knowledge.content.concerns
    }
    wrong = {key: text for key, text in {**seen, **labels}.items() if PARENTS_OWN.search(text)}
    assert wrong == {}
