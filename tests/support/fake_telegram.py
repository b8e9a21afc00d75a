"""A fake Telegram Bot API server on 127.0.0.1, over real HTTP, for end-to-end tests.

It speaks the Bot API as python-telegram-bot uses it (getMe, getUpdates with long polling and
offsets, setWebhook, deleteWebhook, sendMessage, editMessageText, editMessageReplyMarkup,
answerCallbackQuery, setMyCommands, and a call given as the answer to a webhook's request), checks what Telegram checks (message length, HTML
entities, button data of at most 64 bytes, blocked users), and can be told to answer with
errors: any status with a description, 429 with retry_after, or a slow answer given after the
message was already taken (as when Telegram is slow to answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TOKEN = "123456789:AAFakeTokenForTestsOnly0123456789abcd"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "IMH Wegwijzer", "username": "imh_bot"}
_JSON_PARAMS = {
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "reply_markup",
    "allowed_updates",
    "commands",
    "drop_pending_updates",
    "max_connections",
}
_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}


@dataclass
class Sent:
    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    buttons: list[tuple[str, str]]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.buttons)


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None
    delay: float = 0.0
    chat: int | None = None


@dataclass
class FakeTelegram:
    token: str = TOKEN
    port: int = 0
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    commands: list[dict[str, Any]] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    webhook: tuple[str, str] | None = None
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    keyboards: dict[int, Sent] = field(default_factory=dict)
    edits: list[Sent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    # -- running ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on sockets that say so,
        # and without it every answer waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        app = Starlette(routes=[Route("/bot{token}/{method}", self._api, methods=["GET", "POST"])])
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task

    # -- scripting errors ------------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        description: str = "",
        *,
        times: int = 1,
        retry_after: int | None = None,
        delay: float = 0.0,
        chat: int | None = None,
    ) -> None:
        """The next `times` calls of `method` (to `chat`, if given) fail. With `delay` and
        status 200 the call succeeds, but its answer comes only after `delay` seconds."""
        text = description or {
            429: "Too Many Requests: retry later",
            500: "Internal Server Error",
        }.get(status, "Error")
        self.failures.setdefault(method, []).extend(
            Failure(status, text, retry_after, delay, chat) for _ in range(times)
        )

    # -- updates ---------------------------------------------------------------------------

    def new_update(self, **body: Any) -> dict[str, Any]:
        return {"update_id": next(self._ids), **body}

    def text(self, chat_id: int, text: str, *, edited: bool = False) -> dict[str, Any]:
        message = self._message(chat_id, text=text)
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.new_update(**{"edited_message" if edited else "message": message})

    def media(self, chat_id: int, kind: str, caption: str | None = None) -> dict[str, Any]:
        file = {"file_id": "file-1", "file_unique_id": "unique-1"}
        bodies: dict[str, Any] = {
            "photo": [{**file, "width": 90, "height": 90}],
            "voice": {**file, "duration": 3},
            "sticker": {
                **file,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            },
            "document": file,
            "location": {"latitude": 53.14, "longitude": 7.03},
            "contact": {"phone_number": "0612345678", "first_name": "Iemand"},
        }
        extra = {"caption": caption} if caption is not None else {}
        return self.new_update(message=self._message(chat_id, **{kind: bodies[kind]}, **extra))

    def press(self, chat_id: int, data: str, message_id: int = 1) -> dict[str, Any]:
        message = self._message(chat_id, text="…")
        message["message_id"], message["from"] = message_id, BOT_USER
        query = {
            "id": str(next(self._ids) + 10_000),
            "from": self._user(chat_id),
            "chat_instance": f"ci-{chat_id}",
            "data": data,
            "message": message,
        }
        return self.new_update(callback_query=query)

    def member(self, chat_id: int, status: str) -> dict[str, Any]:
        change = {
            "chat": self._chat(chat_id),
            "from": self._user(chat_id),
            "date": int(time.time()),
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": {"user": BOT_USER, "status": status, "until_date": 0},
        }
        return self.new_update(my_chat_member=change)

    def group_text(self, chat_id: int, text: str, *, channel: bool = False) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "channel" if channel else "group", "title": "Een groep"}
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat}
        message["text"] = text
        if channel:
            return self.new_update(channel_post=message)
        message["from"] = self._user(1)
        return self.new_update(message=message)

    def group_message(
        self, chat_id: int, user_id: int, text: str, *, reply_to: int | None = None
    ) -> dict[str, Any]:
        """A member of a group writes, possibly replying to one of the bot's messages."""
        chat = {"id": chat_id, "type": "supergroup", "title": "Coördinatoren"}
        user = {"id": user_id, "is_bot": False, "first_name": f"Coördinator{user_id}"}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        if reply_to is not None:
            message["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": chat,
                "from": BOT_USER,
                "text": "…",
            }
        return self.new_update(message=message)

    def group_press(self, chat_id: int, user_id: int, data: str, message_id: int) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "supergroup", "title": "Coördinatoren"}
        user = {"id": user_id, "is_bot": False, "first_name": f"Coördinator{user_id}"}
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": "…",
        }
        query = {
            "id": str(next(self._ids) + 20_000),
            "from": user,
            "chat_instance": f"g{chat_id}",
            "data": data,
            "message": message,
        }
        return self.new_update(callback_query=query)

    async def push(self, update: dict[str, Any]) -> None:
        """For polling: the update waits in getUpdates."""
        async with self._changed:
            self.updates.append(update)
            self._changed.notify_all()

    async def post(
        self,
        update: dict[str, Any] | bytes,
        *,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """For webhooks: post the update to the registered webhook, as Telegram does."""
        assert self.webhook is not None, "no webhook registered"
        url, registered = self.webhook
        sent_headers = {"Content-Type": "application/json"}
        sent_headers["X-Telegram-Bot-Api-Secret-Token"] = registered if secret is None else secret
        sent_headers.update(headers or {})
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        async with httpx.AsyncClient(timeout=60) as client:
            response = await client.post(url, content=body, headers=sent_headers)
        if response.status_code == 200:
            await self.call_in(response.headers.get("content-type", ""), response.content)
        return response

    async def call_in(self, content_type: str, body: bytes) -> None:
        """Run the Bot API call a webhook's response may carry, as Telegram does."""
        if content_type.startswith("application/json") and body:
            params = params_of(content_type, body)
            method = params.pop("method", None)
            if method is not None:
                await self.call(str(method), params)

    # -- reading what the bot did ----------------------------------------------------------

    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    async def wait_for(self, check: Callable[[], bool], timeout: float = 15.0) -> None:
        async def waiting() -> None:
            async with self._changed:
                await self._changed.wait_for(check)

        await asyncio.wait_for(waiting(), timeout)

    def called(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    # -- the API ---------------------------------------------------------------------------

    async def _api(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        content_type = request.headers.get("content-type", "")
        params = params_of(content_type, await request.body())
        return await self.call(request.path_params["method"], params)

    async def call(self, method: str, params: dict[str, Any]) -> JSONResponse:
        """One Bot API call, however it came."""
        async with self._changed:
            self.calls.append((method, params))
            self._changed.notify_all()
        failure = self._failure(method, params)
        if failure is not None and failure.status != 200:
            await asyncio.sleep(failure.delay)
            return _error(failure.status, failure.description, failure.retry_after)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        response: JSONResponse = await handler(params)
        if failure is not None:
            await asyncio.sleep(failure.delay)
        return response

    def _failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        queue = self.failures.get(method, [])
        for index, failure in enumerate(queue):
            if failure.chat is None or str(failure.chat) == str(params.get("chat_id")):
                return queue.pop(index)
        return None

    async def _api_getMe(self, params: dict[str, Any]) -> JSONResponse:
        return _ok(BOT_USER)

    async def _api_getUpdates(self, params: dict[str, Any]) -> JSONResponse:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if not self.updates and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self.updates)), timeout
                    )
            return _ok(list(self.updates[: int(params.get("limit") or 100)]))

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> JSONResponse:
        self.webhook = None
        return _ok(True)

    async def _api_setWebhook(self, params: dict[str, Any]) -> JSONResponse:
        self.webhook = (params["url"], params.get("secret_token", ""))
        return _ok(True)

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> JSONResponse:
        url = self.webhook[0] if self.webhook else ""
        return _ok({"url": url, "has_custom_certificate": False, "pending_update_count": 0})

    async def _api_setMyCommands(self, params: dict[str, Any]) -> JSONResponse:
        self.commands = list(params.get("commands") or [])
        return _ok(True)

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> JSONResponse:
        self.answered.append(str(params["callback_query_id"]))
        return _ok(True)

    async def _api_sendMessage(self, params: dict[str, Any]) -> JSONResponse:
        chat_id, text = int(params["chat_id"]), str(params.get("text", ""))
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        parse_mode = params.get("parse_mode")
        shown = text
        if parse_mode == "HTML":
            shown_or_error = _html_text(text)
            if shown_or_error is None:
                return _error(400, "Bad Request: can't parse entities: unsupported start tag")
            shown = shown_or_error
        if not shown.strip():
            return _error(400, "Bad Request: message text is empty")
        if len(shown) > 4096:
            return _error(400, "Bad Request: message is too long")
        buttons = _buttons(params.get("reply_markup"))
        if any(len(data.encode()) > 64 for _, data in buttons):
            return _error(400, "Bad Request: BUTTON_DATA_INVALID")
        message_id = next(self._message_ids)
        sent = Sent(chat_id, message_id, text, parse_mode, buttons)
        if buttons:
            self.keyboards[chat_id] = sent
        async with self._changed:
            self.sent.append(sent)
            self._changed.notify_all()
        message = self._message(chat_id, text=shown)
        message["message_id"], message["from"] = message_id, BOT_USER
        return _ok(message)

    async def _api_editMessageText(self, params: dict[str, Any]) -> JSONResponse:
        chat_id, text = int(params["chat_id"]), str(params.get("text", ""))
        edit = Sent(
            chat_id,
            int(params["message_id"]),
            text,
            params.get("parse_mode"),
            _buttons(params.get("reply_markup")),
        )
        async with self._changed:
            self.edits.append(edit)
            self._changed.notify_all()
        message = self._message(chat_id, text=text)
        message["message_id"] = edit.message_id
        return _ok(message)

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> JSONResponse:
        message = self._message(int(params["chat_id"]), text="…")
        message["message_id"] = int(params["message_id"])
        return _ok(message)

    # -- shapes ----------------------------------------------------------------------------

    def _chat(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "type": "private", "first_name": "Ouder"}

    def _user(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Ouder"}

    def _message(self, chat_id: int, **body: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._user(chat_id),
            **body,
        }


def params_of(content_type: str, body: bytes) -> dict[str, Any]:
    """A Bot API call's parameters, sent as JSON or as a form (JSON inside for some)."""
    if content_type.startswith("application/json"):
        return dict(json.loads(body)) if body else {}
    form = parse_qsl(body.decode(), keep_blank_values=True)
    return {key: json.loads(value) if key in _JSON_PARAMS else value for key, value in form}


def _buttons(markup: Any) -> list[tuple[str, str]]:
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not markup:
        return []
    return [
        (button["text"], button.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


_TAG = re.compile(r"<(/?)([a-zA-Z]+)(?:\s[^<>]*)?>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def _html_text(text: str) -> str | None:
    """The text Telegram shows for HTML, or None where Telegram would refuse the entities:
    unknown or unbalanced tags, a bare < or >, an & that starts no entity."""
    open_tags: list[str] = []
    shown, last = [], 0
    for tag in _TAG.finditer(text):
        shown.append(text[last : tag.start()])
        last = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name not in _TAGS:
            return None
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return None
    shown.append(text[last:])
    data = "".join(shown)
    if open_tags or "<" in data or ">" in data or "&" in _ENTITY.sub("", data):
        return None
    return html.unescape(data)


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> JSONResponse:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return JSONResponse(body, status_code=status)
