"""The crisis protocol at every step of the terminal chat, for every kind of danger."""

from __future__ import annotations

import pytest
from support.safety import KINDS, STEPS, crisis_at
from support.shell import ShellChannel
from support.transcripts import DEFAULT_NOW, Seen

from imhbot.engine.knowledge import Knowledge


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("step", STEPS)
async def test_crisis_in_the_shell(
    step: str, kind: str, knowledge: Knowledge, sqlite_url: str
) -> None:
    shell = ShellChannel(knowledge, sqlite_url, DEFAULT_NOW)

    async def say(line: str) -> list[Seen]:
        return shell.send(line)

    await crisis_at(say, knowledge, shell.console.app.engine, step, kind)
