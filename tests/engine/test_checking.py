"""The flow checker on the shipped flow with one mistake: the error an editor gets names the
mistake and its place (file, line, column), whatever step type it is in."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from imhbot.channels.texts import USED
from imhbot.service.loading import read_all
from imhbot.settings import PROJECT_ROOT

FLOW = "flows/intake.yaml"
UNREACHABLE = (
    "is onbereikbaar — geen startstap, commando of andere stap gaat erheen;"
    " verwijs ernaar of haal hem weg"
)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copytree(PROJECT_ROOT / "flows", tmp_path / "flows")
    return tmp_path


def _errors(root: Path) -> list[str]:
    reading = read_all(root / "content", root / "flows", today=dt.date(2026, 11, 25), uses=USED)
    return [str(p).replace(f"{root}/", "") for p in reading.errors]


def _at(root: Path, needle: str, key: str | None = None) -> str:
    lines = (root / FLOW).read_text(encoding="utf-8").splitlines()
    number, line = next((n, t) for n, t in enumerate(lines, 1) if needle in t)
    return f"{FLOW}:{number}:{line.index(key or needle) + 1}"


# (text in the flow, replaced by, [(the line holding this, the column of this, error)])
MISTAKES = [
    ("    type: branch\n    cases:\n      - {when: {age_over: 71}",
     "    type: brnach\n    cases:\n      - {when: {age_over: 71}",
     [("type: brnach", "type", "onbekend staptype 'brnach' — bedoel je 'branch'?"),
      ("  too_old:", "too_old", f"stap 'too_old' {UNREACHABLE}")]),
    ("    save: role", "    sav: role",
     [("sav: role", "sav", "onbekende sleutel 'sav' — bedoel je 'save'?")]),
    ("{label: buttons.yes, value: ja, goto: results}",
     "{lable: buttons.yes, value: ja, goto: results}",
     [("lable: buttons.yes", "lable", "onbekende sleutel 'lable' — bedoel je 'label'?")]),
    ("    text: privacy\n    next: welcome_again\n", "    text: privacy\n",
     [("  welcome_privacy:", "welcome_privacy",
       "een stap van type 'say' heeft 'next' nodig — voeg 'next:' toe")]),
    ("  welcome_privacy:\n    type: say\n", "  welcome_privacy:\n",
     [("  welcome_privacy:", "welcome_privacy",
       "'steps.welcome_privacy.type' ontbreekt — voeg 'type:' toe met een waarde")]),
    ("    max_attempts: 2", "    max_attempts: twee",
     [("max_attempts: twee", "max_attempts",
       "'steps.concern.max_attempts' moet een geheel getal zijn"
       " — schrijf een getal zonder punt of komma")]),
    ("    action: give_consent", "    action: geef_toestemming",
     [("action: geef_toestemming", "action",
       "onbekende action 'geef_toestemming' — kies uit: forget, give_consent, handoff,"
       " read_early_words, record_feedback, show_more, show_page, show_results")]),
    ("      - {from: guesses, goto: results}", "      - {from: gokjes, goto: results}",
     [("{from: gokjes", "from", "onbekende from 'gokjes' — kies uit: concerns, guesses, other_guesses, pages")]),
    ("    understand: age", "    understand: leeftijd",
     [("understand: leeftijd", "understand",
       "onbekende understand 'leeftijd' — kies uit: age, concern, early, place, words")]),
    ("      - {when: {age_over: 71}, goto: too_old}", "      - {when: {age_over: 71}, goto: te_oud}",
     [("goto: te_oud", "goto", "stap 'te_oud' bestaat niet in flow 'intake' — bedoel je 'too_old'?"),
      ("  too_old:", "too_old", f"stap 'too_old' {UNREACHABLE}")]),
    ("    retry: place.retry\n    on: {covered: place_known, outside: outside_region}",
     "    retry: place.retry\n    on: {covered: place_knwn, outside: outside_region}",
     [("covered: place_knwn", "covered",
       "stap 'place_knwn' bestaat niet in flow 'intake' — bedoel je 'place_known'?")]),
    ("    on_fail: concern_unclear", "    on_fail: concern_unclr",
     [("on_fail: concern_unclr", "on_fail",
       "stap 'concern_unclr' bestaat niet in flow 'intake' — bedoel je 'concern_unclear'?"),
      ("  concern_unclear:", "concern_unclear", f"stap 'concern_unclear' {UNREACHABLE}")]),
    ("    retry: age.retry", "    retry: age.retri",
     [("retry: age.retri", "retry", "tekst 'age.retri' ontbreekt — bedoel je 'age.retry'?")]),
    ("      - {when: {age_over: 71}, goto: too_old}",
     "      - {when: {age_oover: 71}, goto: too_old}",
     [("  age_check:", "age_check", "onbekende when 'age_oover' — bedoel je 'age_over'?")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), MISTAKES)
def test_one_mistake_in_a_step_is_reported_at_its_place(
    copy: Path, old: str, new: str, expected: list[tuple[str, str, str]]
) -> None:
    flow = copy / FLOW
    text = flow.read_text(encoding="utf-8")
    assert old in text, old
    flow.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _errors(copy) == [f"{_at(copy, line, key)}: {error}" for line, key, error in expected]


def test_the_default_flow_must_say_where_closing_a_question_goes(copy: Path) -> None:
    flow = copy / FLOW
    text = flow.read_text(encoding="utf-8")
    flow.write_text(
        text.replace("signals:\n  closed: handoff_closed_check\n", "", 1), encoding="utf-8"
    )
    assert _errors(copy) == [
        f"{_at(copy, 'id: intake', 'id')}: signaal 'closed' ontbreekt — de bot gaat daarheen als een coördinator een vraag"
        " sluit; voeg toe: signals: {closed: <stap>}",
        f"{_at(copy, '  handoff_closed_check:', 'handoff_closed_check')}: stap"
        f" 'handoff_closed_check' {UNREACHABLE}",
        f"{_at(copy, '  alert_closed:', 'alert_closed')}: stap 'alert_closed' {UNREACHABLE}",
        f"{_at(copy, '  handoff_closed:', 'handoff_closed')}: stap 'handoff_closed' {UNREACHABLE}",
        f"{_at(copy, '  handoff_feedback:', 'handoff_feedback')}: stap 'handoff_feedback'"
        f" {UNREACHABLE}",
    ]


def test_a_signal_to_a_missing_step_is_an_error(copy: Path) -> None:
    flow = copy / FLOW
    text = flow.read_text(encoding="utf-8")
    flow.write_text(
        text.replace("closed: handoff_closed_check", "closed: handof_closed_check", 1), "utf-8"
    )
    assert _errors(copy) == [
        f"{_at(copy, 'closed: handof_closed_check', 'closed')}: stap 'handof_closed_check'"
        " bestaat niet in flow 'intake' — bedoel je 'handoff_closed_check'?",
        f"{_at(copy, '  handoff_closed_check:', 'handoff_closed_check')}: stap"
        f" 'handoff_closed_check' {UNREACHABLE}",
        f"{_at(copy, '  alert_closed:', 'alert_closed')}: stap 'alert_closed' {UNREACHABLE}",
        f"{_at(copy, '  handoff_closed:', 'handoff_closed')}: stap 'handoff_closed' {UNREACHABLE}",
        f"{_at(copy, '  handoff_feedback:', 'handoff_feedback')}: stap 'handoff_feedback'"
        f" {UNREACHABLE}",
    ]
