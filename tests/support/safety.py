"""The crisis protocol at each step of the flow, for any channel.

A channel gives `say` (one line in, what the parent saw out) and its database engine; the
checks are the same for the terminal and for Telegram: the safety message of the kind, a
priority alert for the coordinators, the same question again (before consent: a short
consent question), and "nee, dat bedoelde ik niet" neither hides the numbers (a short line
repeats them) nor derails the conversation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import select

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge
from imhbot.store.db import transaction
from imhbot.store.outbox import CARD
from imhbot.store.tables import OutboxMessage, Ticket
from support.transcripts import Seen

Say = Callable[[str], Awaitable[list[Seen]]]

KINDS = {
    "suicide": "ik wil niet meer leven",
    "violence": "mijn man slaat mij, nu weer",
    "harm_child": "ik ben bang dat ik mijn baby iets aandoe",
    "medical": "mijn baby ademt niet meer",
}
TO_CONCERN = ("/start", "1", "1", "14 maanden", "Winschoten")


@dataclass(frozen=True)
class Step:
    lines: tuple[str, ...]
    """What brings a new parent to this step."""
    question: str | None
    """The text key of the question asked after the safety message there (None: a
    coordinator has the conversation)."""
    answer: str = ""
    """A normal answer afterwards, and a text the reply to it then shows."""
    then: str = ""


STEPS = {
    "before_consent": Step(("/start",), "safety.resume_consent", "1", "Ben je ouder"),
    "age": Step(TO_CONCERN[:3], "age.question", "14 maanden", "In welke plaats woon je?"),
    "place": Step(TO_CONCERN[:4], "place.question", "Winschoten", "Waar maak je je zorgen over?"),
    "concern": Step(TO_CONCERN, "concern.question", "ze huilt de hele dag", "huilen en onrust"),
    "handoff": Step((*TO_CONCERN, "tja", "hmm weet niet", "1", "1", "ze slaapt niet"), None),
}


async def crisis_at(say: Say, knowledge: Knowledge, engine: Engine, step: str, kind: str) -> None:
    where = STEPS[step]
    for line in where.lines:
        await say(line)
    tickets_before = _tickets(engine)

    said = _joined(await say(KINDS[kind]))
    safety = plain(knowledge.content.safety.kind(kind).message)
    assert safety in said, said
    if where.question is not None:
        question = plain(knowledge.content.texts.get(where.question))
        assert said.endswith(question), f"not back at {where.question}:\n{said}"

    alerts = [t for t in _tickets(engine) if t.priority]
    assert alerts, "no priority alert for the coordinators"
    [alert] = alerts
    assert alert.region == "groningen"
    if tickets_before:
        assert alert.id == tickets_before[0].id, "the open ticket is raised, not a new one"
    else:
        assert alert.reason == "crisis"
        assert "words" not in alert.summary, "the alert carries only what is needed"
    assert _cards(engine, alert.id) == len(tickets_before) + 1

    denied = _joined(await say("nee, dat bedoelde ik niet"))
    assert safety not in denied  # said once, and left standing
    assert len(_tickets(engine)) == len(tickets_before) + (0 if tickets_before else 1)
    if where.question is not None:
        assert denied, "the parent gets an answer"
        if step != "before_consent":  # nothing is kept before consent, so nothing to take back
            reminder = plain(knowledge.content.safety.kind(kind).reminder)
            assert reminder in denied, f"the numbers are not repeated:\n{denied}"
            assert denied.endswith(plain(knowledge.content.texts.get(where.question)))
        assert where.then in _joined(await say(where.answer)), "the conversation goes on"


def _joined(seen: list[Seen]) -> str:
    return "\n\n".join(s.text for s in seen)


def _tickets(engine: Engine) -> list[Ticket]:
    with transaction(engine) as db:
        return list(db.exec(select(Ticket).order_by(Ticket.id)).all())  # type: ignore[arg-type]


def _cards(engine: Engine, ticket: int | None) -> int:
    with transaction(engine) as db:
        rows = db.exec(
            select(OutboxMessage).where(OutboxMessage.ticket == ticket, OutboxMessage.kind == CARD)
        ).all()
    return len(rows)
