"""What coordinators read: a ticket's card and its buttons, the notices about a ticket, the
open list and the figures, all from content/texts.nl.yaml. Words only: no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from imhbot.content.models import Content
from imhbot.engine.fields import LOCAL_TIME
from imhbot.engine.model import Button
from imhbot.store.tables import Ticket
from imhbot.store.tickets import CLOSED, TicketCounts

CLAIM, CLOSE = "claim", "close"
_BUTTON = "ticket"

TEXTS = (
    "coordination.card",
    "coordination.ticket",
    "coordination.ticket_priority",
    "coordination.crisis_card",
    "coordination.checked_answer",
    "coordination.checked_silence",
    "coordination.discipline",
    "coordination.age_newborn",
    "coordination.age_months",
    "coordination.age_years",
    "coordination.claimed",
    "coordination.closed",
    "coordination.unknown",
    "coordination.nothing",
    "coordination.from_parent",
    "coordination.reminder",
    "coordination.open_none",
    "coordination.open_header",
    "coordination.open_item",
    "coordination.open_unclaimed",
    "coordination.open_claimed",
    "coordination.stats",
    "coordination.answer_sent",
    "coordination.no_ticket",
    "coordination.already_closed",
    "coordination.blocked",
    "coordination.forgotten",
    "coordination.noted",
    "coordination.claim",
    "coordination.close",
    "handoff.from_coordinator",
    "time.minutes",
    "time.hours",
    "time.days",
)
"""The text keys used here; `coordination.reason_<reason>`, `role_<role>`, `kind_<crisis kind>`,
`discipline_<discipline>`, `age_<age band>` and `note_<note>` are used where content has them
(else the value itself is shown)."""
TEXT_PREFIXES = (
    "coordination.reason_",
    "coordination.role_",
    "coordination.kind_",
    "coordination.discipline_",
    "coordination.age_",
    "coordination.note_",
)


def ticket_button(action: str, number: int) -> str:
    return f"{_BUTTON}:{action}:{number}"


def parse_ticket_button(data: str) -> tuple[str, int] | None:
    """What a pressed card button asks: (claim or close, the ticket number)."""
    kind, action, number = [*data.split(":"), "", "", ""][:3]
    if kind != _BUTTON or action not in (CLAIM, CLOSE) or not number.isdigit():
        return None
    return action, int(number)


@dataclass(frozen=True)
class Cards:
    content: Content

    def text(self, key: str, **fields: Any) -> str:
        return self.content.texts.get(key, **fields)

    def buttons(self, number: int) -> list[Button]:
        return [
            Button(self.text("coordination.claim"), ticket_button(CLAIM, number)),
            Button(self.text("coordination.close"), ticket_button(CLOSE, number)),
        ]

    def card(self, ticket: Ticket, crisis: Any = None) -> str:
        """The card as sent: a crisis alert carries only its kind and the gemeente. Every
        value in words: names of concerns and providers, the age, labels for codes."""
        summary, unknown = ticket.summary, self.text("coordination.unknown")
        if crisis or (ticket.reason == "crisis" and "words" not in summary):
            kind = crisis or summary.get("crisis")
            checked = summary.get("checked")
            card = self.text(
                "coordination.crisis_card",
                ticket=self.title(ticket),
                kind=self._label("kind", kind) or unknown,
                gemeente=summary.get("gemeente") or unknown,
                checked=self.text(f"coordination.checked_{checked}") if checked else "",
            )
            return "\n".join(line for line in card.splitlines() if line.strip())
        discipline = self._label("discipline", summary.get("discipline"))
        card = self.text(
            "coordination.card",
            ticket=self.title(ticket),
            reason=self.reason(ticket),
            role=self._label("role", summary.get("role")) or unknown,
            discipline=self.text("coordination.discipline", discipline=discipline)
            if discipline
            else "",
            age=self.age(summary) or unknown,
            gemeente=summary.get("gemeente") or unknown,
            guesses=self._concerns(summary) or unknown,
            words=summary.get("words") or self.text("coordination.nothing"),
            shown=self._providers(summary.get("shown")) or self.text("coordination.nothing"),
        )
        return "\n".join(line for line in card.splitlines() if line.strip())

    def title(self, ticket: Ticket) -> str:
        """The ticket's number, with VOORRANG for priority: each a whole text, as the content
        models strip the spaces around a text (" — VOORRANG" lost its space)."""
        key = "coordination.ticket_priority" if ticket.priority else "coordination.ticket"
        return self.text(key, number=ticket.id)

    def age(self, summary: dict[str, Any]) -> str:
        """The age as typed ("14 maanden", "2 jaar (30 maanden)"), else the button's band."""
        months, stage = summary.get("age_months"), summary.get("age_stage")
        if isinstance(months, int) and stage not in ("kinderwens", "zwanger"):
            if months >= 24:
                return self.text("coordination.age_years", years=months // 12, months=months)
            if months:
                return self.text("coordination.age_months", months=months)
            return self.text("coordination.age_newborn")
        band = summary.get("age_band")
        return self._label("age", band.replace("-", "_") if isinstance(band, str) else None)

    def edited_card(self, ticket: Ticket) -> tuple[str, list[Button]]:
        """The card after a change: who claimed or closed it; no buttons once closed."""
        status = self._status_line(ticket)
        text = f"{self.card(ticket)}\n\n{status}" if status else self.card(ticket)
        assert ticket.id is not None
        return text, [] if ticket.status == CLOSED else self.buttons(ticket.id)

    def reason(self, ticket: Ticket) -> str:
        return self._label("reason", ticket.reason)

    def from_parent(self, number: int, text: str) -> str:
        return self.text("coordination.from_parent", number=number, text=text)

    def from_coordinator(self, ticket: Ticket, name: str, text: str) -> str:
        """A coordinator's words as the parent reads them."""
        region = self.content.region(ticket.region) if ticket.region else None
        region_name = region.name if region else ""
        return self.text("handoff.from_coordinator", name=name, text=text, region_name=region_name)

    def reminder(self, number: int, waited: dt.timedelta) -> str:
        minutes = int(waited.total_seconds() // 60)
        return self.text("coordination.reminder", number=number, minutes=minutes)

    def open_list(self, tickets: Sequence[Ticket], now: dt.datetime) -> str:
        if not tickets:
            return self.text("coordination.open_none")
        lines = [self.text("coordination.open_header")]
        for ticket in tickets:
            claimed = (
                self.text("coordination.open_claimed", name=ticket.claimed_by)
                if ticket.claimed_by
                else self.text("coordination.open_unclaimed")
            )
            lines.append(
                self.text(
                    "coordination.open_item",
                    ticket=self.title(ticket),
                    reason=self.reason(ticket),
                    waiting=self.duration(now - ticket.created_at),
                    claimed=claimed,
                )
            )
        return "\n".join(lines)

    def stats(self, region_name: str, counts: TicketCounts) -> str:
        return self.text(
            "coordination.stats",
            region_name=region_name,
            open=counts.open,
            unclaimed=counts.unclaimed,
            closed=counts.closed,
            week=counts.recent,
            priority=counts.recent_priority,
        )

    def duration(self, span: dt.timedelta) -> str:
        """How long ago, in words: minutes, then hours up to two days, then days."""
        minutes = int(span.total_seconds() // 60)
        if minutes < 60:
            return self.text("time.minutes", minutes=minutes)
        hours = minutes // 60
        if hours < 48:
            return self.text("time.hours", hours=hours)
        return self.text("time.days", days=hours // 24)

    def answer_sent(self, number: int) -> str:
        return self.text("coordination.answer_sent", number=number)

    def _label(self, kind: str, value: Any) -> str:
        """The editors' word for a code (`coordination.<kind>_<value>`), else the value."""
        if not isinstance(value, str) or not value:
            return ""
        key = f"coordination.{kind}_{value}"
        return self.text(key) if key in self.content.texts.entries else value

    def _concerns(self, summary: dict[str, Any]) -> str:
        """The concerns the parent's words may mean, best first, by their names; else the
        concern chosen."""
        known = {c.id: c.label_professional or c.label for c in self.content.concerns}
        guessed = [known[c] for c, _ in summary.get("guesses") or [] if c in known]
        chosen = summary.get("concern")
        if not guessed and isinstance(chosen, str) and chosen in known:
            guessed = [known[chosen]]
        return ", ".join(dict.fromkeys(guessed))

    def _providers(self, shown: Any) -> str:
        names = {p.id: p.name for p in self.content.providers}
        return ", ".join(names[p] for p in shown or [] if p in names)

    def note(self, ticket: Ticket) -> str:
        """A note the card shows (`coordination.note_<note>`); "" for one without a text."""
        key = f"coordination.note_{ticket.note}"
        return self.text(key) if key in self.content.texts.entries else ""

    def _status_line(self, ticket: Ticket) -> str:
        lines = [self.note(ticket)] if self.note(ticket) else []
        if ticket.claimed_by and ticket.claimed_at:
            lines.append(
                self.text(
                    "coordination.claimed", name=ticket.claimed_by, time=clock(ticket.claimed_at)
                )
            )
        if ticket.status == CLOSED and ticket.closed_at:
            name = ticket.claimed_by or self.text("coordination.unknown")
            lines.append(self.text("coordination.closed", name=name, time=clock(ticket.closed_at)))
        return "\n".join(lines)


def clock(moment: dt.datetime) -> str:
    return f"{moment.astimezone(LOCAL_TIME):%H:%M}"
