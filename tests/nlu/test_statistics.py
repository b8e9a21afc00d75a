"""The Naive Bayes model of the example messages."""

from __future__ import annotations

import pytest

from imhbot.nlu.analysis import Analyzer, Lexicon
from imhbot.nlu.bayes import Features, MessageModel, build_model
from imhbot.nlu.pattern_set import Gaps, PatternSet

LEXICON = Lexicon()
ANALYZER = Analyzer(LEXICON, {})
FEATURES = Features(LEXICON, PatternSet((), LEXICON, Gaps(2, 5)), ("de", "het"))


def features(text: str) -> frozenset[str]:
    return FEATURES.of(ANALYZER.tokens(text), {})


def test_words_become_lemma_keys_without_the_ignored_ones() -> None:
    assert features("de baby slaapt") == {"l:baby", "l:slapen"}


def test_persons_negations_and_judged_words_mark_the_keys() -> None:
    tokens = ANALYZER.tokens("ik huil nooit geslagen goed")
    keys = FEATURES.of(tokens, {1: "ouder"}, skipped={4}, negated={3})
    assert "l:huilen@ouder" in keys
    assert "!l:slaan" in keys
    assert not any("goed" in k for k in keys)


def model() -> MessageModel:
    labelled = [(0, "hij slaapt slecht"), (0, "wakker in de nacht"), (1, "hij eet slecht")]
    built = build_model(labelled, 2, features, alpha=0.5)
    assert built is not None
    return built


def test_the_model_prefers_the_class_whose_words_it_saw() -> None:
    posterior = model().posterior(features("de hele nacht wakker"))
    assert posterior is not None
    assert posterior.chances[0] > posterior.chances[1]
    assert sum(posterior.chances) == pytest.approx(1.0)
    assert posterior.known == 2


def test_unknown_words_give_no_posterior_and_no_content_gives_no_model() -> None:
    assert model().posterior(features("hallo daar")) is None
    assert build_model([], 2, features, alpha=0.5) is None


def test_a_higher_temperature_makes_the_chances_less_extreme() -> None:
    words = features("de hele nacht wakker")
    cold, warm = model().posterior(words), model().posterior(words, temperature=3.0)
    assert cold is not None
    assert warm is not None
    assert warm.chances[0] < cold.chances[0]
