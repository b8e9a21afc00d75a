"""Every golden transcript, played through Telegram: the real python-telegram-bot, over HTTP."""

from __future__ import annotations

import pytest
from support.fake_telegram import FakeTelegram
from support.telegram import BotRunner, TelegramChat, with_groups
from support.transcripts import Transcript, load_all, play_async, with_coordinators

from imhbot.engine.knowledge import Knowledge

TRANSCRIPTS = load_all()


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.path.stem for t in TRANSCRIPTS])
async def test_transcript_on_telegram(
    transcript: Transcript, fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> None:
    if with_coordinators(transcript):
        knowledge = with_groups(knowledge)
    runner = BotRunner(fake, knowledge, sqlite_url, now=transcript.now)
    await runner.start()
    try:
        await play_async(transcript, TelegramChat(runner))
    finally:
        await runner.stop()
