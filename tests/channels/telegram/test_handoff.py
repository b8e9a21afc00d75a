"""A parent reaches a coordinator on Telegram, and back: ticket, card, claim, talk, close."""

from __future__ import annotations

import pytest
from sqlmodel import select
from support.fake_telegram import FakeTelegram
from support.telegram import GROUP, OTHER_GROUP, BotRunner, TelegramChat, with_groups

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge
from imhbot.store.db import transaction
from imhbot.store.tables import OutboxMessage, Ticket

PARENT = 5001


def texts(knowledge: Knowledge, key: str, **fields: object) -> str:
    return plain(knowledge.content.texts.get(key, **fields).replace("*", ""))


async def hand_off(fake: FakeTelegram, parent: TelegramChat, words: str) -> None:
    """A question the bot does not understand, twice: the parent takes the coordinator."""
    for line in ["/start", "1", "1", "14 maanden", "Winschoten", "tja", "hmm weet niet"]:
        await parent.send(line)
    for line in ["1", "1", words]:  # Coördinator, then yes to sending, then their words
        await parent.send(line)
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) >= 1)


async def test_from_question_to_coordinator_and_back(
    fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    await hand_off(fake, parent, "ze slaapt niet en ik ben op")
    said = plain(fake.sent_to(PARENT)[-1].text)
    assert "doorgestuurd naar de coördinator van IMH Groningen" in said

    [card] = fake.sent_to(GROUP)
    shown = plain(card.text)
    assert "Ticket #1" in shown
    assert "de vraag bleef onduidelijk" in shown
    assert "ze slaapt niet en ik ben op" in shown
    assert "Oldambt" in shown
    assert card.labels == ("Oppakken", "Sluiten")
    assert fake.sent_to(OTHER_GROUP) == []

    await desk_bot.send(fake.group_press(GROUP, 9001, card.buttons[0][1], card.message_id))
    await fake.wait_for(lambda: any("Opgepakt door Coördinator9001" in e.text for e in fake.edits))

    reply = fake.group_message(
        GROUP, 9001, "Hoi! Ik bel je morgen om 10 uur.", reply_to=card.message_id
    )
    await desk_bot.send(reply)
    await fake.wait_for(lambda: "Ik bel je morgen" in fake.sent_to(PARENT)[-1].text)
    assert "Coördinator9001" in fake.sent_to(PARENT)[-1].text
    sent = texts(knowledge, "coordination.answer_sent", number=1)
    await fake.wait_for(lambda: plain(fake.sent_to(GROUP)[-1].text) == sent)

    before = len(fake.sent_to(PARENT))
    await parent.send("Dank je, dat is goed")
    await fake.wait_for(lambda: "Dank je, dat is goed" in fake.sent_to(GROUP)[-1].text)
    assert len(fake.sent_to(PARENT)) == before

    await desk_bot.send(fake.group_message(GROUP, 9001, "/sluit 1"))
    closed = texts(knowledge, "handoff.closed")
    await fake.wait_for(lambda: plain(fake.sent_to(PARENT)[-1].text) == closed)
    assert fake.sent_to(PARENT)[-1].labels == ("Ja, dit helpt", "Nee, niet echt")
    await fake.wait_for(lambda: any("Gesloten door" in e.text for e in fake.edits))

    seen = await parent.send("1")
    assert seen[-1].text == texts(knowledge, "next.question")


async def test_a_crisis_alert_reaches_the_group_with_priority(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten"]:
        await parent.send(line)
    seen = await parent.send("ik wil niet meer leven")
    assert "113" in seen[0].text
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) == 1)
    card = plain(fake.sent_to(GROUP)[0].text)
    assert card.startswith("Ticket #1 — VOORRANG: mogelijk acuut gevaar (gedachten aan zelfdoding)")
    assert "<b>Ticket #1 — VOORRANG" in fake.sent_to(GROUP)[0].text
    assert "niet meer leven" not in card
    seen = await parent.send("hij slaapt heel slecht")
    assert seen[-1].text.startswith("Gaat je vraag over")
    assert len(fake.sent_to(GROUP)) == 1


async def test_only_coordinator_groups_and_nobody_else_can_act(
    fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    await hand_off(fake, parent, "help")
    [card] = fake.sent_to(GROUP)
    sent_before = len(fake.sent)

    stranger_group = -100999
    await desk_bot.send(fake.group_press(stranger_group, 7, card.buttons[1][1], card.message_id))
    await desk_bot.send(fake.group_message(stranger_group, 7, "/open"))
    await desk_bot.send(fake.group_message(OTHER_GROUP, 8, "/sluit 1"))
    await desk_bot.send(fake.group_message(OTHER_GROUP, 8, "hoi", reply_to=card.message_id))
    snooper = TelegramChat(desk_bot, 6006)
    seen = await snooper.send("/sluit 1")
    assert seen[0].text.startswith(texts(knowledge, "fallback.unknown_command"))
    await snooper.send("/open")

    with transaction(desk_bot.engine) as db:  # type: ignore[arg-type]
        ticket = db.get(Ticket, 1)
        assert ticket is not None
        assert ticket.status == "open"
    new = fake.sent[sent_before:]
    assert {s.chat_id for s in new} <= {6006, OTHER_GROUP}
    assert all("Ticket #1" not in s.text or "ken ik niet" in s.text for s in new)


async def test_open_and_stats_in_the_group(fake: FakeTelegram, desk_bot: BotRunner) -> None:
    await hand_off(fake, TelegramChat(desk_bot, PARENT), "help")
    await desk_bot.send(fake.group_message(GROUP, 9001, "/open"))
    assert "#1" in plain(fake.sent_to(GROUP)[-1].text)
    assert "nog niet opgepakt" in plain(fake.sent_to(GROUP)[-1].text)
    await desk_bot.send(fake.group_message(GROUP, 9001, "/stats@imh_bot"))
    assert "open: 1" in plain(fake.sent_to(GROUP)[-1].text)


async def test_the_group_unreachable_for_a_while_gets_every_message_once_in_order(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten", "/coordinator", "1"]:
        await parent.send(line)
    fake.fail("sendMessage", 502, times=2, chat=GROUP)
    fake.fail("sendMessage", 429, retry_after=1, times=2, chat=GROUP)
    await parent.send("eerste bericht")
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) >= 1, timeout=30)
    await parent.send("tweede bericht")
    await parent.send("derde bericht")
    await fake.wait_for(lambda: len(fake.sent_to(GROUP)) >= 3, timeout=30)
    shown = [plain(s.text) for s in fake.sent_to(GROUP)]
    assert "eerste bericht" in shown[0]
    assert "tweede bericht" in shown[1]
    assert "derde bericht" in shown[2]
    assert len(shown) == 3


async def test_a_message_written_but_not_sent_survives_a_restart(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> None:
    runner = BotRunner(fake, with_groups(knowledge), sqlite_url)
    await runner.start()
    parent = TelegramChat(runner, PARENT)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten", "/coordinator", "1"]:
        await parent.send(line)
    fake.fail("sendMessage", 500, times=1000, chat=GROUP)
    await parent.send("nog iets")
    await runner.stop()
    assert runner.engine is not None
    with transaction(runner.engine) as db:
        pending = db.exec(select(OutboxMessage).where(OutboxMessage.status == "pending")).all()
        assert len(pending) == 1
    fake.failures.clear()
    await runner.start()
    try:
        await fake.wait_for(lambda: len(fake.sent_to(GROUP)) == 1, timeout=30)
        assert "nog iets" in plain(fake.sent_to(GROUP)[0].text)
    finally:
        await runner.stop()


async def test_a_parent_who_blocks_the_bot_closes_the_ticket_with_a_note(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    await hand_off(fake, parent, "help")
    card = fake.sent_to(GROUP)[0]
    fake.blocked.add(PARENT)
    await desk_bot.send(fake.group_message(GROUP, 9001, "Hallo?", reply_to=card.message_id))
    await fake.wait_for(lambda: "geblokkeerd" in plain(fake.sent_to(GROUP)[-1].text))
    with transaction(desk_bot.engine) as db:  # type: ignore[arg-type]
        ticket = db.get(Ticket, 1)
        assert ticket is not None
        assert ticket.status == "closed"
        assert ticket.note == "geblokkeerd"


async def test_verwijder_during_an_open_ticket_closes_it_and_keeps_no_trace(
    fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    await hand_off(fake, parent, "mijn dochter slaapt niet sinds de verhuizing")
    await parent.send("/verwijder")
    await parent.send("1")
    await fake.wait_for(lambda: "alles te wissen" in plain(fake.sent_to(GROUP)[-1].text))
    assert any("verhuizing" not in e.text for e in fake.edits)
    with transaction(desk_bot.engine) as db:  # type: ignore[arg-type]
        ticket = db.get(Ticket, 1)
        assert ticket is not None
        assert ticket.chat is None
        assert "verhuizing" not in str(ticket.summary)
        assert ticket.status == "closed"


async def test_a_huge_ticket_number_gets_a_kind_answer(
    fake: FakeTelegram, desk_bot: BotRunner, knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    huge = "9" * 40
    for command in (f"/sluit {huge}", f"/oppakken #{huge}", f"/antwoord {huge} hallo", "/sluit 0"):
        await desk_bot.send(fake.group_message(GROUP, 9001, command))
    said = [s.text for s in fake.sent_to(GROUP)]
    assert len(said) == 4
    assert all("ken ik niet" in s for s in said)
    assert not [r for r in caplog.records if r.exc_info]
