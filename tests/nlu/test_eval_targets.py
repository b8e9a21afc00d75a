"""The targets of the matcher on the shared development set and on our own holdout set,
and the metrics of the evaluation itself on a small set with known answers."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
import yaml
from support import paths

from imhbot.content.loader import load_content
from imhbot.nlu.evaluation import evaluate
from imhbot.nlu.syntax import SYNTAX
from imhbot.nlu.types import AgeAnswer, MatchResult, Outcome, PlaceMatch, ScoredConcern
from imhbot.nlu.understanding import Understanding

ROOT = Path(__file__).resolve().parents[2]
DEV = paths.DEV_SET
HOLDOUT = ROOT / "tests" / "data" / "holdout.yaml"
BLIND_A = ROOT / "tests" / "data" / "blind_a.yaml"


@cache
def understanding() -> Understanding:
    return Understanding.build(load_content(ROOT / "content", syntax=SYNTAX))


def test_dev_set_meets_the_targets() -> None:
    if not DEV.exists():
        pytest.skip(f"the shared development set is not here ({DEV})")
    report = evaluate(understanding(), DEV)
    assert report.meets_targets(), report.format()


def test_holdout_set_meets_the_targets() -> None:
    report = evaluate(understanding(), HOLDOUT)
    assert report.meets_targets(), report.format()


def test_blind_set_a_meets_the_targets() -> None:
    """Written by someone else without looking at the matcher (then used for tuning)."""
    report = evaluate(understanding(), BLIND_A)
    assert report.meets_targets(), report.format()


def test_false_alarms_stay_rare_on_every_set_together() -> None:
    """At most 1% of all non-crisis messages of our sets gets the safety message."""
    sets = [p for p in (DEV, HOLDOUT, BLIND_A) if p.exists()]
    alarms = [evaluate(understanding(), p).false_alarms for p in sets]
    hits, total = sum(a.hits for a in alarms), sum(a.total for a in alarms)
    assert hits <= 0.01 * total, f"{hits} false alarms in {total} messages"


class _Canned:
    """Answers from a table, to check the arithmetic of the evaluation."""

    def __init__(self, answers: dict[str, MatchResult]) -> None:
        self.answers = answers

    def match(self, text: str) -> MatchResult:
        return self.answers[text]

    def age(self, text: str, *, today: dt.date) -> AgeAnswer | None:
        return AgeAnswer("kind", 3) if text == "3 maanden" else None

    def place(self, text: str, *, prefer_region: str | None = None) -> PlaceMatch | None:
        return PlaceMatch("Oldambt", "groningen", text) if text == "winschoten" else None


def _result(text: str, outcome: Outcome, *ids: str, crisis: str | None = None) -> MatchResult:
    concerns = tuple(ScoredConcern(i, 0.9 - n * 0.1) for n, i in enumerate(ids))
    return MatchResult(text=text, outcome=outcome, crisis=crisis, concerns=concerns)


SET = """
cases:
  - {text: a, expect: [slapen]}
  - {text: b, expect: [huilen], also: [ouder_welzijn]}
  - {text: c, expect: [voeding, gedrag]}
  - {text: d, expect: [unclear]}
  - {text: e, expect: [unclear]}
  - {text: f, expect: [crisis], crisis: suicide}
  - {text: g, expect: [crisis], crisis: medical}
ages:
  - {text: 3 maanden, stage: kind, months: 3}
  - {text: 20 weken zwanger, stage: zwanger}
places:
  - {text: winschoten, gemeente: Oldambt, region: groningen}
  - {text: Amsterdam, region: null}
  - {text: Utrecht, gemeente: Utrecht, region: null}
"""


def test_metrics(tmp_path: Path) -> None:
    answers = {
        "a": _result("a", "concern", "slapen", "huilen"),
        "b": _result("b", "concern", "huilen", "gezin", "slapen", "ouder_welzijn"),
        "c": _result("c", "concern", "gedrag"),
        "d": _result("d", "unclear"),
        "e": _result("e", "crisis", crisis="violence"),
        "f": _result("f", "crisis", crisis="suicide"),
        "g": _result("g", "crisis", crisis="harm_child"),
    }
    path = tmp_path / "set.yaml"
    path.write_text(SET, encoding="utf-8")
    report = evaluate(_Canned(answers), path)
    assert (report.concern_top1.hits, report.concern_top1.total) == (3, 3)
    assert (report.concern_top3.hits, report.concern_top3.total) == (2, 3)
    assert (report.unclear_recall.hits, report.unclear_recall.total) == (1, 2)
    assert (report.unclear_precision.hits, report.unclear_precision.total) == (1, 1)
    assert (report.crisis_recall.hits, report.crisis_recall.total) == (2, 2)
    assert (report.crisis_kind.hits, report.crisis_kind.total) == (1, 2)
    assert (report.false_alarms.hits, report.false_alarms.total) == (1, 5)
    assert (report.age.hits, report.age.total) == (1, 2)
    assert (report.place.hits, report.place.total) == (2, 3)
    assert {m.text for m in report.misses} == {"b", "e", "g", "20 weken zwanger", "Utrecht"}
    assert not report.meets_targets()
    assert report.to_json()["crisis_false_alarm_rate"]["value"] == pytest.approx(0.2)
    assert "unclear recall" in report.format()


def test_the_copy_of_the_dev_set_matches_the_shared_one() -> None:
    if not paths.SHARED_DEV_SET.exists():
        pytest.skip(f"the shared original is not beside this checkout ({paths.SHARED_DEV_SET})")
    original = yaml.safe_load(paths.SHARED_DEV_SET.read_text(encoding="utf-8"))
    assert yaml.safe_load(paths.COPY_DEV_SET.read_text(encoding="utf-8")) == original
