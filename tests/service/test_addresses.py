"""Addresses: a channel and a chat, kept as `channel:chat` in the database."""

from __future__ import annotations

import pytest

from imhbot.service.addresses import Address, desk_of


@pytest.mark.parametrize("text", ["tg:4242", "tg:-1001234", "shell:local", "coordinator:twente"])
def test_an_address_reads_back_as_it_was_written(text: str) -> None:
    assert str(Address.parse(text)) == text


def test_a_negative_group_id_stays_whole() -> None:
    assert Address.parse("tg:-100:5") == Address("tg", "-100:5")


@pytest.mark.parametrize("text", ["", "tg", "tg:", ":4242"])
def test_text_without_a_channel_and_a_chat_is_no_address(text: str) -> None:
    with pytest.raises(ValueError, match="not an address"):
        Address.parse(text)


def test_a_regions_terminal_desk() -> None:
    assert str(desk_of("groningen")) == "coordinator:groningen"
