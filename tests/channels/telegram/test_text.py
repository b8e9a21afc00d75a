"""Replies as Telegram shows them: escaped HTML, under the length limit, buttons under 64 bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imhbot.channels.telegram.text import (
    CALLBACK_LIMIT,
    MESSAGE_LIMIT,
    callback_data,
    parse_callback,
    plain,
    split_html,
    to_html,
)
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Bel *113*: gratis", "Bel <b>113</b>: gratis"),
        ("Kosten < 5 & > 2", "Kosten &lt; 5 &amp; &gt; 2"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("*<b>*", "<b>&lt;b&gt;</b>"),
        ("een * los sterretje", "een * los sterretje"),
        ("*over\nregels*", "*over\nregels*"),
    ],
)
def test_content_text_can_never_break_the_html(text: str, shown: str) -> None:
    assert to_html(text) == shown


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *<>&\n\u00e9"), max_size=12_000))
def test_split_messages_fit_and_together_say_everything(text: str) -> None:
    parts = split_html(text)
    assert all(len(part) <= MESSAGE_LIMIT for part in parts)
    shown = "".join(plain(part) for part in parts)
    assert shown.replace("*", "").split() == text.replace("*", "").split()


def test_a_short_text_is_one_message() -> None:
    assert split_html("Hoi *jij*") == ["Hoi <b>jij</b>"]


def test_callback_data_carries_the_step_and_fits() -> None:
    data = callback_data(Button("Ja", "ja|region=groningen", "welcome"))
    assert parse_callback(data) == ("welcome", "ja|region=groningen")
    assert parse_callback("oud-formaat") == (None, "oud-formaat")


def test_too_long_callback_data_drops_what_rides_along_first() -> None:
    long_carry = "ja|gemeente=" + "x" * 80
    data = callback_data(Button("Ja", long_carry, "welcome"))
    assert parse_callback(data) == ("welcome", "ja")
    data = callback_data(Button("Ja", "é" * 80, "welcome"))
    assert len(data.encode()) <= CALLBACK_LIMIT


def test_every_shipped_button_fits_in_telegram(knowledge: Knowledge) -> None:
    """Step names, button values, concern and page ids, with the longest gemeente riding along."""
    longest = max((g.name for g in knowledge.content.gemeenten), key=len)
    carry = f"|gemeente={longest}&preset_region=groningen&region=groningen"
    values = [
        v
        for flow in knowledge.flows.values()
        for s in flow.steps.values()
        for b in getattr(s, "buttons", ())
        if (v := b.value)
    ]
    values += [f"page:{p.id}" for p in knowledge.content.pages]
    values += [c.id for c in knowledge.content.concerns]
    steps = [name for flow in knowledge.flows.values() for name in flow.steps]
    step = max(steps, key=len)
    for value in values:
        data = callback_data(Button("x", value, step))
        assert len(data.encode()) <= CALLBACK_LIMIT
        assert parse_callback(data) == (step, value), value
        assert parse_callback(callback_data(Button("x", value + carry, step)))[1] in (
            value,
            value + carry,
        )


def test_plain_is_what_the_user_reads() -> None:
    assert plain(to_html("*Let op*: 1 < 2 & 3")) == "Let op: 1 < 2 & 3"
