"""Whole scripted conversations are judged at their end: what holds, what does not, and a file
that cannot be read says where."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from imhbot.cli import main
from imhbot.engine.knowledge import Knowledge
from imhbot.service.scripted import ScriptError, age_bands, evaluate_scripts

TO_RESULTS = ["/start", "Ja, dat is goed", "Ik ben (aanstaande) ouder", "14 maanden", "Veendam"]
SLEEP = [*TO_RESULTS, "ze slaapt heel slecht", "ja"]


def _file(tmp_path: Path, *conversations: dict[str, object]) -> Path:
    path = tmp_path / "conversations.yaml"
    path.write_text(yaml.safe_dump({"conversations": list(conversations)}), encoding="utf-8")
    return path


def test_a_conversation_that_ends_as_expected_is_right(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    expect = {
        "role": "ouder",
        "age_band": "1-2j",
        "gemeente": "veendam",
        "region": "groningen",
        "concern": "slapen",
        "shown": ["gro-jgz-oost"],
        "not_shown": ["twe-verloskunde-hengelo"],
        "handoff": False,
        "max_messages": 9,
    }
    report = evaluate_scripts(
        knowledge, _file(tmp_path, {"id": "slaap", "lines": SLEEP, "expect": expect})
    )
    assert [(e.id, e.failures) for e in report.endings] == [("slaap", ())]
    assert report.right == 1


def test_each_expectation_that_does_not_hold_is_named(knowledge: Knowledge, tmp_path: Path) -> None:
    expect = {
        "role": "professional",
        "age_band": "0-6m",
        "region": "twente",
        "concern": "huilen",
        "shown": ["twe-verloskunde-hengelo"],
        "not_shown": ["gro-jgz-oost"],
        "handoff": True,
        "max_messages": 3,
    }
    report = evaluate_scripts(
        knowledge, _file(tmp_path, {"id": "mis", "lines": SLEEP, "expect": expect})
    )
    [ending] = report.endings
    assert not ending.right
    failures = "\n".join(ending.failures)
    for part in (
        "role",
        "region",
        "concern",
        "band '0-6m'",
        "missing from the results: twe-verloskunde-hengelo",
        "shown but should not be: gro-jgz-oost",
        "no handoff was asked",
        "at most 3",
    ):
        assert part in failures
    assert "Wrong (1):\n  mis: role 'ouder'" in report.format()


def test_asking_for_a_coordinator_is_a_handoff(knowledge: Knowledge, tmp_path: Path) -> None:
    lines = [*SLEEP, "Nee, niet echt", "Praat met een coördinator", "Ja, stuur door", "help"]
    report = evaluate_scripts(
        knowledge, _file(tmp_path, {"id": "mens", "lines": lines, "expect": {"handoff": True}})
    )
    assert report.endings[0].right


def test_the_age_bands_are_the_flows_buttons(knowledge: Knowledge) -> None:
    bands = age_bands(knowledge.flows["intake"])
    assert bands["1-2j"] == (12, 23)
    assert bands["zwanger"] == (-9, -1)


def test_a_file_that_cannot_be_read_says_where(
    knowledge: Knowledge, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, {"id": "x", "lines": ["hoi"], "expect": {"age": "1-2j"}})
    with pytest.raises(ScriptError, match=r"conversations\.0\.expect\.age"):
        evaluate_scripts(knowledge, path)
    assert main(["eval", str(path)]) == 2
    assert "imhbot eval:" in capsys.readouterr().err


def test_an_unknown_age_band_is_refused(knowledge: Knowledge, tmp_path: Path) -> None:
    path = _file(tmp_path, {"id": "x", "lines": SLEEP, "expect": {"age_band": "1-2 jaar"}})
    with pytest.raises(ScriptError, match="none of the flow's: kinderwens, zwanger"):
        evaluate_scripts(knowledge, path)


def test_imhbot_eval_reads_a_file_of_conversations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, {"id": "slaap", "lines": SLEEP, "expect": {"concern": "slapen"}})
    assert main(["eval", str(path)]) == 0
    assert "ending right           100.0% (1/1)" in capsys.readouterr().out


def test_every_conversation_of_the_dev_set_ends_right(knowledge: Knowledge) -> None:
    """tests/data/conversations.yaml: whole conversations typed as people type them."""
    path = Path(__file__).resolve().parents[1] / "data" / "conversations.yaml"
    report = evaluate_scripts(knowledge, path)
    assert len(report.endings) >= 40
    assert [f"{e.id}: {'; '.join(e.failures)}" for e in report.endings if not e.right] == []
