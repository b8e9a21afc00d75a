"""The coordinators' command grammar: the same words in a Telegram group and at the desk."""

from __future__ import annotations

import pytest

from imhbot.service.commands import Command, Verb, parse_command


@pytest.mark.parametrize(
    ("line", "slash", "expected"),
    [
        ("/open", True, Command(Verb.OPEN)),
        ("open", False, Command(Verb.OPEN)),
        ("/stats@imh_bot", True, Command(Verb.STATS)),
        ("/sluit 12", True, Command(Verb.CLOSE, 12)),
        ("sluit #12", False, Command(Verb.CLOSE, 12)),
        ("  Oppakken 3 ", False, Command(Verb.CLAIM, 3)),
        ("/antwoord 3 Ik bel je morgen.", True, Command(Verb.ANSWER, 3, "Ik bel je morgen.")),
        ("antwoord #3   tot  straks ", False, Command(Verb.ANSWER, 3, "tot  straks")),
        ("/herlaad", True, Command(Verb.RELOAD)),
    ],
)
def test_commands_are_read_the_same_everywhere(line: str, slash: bool, expected: Command) -> None:
    assert parse_command(line, slash=slash) == expected
    assert expected.complete


@pytest.mark.parametrize(
    "line", ["/sluit", "/sluit twaalf", "/oppakken", "/antwoord 3", "antwoord"]
)
def test_a_command_without_its_number_or_message_is_incomplete(line: str) -> None:
    command = parse_command(line, slash=False)
    assert command is not None
    assert not command.complete


@pytest.mark.parametrize("line", ["sluit 1", "open", "dank je wel", "", "/", "/onbekend 3"])
def test_in_a_group_only_known_slash_commands_are_commands(line: str) -> None:
    """The coordinators' own talk in their group is left alone."""
    assert parse_command(line, slash=True) is None


def test_unknown_words_at_the_desk_are_no_command() -> None:
    assert parse_command("wat kan ik hier", slash=False) is None
