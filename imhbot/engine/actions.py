"""Actions for `action:` steps. Each returns an outcome name that the step's `on:` can branch on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imhbot.content.models import AGE_BANDS, MAX_CHILD_MONTHS, Provider
from imhbot.engine.answers import (
    AGE_MAX,
    AGE_MIN,
    AGE_MONTHS,
    AGE_STAGE,
    CONCERN,
    DISCIPLINE,
    FOUND,
    GEMEENTE,
    HANDOFF_REASON,
    PAGE,
    REGION,
    ROLE,
    SHOWN,
    SHOWN_IDS,
    USEFUL,
    WORDS,
)
from imhbot.engine.buttons import matching_pages
from imhbot.engine.context import Context
from imhbot.engine.model import Answer, Forget, Handoff, Record, guesses_in
from imhbot.engine.understanders import OK

PAGE_SIZE = 3

Action = Callable[[Context], str]


def age_band(answers: dict[str, Answer]) -> str:
    """A coarse, anonymous age band for statistics and the coordinator card."""
    stage = answers.get(AGE_STAGE)
    low = answers.get(AGE_MIN)
    if stage in ("kinderwens", "zwanger") or not isinstance(low, int):
        return str(stage or "onbekend")
    return next((band.name for band in AGE_BANDS[2:] if low <= band.high), "ouder")


def _stats(ctx: Context, **extra: Answer) -> dict[str, Answer]:
    return {
        "concern": ctx.answers.get(CONCERN),
        "region": ctx.answers.get(REGION),
        "age_band": age_band(ctx.answers),
        **extra,
    }


def _give_consent(ctx: Context) -> str:
    ctx.consent_at = ctx.now
    ctx.consent_version = ctx.knowledge.content.texts.privacy_version
    ctx.emit(Record("consent"))
    return OK


def _ranked(ctx: Context) -> list[Provider]:
    answers = ctx.answers
    low, high = answers.get(AGE_MIN), answers.get(AGE_MAX)
    band = (low, high) if isinstance(low, int) and isinstance(high, int) else (0, MAX_CHILD_MONTHS)
    gemeente, region, concern = (
        answers.get(GEMEENTE),
        answers.get(REGION),
        answers.get(CONCERN),
    )
    return ctx.knowledge.understanding.providers.rank(
        concern=str(concern),
        age=band,
        gemeente=gemeente if isinstance(gemeente, str) else None,
        region=region if isinstance(region, str) else None,
    )


def _contact(ctx: Context, provider: Provider) -> str:
    parts = [
        ctx.text(f"results.contact_{kind}", value=value)
        for kind, value in (
            ("phone", provider.contact.phone),
            ("website", provider.contact.website),
            ("email", provider.contact.email),
        )
        if value
    ]
    return "\n".join(parts)


def provider_card(ctx: Context, provider: Provider) -> str:
    waiting = ""
    if provider.waiting_weeks == 0:
        waiting = ctx.text("results.waiting_none")
    elif provider.waiting_weeks is not None:
        waiting = ctx.text("results.waiting", weeks=provider.waiting_weeks)
    fields: dict[str, Any] = {
        "name": provider.name,
        "organisation": provider.organisation,
        "description": provider.description,
        "for_whom": provider.for_whom,
        "route": ctx.text(f"referral.{provider.referral.value}"),
        "costs": provider.costs,
        "contact": _contact(ctx, provider),
        "waiting": waiting,
    }
    card = ctx.text("results.provider", **fields)
    return "\n".join(line for line in card.splitlines() if line.strip())


def _show_providers(ctx: Context, providers: list[Provider], start: int) -> None:
    shown = providers[start : start + PAGE_SIZE]
    for provider in shown:
        ctx.reply(provider_card(ctx, provider))
    ctx.answers[SHOWN] = start + len(shown)
    ctx.answers[FOUND] = len(providers)
    ctx.answers[SHOWN_IDS] = ",".join(p.id for p in providers[: start + len(shown)])


def _show_results(ctx: Context) -> str:
    providers = _ranked(ctx)
    ctx.emit(Record("results", _stats(ctx, found=len(providers))))
    if not providers:
        ctx.answers.update({SHOWN: 0, FOUND: 0, SHOWN_IDS: ""})
        return "empty"
    ctx.say("results.intro")
    _show_providers(ctx, providers, 0)
    pages = matching_pages(ctx)
    if pages:
        cards = [
            ctx.text("results.page", title=p.title, summary=p.summary, url=p.url or "")
            for p in pages
        ]
        ctx.reply(ctx.text("results.pages_intro") + "\n\n" + "\n\n".join(cards))
    ctx.say("results.disclaimer")
    return OK


def _show_more(ctx: Context) -> str:
    shown = ctx.answers.get(SHOWN)
    _show_providers(ctx, _ranked(ctx), shown if isinstance(shown, int) else 0)
    ctx.say("results.disclaimer")
    return OK


def _show_page(ctx: Context) -> str:
    page_id = ctx.answers.pop(PAGE, None)
    page = next((p for p in ctx.knowledge.content.pages if p.id == page_id), None)
    if page is None:
        return "missing"
    ctx.reply(
        ctx.text("results.page_full", title=page.title, body=page.body.strip(), source=page.source)
    )
    return OK


def _record_feedback(ctx: Context) -> str:
    ctx.emit(Record("feedback", _stats(ctx, useful=ctx.answers.pop(USEFUL, None))))
    return OK


def handoff_summary(ctx: Context, reason: str) -> dict[str, Any]:
    answers = ctx.answers
    return {
        "reason": reason,
        "role": answers.get(ROLE),
        "discipline": answers.get(DISCIPLINE),
        "age_stage": answers.get(AGE_STAGE),
        "age_months": answers.get(AGE_MONTHS),
        "age_band": age_band(answers),
        "gemeente": answers.get(GEMEENTE),
        "concern": answers.get(CONCERN),
        "guesses": [tuple(guess) for guess in guesses_in(answers)],
        "words": ctx.transient.get(WORDS),
        "shown": [p for p in str(answers.get(SHOWN_IDS) or "").split(",") if p],
    }


def _handoff(ctx: Context) -> str:
    reason = str(ctx.answers.get(HANDOFF_REASON) or "asked")
    coordinators = ctx.knowledge.content.coordinators_for(ctx.answers.get(REGION))
    if coordinators is None:
        ctx.emit(Record("handoff", _stats(ctx, outcome="no_region")))
        return "no_region"
    summary = handoff_summary(ctx, reason)
    ctx.emit(Handoff(reason=reason, priority=False, region=coordinators.id, summary=summary))
    ctx.emit(Record("handoff", _stats(ctx, outcome=reason)))
    return OK


def _forget(ctx: Context) -> str:
    ctx.emit(Forget())
    ctx.answers.clear()
    ctx.consent_at = None
    ctx.resume = None
    return OK


ACTIONS: dict[str, Action] = {
    "give_consent": _give_consent,
    "show_results": _show_results,
    "show_more": _show_more,
    "show_page": _show_page,
    "record_feedback": _record_feedback,
    "handoff": _handoff,
    "forget": _forget,
}
