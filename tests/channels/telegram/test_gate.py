"""At most `connection_pool_size` Bot API requests go into httpx at once; the rest wait in order,
and waiting past the pool timeout is a pool timeout (nothing was sent)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import TimedOut
from telegram.request import HTTPXRequest

from imhbot.channels.telegram.bot import GatedRequest
from imhbot.channels.telegram.sending import surely_unsent


async def test_no_more_requests_in_flight_than_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    in_flight, most, order = 0, 0, []

    async def slow(self: HTTPXRequest, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        order.append(kwargs["url"])
        await asyncio.sleep(0.01)
        in_flight -= 1
        return 200, b"{}"

    monkeypatch.setattr(HTTPXRequest, "do_request", slow)
    request = GatedRequest(3, pool_timeout=5)
    await request.initialize()
    urls = [f"u{n}" for n in range(10)]
    await asyncio.gather(*(request.do_request(url=u, method="POST") for u in urls))
    await request.shutdown()
    assert most == 3
    assert order == urls


async def test_waiting_past_the_pool_timeout_is_a_pool_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def stuck(self: HTTPXRequest, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        await asyncio.sleep(1)
        return 200, b"{}"

    monkeypatch.setattr(HTTPXRequest, "do_request", stuck)
    request = GatedRequest(1, pool_timeout=0.05)
    await request.initialize()
    first = asyncio.create_task(request.do_request(url="a", method="POST"))
    await asyncio.sleep(0)
    with pytest.raises(TimedOut) as caught:
        await request.do_request(url="b", method="POST", pool_timeout=HTTPXRequest.DEFAULT_NONE)
    assert surely_unsent(caught.value)
    first.cancel()
    await request.shutdown()
