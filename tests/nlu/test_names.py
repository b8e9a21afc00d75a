"""Names in a parent's words: deduce's lists, built once into the cache folder, offline."""

from __future__ import annotations

import logging
from pathlib import Path

import deduce
import pytest

from imhbot.nlu.masking import mask
from imhbot.nlu.names import NameMasker


@pytest.mark.parametrize(
    ("said", "masked"),
    [
        ("mijn vriend Jan de Vries en ik", "mijn vriend [naam] en ik"),
        (
            "Emma slaapt slecht sinds we in Hoogeveen wonen",
            "[naam] slaapt slecht sinds we in Hoogeveen wonen",
        ),
        (
            "de huisarts dr. Bakker zei dat ik moest bellen",
            "de huisarts [naam] zei dat ik moest bellen",
        ),
        ("Mijn dochter slaapt slecht", "Mijn dochter slaapt slecht"),
        (
            "Ik ben zo moe. Hij huilt en wil niet drinken",
            "Ik ben zo moe. Hij huilt en wil niet drinken",
        ),
        ("mijn man Pieter belt je: 0612345678", "mijn man [naam] belt je: [telefoonnummer]"),
    ],
)
def test_names_are_masked_and_ordinary_words_stay(said: str, masked: str) -> None:
    assert mask(said) == masked


def test_a_fresh_cache_is_built_once_outside_the_installed_package(tmp_path: Path) -> None:
    installed = Path(deduce.__file__).parent / "data" / "lookup" / "cache"
    before = sorted(installed.iterdir())
    assert NameMasker(tmp_path).mask("mijn zoon Daan eet niet") == "mijn zoon [naam] eet niet"
    [built] = tmp_path.iterdir()
    assert built.name == f"deduce-{deduce.__version__}"
    assert (built / "cache" / "lookup_structs.pickle").is_file()
    assert sorted(installed.iterdir()) == before
    again = NameMasker(tmp_path)
    assert again.mask("Sanne huilt") == "[naam] huilt"
    assert list(tmp_path.iterdir()) == [built]


def test_when_deduce_cannot_load_the_words_still_go(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    names = NameMasker(blocked)
    with caplog.at_level(logging.ERROR):
        assert names.mask("Jan slaapt niet") == "Jan slaapt niet"
        assert names.mask("Piet ook niet") == "Piet ook niet"
    assert [r.getMessage() for r in caplog.records] == ["deduce did not load: names are not masked"]
