"""Plain HTTP/1.1 over asyncio for the webhook bench: the fake Bot API server and the parents'
client, with as little Python per request as will do.

The bench runs on the same cores as the bot it measures. uvicorn with h11 and Starlette in
front of the fake server, and an httpx client for the parents, cost the bench 2 ms a update;
worse, httpcore's pool looks at every waiting request whenever one starts or ends, so once
replies lag and requests pile up, each costs more (10 ms a update seen), and the bench takes
the core the bot needed. Neither side here speaks more HTTP than the other side sends:
content-length bodies, kept-alive connections, no pipelining.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Awaitable, Callable
from typing import Any

Answer = Callable[[str, dict[str, str], bytes], Awaitable[tuple[int, bytes]]]
"""(path, headers with lower-case names, body) -> (status, JSON body)"""

Response = tuple[int, str, bytes]
_answering: set[asyncio.Future[None]] = set()
_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}


def _head(head: bytes) -> tuple[str, dict[str, str]]:
    """The request line's second word (path or status) and the headers."""
    first, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return first.split(" ", 2)[1], headers


class _Serving(asyncio.Protocol):
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            path, headers = _head(self.buffer[:end])
            start = end + 4
            stop = start + int(headers.get("content-length") or 0)
            if len(self.buffer) < stop:
                return
            body, self.buffer = self.buffer[start:stop], self.buffer[stop:]
            task = asyncio.ensure_future(self._respond(path, headers, body))
            _answering.add(task)
            task.add_done_callback(_answering.discard)

    async def _respond(self, path: str, headers: dict[str, str], body: bytes) -> None:
        status, payload = await self.answer(path, headers, body)
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
            f"content-type: application/json\r\ncontent-length: {len(payload)}\r\n\r\n"
        )
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(head.encode() + payload)


async def serve(answer: Answer, port: int = 0) -> tuple[asyncio.Server, int]:
    """Serve on 127.0.0.1 (TCP_NODELAY, as asyncio sets for TCP sockets); the port it took."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Serving(answer), "127.0.0.1", port, family=socket.AF_INET
    )
    return server, server.sockets[0].getsockname()[1]


class Poster:
    """POSTs JSON to one URL over kept-alive connections, at most `connections` at once."""

    def __init__(self, url: str, headers: dict[str, str], connections: int = 100) -> None:
        rest = url.removeprefix("http://")
        address, _, path = rest.partition("/")
        self.host, _, port = address.partition(":")
        self.port = int(port or 80)
        lines = [f"POST /{path} HTTP/1.1", f"host: {address}", "content-type: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.head = "\r\n".join(lines)
        self.gate = asyncio.Semaphore(connections)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, data: Any) -> Response:
        """Status, content type and body. A kept-alive connection the server closed is tried
        once more on a new one, as Telegram does."""
        body = json.dumps(data).encode()
        request = f"{self.head}\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body
        async with self.gate:
            try:
                return await self._exchange(request)
            except (ConnectionError, asyncio.IncompleteReadError):
                return await self._exchange(request)

    async def _exchange(self, request: bytes) -> Response:
        if self.idle:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(request)
            status, headers = _head(await reader.readuntil(b"\r\n\r\n"))
            body = await reader.readexactly(int(headers.get("content-length") or 0))
        except BaseException:
            writer.close()
            raise
        self.idle.append((reader, writer))
        return int(status), headers.get("content-type", ""), body

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()
