"""The crisis protocol at every step on Telegram, for every kind of danger: the parent gets the
safety message, the region's group gets a priority card, and nothing is taken back."""

from __future__ import annotations

import pytest
from support.fake_telegram import FakeTelegram
from support.safety import KINDS, STEPS, crisis_at
from support.telegram import GROUP, BotRunner, TelegramChat
from support.transcripts import Seen

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge

PARENT = 6001


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("step", STEPS)
async def test_crisis_on_telegram(
    step: str, kind: str, fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    runner = desk_bot
    chat = TelegramChat(runner, PARENT)

    async def say(line: str) -> list[Seen]:
        return await chat.send(line)

    assert runner.engine is not None
    await crisis_at(say, knowledge, runner.engine, step, kind)
    crisis_card = plain(knowledge.content.texts.get(f"coordination.kind_{kind}"))
    await fake.wait_for(lambda: any(crisis_card in s.text for s in fake.sent_to(GROUP)))
    safety = plain(knowledge.content.safety.kind(kind).message)
    assert [s for s in fake.sent_to(PARENT) if safety in s.text]
    assert not fake.called("deleteMessage")
    assert not [e for e in fake.edits if e.chat_id == PARENT]


@pytest.mark.parametrize("step", ["age", "handoff"])
async def test_danger_in_a_photo_caption_is_not_missed(
    step: str, fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    chat = TelegramChat(desk_bot, PARENT)
    for line in STEPS[step].lines:
        await chat.send(line)
    cards = len(fake.sent_to(GROUP))
    seen = await chat.deliver(fake.media(PARENT, "photo", caption=KINDS["suicide"]))
    assert plain(knowledge.content.safety.kind("suicide").message) in seen[0].text
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) > cards)
    assert "VOORRANG" in fake.sent_to(GROUP)[-1].text
