"""The `imhbot` command: the terminal chat, and tools for editors, tests and operators."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import ValidationError

from imhbot import logs
from imhbot.content.models import Content
from imhbot.content.yamlfile import ContentError
from imhbot.engine.knowledge import Knowledge
from imhbot.service.loading import ENGINE_ONLY, TextUse, load_knowledge
from imhbot.settings import Settings, telegram_problem
from imhbot.store.db import StartupError

if TYPE_CHECKING:
    from imhbot.service.app import App

Handler = Callable[[argparse.Namespace, Settings], int]


def _uses() -> TextUse:
    """The texts the service and the channels use (importing them costs a little time: the
    understanding tools load without)."""
    from imhbot.channels.texts import USED

    return USED


def _load(
    settings: Settings, *, uses: TextUse = ENGINE_ONLY, background: bool = False
) -> Knowledge:
    return load_knowledge(
        settings.content_dir,
        settings.flows_dir,
        retention_days=settings.retention_days,
        uses=uses,
        background=background,
    )


def _emit(data: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def _shell(args: argparse.Namespace, settings: Settings) -> int:
    from imhbot.channels.console import Console, run_shell
    from imhbot.nlu.names import NAMES
    from imhbot.service.app import App
    from imhbot.store.db import make_engine, upgrade

    uses = _uses()
    knowledge = _load(settings, uses=uses, background=True)  # greets while it builds
    engine = make_engine(settings.database_url)
    upgrade(engine)
    app = App(knowledge, engine, uses=uses)
    NAMES.cache_dir = settings.cache_dir  # loaded when a parent's words are first masked
    interactive = sys.stdin.isatty()
    try:
        if args.coordinator:
            return _coordinator_shell(app, args, interactive)
        console = Console(app, chat=args.chat)
        run_shell(console, sys.stdin, sys.stdout, interactive=interactive)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
    return 0


def _coordinator_shell(app: App, args: argparse.Namespace, interactive: bool) -> int:
    from imhbot.channels.console import CoordinatorConsole, run_coordinator

    content = app.knowledge.content
    if content.region(args.coordinator) is None:
        regions = ", ".join(r.id for r in content.regions)
        sys.stderr.write(content.texts.get("shell.coordinator_region", regions=regions) + "\n")
        return 2
    name = args.name or content.texts.get("coordination.someone")
    console = CoordinatorConsole(app, args.coordinator, name=name)
    run_coordinator(console, sys.stdin, sys.stdout, interactive=interactive)
    return 0


def _match_lines(knowledge: Knowledge, lines: Iterable[str], out: TextIO) -> None:
    understanding = knowledge.understanding
    for line in lines:
        _emit(understanding.match(line.rstrip("\r\n")).to_json(), out)


def _match(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = _load(settings)
    if args.batch is not None:
        if args.batch == "-":
            _match_lines(knowledge, sys.stdin, sys.stdout)
        else:
            with Path(args.batch).open(encoding="utf-8", errors="replace") as source:
                _match_lines(knowledge, source, sys.stdout)
        return 0
    if args.text is None:
        sys.stderr.write("Geef een tekst, of --batch BESTAND (of - voor standaardinvoer).\n")
        return 2
    result = knowledge.understanding.match(args.text).to_json()
    if args.json:
        _emit(result, sys.stdout)
    elif result["outcome"] == "crisis":
        first = ", eerst een controlevraag" if result["confirm"] else ""
        print(f"crisis ({result['crisis']}{first})")
    else:
        scores = ", ".join(f"{c['id']} {c['score']:.2f}" for c in result["concerns"])
        print(f"{result['outcome']}: {scores or '-'}")
    return 0


def _age(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = _load(settings)
    answer = knowledge.understanding.age(args.text, today=args.today or dt.date.today())
    result = answer.to_json() if answer else {"stage": None, "months": None}
    if args.json:
        _emit(result, sys.stdout)
    else:
        print(
            f"{result['stage'] or 'onbekend'}"
            + (f", {result['months']} maanden" if result["months"] is not None else "")
        )
    return 0 if answer else 1


def _place(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = _load(settings)
    match = knowledge.understanding.place(args.text)
    result = match.to_json() if match else {"gemeente": None, "region": None}
    if args.json:
        _emit(result, sys.stdout)
    else:
        print(f"{result['gemeente'] or 'onbekende gemeente'} ({result['region'] or 'geen regio'})")
    return 0 if match else 1


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from imhbot.nlu.evaluation import EvalReport, evaluate
    from imhbot.service.scripted import ScriptError, ScriptReport, evaluate_scripts, read_scripts

    path = Path(args.file)
    report: EvalReport | ScriptReport
    try:
        scripts = read_scripts(path)
        if scripts is not None:
            report = evaluate_scripts(_load(settings), path, scripts)
        else:
            report = evaluate(_load(settings).understanding, path)
    except ScriptError as error:
        sys.stderr.write(f"imhbot eval: {error}\n")
        return 2
    if args.json:
        _emit(report.to_json(), sys.stdout)
    else:
        print(report.format())
    return 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from imhbot.service.check_report import report_json, report_text
    from imhbot.service.loading import read_all

    today = args.today or dt.date.today()
    reading = read_all(settings.content_dir, settings.flows_dir, today=today, uses=_uses())
    if (args.coverage or args.html) and reading.content is not None:
        return _coverage(reading.content, args.html, today)
    if args.json:
        _emit(report_json(reading), sys.stdout)
    else:
        sys.stdout.write(report_text(reading))
    return 1 if reading.errors else 0


def _coverage(content: Content, html: str | None, today: dt.date) -> int:
    from imhbot.content.coverage import coverage_all
    from imhbot.content.coverage_report import coverage_html, coverage_text

    tables = coverage_all(content)
    sys.stdout.write(coverage_text(content, tables))
    if html:
        Path(html).write_text(coverage_html(content, tables, today), encoding="utf-8")
        print(f"De tabel staat ook in {html}.")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    problem = telegram_problem(settings)
    if problem:
        sys.stderr.write(f"imhbot run: {problem}\n")
        return 2
    from imhbot.channels.telegram.run import run_bot

    logs.configure(settings.log_level)
    uses = _uses()
    run_bot(settings, _load(settings, uses=uses), uses)
    return 0


def _webhook(args: argparse.Namespace, settings: Settings) -> int:
    problem = telegram_problem(settings) if args.action == "set" else _token_problem(settings)
    if problem:
        sys.stderr.write(f"imhbot webhook: {problem}\n")
        return 2
    if args.action == "set" and settings.webhook_url is None:
        sys.stderr.write("imhbot webhook set: zet WEBHOOK_URL en WEBHOOK_SECRET\n")
        return 2
    from imhbot.channels.telegram.admin import webhook_command

    print(webhook_command(args.action, settings))
    return 0


def _health(args: argparse.Namespace, settings: Settings) -> int:
    """For a container's HEALTHCHECK: in webhook mode this instance's /readyz, otherwise
    whether the database answers."""
    if settings.webhook_url is not None:
        import urllib.error
        import urllib.request

        url = f"http://127.0.0.1:{settings.webhook_port}/readyz"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                print(answer.read().decode(errors="replace"))
                return 0
        except urllib.error.HTTPError as error:
            print(error.read().decode(errors="replace"))
        except OSError as error:
            print(f"niet bereikbaar: {error}")
        return 1
    from imhbot.service.app import utc_now
    from imhbot.store.db import DatabaseError, make_engine, transaction
    from imhbot.store.outbox import backlog

    try:
        with transaction(make_engine(settings.database_url)) as db:
            depth, age = backlog(db, now=utc_now())
    except DatabaseError as error:
        print(f"database unreachable: {type(error).__name__}")
        return 1
    print(f"ok: {depth} waiting, the oldest for {age:.0f} s")
    return 0


def _token_problem(settings: Settings) -> str | None:
    """Only the token matters for deleting or reading the webhook."""
    return telegram_problem(settings.model_copy(update={"webhook_url": None}))


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from imhbot.store.db import make_engine, upgrade

    upgrade(make_engine(settings.database_url))
    print("Database is bijgewerkt.")
    return 0


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    from imhbot.service.app import utc_now
    from imhbot.service.tickets import Desk, purge_records
    from imhbot.store.db import make_engine, transaction, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    try:
        desk: Desk | None = Desk(_load(settings, uses=_uses()))
    except ContentError as error:
        desk = None
        sys.stderr.write(
            f"De content bevat {len([p for p in error.problems if p.is_error])} fout(en) "
            "(zie imhbot check): ik wis wel, maar pas de kaarten in de groepen niet aan.\n"
        )
    with transaction(engine) as db:
        if desk is not None:
            purged = desk.purge(db, now=utc_now())
        else:
            purged, _ = purge_records(db, now=utc_now(), days=settings.retention_days)
    print(
        f"Bewaartermijn {settings.retention_days} dagen: {purged.tickets} afgesloten "
        f"aanvragen zonder chat en eigen woorden, {purged.sessions} oude gesprekken gewist, "
        f"{purged.messages} verstuurde berichten opgeruimd."
    )
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"geen datum (JJJJ-MM-DD): {text}") from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imhbot", description="IMH Wegwijzer")
    commands = parser.add_subparsers(dest="command", required=True)
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--content", metavar="MAP", help="de map met content (CONTENT_DIR)")
    folders.add_argument("--flows", metavar="MAP", help="de map met flows (FLOWS_DIR)")

    shell = commands.add_parser("shell", parents=[folders], help="praat met de bot in de terminal")
    shell.add_argument("--chat", default="local", help="naam van het gesprek (standaard: local)")
    shell.add_argument(
        "--coordinator", metavar="REGIO", help="wees de coördinatorgroep van een regio"
    )
    shell.add_argument("--name", help="je naam als coördinator")
    shell.set_defaults(handler=_shell)

    run = commands.add_parser(
        "run",
        parents=[folders],
        help="start de Telegram-bot (long polling, of webhook als WEBHOOK_URL gezet is)",
    )
    run.set_defaults(handler=_run)

    match = commands.add_parser("match", parents=[folders], help="waar gaat een bericht over?")
    match.add_argument("text", nargs="?")
    match.add_argument(
        "--batch", metavar="FILE", help="één bericht per regel; - is standaardinvoer"
    )
    match.add_argument("--json", action="store_true")
    match.set_defaults(handler=_match)

    age = commands.add_parser("age", parents=[folders], help="welke leeftijd bedoelt een antwoord?")
    age.add_argument("text")
    age.add_argument("--today", type=_date, help="rekendatum voor geboortedata (JJJJ-MM-DD)")
    age.add_argument("--json", action="store_true")
    age.set_defaults(handler=_age)

    place = commands.add_parser(
        "place", parents=[folders], help="welke gemeente en regio hoort bij een plaats?"
    )
    place.add_argument("text")
    place.add_argument("--json", action="store_true")
    place.set_defaults(handler=_place)

    evaluation = commands.add_parser("eval", parents=[folders], help="scores op een evaluatieset")
    evaluation.add_argument("file")
    evaluation.add_argument("--json", action="store_true")
    evaluation.set_defaults(handler=_eval)

    check = commands.add_parser("check", parents=[folders], help="controleer content/ en flows/")
    check.add_argument("--json", action="store_true", help="voor scripts: één JSON-object")
    check.add_argument(
        "--coverage", action="store_true", help="tabel: aanbieders per zorg en leeftijd per regio"
    )
    check.add_argument("--html", metavar="BESTAND", help="schrijf de tabel ook als webpagina")
    check.add_argument("--today", type=_date, help="rekendatum voor vetted_on (JJJJ-MM-DD)")
    check.set_defaults(handler=_check)

    webhook = commands.add_parser(
        "webhook", help="de webhook bij Telegram zetten, weghalen of bekijken (voor de uitrol)"
    )
    webhook.add_argument("action", choices=["set", "delete", "info"])
    webhook.set_defaults(handler=_webhook)

    health = commands.add_parser(
        "health", help="gezond? (webhook: /readyz van deze instantie; anders de database)"
    )
    health.set_defaults(handler=_health)

    db = commands.add_parser("db", help="database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="migraties uitvoeren").set_defaults(handler=_db_upgrade)

    purge = commands.add_parser(
        "purge", help="bewaartermijn: wis wat ouders schreven en oude gesprekken (RETENTION_DAYS)"
    )
    purge.set_defaults(handler=_purge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "?"
        sys.stderr.write(f"imhbot: instelling {name} is ongeldig: {first['msg']}\n")
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    folders = {
        "content_dir": getattr(args, "content", None),
        "flows_dir": getattr(args, "flows", None),
    }
    settings = settings.model_copy(update={k: Path(v) for k, v in folders.items() if v})
    handler: Handler = args.handler
    try:
        return handler(args, settings)
    except StartupError as error:
        sys.stderr.write(f"imhbot: {error}\n")
        return 2
    except ContentError as error:
        errors = sum(p.is_error for p in error.problems)
        sys.stderr.write(f"De content bevat fouten ({errors}); zie ook: imhbot check\n")
        for problem in error.problems:
            if problem.is_error:
                sys.stderr.write(f"  {problem}\n")
        return 1
