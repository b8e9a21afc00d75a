"""Privacy on Telegram, as a parent would check it: what is stored, what /verwijder leaves,
what the logs say, and that retention runs by itself."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, MetaData, select
from support.fake_telegram import FakeTelegram
from support.telegram import GROUP, BotRunner, TelegramChat

from imhbot import logs
from imhbot.channels.telegram.bot import log_key
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Session
from imhbot.logs import chat_ref
from imhbot.store.db import transaction
from imhbot.store.sessions import load_session, save_session
from imhbot.store.tables import ChatSession

PARENT = 7319531
NAME = "Annemarie de Vries-Bakker"
PHONE = "06-48151623"
WORDS = f"Ik ben {NAME}, bel me op {PHONE}. Mijn zoon slaapt niet"
LATER = f"Nog iets: mijn mail is annemarie@voorbeeld.nl en {NAME} is mijn naam"


async def talk_to_a_coordinator(fake: FakeTelegram, runner: BotRunner) -> TelegramChat:
    """The whole way: consent, answers, a handoff with personal details, a coordinator's
    reply, and the parent writing back."""
    parent = TelegramChat(runner, PARENT)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten", "tja", "hmm weet niet"]:
        await parent.send(line)
    for line in ["1", "1", WORDS]:
        await parent.send(line)
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) >= 1)
    card = fake.sent_to(GROUP)[0]
    await runner.send(fake.group_message(GROUP, 9001, "Hoi, ik help je.", reply_to=card.message_id))
    await fake.wait_for(lambda: "ik help je" in fake.sent_to(PARENT)[-1].text)
    await parent.send(LATER)
    await fake.wait_for(lambda: any("Nog iets" in s.text for s in fake.sent_to(GROUP)))
    return parent


def everything_stored(engine: Engine) -> str:
    """Every value in every table, as text."""
    metadata = MetaData()
    metadata.reflect(engine)
    values: list[str] = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                values.extend(str(value) for value in row)
    return "\n".join(values)


async def test_consent_is_stored_with_its_time_and_the_privacy_texts_version(
    fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    await parent.send("/start")
    assert desk_bot.engine is not None
    assert "tg:7319531" not in everything_stored(desk_bot.engine)  # nothing before consent
    await parent.send("1")
    with transaction(desk_bot.engine) as db:
        row = db.get(ChatSession, f"tg:{PARENT}")
    assert row is not None
    assert row.consent_at is not None
    assert row.consent_version == knowledge.content.texts.privacy_version


async def test_privacy_says_what_is_stored_why_how_long_who_sees_it_and_how_to_delete(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    [seen] = await TelegramChat(desk_bot, PARENT).send("/privacy")
    for part in (
        "Wat bewaar ik?",
        "Waarom?",
        "Wie ziet het?",
        "Hoe lang?",
        "30 dagen",
        "/verwijder",
    ):
        assert part in seen.text, part


async def test_personal_details_are_masked_before_the_coordinators_see_them(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    await talk_to_a_coordinator(fake, desk_bot)
    to_group = "\n".join(s.text for s in fake.sent_to(GROUP))
    assert PHONE not in to_group
    assert "annemarie@voorbeeld.nl" not in to_group
    assert "[telefoonnummer]" in to_group
    assert "[e-mailadres]" in to_group
    assert desk_bot.engine is not None
    assert PHONE not in everything_stored(desk_bot.engine)


async def test_verwijder_leaves_nothing_that_leads_back_to_the_chat(
    fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    parent = await talk_to_a_coordinator(fake, desk_bot)
    await parent.send("/verwijder")
    [asked] = fake.sent_to(PARENT)[-1:]
    assert knowledge.content.texts.get("forget.confirm") in asked.text
    [done] = await parent.send("1")
    assert knowledge.content.texts.get("forget.done") in done.text

    assert desk_bot.engine is not None
    stored = everything_stored(desk_bot.engine)
    ref = chat_ref(f"tg:{PARENT}", log_key(fake.token))
    for trace in (str(PARENT), ref, NAME, "Mijn zoon slaapt niet", "Nog iets", "annemarie"):
        assert trace not in stored, trace
    assert "verwijderd" in stored  # the ticket stays, as an anonymous record


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """Logging as `imhbot run` sets it up (LOG_LEVEL=DEBUG); put back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "telegram")}
    written = io.StringIO()
    logs.configure("DEBUG", written)
    yield written
    root.handlers[:], root.level = handlers, level
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


async def test_the_logs_of_a_whole_conversation_hold_no_text_names_numbers_or_chat_ids(
    fake: FakeTelegram, desk_bot: BotRunner, json_logs: io.StringIO
) -> None:
    fake.fail("sendMessage", 500, times=1, chat=PARENT)  # error paths log too
    parent = await talk_to_a_coordinator(fake, desk_bot)
    await parent.send("ik wil niet meer leven")
    await parent.send("/verwijder")
    await parent.send("1")
    logged = json_logs.getvalue()
    assert '"chat_ref"' in logged  # the logs can still follow a conversation
    for secret in (str(PARENT), NAME, "Annemarie", PHONE, "48151623", "slaapt niet", "leven"):
        assert secret not in logged, secret
    assert fake.token not in logged


async def test_retention_runs_by_itself_in_the_running_bot(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> None:
    from imhbot.store.db import make_engine, upgrade

    engine = make_engine(sqlite_url)
    upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as db:
        save_session(db, chat="tg:1", session=Session(step="age"), now=now - dt.timedelta(days=31))
        save_session(db, chat="tg:2", session=Session(step="age"), now=now - dt.timedelta(days=2))
    engine.dispose()
    runner = BotRunner(fake, knowledge, sqlite_url)
    await runner.start()
    try:
        assert runner.engine is not None
        engine = runner.engine

        def purged() -> bool:
            with transaction(engine) as db:
                return load_session(db, chat="tg:1") is None

        for _ in range(200):
            if purged():
                break
            await asyncio.sleep(0.05)
        assert purged()
        with transaction(engine) as db:
            assert load_session(db, chat="tg:2") is not None
    finally:
        await runner.stop()
