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

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

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


def webhook_app(application: AnyApplication, *, path: str, secret: str) -> Starlette:
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

    return Starlette(
        routes=[
            Route(path, receive, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
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
    except ValueError:
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
    application: AnyApplication, *, webhook_url: str, secret: str, listen: str, port: int
) -> uvicorn.Server:
    app = webhook_app(application, path=local_path(webhook_url), secret=secret)
    config = uvicorn.Config(
        app,
        host=listen,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_keep_alive=75,
    )
    return _Server(config)


async def serve_webhook(
    application: AnyApplication, server: uvicorn.Server, *, webhook_url: str, secret: str
) -> None:
    """Listen first, then tell Telegram where we are; serve until stopped (SIGINT, SIGTERM)."""
    async with application:
        await application.start()
        serving = asyncio.create_task(server.serve())
        while not server.started and not serving.done():
            await asyncio.sleep(0.01)
        if server.started:
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
