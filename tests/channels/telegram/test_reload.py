"""/herlaad in a coordinator group while parents are mid-conversation: valid content goes
live at once, invalid content is refused with file and line, and the old stays live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from support.content import copy_content, edit, line_of
from support.fake_telegram import FakeTelegram
from support.telegram import BotRunner, TelegramChat

from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge
from imhbot.service.loading import load_knowledge

GROUP = -100111
PARENT = 5001
CONFIRM_STEPS = """  concern_confirm:
    type: ask
    text: concern.confirm
    buttons:
      - {label: buttons.yes, value: ja, goto: results}
      - {label: buttons.something_else, value: iets anders, goto: concern_other}

  # "Iets anders": eerst de andere onderwerpen die de bot in het bericht zag, dan de hele lijst
  concern_other:
    type: branch
    cases:
      - {when: {other_guesses: true}, goto: concern_choose_other}
    next: concern_list

  concern_choose_other:
    type: ask
    text: concern.choose_other
    buttons:
      - {from: other_guesses, goto: results}
      - {label: buttons.something_else, value: iets anders, goto: concern_list}
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return copy_content(tmp_path, group=GROUP)


@pytest.fixture
async def desk_bot(
    fake: FakeTelegram, folders: tuple[Path, Path], sqlite_url: str
) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake, load_knowledge(*folders), sqlite_url)
    await runner.start()
    yield runner
    await runner.stop()


async def herlaad(fake: FakeTelegram, bot: BotRunner, group: int = GROUP) -> str:
    before = len(fake.sent_to(group))
    await bot.send(fake.group_message(group, 9001, "/herlaad"))
    said = fake.sent_to(group)[before:]
    return "\n".join(plain(s.text) for s in said)


def text(knowledge: Knowledge, key: str) -> str:
    return knowledge.content.texts.get(key)


async def at_the_age_question(bot: BotRunner) -> TelegramChat:
    parent = TelegramChat(bot, PARENT)
    for line in ["/start", "1", "1"]:
        await parent.send(line)
    return parent


def ask_place(folders: tuple[Path, Path], question: str) -> None:
    """The editor rewords the place question."""
    edit(
        folders[0] / "texts.nl.yaml",
        "  question: In welke plaats woon je?",
        f"  question: {question}",
    )


async def test_a_valid_change_is_live_at_once_and_the_conversation_goes_on(
    fake: FakeTelegram, desk_bot: BotRunner, folders: tuple[Path, Path]
) -> None:
    parent = await at_the_age_question(desk_bot)
    ask_place(folders, "Waar woon je nu?")

    assert await herlaad(fake, desk_bot) == text(desk_bot.knowledge, "coordination.reloaded")
    seen = await parent.send("14 maanden")
    assert seen[-1].text.startswith("Waar woon je nu? Typ je woonplaats")
    seen = await parent.send("Winschoten")
    assert "Oldambt" in seen[0].text


async def test_an_invalid_change_is_refused_with_file_and_line_and_the_old_stays(
    fake: FakeTelegram, desk_bot: BotRunner, folders: tuple[Path, Path]
) -> None:
    parent = await at_the_age_question(desk_bot)
    flow = folders[1] / "intake.yaml"
    edit(flow, "on: {ok: age_check}", "on: {ok: leeftijd_check}")
    ask_place(folders, "Nieuw?")

    said = await herlaad(fake, desk_bot)
    assert said.startswith("De nieuwe inhoud is niet geladen")
    where = line_of(flow, "on: {ok: leeftijd_check}")
    assert f"flows/intake.yaml:{where}:" in said
    assert "stap 'leeftijd_check' bestaat niet" in said
    assert "knoptekst" not in said  # warnings do not stop a reload

    seen = await parent.send("14 maanden")
    assert seen[-1].text == plain(text(desk_bot.knowledge, "place.question"))
    edit(flow, "on: {ok: leeftijd_check}", "on: {ok: age_check}")
    assert await herlaad(fake, desk_bot) == text(desk_bot.knowledge, "coordination.reloaded")
    seen = await parent.send("Winschoten")
    assert "Oldambt" in seen[0].text


async def test_many_problems_are_cut_short_in_the_group(
    fake: FakeTelegram, desk_bot: BotRunner, folders: tuple[Path, Path]
) -> None:
    texts = folders[0] / "texts.nl.yaml"
    edit(texts, "buttons:\n", "knoppen:\n")
    said = await herlaad(fake, desk_bot)
    assert said.count("bestaat niet") + said.count("ontbreekt") == 10
    assert "andere fouten; alles staat in het log" in said


async def test_a_parent_in_a_step_that_was_removed_goes_on_where_it_can(
    fake: FakeTelegram, desk_bot: BotRunner, folders: tuple[Path, Path]
) -> None:
    parent = TelegramChat(desk_bot, PARENT)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten"]:
        await parent.send(line)
    seen = await parent.send("hij slaapt heel slecht")
    assert seen[-1].text.startswith("Gaat je vraag over")
    flow = folders[1] / "intake.yaml"
    edit(flow, CONFIRM_STEPS, "")
    edit(flow, "confident: concern_confirm", "confident: results")
    known = "    cases:\n      - {when: {present: concern}, goto: concern_confirm}\n"
    edit(
        flow,
        known + "      - {when: {present: guesses}, goto: concern_choose}\n",
        "    cases: []\n",
    )

    assert await herlaad(fake, desk_bot) == text(desk_bot.knowledge, "coordination.reloaded")
    seen = await parent.send("1")
    knowledge = desk_bot.knowledge
    assert seen[0].text == "\n\n".join(
        plain(text(knowledge, key)) for key in ("fallback.step_gone", "concern.question")
    )
    seen = await parent.send("hij slaapt heel slecht")
    assert sum("Zo kom je er:" in s.text for s in seen) == 1


async def test_herlaad_does_nothing_outside_a_coordinator_group(
    fake: FakeTelegram, desk_bot: BotRunner, folders: tuple[Path, Path]
) -> None:
    ask_place(folders, "Nieuw?")
    assert await herlaad(fake, desk_bot, group=-100999) == ""
    parent = TelegramChat(desk_bot, PARENT)
    seen = await parent.send("/herlaad")
    assert seen[0].text.startswith(text(desk_bot.knowledge, "fallback.unknown_command"))
    for line in ["1", "1", "14 maanden"]:
        seen = await parent.send(line)
    assert seen[-1].text == plain(text(desk_bot.knowledge, "place.question"))
