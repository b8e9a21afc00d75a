"""Every golden transcript, played through the terminal channel."""

from __future__ import annotations

import pytest
from support.shell import ShellChannel
from support.transcripts import Transcript, load_all, play

from imhbot.engine.knowledge import Knowledge

TRANSCRIPTS = load_all()


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.path.stem for t in TRANSCRIPTS])
def test_transcript_in_shell(transcript: Transcript, knowledge: Knowledge, sqlite_url: str) -> None:
    play(transcript, ShellChannel(knowledge, sqlite_url, transcript.now))
