"""`imhbot webhook set|info|delete`, the deploy step's commands, as a process against the fake
Bot API: the webhook is registered once with its secret, shown, and removed."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
from support.fake_telegram import FakeTelegram

pytestmark = pytest.mark.slow  # real processes

URL = "https://bot.example.org/telegram"
SECRET = "deploy-secret_42"


async def imhbot_webhook(fake: FakeTelegram, action: str, **extra: str) -> tuple[int, str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WEBHOOK_")},
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        **extra,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "imhbot", "webhook", action,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_set_info_and_delete_the_webhook(fake: FakeTelegram) -> None:
    code, out, _ = await imhbot_webhook(fake, "set", WEBHOOK_URL=URL, WEBHOOK_SECRET=SECRET)
    assert code == 0
    assert out.strip() == f"De webhook staat op {URL}."
    assert fake.webhook == (URL, SECRET)
    assert fake.called("setWebhook")[0]["allowed_updates"]

    code, out, _ = await imhbot_webhook(fake, "info")
    assert code == 0
    assert f"webhook: {URL}" in out
    assert "wachtende updates: 0" in out

    code, out, _ = await imhbot_webhook(fake, "delete")
    assert code == 0
    assert fake.webhook is None
    assert "long polling" in out


async def test_set_without_a_url_or_secret_says_what_is_missing(fake: FakeTelegram) -> None:
    code, _, err = await imhbot_webhook(fake, "set")
    assert code == 2
    assert fake.webhook is None
    assert "WEBHOOK_URL" in err
    assert "Traceback" not in err
