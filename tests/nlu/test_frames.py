"""Frames: parts of one sentence in any order, within a span, not negated, never slow."""

from __future__ import annotations

import time
from collections.abc import Collection

import pytest

from imhbot.nlu.analysis import Analyzer, Lexicon
from imhbot.nlu.frames import FrameSet, FrameSettings, frame_parts, frame_problems
from imhbot.nlu.pattern_set import Gaps, Typos

LEXICON = Lexicon()
ANALYZER = Analyzer(LEXICON, {}, ("en", "maar"))
SETS = {"dader": ("ik", "hij", "vriend"), "kind": ("baby", "zoon", "hem")}


def frames(*sources: str, span: int = 12) -> FrameSet:
    return FrameSet(
        sources,
        LEXICON,
        SETS,
        Gaps(2, 6),
        blockers=("niet", "nooit", "geen"),
        typos=Typos(4, 6),
        settings=FrameSettings(span=span),
    )


def hits(frame_set: FrameSet, text: str, masked: Collection[int] = ()) -> list[int]:
    return [h.frame for h in frame_set.find(ANALYZER.tokens(text), lambda _: masked)]


SHAKEN = frames("{dader} + =geschud + {kind}")


@pytest.mark.parametrize(
    "text",
    [
        "mijn vriend heeft de baby geschud",
        "de baby is door mijn vriend geschud",
        "heeft hij hem nou geschud?",
        "mn vriend heeft de baby gesgud",
    ],
)
def test_the_parts_may_come_in_any_order(text: str) -> None:
    assert hits(SHAKEN, text) == [0]


@pytest.mark.parametrize(
    "text",
    [
        "mijn vriend heeft de baby nooit geschud",
        "mijn vriend heeft de baby geschud niet",
        "mijn vriend is boos. de baby werd geschud door de trein",
    ],
)
def test_a_negation_or_another_sentence_breaks_a_frame(text: str) -> None:
    assert hits(SHAKEN, text) == []


def test_the_parts_must_lie_within_the_span() -> None:
    text = "mijn vriend zegt dat het allemaal wel meevalt met alles wat er gebeurt met de baby die geschud"
    assert hits(frames("{dader} + =geschud + {kind}", span=5), text) == []


def test_masked_words_do_not_count() -> None:
    tokens = ANALYZER.tokens("mijn vriend heeft de baby geschud")
    vriend = next(n for n, t in enumerate(tokens) if t.word.text == "vriend")
    assert hits(SHAKEN, "mijn vriend heeft de baby geschud", {vriend}) == []


def test_one_word_fills_one_part_only() -> None:
    assert hits(frames("hem + {kind}"), "ik zie hem") == []


def test_frame_syntax_is_checked() -> None:
    assert frame_problems("alleen een deel")
    assert frame_problems("{onbekend} + schudden", ("dader",))
    assert not frame_problems("{dader} + schudden", ("dader",))
    assert frame_parts("a + b c + d") == ["a", "b c", "d"]


def test_a_huge_message_stays_fast() -> None:
    many = frames("{dader} + =geschud + {kind} + huilt")
    text = " ".join(["ik hij vriend baby zoon hem geschud"] * 3000)
    start = time.perf_counter()
    hits(many, text)
    assert time.perf_counter() - start < 5
