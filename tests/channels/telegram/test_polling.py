"""Long polling: updates of one chat in order, other chats meanwhile."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from support.fake_telegram import FakeTelegram
from support.telegram import BotRunner

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge


@pytest.fixture
async def polling(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake, knowledge, sqlite_url, mode="polling", timeout=5.0)
    await runner.start()
    yield runner
    await runner.stop()


async def test_a_whole_conversation_sent_at_once_is_answered_in_order(
    fake: FakeTelegram, polling: BotRunner, knowledge: Knowledge
) -> None:
    texts = knowledge.content.texts
    lines = ["/start", "ja", "ouder", "14 maanden", "Winschoten", "ze eet bijna niks"]
    for line in lines:
        await fake.push(fake.text(31, line))
    await fake.push(fake.text(32, "/start"))
    await fake.wait_for(lambda: len(fake.sent_to(31)) >= 6 and len(fake.sent_to(32)) >= 1)
    seen = [plain(s.text) for s in fake.sent_to(31)]
    assert seen[1:4] == [
        f"{texts.get('consent.thanks')}\n\n{texts.get('role.question')}",
        texts.get("age.question"),
        texts.get("place.question"),
    ]
    assert "Oldambt" in seen[4]
    assert seen[5].startswith("Gaat je vraag over")
    assert fake.webhook is None


async def test_a_pressed_button_is_answered_by_a_request(
    fake: FakeTelegram, polling: BotRunner
) -> None:
    await fake.push(fake.text(51, "/start"))
    await fake.wait_for(lambda: 51 in fake.keyboards)
    welcome = fake.keyboards[51]
    press = fake.press(51, welcome.buttons[0][1], welcome.message_id)
    await fake.push(press)
    await fake.wait_for(lambda: len(fake.sent_to(51)) == 2 and bool(fake.answered))
    assert fake.called("answerCallbackQuery") == [
        {"callback_query_id": press["callback_query"]["id"]}
    ]


async def test_a_slow_chat_does_not_hold_up_another(fake: FakeTelegram, polling: BotRunner) -> None:
    fake.fail("sendMessage", 200, delay=2.0)
    await fake.push(fake.text(41, "/start"))
    await fake.wait_for(lambda: len(fake.sent_to(41)) == 1)
    await fake.push(fake.text(42, "/start"))
    await fake.wait_for(lambda: len(fake.sent_to(42)) == 1, timeout=1.5)
