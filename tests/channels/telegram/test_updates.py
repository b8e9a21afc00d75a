"""Every kind of update a parent (or Telegram) can send, through the running bot."""

from __future__ import annotations

import pytest
from sqlmodel import select
from support.fake_telegram import FakeTelegram
from support.path import RESULTS, STEPS, TO_RESULTS
from support.telegram import GROUP, BotRunner, TelegramChat

from imhbot.engine.knowledge import Knowledge
from imhbot.store.db import transaction
from imhbot.store.tables import ChatSession, Ticket


def text(knowledge: Knowledge, key: str) -> str:
    return knowledge.content.texts.get(key)


async def to_age(parent: TelegramChat) -> None:
    await parent.send("/start")
    await parent.send("1")
    await parent.send("1")


async def test_commands_are_registered_in_dutch(fake: FakeTelegram, bot: BotRunner) -> None:
    names = [c["command"] for c in fake.commands]
    assert names == ["start", "opnieuw", "help", "privacy", "stop", "coordinator", "verwijder"]
    assert fake.commands[0]["description"] == "Opnieuw beginnen, met uitleg"


async def test_buttons_are_inline_and_pressing_one_answers_the_query(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    welcome = await parent.send("/start")
    assert welcome[-1].buttons[0] == text(knowledge, "buttons.consent_yes")
    assert all(len(data.encode()) <= 64 for _, data in fake.sent_to(parent.chat_id)[-1].buttons)
    role = await parent.send("1")
    thanks, question = text(knowledge, "consent.thanks"), text(knowledge, "role.question")
    assert role[-1].text == f"{thanks}\n\n{question}"
    assert len(fake.answered) == 1


async def test_an_old_keyboard_gets_a_kind_answer_and_the_current_question(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await parent.send("/start")
    welcome = parent.keyboard
    assert welcome is not None
    await parent.send("1")
    await parent.send("1")
    old = fake.press(parent.chat_id, welcome.buttons[0][1], welcome.message_id)
    seen = await parent.deliver(old)
    assert [s.text for s in seen] == [
        text(knowledge, "fallback.stale_button") + "\n\n" + text(knowledge, "age.question")
    ]
    assert seen[-1].buttons[0] == text(knowledge, "buttons.age_kinderwens")
    assert len(fake.answered) == 3


@pytest.mark.parametrize("kind", ["photo", "voice", "sticker", "document", "contact"])
async def test_media_get_a_kind_reply_and_the_question_again(
    kind: str, fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await to_age(parent)
    seen = await parent.deliver(fake.media(parent.chat_id, kind))
    assert [s.text for s in seen] == [
        text(knowledge, "fallback.media") + "\n\n" + text(knowledge, "age.question")
    ]


async def test_an_edited_message_counts_as_a_new_answer(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await to_age(parent)
    seen = await parent.deliver(fake.text(parent.chat_id, "14 maanden", edited=True))
    assert seen[-1].text == text(knowledge, "place.question")


async def test_a_crisis_in_an_edited_message_is_not_missed(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await to_age(parent)
    edit = fake.text(parent.chat_id, "ik wil niet meer leven", edited=True)
    seen = await parent.deliver(edit)
    assert "113" in seen[0].text


async def test_unknown_commands_and_deep_links(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    seen = await parent.send("/bestaatniet")
    assert seen[0].text.startswith(text(knowledge, "fallback.unknown_command"))
    await parent.send("/start twente")
    await parent.send("1")
    await parent.send("1")
    await parent.send("14 maanden")
    with transaction(parent.runner.engine) as db:  # type: ignore[arg-type]
        row = db.get(ChatSession, f"tg:{parent.chat_id}")
        assert row is not None
        assert row.state["answers"]["region"] == "twente"


async def test_groups_and_channels_are_ignored(fake: FakeTelegram, bot: BotRunner) -> None:
    await bot.send(fake.group_text(-100123, "/start"))
    await bot.send(fake.group_text(-100123, "hallo allemaal"))
    await bot.send(fake.group_text(-100456, "nieuws", channel=True))
    assert fake.sent == []


async def test_a_parent_who_blocks_the_bot_is_marked_and_gets_nothing(
    fake: FakeTelegram, parent: TelegramChat
) -> None:
    await to_age(parent)
    sent_before = len(fake.sent)
    await parent.deliver(fake.member(parent.chat_id, "kicked"))
    assert len(fake.sent) == sent_before
    with transaction(parent.runner.engine) as db:  # type: ignore[arg-type]
        row = db.get(ChatSession, f"tg:{parent.chat_id}")
        assert row is not None
        assert row.blocked_at is not None


async def test_updates_nobody_expects_do_not_stop_the_bot(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    poll = fake.new_update(
        poll={
            "id": "1",
            "question": "?",
            "options": [],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
        }
    )
    await parent.runner.send(poll)
    await parent.runner.send(fake.new_update())
    seen = await parent.send("/start")
    assert seen[-1].buttons[0] == text(knowledge, "buttons.consent_yes")


async def test_a_shared_location_answers_the_place_question(
    fake: FakeTelegram, parent: TelegramChat, knowledge: Knowledge
) -> None:
    await to_age(parent)
    await parent.send("14 maanden")
    seen = await parent.deliver(fake.media(parent.chat_id, "location"))
    known = text(knowledge, "place.known").format(gemeente="Oldambt", region_name="IMH Groningen")
    assert seen[0].text.startswith(known)


@pytest.mark.parametrize("step", STEPS)
async def test_every_update_kind_at_every_step_then_the_parent_still_gets_help(
    step: str, fake: FakeTelegram, desk_bot: BotRunner
) -> None:
    runner = desk_bot
    parent = TelegramChat(runner, 8100)
    for line in STEPS[step]:
        await parent.send(line)
    chat = parent.chat_id
    updates = [
        *(fake.media(chat, kind) for kind in ("photo", "voice", "sticker", "document")),
        fake.media(chat, "contact"),
        fake.media(chat, "location"),
        fake.text(chat, "\u200b\u202e \x00"),
        fake.text(chat, "😀" * 3000),
        fake.text(chat, "/onbekend"),
        fake.press(chat, "oude~knop", 1),
        fake.press(chat, "x" * 64, 1),
    ]
    for update in updates:
        relayed = len(fake.sent_to(GROUP))
        seen = await parent.deliver(update)
        if not seen:  # a coordinator has the conversation: the text went to them
            await fake.wait_for(lambda n=relayed: len(fake.sent_to(GROUP)) > n)
    await parent.deliver(fake.text(chat, "hallo?", edited=True))
    await runner.send(fake.member(chat, "member"))

    with transaction(runner.engine) as db:  # type: ignore[arg-type]
        for ticket in db.exec(select(Ticket).where(Ticket.status == "open")).all():
            ticket.status = "closed"  # as if a coordinator closed it
            db.add(ticket)
    for line in TO_RESULTS:
        seen = await parent.send(line)
    assert RESULTS in "\n".join(s.text for s in seen)
