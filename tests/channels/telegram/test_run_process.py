"""`imhbot run` as an operator starts it: a real process against the fake Bot API server."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from support.content import copy_content, edit, line_of
from support.fake_telegram import FakeTelegram
from support.telegram import free_port

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge

pytestmark = pytest.mark.slow  # real processes

CHAT = 770011
SECRET = "proces-geheim-42"


async def start(fake: FakeTelegram, tmp_path: Path, **extra: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "LOG_LEVEL": "DEBUG",
        **extra,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "imhbot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    return stderr.decode()


async def converse(fake: FakeTelegram, send: object) -> None:
    """Start, consent, say where we live, and a phone number: four answers, in order."""
    for number, line in enumerate(["/start", "ja", "ouder", "mijn nummer is 0612345678"], 1):
        await send(fake.text(CHAT, line))  # type: ignore[operator]
        await fake.wait_for(lambda n=number: len(fake.sent_to(CHAT)) >= n, timeout=30)


def check_logs(stderr: str, fake: FakeTelegram) -> None:
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any(line["event"] == "turn" for line in lines)
    for secret in (str(CHAT), "0612345678", "ouder", fake.token, fake.token.split(":")[1]):
        assert secret not in stderr


async def test_polling_end_to_end(fake: FakeTelegram, tmp_path: Path, knowledge: Knowledge) -> None:
    process = await start(fake, tmp_path)
    try:
        await fake.wait_for(lambda: bool(fake.called("getUpdates")), timeout=60)
        await converse(fake, fake.push)
    finally:
        stderr = await stop(process)
    assert fake.called("deleteWebhook")
    assert fake.commands[0]["command"] == "start"
    assert plain(fake.sent_to(CHAT)[-1].text) == knowledge.content.texts.get("age.retry")
    check_logs(stderr, fake)


async def test_webhook_end_to_end(fake: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    process = await start(
        fake,
        tmp_path,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    try:
        await fake.wait_for(lambda: fake.webhook is not None, timeout=60)
        assert fake.webhook == (f"http://127.0.0.1:{port}/telegram", SECRET)
        refused = await fake.post(fake.text(CHAT, "/start"), secret="niet-het-geheim")
        assert refused.status_code == 403

        async def post(update: dict[str, object]) -> None:
            assert (await fake.post(update)).status_code == 200

        await converse(fake, post)
    finally:
        stderr = await stop(process)
    assert not fake.called("getUpdates")
    assert len(fake.sent_to(CHAT)) == 4
    check_logs(stderr, fake)


GROUP = -100111


async def test_a_card_written_just_before_a_kill_arrives_once_after_the_restart(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    content, _ = copy_content(tmp_path, group=GROUP)
    fake.fail("sendMessage", 500, times=100_000, chat=GROUP)
    process = await start(fake, tmp_path, CONTENT_DIR=str(content))
    try:
        await fake.wait_for(lambda: bool(fake.called("getUpdates")), timeout=60)
        lines = ["/start", "ja", "ouder", "14 maanden", "Winschoten", "/coordinator", "ja"]
        for number, line in enumerate([*lines, "het gaat niet goed met ons"], 1):
            await fake.push(fake.text(CHAT, line))
            await fake.wait_for(lambda n=number: len(fake.sent_to(CHAT)) >= n, timeout=30)
        tried = lambda: any(str(c.get("chat_id")) == str(GROUP) for c in fake.called("sendMessage"))  # noqa: E731
        await fake.wait_for(tried, timeout=30)
    finally:
        process.kill()
        await process.wait()
    assert fake.sent_to(GROUP) == []
    fake.failures.clear()
    process = await start(fake, tmp_path, CONTENT_DIR=str(content))
    try:
        await fake.wait_for(lambda: len(fake.sent_to(GROUP)) == 1, timeout=60)
        await asyncio.sleep(2)
        assert len(fake.sent_to(GROUP)) == 1
        assert "het gaat niet goed met ons" in plain(fake.sent_to(GROUP)[0].text)
    finally:
        await stop(process)


async def answered(fake: FakeTelegram, line: str) -> str:
    """The parent's line to the polling bot; the last message it gets back."""
    expected = len(fake.sent_to(CHAT)) + 1
    await fake.push(fake.text(CHAT, line))
    await fake.wait_for(lambda: len(fake.sent_to(CHAT)) >= expected, timeout=30)
    return plain(fake.sent_to(CHAT)[-1].text)


class Log:
    """The process's JSON log lines as they come."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self.reading = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        async for raw in stream:
            async with self._changed:
                self.lines.append(json.loads(raw))
                self._changed.notify_all()

    async def wait_for(self, event: str, after: int = 0) -> list[dict[str, Any]]:
        """The lines of `event` logged after the first `after` lines, once there is one."""

        def found() -> list[dict[str, Any]]:
            return [line for line in self.lines[after:] if line["event"] == event]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(found), 60)
        return found()


async def test_changed_files_are_reloaded_while_a_conversation_goes_on(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    content, flows = copy_content(tmp_path)
    process = await start(fake, tmp_path, CONTENT_DIR=str(content), FLOWS_DIR=str(flows))
    assert process.stderr is not None
    log = Log(process.stderr)
    try:
        await fake.wait_for(lambda: bool(fake.called("getUpdates")), timeout=60)
        for line in ["/start", "ja", "ouder"]:
            await answered(fake, line)

        before = len(log.lines)
        edit(content / "texts.nl.yaml", "  question: In welke plaats woon je?", "  question: Waar?")
        await log.wait_for("content reloaded", before)
        assert (await answered(fake, "14 maanden")).startswith("Waar? Typ je woonplaats")

        before = len(log.lines)
        edit(flows / "intake.yaml", "next: concern\n", "next: zorg\n")
        refused = await log.wait_for("content refused", before)
        assert "Oldambt" in await answered(fake, "Winschoten")
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        await log.reading
    assert process.returncode == 0
    [problem] = [line["problem"] for line in refused]
    assert problem.startswith(
        f"{flows / 'intake.yaml'}:{line_of(flows / 'intake.yaml', 'next: zorg')}:"
    )
    assert "stap 'zorg' bestaat niet" in problem
    assert not any(str(CHAT) in str(line) or "Winschoten" in str(line) for line in log.lines)
