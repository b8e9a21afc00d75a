"""Where a message comes from or goes to: a channel and a chat on it.

The database keeps an address as text, `channel:chat` (`tg:4242`, `tg:-1001234`,
`shell:local`); everything above the store works with `Address`. Coordinators of a region
that has no group on a channel work at the terminal desk, `coordinator:<region>` (read by
`imhbot shell --coordinator`).
"""

from __future__ import annotations

from dataclasses import dataclass

DESK = "coordinator"
"""The channel of the coordinators' desk in a terminal."""


@dataclass(frozen=True, slots=True, order=True)
class Address:
    channel: str
    chat: str

    def __str__(self) -> str:
        return f"{self.channel}:{self.chat}"

    @classmethod
    def parse(cls, text: str) -> Address:
        """An address as the database keeps it."""
        channel, colon, chat = text.partition(":")
        if not (channel and colon and chat):
            raise ValueError(f"not an address: {text!r}")
        return cls(channel, chat)


def desk_of(region_id: str) -> Address:
    """Where a region's coordinators are at a terminal."""
    return Address(DESK, region_id)
