"""A small flow of one's own, with the shipped commands, fallbacks and texts: to try one step
type at a time."""

from __future__ import annotations

import dataclasses
from typing import Any

from imhbot.engine.flow import Flow
from imhbot.engine.knowledge import Knowledge


def with_steps(knowledge: Knowledge, start: str, **steps: dict[str, Any]) -> Knowledge:
    """The shipped knowledge with a flow of just `steps`, starting at `start`."""
    data = knowledge.flows["intake"].model_dump(by_alias=True)
    data.update(start=start, recover=start, signals={}, steps=steps)
    return dataclasses.replace(knowledge, flows={"intake": Flow.model_validate(data)})


ASKED = {"type": "ask", "text": "age.question"}
"""A question to end up at, to see where a step led."""
