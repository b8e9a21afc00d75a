"""Loading content and flows: the shipped set is complete; mistakes get file, line and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support.content import copy_content, edit, line_of

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.yamlfile import ContentError, Position, read_yaml
from imhbot.engine.knowledge import Knowledge
from imhbot.service.loading import load_knowledge
from imhbot.settings import PROJECT_ROOT

SPEC = PROJECT_ROOT.parent / "shared" / "spec" / "concerns.yaml"


def test_the_fixed_concern_ids_are_the_specs() -> None:
    if not SPEC.exists():
        pytest.skip(f"the steering spec is not next to this checkout ({SPEC})")
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert [c["id"] for c in spec["concerns"]] == list(CONCERN_IDS)


def test_the_shipped_content_is_complete(knowledge: Knowledge) -> None:
    content = knowledge.content
    assert [c.id for c in content.concerns] == list(CONCERN_IDS)
    covered = [g for g in content.gemeenten if g.region]
    assert sum(g.region == "groningen" for g in covered) == 10
    assert sum(g.region == "twente" for g in covered) == 14
    fictional = [p for p in content.providers if p.example]
    assert len(fictional) >= 40
    assert all("example.org" in (p.contact.website or "example.org") for p in fictional)
    for region in ("groningen", "twente"):
        assert (
            sum(
                p.region == region
                or bool(p.gemeenten and region_of(knowledge, p.gemeenten[0]) == region)
                for p in fictional
            )
            >= 20
        )
    for concern in CONCERN_IDS:
        assert any(concern in p.concerns for p in content.pages), concern
        assert any(concern in p.concerns for p in content.providers), concern
    assert all(p.source and p.reviewed_on for p in content.pages)


def region_of(knowledge: Knowledge, gemeente: str) -> str | None:
    return next(g.region for g in knowledge.content.gemeenten if g.name == gemeente)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    copy_content(tmp_path)
    return tmp_path


def _problems(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_knowledge(root / "content", root / "flows")
    return str(caught.value)


def test_where_a_lost_conversation_goes_must_be_a_step(copy: Path) -> None:
    flow = copy / "flows" / "intake.yaml"
    edit(flow, "recover: pick_up", "recover: oppakken")
    problems = _problems(copy)
    assert f"intake.yaml:{line_of(flow, 'recover: oppakken')}:" in problems
    assert "stap 'oppakken' bestaat niet" in problems


def test_every_problem_is_reported_at_once(copy: Path) -> None:
    edit(copy / "flows" / "intake.yaml", "goto: no_consent}", "goto: nergens}")
    edit(copy / "content" / "texts.nl.yaml", "  too_old: |-", "  te_oud: |-")
    problems = _problems(copy)
    assert "nergens" in problems
    assert "age.too_old" in problems


def test_yes_no_on_off_stay_words_for_editors(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("buttons:\n  yes: Ja\n  no: Nee\nvalues: [on, off, true]\n", encoding="utf-8")
    data = read_yaml(path)
    assert data == {"buttons": {"yes": "Ja", "no": "Nee"}, "values": ["on", "off", True]}
    assert data["buttons"].key_positions == {"yes": Position(2, 3), "no": Position(3, 3)}


def test_a_phrase_that_cannot_be_read_is_reported_at_its_entry(copy: Path) -> None:
    concerns = copy / "content" / "concerns.yaml"
    edit(concerns, "spookuurtje, inbakeren", "spookuurtje, .. inbakeren")
    problems = _problems(copy)
    assert f"concerns.yaml:{line_of(concerns, 'keywords: [huilbaby')}:" in problems
    assert "'.. inbakeren': '..' mag niet aan het begin staan" in problems
