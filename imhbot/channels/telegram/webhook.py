"""Webhook mode: Telegram posts updates to us; a small Starlette app takes them.

A request is processed only when it carries the secret token Telegram was given, as JSON of a
sane size. The update is handled before the answer goes back, so Telegram sends it again if
the bot stops halfway, and a slow bot slows Telegram down instead of piling up work.

Telegram runs one Bot API call given as the answer: a pressed button is answered there
(`answer_in_response`), which saves a request for every press.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application
from uvicorn.protocols.http.h11_impl import H11Protocol

from imhbot.service import metrics
from imhbot.service.app import App
from imhbot.service.health import readiness

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
_call: ContextVar[dict[str, Any] | None] = ContextVar("webhook_call", default=None)


def answer_in_response(query_id: str, text: str | None = None) -> bool:
    """Answer a callback query in the webhook's response, if this update came by webhook and
    nothing else claimed the response. Telegram does not say whether such a call worked: for
    stopping a button's spinner that is enough."""
    call = _call.get()
    if call is None or call:
        return False
    call.update(method="answerCallbackQuery", callback_query_id=query_id)
    if text:
        call["text"] = text
    return True


def webhook_app(
    application: AnyApplication, *, path: str, secret: str, app: App | None = None
) -> Starlette:
    """`app`: the application whose readiness `/readyz` tells; `/metrics` is Prometheus's."""

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return PlainTextResponse("forbidden", status_code=403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return PlainTextResponse("expected application/json", status_code=415)
        body = await _body(request)
        if body is None:
            return PlainTextResponse("too large", status_code=413)
        data = _json_update(body)
        if data is None:
            return PlainTextResponse("not an update", status_code=400)
        update = _update(data, application)
        if update is None:
            return Response(status_code=200)
        call: dict[str, Any] = {}
        token = _call.set(call)
        try:
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        finally:
            _call.reset(token)
        return JSONResponse(call) if call else Response(status_code=200)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def ready(request: Request) -> Response:
        if app is None:
            return PlainTextResponse("ok")
        fine, why = await app.in_thread(readiness, app)
        return PlainTextResponse(why, status_code=200 if fine else 503)

    async def scrape(request: Request) -> Response:
        body = await asyncio.to_thread(metrics.exposition)
        return Response(body, media_type=metrics.CONTENT_TYPE)

    return Starlette(
        routes=[
            Route(path, receive, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
            Route("/readyz", ready, methods=["GET"]),
            Route("/metrics", scrape, methods=["GET"]),
        ]
    )


async def _body(request: Request) -> bytes | None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    body = bytearray()
    async for part in request.stream():
        body.extend(part)
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


def _json_update(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # nesting deeper than Python recurses: no update
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    return data


def _update(data: dict[str, Any], application: AnyApplication) -> Update | None:
    """An update python-telegram-bot cannot read is answered 200 and dropped: Telegram
    would only send it again and again."""
    try:
        return Update.de_json(data, application.bot)
    except Exception:
        log.warning("update not readable, dropped", extra={"update_id": data["update_id"]})
        return None


def local_path(webhook_url: str) -> str:
    return urlsplit(webhook_url).path or "/"


REQUEST_READ_TIMEOUT = 10.0
"""Seconds a client may take to send a whole request; Telegram sends one in milliseconds."""
MAX_CONNECTIONS = 500
"""Connections and requests at once; more are answered 503 by uvicorn."""


class _Guarded(H11Protocol):
    """Uvicorn's HTTP/1.1 protocol, but a request that is not read whole within
    `read_timeout` (a client that stalls half-way, or connects and says nothing) closes its
    connection: without this each such connection is held open for good. Waiting for the
    bot's answer, and idling between requests (uvicorn's keep-alive timeout), are not
    counted."""

    read_timeout = REQUEST_READ_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm()
        else:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout, self._stalled)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _stalled(self) -> None:
        self._deadline = None
        reading = self.conn.their_state not in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED)
        answering = self.cycle is not None and not self.cycle.response_complete
        if reading and not answering and not self.transport.is_closing():
            log.info("stalled request closed")
            self.transport.close()


class _Server(uvicorn.Server):
    """Uvicorn, but signals are the caller's: uvicorn would re-raise SIGTERM after a clean
    shutdown and end the process with it."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def stop_on_signals(server: uvicorn.Server) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: setattr(server, "should_exit", True))


def webhook_server(
    application: AnyApplication,
    *,
    webhook_url: str,
    secret: str,
    listen: str,
    port: int,
    read_timeout: float = REQUEST_READ_TIMEOUT,
    app: App | None = None,
) -> uvicorn.Server:
    asgi = webhook_app(application, path=local_path(webhook_url), secret=secret, app=app)
    protocol = type("Guarded", (_Guarded,), {"read_timeout": read_timeout})
    config = uvicorn.Config(
        asgi,
        host=listen,
        port=port,
        http=protocol,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_keep_alive=75,
        limit_concurrency=MAX_CONNECTIONS,
    )
    return _Server(config)


async def serve_webhook(
    application: AnyApplication,
    server: uvicorn.Server,
    *,
    webhook_url: str,
    secret: str,
    register: bool = True,
) -> None:
    """Listen first, then tell Telegram where we are (unless the deploy step does:
    `register`); serve until stopped (SIGINT, SIGTERM)."""
    async with application:
        await application.start()
        serving = asyncio.create_task(server.serve())
        while not server.started and not serving.done():
            await asyncio.sleep(0.01)
        if server.started:
            if register:
                await application.bot.set_webhook(
                    webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
                )
            if application.post_init is not None:
                await application.post_init(application)
            log.info("webhook serving", extra={"port": server.config.port})
        await serving
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.stop()
