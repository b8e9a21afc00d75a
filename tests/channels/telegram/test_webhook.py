"""Webhook security: only Telegram, with the secret it was given, can make the bot act."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest
from support.fake_telegram import FakeTelegram
from support.telegram import SECRET, BotRunner, TelegramChat

from imhbot.engine.knowledge import Knowledge


async def test_the_webhook_is_registered_with_its_secret(
    fake: FakeTelegram, bot: BotRunner
) -> None:
    assert fake.webhook is not None
    url, secret = fake.webhook
    assert url.endswith("/telegram")
    assert secret == SECRET
    assert fake.called("setWebhook")[0]["allowed_updates"]


@pytest.mark.parametrize(
    ("secret", "headers", "status"),
    [
        ("", {}, 403),
        ("wrong-secret", {}, 403),
        (SECRET[:-1], {}, 403),
        (None, {"Content-Type": "text/plain"}, 415),
        (None, {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ],
    ids=["no secret", "wrong secret", "almost the secret", "text", "form"],
)
async def test_requests_without_the_secret_or_json_are_refused(
    fake: FakeTelegram,
    parent: TelegramChat,
    secret: str | None,
    headers: dict[str, str],
    status: int,
) -> None:
    response = await fake.post(fake.text(parent.chat_id, "/start"), secret=secret, headers=headers)
    assert response.status_code == status
    assert fake.sent == []


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[]", b'{"message": {}}', b'"text"', "\u00e9\u00e9n".encode("latin-1")],
    ids=["broken", "list", "no update id", "string", "not utf-8"],
)
async def test_bodies_that_are_no_update_are_refused(
    fake: FakeTelegram, bot: BotRunner, body: bytes
) -> None:
    response = await fake.post(body)
    assert response.status_code == 400
    assert fake.sent == []


async def test_a_body_of_ten_megabytes_is_refused_unread(
    fake: FakeTelegram, bot: BotRunner
) -> None:
    update = fake.text(4242, "x" * (10 * 1024 * 1024))
    response = await fake.post(json.dumps(update).encode())
    assert response.status_code == 413
    assert fake.sent == []


async def test_after_all_that_the_bot_keeps_serving(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await fake.post(b"{not json")
    await fake.post(fake.text(parent.chat_id, "/start"), secret="wrong")
    await fake.post(json.dumps(fake.text(1, "x" * 2_000_000)).encode())
    seen = await parent.send("/start")
    assert seen[-1].buttons[0] == knowledge.content.texts.get("buttons.consent_yes")


async def test_only_post_on_the_webhook_path_does_anything(
    fake: FakeTelegram, bot: BotRunner
) -> None:
    assert fake.webhook is not None
    url = fake.webhook[0]
    async with httpx.AsyncClient() as client:
        assert (await client.get(url)).status_code == 405
        other = url.replace("/telegram", "/elders")
        assert (await client.post(other, content=b"{}")).status_code == 404
        health = await client.get(url.replace("/telegram", "/healthz"))
        assert health.status_code == 200
    assert fake.sent == []


async def test_a_pressed_button_is_answered_in_the_webhook_response(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await parent.send("/start")
    press = parent.update_for("1")
    calls = len(fake.calls)
    response = await fake.post(press)
    query_id = press["callback_query"]["id"]
    assert response.json() == {"method": "answerCallbackQuery", "callback_query_id": query_id}
    assert fake.answered == [query_id]
    asked = [name for name, _ in fake.calls[calls:]]
    assert asked == ["sendMessage", "answerCallbackQuery"]
    texts = knowledge.content.texts
    role = f"{texts.get('consent.thanks')}\n\n{texts.get('role.question')}"
    assert fake.sent_to(parent.chat_id)[-1].text == role


async def test_json_nested_deeper_than_python_recurses_is_refused_without_a_traceback(
    fake: FakeTelegram, bot: BotRunner, parent: TelegramChat, caplog: pytest.LogCaptureFixture
) -> None:
    for body in (
        b"[" * 100_000,
        b'{"update_id": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ):
        response = await fake.post(body)
        assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert (await parent.send("/start"))[-1].buttons  # and the bot still answers


@pytest.fixture
async def impatient_bot(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake, knowledge, sqlite_url, timeout=2.0, read_timeout=0.5)
    await runner.start()
    yield runner
    await runner.stop()


async def _stall(host: str, port: int, sent: bytes) -> bytes:
    """A connection that sends part of a request and waits: what the server does with it."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(sent)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(), timeout=5)
    finally:
        writer.close()


async def test_connections_that_stall_halfway_are_closed_and_the_bot_keeps_serving(
    fake: FakeTelegram, impatient_bot: BotRunner, knowledge: Knowledge
) -> None:
    assert fake.webhook is not None
    where = urlsplit(fake.webhook[0])
    host, port = where.hostname or "127.0.0.1", where.port or 80
    halves = [
        b"",  # connects and says nothing
        b"POST /telegram HTTP/1.1\r\nHost: x\r\n",  # headers never end
        b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 500\r\n\r\n{",  # the body never comes
    ]
    stalled = [_stall(host, port, halves[n % 3]) for n in range(200)]
    answers = await asyncio.gather(*stalled)
    assert all(not a.startswith(b"HTTP/1.1 2") for a in answers)  # closed, nothing handled
    assert fake.sent == []
    parent = TelegramChat(impatient_bot, 5151)
    seen = await parent.send("/start")
    assert seen[-1].buttons[0] == knowledge.content.texts.get("buttons.consent_yes")


async def test_readyz_and_metrics_tell_the_operator_what_goes_on(
    fake: FakeTelegram, bot: BotRunner, parent: TelegramChat
) -> None:
    await parent.send("/start")
    await parent.send("ik wil niet meer leven")
    assert fake.webhook is not None
    base = fake.webhook[0].removesuffix("/telegram")
    async with httpx.AsyncClient() as client:
        ready = await client.get(f"{base}/readyz")
        scraped = await client.get(f"{base}/metrics")
    assert ready.status_code == 200
    assert ready.text.startswith("ok")
    assert scraped.status_code == 200
    body = scraped.text
    assert 'imhbot_updates_received_total{kind="message"}' in body
    assert 'imhbot_crisis_alerts_total{kind="suicide"}' in body
    assert "imhbot_turn_seconds_count" in body
    assert "imhbot_outbox_depth" in body
    assert 'imhbot_tickets_open{priority="yes"} 1.0' in body


async def test_with_the_deploy_step_registering_the_bot_does_not_set_the_webhook(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> None:
    runner = BotRunner(fake, knowledge, sqlite_url, timeout=2.0, register=False)
    await runner.start()
    try:
        assert fake.called("setWebhook") == []
        assert fake.webhook is None
    finally:
        await runner.stop()


async def test_an_update_delivered_twice_is_answered_once(
    fake: FakeTelegram, bot: BotRunner, parent: TelegramChat
) -> None:
    """Telegram re-sends a webhook update whose answer came late: the parent gets one reply,
    and the conversation moves on once."""
    await parent.send("/start")
    update = fake.text(parent.chat_id, "ja")
    first = await parent.deliver(update)
    again = await parent.deliver(update)
    assert len(first) == 1
    assert again == []
    seen = await parent.send("ouder")  # the role was asked once, and this answers it
    assert seen[-1].text.startswith("Hoe oud is je kind?")
