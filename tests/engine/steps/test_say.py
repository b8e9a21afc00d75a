"""`say`: its texts, in order, in one message, then on to `next`."""

from __future__ import annotations

import pytest
from support.chat import Chat
from support.flows import ASKED, with_steps

from imhbot.engine.checking import parse_flow
from imhbot.engine.knowledge import Knowledge


def test_say_speaks_its_texts_in_order_and_goes_on(knowledge: Knowledge) -> None:
    say = {"type": "say", "say": ["stop.done", "consent.declined"], "text": "restart.done"}
    chat = Chat(with_steps(knowledge, "hello", hello={**say, "next": "asked"}, asked=ASKED))
    chat.send("hoi")
    texts = ("stop.done", "consent.declined", "restart.done", "age.question")
    assert chat.said() == "\n\n".join(chat.text(key) for key in texts)
    assert len(chat.replies) == 1
    assert chat.session.step == "asked"


def test_say_keeps_no_answers(knowledge: Knowledge) -> None:
    say = {"type": "say", "text": "stop.done", "next": "asked"}
    chat = Chat(with_steps(knowledge, "hello", hello=say, asked=ASKED))
    chat.send("hoi")
    assert dict(chat.session.answers) == {}


@pytest.mark.parametrize("key", ["buttons", "cases", "action"])
def test_a_field_of_another_step_type_is_an_unknown_key(knowledge: Knowledge, key: str) -> None:
    data = knowledge.flows["intake"].model_dump(by_alias=True)
    data["steps"]["welcome_privacy"][key] = []
    flow, problems = parse_flow(data)
    assert flow is None
    assert problems == [
        (
            ("steps", "welcome_privacy", key),
            f"onbekende sleutel '{key}'",
            "kies uit: next, say, text, type",
        )
    ]
