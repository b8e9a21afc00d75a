"""The Telegram channel: python-telegram-bot around the conversation engine.

Every update goes through one handler. Private chats talk with the engine; the coordinator
groups of content/regions.yaml work their tickets; other groups and channels are ignored. A
parent who blocks the bot is marked, and nothing more is sent to them.

Edited messages count as a new message: a parent who corrects "Winschoten" gets that answer
understood, and a crisis written into an edit is never missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from telegram import Bot, BotCommand, Update
from telegram import Message as TgMessage
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError, TimedOut
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest

from imhbot.channels.telegram.sending import Sender, keyboard, messages, send_once
from imhbot.channels.telegram.text import parse_callback
from imhbot.channels.telegram.webhook import answer_in_response
from imhbot.content.models import Region
from imhbot.content.yamlfile import Problem
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Handoff, Message, MessageKind, Reply
from imhbot.logs import chat_ref
from imhbot.service import metrics
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.cards import CLAIM, parse_ticket_button
from imhbot.service.channel import Delivered, Outgoing, Sent
from imhbot.service.chores import Chores
from imhbot.service.commands import Verb, parse_command
from imhbot.service.coordinators import Coordinators
from imhbot.service.outbox import Outbox
from imhbot.service.reloading import Reloader
from imhbot.service.turns import Turns
from imhbot.store.db import DatabaseError

log = logging.getLogger(__name__)

CONNECTIONS = 8
"""Requests to the Bot API at once (and connections kept). Telegram allows 30 messages a second;
eight in flight carry that with room to spare even at 100 ms a round trip."""
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
USAGE = {Verb.CLOSE: "coordination.usage_close"}
"""How to write a group command given without its ticket number."""
_MEDIA: tuple[tuple[str, MessageKind], ...] = (
    ("photo", "photo"),
    ("voice", "voice"),
    ("audio", "voice"),
    ("video_note", "video"),
    ("video", "video"),
    ("animation", "video"),
    ("sticker", "sticker"),
    ("document", "document"),
)


@dataclass(frozen=True)
class Connection:
    """Where the Bot API is and how long to wait for it."""

    token: str
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    timeout: float = 10.0
    max_rate: float = 30
    rate_limit_retries: int = 3


class GatedRequest(HTTPXRequest):
    """PTB's httpx request, but no more requests go into httpx than it has connections.

    httpcore's pool looks at every request it holds and every connection (a poll() for each idle
    one) whenever a request starts or ends, and a request it gave a connection another one also
    took starts over: with 50 chats, two requests each, that was 6.6 rounds over 57 requests per
    request, and 40 polls. Waiting here, in a plain semaphore, costs nothing per waiter. Waiting
    longer than the pool timeout is a pool timeout, as in httpx: nothing was sent."""

    __slots__ = ("_gate", "_gate_size")

    def __init__(self, connection_pool_size: int, **kwargs: Any) -> None:
        super().__init__(connection_pool_size=connection_pool_size, **kwargs)
        self._gate_size = connection_pool_size
        self._gate: asyncio.Semaphore | None = None

    async def initialize(self) -> None:
        await super().initialize()
        self._gate = None  # made in the running loop, at first use

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if self._gate is None:
            self._gate = asyncio.Semaphore(self._gate_size)
        wait = kwargs.get("pool_timeout")
        if wait is not None and not isinstance(wait, int | float):  # PTB's "default" marker
            wait = self._client.timeout.pool
        try:
            async with asyncio.timeout(wait):
                await self._gate.acquire()
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: all connections are busy. Request was *not* sent to Telegram."
            ) from None
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            self._gate.release()


class ChatOrder(BaseUpdateProcessor):
    """Updates of one chat one after another, in the order they came; other chats meanwhile."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, tuple[asyncio.Lock, list[None]]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = _chat_id(update) if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, waiting = self._queues.setdefault(chat, (asyncio.Lock(), []))
        waiting.append(None)
        try:
            async with lock:
                await coroutine
        finally:
            waiting.pop()
            if not waiting:
                del self._queues[chat]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    if chat is not None:
        return chat.id
    user = update.effective_user
    return user.id if user is not None else None


class TelegramChannel:
    """Telegram as a channel of the application: updates in, replies and the outbox out."""

    name = "tg"

    def __init__(self, app: App, *, log_key: bytes, watch: bool = False):
        self.app = app
        self.turns = Turns(app)
        self.coordinators = Coordinators(app)
        self.reloader = Reloader(app, after=self._reloaded)
        self.log_key = log_key
        self.watch = watch
        self.outbox: Outbox | None = None
        self._application: AnyApplication | None = None
        self._tasks: list[asyncio.Task[None]] = []
        app.attach(self)

    def group_for(self, region: Region) -> Address | None:
        return None if region.coordinator_chat is None else self._address(region.coordinator_chat)

    def _address(self, chat_id: int) -> Address:
        return Address(self.name, str(chat_id))

    async def start(self, application: AnyApplication) -> None:
        """After the bot is up: the command menu, the outbox and, with `watch`, the content
        watcher."""
        self._application = application
        metrics.watch_database(lambda: self.app.engine, self.app.clock)
        await set_commands(application, self.app.knowledge)
        outbox = Outbox(self.app, self, chores=Chores(self.app))
        loop = asyncio.get_running_loop()

        def mail() -> None:
            loop.call_soon_threadsafe(outbox.wake)

        self.app.on_mail = mail
        self.outbox = outbox
        self._tasks.append(asyncio.create_task(outbox.run()))
        if self.watch:
            self._tasks.append(asyncio.create_task(self.reloader.watch()))

    async def stop(self, application: AnyApplication) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    async def _reloaded(self, problems: tuple[Problem, ...]) -> None:
        """New content may have other commands: the menu follows."""
        if not problems and self._application is not None:
            await set_commands(self._application, self.app.knowledge)

    # -- the outbox -------------------------------------------------------------------------

    async def deliver(self, message: Outgoing) -> Delivered:
        bot = self._bot()
        chat_id = int(message.to.chat)
        parts = messages(message.text, message.buttons)
        if message.edit is not None:
            text, _ = parts[0]
            markup = keyboard(message.buttons)
            return await send_once(bot, chat_id, text, markup, edit=message.edit)
        outcome: Delivered = Sent()
        for text, markup in parts:
            outcome = await send_once(bot, chat_id, text, markup)
            if not isinstance(outcome, Sent):
                return outcome
        return outcome

    def _bot(self) -> Bot:
        assert self._application is not None, "the channel has not started"
        bot: Bot = self._application.bot
        return bot

    # -- updates ----------------------------------------------------------------------------

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        metrics.UPDATES.labels(_kind_of(update)).inc()
        chat = update.effective_chat
        if chat is None:
            return
        if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            group = self._address(chat.id)
            if self.coordinators.is_group(group):
                await self._group(update, context.bot, group)
            return
        if chat.type != ChatType.PRIVATE:
            return
        if update.my_chat_member is not None:
            await self._membership(update, chat.id)
            return
        message = self._message(update)
        answering = _answer_beside(update)
        if message is not None:
            await self._turn(context.bot, chat.id, message, f"{self.name}:{update.update_id}")
        if answering is not None:
            await answering

    def _message(self, update: Update) -> Message | None:
        now = self.app.clock()
        query = update.callback_query
        if query is not None:
            step, value = parse_callback(query.data or "")
            return Message(kind="button", now=now, text=value, step=step)
        sent = update.message or update.edited_message
        return None if sent is None else _read(sent, now)

    async def _turn(self, bot: Bot, chat_id: int, message: Message, update: str) -> None:
        chat = self._address(chat_id)
        ref = chat_ref(str(chat), self.log_key)
        try:
            turn = await self.app.in_thread(lambda: self.turns.handle(chat, message, update=update))
        except DatabaseError:
            log.exception("database trouble", extra={"chat_ref": ref})
            texts = self.app.knowledge.content.texts
            replies: tuple[Reply, ...] = (Reply(texts.get("fallback.trouble")),)
        else:
            if turn.duplicate:
                log.info("update delivered again, dropped", extra={"chat_ref": ref})
                return
            replies = turn.replies
            for event in turn.events:
                if isinstance(event, Handoff):
                    log.info(
                        "handoff asked",
                        extra={
                            "chat_ref": ref,
                            "reason": event.reason,
                            "crisis": event.crisis,
                            "region": event.region,
                        },
                    )
        sender = Sender(bot, self._blocked)
        outcome = await sender.replies(chat_id, replies, ref)
        log.info(
            "turn",
            extra={
                "chat_ref": ref,
                "kind": message.kind,
                "replies": len(replies),
                "outcome": outcome.value,
            },
        )

    async def _group(self, update: Update, bot: Bot, group: Address) -> None:
        """A coordinator group: card buttons, replies to the parent, and the coordinators'
        commands. Anything else there is the coordinators' own talk and is left alone."""
        now, user = self.app.clock(), update.effective_user
        texts = self.app.knowledge.content.texts
        name = (user.first_name if user else "") or texts.get("coordination.someone")
        query = update.callback_query
        if query is not None:
            answer: str | None = None
            pressed = parse_ticket_button(parse_callback(query.data or "")[1])
            if pressed is not None:
                act = self.coordinators.claim if pressed[0] == CLAIM else self.coordinators.close
                answer = await self.app.in_thread(act, group, pressed[1], name, now)
            await _answer_quietly(update, answer)
            return
        sent = update.message
        if sent is None or not sent.text:
            return
        if sent.reply_to_message is not None and not sent.text.startswith("/"):
            message_id = sent.reply_to_message.message_id
            await self.app.in_thread(
                self.coordinators.reply, group, message_id, name, sent.text, now
            )
            return
        answer = await self._command(group, sent.text, name, now)
        if answer:
            await Sender(bot, _group_gone).reply(int(group.chat), Reply(answer), "group")

    async def _command(self, group: Address, text: str, name: str, now: dt.datetime) -> str | None:
        command = parse_command(text, slash=True)
        if command is None:
            return None
        if not command.complete:
            usage = USAGE.get(command.verb)
            return self.app.knowledge.content.texts.get(usage) if usage else None
        if command.verb is Verb.RELOAD:
            return await self.reloader.reload_and_say()
        return await self.app.in_thread(self.coordinators.run, group, command, name, now)

    async def _membership(self, update: Update, chat_id: int) -> None:
        member = update.my_chat_member
        if member is not None and member.new_chat_member.status == ChatMemberStatus.BANNED:
            await self._blocked(chat_id)

    async def _blocked(self, chat_id: int) -> None:
        chat = self._address(chat_id)
        try:
            await self.app.in_thread(self.turns.blocked, chat, self.app.clock())
        except DatabaseError:
            log.exception("database trouble", extra={"chat_ref": chat_ref(str(chat), self.log_key)})


_UPDATE_KINDS = ("message", "edited_message", "callback_query", "my_chat_member")


def _kind_of(update: Update) -> str:
    """What the update carries, for the metrics."""
    return next((k for k in _UPDATE_KINDS if getattr(update, k, None) is not None), "other")


def _read(sent: TgMessage, now: dt.datetime) -> Message:
    if sent.text is not None:
        return Message(kind="text", now=now, text=sent.text)
    if sent.location is not None:
        where = (sent.location.latitude, sent.location.longitude)
        return Message(kind="location", now=now, location=where)
    for attribute, kind in _MEDIA:
        if getattr(sent, attribute, None):
            return Message(kind=kind, now=now, text=sent.caption or "")
    return Message(kind="other", now=now)


def _answer_beside(update: Update) -> asyncio.Task[None] | None:
    """A pressed button is answered in the webhook's response, decided before the turn (which
    may fail), or else by a request sent while the turn runs."""
    query = update.callback_query
    if query is None or answer_in_response(query.id):
        return None
    return asyncio.create_task(_answer_quietly(update))


async def _answer_quietly(update: Update, text: str | None = None) -> None:
    """Stop the spinning button; an old query Telegram no longer knows is not a problem."""
    query = update.callback_query
    if query is None or answer_in_response(query.id, text):
        return
    try:
        await query.answer(text)
    except TelegramError as error:
        log.debug("callback query not answered", extra={"error": type(error).__name__})


def log_key(token: str) -> bytes:
    return hashlib.sha256(b"imhbot-log:" + token.encode("utf-8")).digest()


def build_application(
    connection: Connection, app: App, *, polling: bool = True, watch: bool = False
) -> Application[Any, Any, Any, Any, Any, Any]:
    """`watch`: reload the content when its files change."""
    channel = TelegramChannel(app, log_key=log_key(connection.token), watch=watch)
    builder = (
        Application.builder()
        .token(connection.token)
        .base_url(connection.base_url)
        .base_file_url(connection.base_file_url)
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=connection.max_rate, max_retries=connection.rate_limit_retries
            )
        )
        .concurrent_updates(ChatOrder())
        .request(
            GatedRequest(
                CONNECTIONS,
                connect_timeout=connection.timeout,
                read_timeout=connection.timeout,
                write_timeout=connection.timeout,
                pool_timeout=connection.timeout,
            )
        )
        .post_init(channel.start)
        .post_stop(channel.stop)
    )
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    application.add_handler(TypeHandler(Update, channel.on_update))
    application.add_error_handler(_on_error)
    return application


async def _group_gone(chat_id: int) -> None:
    log.error("coordinator group refuses the bot")


async def set_commands(application: AnyApplication, knowledge: Knowledge) -> None:
    """The command menu in Dutch, from the flow's commands and their menu texts."""
    texts = knowledge.content.texts
    commands = [
        BotCommand(name, texts.get(command.menu))
        for flow in knowledge.flows.values()
        for name, command in flow.commands.items()
        if command.menu
    ]
    try:
        await application.bot.set_my_commands(commands)
    except TelegramError as error:
        log.warning("command menu not set", extra={"error": type(error).__name__})


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    log.error(
        "update failed",
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
