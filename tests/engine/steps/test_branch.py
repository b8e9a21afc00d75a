"""`branch`: the first case whose condition holds, else `next`; it says nothing."""

from __future__ import annotations

from typing import Any

import pytest
from support.chat import Chat
from support.flows import with_steps

from imhbot.engine.knowledge import Knowledge


def _chat(knowledge: Knowledge, answers: dict[str, Any]) -> Chat:
    branch = {
        "type": "branch",
        "cases": [
            {"when": {"age_over": 71}, "goto": "old"},
            {"when": {"present": "gemeente"}, "goto": "known"},
        ],
        "next": "other",
    }
    steps = {
        "preset": {"type": "set", "set": answers, "next": "which"},
        "which": branch,
        "old": {"type": "ask", "text": "age.too_old"},
        "known": {"type": "ask", "text": "concern.question"},
        "other": {"type": "ask", "text": "place.question"},
    }
    return Chat(with_steps(knowledge, "preset", **steps))


@pytest.mark.parametrize(
    ("answers", "goes_to"),
    [
        ({"age_min": 80, "gemeente": "Oldambt"}, "old"),
        ({"age_min": 12, "gemeente": "Oldambt"}, "known"),
        ({"age_min": 12}, "other"),
        ({}, "other"),
    ],
)
def test_branch_takes_the_first_case_that_holds(
    knowledge: Knowledge, answers: dict[str, Any], goes_to: str
) -> None:
    chat = _chat(knowledge, answers)
    chat.send("hoi")
    assert chat.session.step == goes_to
    question = {"old": "age.too_old", "known": "concern.question", "other": "place.question"}
    assert chat.said() == chat.text(question[goes_to])
