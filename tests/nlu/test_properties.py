"""Any input at all: nothing raises, results stay well-formed, and time grows linearly."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhbot.content.vocabulary import Concern, MatchingSettings, Safety
from imhbot.nlu.concerns import ConcernMatcher
from imhbot.nlu.crisis import CrisisDetector

CONTENT = Path(__file__).resolve().parents[2] / "content"
RELAXED = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _yaml(name: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
    return data


@cache
def matcher() -> ConcernMatcher:
    raw = _yaml("concerns.yaml")["concerns"]
    assert isinstance(raw, list)
    concerns = [Concern.model_validate(c) for c in raw]
    return ConcernMatcher.build(concerns, MatchingSettings.model_validate(_yaml("matching.yaml")))


@cache
def detector() -> CrisisDetector:
    return CrisisDetector.build(Safety.model_validate(_yaml("safety.yaml")))


def check_match(text: str) -> None:
    result = matcher().match(text)
    assert result.outcome in ("concern", "unclear")
    assert result.text == text
    scores = [c.score for c in result.concerns]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert detector().detect(text) in (None, "suicide", "harm_child", "violence", "medical")


@RELAXED
@given(st.text())
def test_any_unicode(text: str) -> None:
    check_match(text)


@RELAXED
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"])))
def test_control_and_space_characters(text: str) -> None:
    check_match(text)


WORDS = [
    "ik",
    "mijn",
    "hij",
    "ze",
    "baby",
    "slaapt",
    "niet",
    "huilt",
    "veel",
    "maar",
    "eet",
    "slecht",
    "krampjes",
    "wil",
    "dood",
    "geslagen",
    "bang",
    "driftbuien",
    "nie",
    "mn",
    "zn",
    "'s",
    "nachts",
    "wakker",
    "geen",
    "woordjes",
    "...",
    ",",
    "!",
    "?",
    "😭",
    "zwanger",
    "bevalling",
    "slaaapt",
    "heeeel",
    "borstvoedingsproblemen",
    "ademt",
    "blauw",
]


@RELAXED
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_dutch_like_word_salad(text: str) -> None:
    check_match(text)


def test_empty_and_huge_inputs() -> None:
    for text in ("", " ", "\x00" * 10, "a" * 100_000, "é" * 100_000, "🙂" * 50_000):
        check_match(text)


def _random_text(chars: int, seed: int) -> str:
    rng = random.Random(seed)
    pieces: list[str] = []
    while sum(len(p) + 1 for p in pieces) < chars:
        word = rng.choice(WORDS)
        pieces.append(word if rng.random() < 0.7 else word + rng.choice("xyzq"))
    return " ".join(pieces)[:chars]


def _fastest(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def test_time_grows_at_most_linearly() -> None:
    """100x more text may take at most 400x the time (quadratic work would be ~10,000x)."""
    small, large = _random_text(1_000, seed=1), _random_text(100_000, seed=2)

    def both(text: str) -> Callable[[], object]:
        return lambda: (matcher().match(text), detector().detect(text))

    both(small)()
    both(large)()
    assert _fastest(both(large), repeat=2) < 400 * _fastest(both(small), repeat=5)
