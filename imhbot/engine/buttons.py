"""Buttons that depend on the conversation, for `{from: source}` buttons in ask steps."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from imhbot.content.models import Page
from imhbot.engine.answers import AGE_MAX, AGE_MIN, CONCERN, PAGE, ROLE
from imhbot.engine.context import Choice, Context
from imhbot.engine.fields import concern_label
from imhbot.engine.model import guesses_in

Source = Callable[[Context], list[Choice]]


def _concern_choice(ctx: Context, concern_id: str) -> Choice:
    label = concern_label(ctx.knowledge.content, concern_id, ctx.answers.get(ROLE))
    return Choice(label=label, value=f"concern:{concern_id}", assign={CONCERN: concern_id})


def _guesses(ctx: Context) -> list[Choice]:
    known = {c.id for c in ctx.knowledge.content.concerns}
    guesses = [guess.id for guess in guesses_in(ctx.answers) if guess.id in known]
    return [_concern_choice(ctx, cid) for cid in guesses[:3]]


def _other_guesses(ctx: Context) -> list[Choice]:
    """The guesses besides the one the parent said it is not ("Iets anders")."""
    current = ctx.answers.get(CONCERN)
    return [c for c in _guesses(ctx) if c.assign.get(CONCERN) != current]


def _concerns(ctx: Context) -> list[Choice]:
    return [_concern_choice(ctx, c.id) for c in ctx.knowledge.content.concerns]


def matching_pages(ctx: Context) -> Sequence[Page]:
    concern = ctx.answers.get(CONCERN)
    low, high = ctx.answers.get(AGE_MIN), ctx.answers.get(AGE_MAX)
    pages = [p for p in ctx.knowledge.content.pages if concern in p.concerns]
    if isinstance(low, int) and isinstance(high, int):
        fitting = [p for p in pages if p.age_months is None or p.age_months.overlaps(low, high)]
        pages = fitting or pages
    return pages[:2]


def _pages(ctx: Context) -> list[Choice]:
    return [
        Choice(
            label=ctx.text("buttons.read_page", title=page.button_title),
            value=f"page:{page.id}",
            assign={PAGE: page.id},
        )
        for page in matching_pages(ctx)
    ]


SOURCES: dict[str, Source] = {
    "guesses": _guesses,
    "other_guesses": _other_guesses,
    "concerns": _concerns,
    "pages": _pages,
}
