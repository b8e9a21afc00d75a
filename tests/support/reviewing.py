"""Knowledge with one review signal of suicide that tests can rely on, whatever the shipped
safety.yaml lists: "sta .. spoorbrug" asks first instead of raising the alarm at once."""

from __future__ import annotations

import dataclasses

from imhbot.engine.knowledge import Knowledge
from imhbot.nlu.understanding import Understanding

UNCLEAR = "ik sta hier al een uur bij de spoorbrug te kijken"
"""Danger that is not clear: the check question of suicide."""


def reviewing(knowledge: Knowledge) -> Knowledge:
    safety = knowledge.content.safety
    kinds = tuple(
        k.model_copy(update={"review_signals": (*k.review_signals, "sta .. spoorbrug")})
        if k.id == "suicide"
        else k
        for k in safety.kinds
    )
    content = knowledge.content.model_copy(
        update={"safety": safety.model_copy(update={"kinds": kinds})}
    )
    return dataclasses.replace(knowledge, content=content, built=Understanding.build(content))
