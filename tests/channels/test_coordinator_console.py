"""`imhbot shell --coordinator`: a person can be the coordinator group in a terminal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from sqlalchemy import Engine
from support.chat import NOW

from imhbot.channels.console import Console, CoordinatorConsole, Reply, run_coordinator
from imhbot.engine.knowledge import Knowledge
from imhbot.service.app import App


def parent_to_coordinator(app: App, words: str) -> Console:
    parent = Console(app)
    for line in ["/start", "1", "1", "14 maanden", "Winschoten", "/coordinator", "1", words]:
        parent.send(line)
    return parent


def texts(shown: list[object]) -> str:
    return "\n".join(s.text for s in shown if isinstance(s, Reply))


def test_a_whole_handoff_between_two_terminals(knowledge: Knowledge, sqlite_engine: Engine) -> None:
    app = App(knowledge, sqlite_engine, clock=lambda: NOW)
    parent = parent_to_coordinator(app, "ze slaapt slecht")
    desk = CoordinatorConsole(app, "groningen", name="Anna")

    [card] = desk.refresh()
    assert "Ticket #1" in card
    assert "ze slaapt slecht" in card
    assert desk.refresh() == []

    shown = desk.send("antwoord 1 Ik bel je morgen.")
    assert shown == ["#1: Opgepakt door Anna om 11:00."]
    assert desk.refresh() == []  # the parent's terminal has not shown it yet
    reply = parent.send("")
    assert "*Anna* (coördinator IMH Groningen):\nIk bel je morgen." in texts(reply)
    assert desk.refresh() == [knowledge.content.texts.get("coordination.answer_sent", number=1)]
    parent.send("Dank je!")
    assert "Dank je!" in desk.refresh()[0]

    assert "#1" in desk.send("/open")[0]
    assert desk.send("sluit 1")[0].startswith("#1: Opgepakt door Anna")
    closed = parent.send("1")
    assert knowledge.content.texts.get("handoff.closed") in texts(closed)
    assert desk.send("sluit 1") == [
        knowledge.content.texts.get("coordination.already_closed", number=1)
    ]


def test_another_region_sees_nothing_and_cannot_act(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    app = App(knowledge, sqlite_engine, clock=lambda: NOW)
    parent_to_coordinator(app, "help")
    twente = CoordinatorConsole(app, "twente", "Bo")
    assert twente.refresh() == []
    assert twente.send("sluit 1") == [
        knowledge.content.texts.get("coordination.no_ticket", number=1)
    ]
    assert twente.send("antwoord 1 hallo") == [
        knowledge.content.texts.get("coordination.no_ticket", number=1)
    ]


def test_unknown_input_gets_the_help(knowledge: Knowledge, sqlite_engine: Engine) -> None:
    desk = CoordinatorConsole(App(knowledge, sqlite_engine), "groningen", "Bo")
    out = io.StringIO()
    run_coordinator(desk, io.StringIO("wat kan ik hier\n\n"), out, interactive=False)
    assert out.getvalue().count("oppakken 3") == 2


def test_a_parent_outside_the_regions_reaches_the_default_coordinators(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    regions = tuple(
        r.model_copy(update={"default": r.id == "twente"}) for r in knowledge.content.regions
    )
    content = knowledge.content.model_copy(update={"regions": regions})
    app = App(dataclasses.replace(knowledge, content=content), sqlite_engine, clock=lambda: NOW)
    parent = Console(app)
    for line in ["/start", "1", "1", "14 maanden", "Amsterdam", "1", "/coordinator"]:
        shown = parent.send(line)
    assert "IMH Twente" in texts(shown)
    parent.send("1")
    parent.send("wij wonen net buiten de regio")
    desk = CoordinatorConsole(app, "twente", "Bo")
    [card] = desk.refresh()
    assert "wij wonen net buiten de regio" in card


def test_without_a_default_region_a_parent_outside_gets_the_national_routes(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    parent = Console(App(knowledge, sqlite_engine, clock=lambda: NOW))
    for line in ["/start", "1", "1", "14 maanden", "Amsterdam", "1", "/coordinator"]:
        shown = parent.send(line)
    assert knowledge.content.texts.get("handoff.no_region") in texts(shown)


def test_the_terminal_desk_is_reminded_of_a_ticket_nobody_claimed(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    moments = [NOW]
    app = App(knowledge, sqlite_engine, clock=lambda: moments[-1])
    parent_to_coordinator(app, "ze slaapt slecht")
    desk = CoordinatorConsole(app, "groningen", name="Anna")
    [card] = desk.refresh()
    assert "Ticket #1" in card
    moments.append(NOW + dt.timedelta(minutes=119))
    assert desk.refresh() == []
    moments.append(NOW + dt.timedelta(minutes=121))
    assert desk.refresh() == [
        knowledge.content.texts.get("coordination.reminder", number=1, minutes=121)
    ]
    moments.append(NOW + dt.timedelta(minutes=300))
    assert desk.refresh() == [], "one reminder a ticket"


def test_the_parent_presses_enter_to_see_the_coordinators_answer(
    knowledge: Knowledge, sqlite_engine: Engine
) -> None:
    app = App(knowledge, sqlite_engine, clock=lambda: NOW)
    parent = parent_to_coordinator(app, "ze slaapt slecht")
    desk = CoordinatorConsole(app, "groningen", name="Anna")
    desk.refresh()
    desk.send("antwoord 1 Ik bel je morgen.")

    shown = texts(parent.send(""))
    assert shown == "*Anna* (coördinator IMH Groningen):\nIk bel je morgen."
    assert knowledge.content.texts.get("fallback.empty") in texts(parent.send(""))
