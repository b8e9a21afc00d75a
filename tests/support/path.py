"""The way through the whole flow, step by step: what a parent types to get to each step."""

from __future__ import annotations

TO_RESULTS = ("/start", "1", "1", "14 maanden", "Winschoten", "ze huilt de hele dag", "1")

STEPS: dict[str, tuple[str, ...]] = {
    "welcome": TO_RESULTS[:1],
    "role": TO_RESULTS[:2],
    "age": TO_RESULTS[:3],
    "place": TO_RESULTS[:4],
    "concern": TO_RESULTS[:5],
    "concern_confirm": TO_RESULTS[:6],
    "feedback": TO_RESULTS,
    "next_action": (*TO_RESULTS, "1"),
    "handoff_words": (*TO_RESULTS, "1", "2", "1"),
    "ticket_open": (*TO_RESULTS, "1", "2", "1", "ik maak me zorgen"),
}
"""A coordinator has the conversation at `ticket_open`: the bot stays quiet there."""

RESULTS = "Hier vind je hulp bij je vraag over huilen en onrust"
