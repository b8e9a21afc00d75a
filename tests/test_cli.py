"""The `imhbot` command as editors and scripts use it: exact JSON fields, exit codes, errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import paths

from imhbot.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow  # real processes


def imhbot(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imhbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_eval_on_the_dev_set_meets_the_targets() -> None:
    result = imhbot("eval", str(paths.DEV_SET), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failed_targets"] == [], report["failed_targets"]
    assert report["concern_top1"]["value"] >= 0.95
    assert report["crisis_recall"]["value"] == 1.0
    assert report["crisis_false_alarm_rate"]["value"] <= 0.02
    assert report["unclear_recall"]["value"] >= 0.90
    assert report["age_accuracy"]["value"] == 1.0
    assert report["place_accuracy"]["value"] == 1.0


def test_eval_prints_a_readable_report() -> None:
    result = imhbot("eval", str(paths.DEV_SET))
    for metric in (
        "concern top-1",
        "top-3",
        "unclear precision",
        "unclear recall",
        "crisis recall",
        "crisis false alarms",
        "age accuracy",
        "place accuracy",
    ):
        assert metric in result.stdout


def test_match_json_has_the_fields_of_the_spec() -> None:
    result = imhbot("match", "hij slaapt nooit door", "--json")
    data = json.loads(result.stdout)
    assert list(data) == ["text", "outcome", "crisis", "concerns"]
    assert data["outcome"] == "concern"
    assert data["concerns"][0]["id"] == "slapen"
    assert 0 < data["concerns"][0]["score"] <= 1


def test_match_json_says_whether_the_bot_asks_first() -> None:
    unclear = json.loads(imhbot("match", "ik sta al een uur boven op het viaduct", "--json").stdout)
    assert unclear["outcome"] == "crisis"
    assert unclear["crisis"] == "suicide"
    assert unclear["confirm"] is True
    plain = json.loads(imhbot("match", "ik wil niet meer leven", "--json").stdout)
    assert plain["confirm"] is False
    said = imhbot("match", "ik sta al een uur boven op het viaduct").stdout
    assert said.strip() == "crisis (suicide, eerst een controlevraag)"


def test_match_batch_answers_one_json_object_a_line() -> None:
    lines = ["hoi", "ik wil niet meer leven", "ze spuugt na elke fles", "", "😀"]
    result = imhbot("match", "--batch", "-", stdin="\n".join(lines) + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["text"] for a in answers] == lines
    assert [a["outcome"] for a in answers] == ["unclear", "crisis", "concern", "unclear", "unclear"]
    assert answers[1]["crisis"] == "suicide"
    assert answers[1]["confirm"] is False  # clear danger: the alarm at once
    assert "confirm" not in answers[0]


def test_age_and_place_json() -> None:
    age = imhbot("age", "geboren op 1 maart 2026", "--today", "2026-11-25", "--json")
    assert json.loads(age.stdout) == {"stage": "kind", "months": 8}
    place = imhbot("place", "winschote", "--json")
    assert json.loads(place.stdout) == {"gemeente": "Oldambt", "region": "groningen"}
    outside = imhbot("place", "Amsterdam", "--json")
    assert json.loads(outside.stdout)["region"] is None


def test_check_accepts_the_shipped_content_with_warnings() -> None:
    result = imhbot("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Waarschuwingen (")
    assert lines[-1].startswith("Geen fouten, ")
    assert all(re.match(r"  content/\S+\.yaml:\d+:\d+: .+ — .+", line) for line in lines[1:-1])


def _broken_copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copytree(PROJECT_ROOT / "flows", tmp_path / "flows")
    flow = tmp_path / "flows" / "intake.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace("next: role\n", "next: rol\n", 1),
        encoding="utf-8",
    )
    return tmp_path


def test_check_lists_errors_before_warnings_and_fails(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path)
    result = imhbot("check", "--content", str(root / "content"), "--flows", str(root / "flows"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Fouten (1):"
    assert re.fullmatch(
        r"  \S+/flows/intake\.yaml:\d+:5: stap 'rol' bestaat niet in flow 'intake'"
        r" — bedoel je 'role'\?",
        lines[1],
    )
    assert lines[2].startswith("Waarschuwingen (")
    assert lines[-1].startswith("Niet in orde: 1 fout(en), ")


def test_check_json_for_scripts(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path)
    result = imhbot("check", "--json", env={"FLOWS_DIR": str(root / "flows")})
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert list(report) == ["ok", "errors", "warnings", "problems"]
    assert report["ok"] is False
    assert report["errors"] == 1
    assert report["warnings"] == len(report["problems"]) - 1 > 0
    first = report["problems"][0]
    assert list(first) == ["file", "line", "column", "severity", "message", "hint"]
    assert first["file"].endswith("flows/intake.yaml")
    assert (first["column"], first["severity"]) == (5, "error")
    assert first["message"] == "stap 'rol' bestaat niet in flow 'intake'"
    assert first["hint"] == "bedoel je 'role'?"
    assert {p["severity"] for p in report["problems"][1:]} == {"warning"}


def test_check_json_without_errors_exits_zero() -> None:
    result = imhbot("check", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["ok"] is True


def test_check_reports_unreadable_yaml_without_a_traceback(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    broken = tmp_path / "content" / "regions.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("  - id: twente", "  - id: twente\n  oops", 1),
        encoding="utf-8",
    )
    result = imhbot("check", env={"CONTENT_DIR": str(tmp_path / "content")})
    assert result.returncode == 1
    assert f"{broken}:" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_bot_refuses_content_with_errors(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path)
    result = imhbot("match", "hallo", "--flows", str(root / "flows"))
    assert result.returncode == 1
    assert "stap 'rol' bestaat niet" in result.stderr
    assert "heeft nog geen coördinatorgroep" not in result.stderr


def test_check_coverage_prints_the_table_and_writes_a_page(tmp_path: Path) -> None:
    page = tmp_path / "dekking.html"
    result = imhbot("check", "--coverage", "--html", str(page))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("IMH Groningen (")
    assert "Landelijk (" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert "<caption>IMH Twente: " in html
    assert html.rstrip().endswith("</html>")


TOKEN = "123456789:AAFakeTokenForTestsOnly0123456789abcd"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "geen-token"}, "TELEGRAM_BOT_TOKEN"),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "api.telegram"},
            "TELEGRAM_API_BASE_URL",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example.org/tg"},
            "WEBHOOK_SECRET",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "x", "WEBHOOK_SECRET": "geheim"},
            "WEBHOOK_URL",
        ),
        (
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "WEBHOOK_URL": "https://b.example.org",
                "WEBHOOK_SECRET": "met spatie",
            },
            "WEBHOOK_SECRET",
        ),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_PORT": "negentig"}, "WEBHOOK_PORT"),
    ],
    ids=[
        "no token",
        "bad token",
        "bad api url",
        "webhook without secret",
        "bad webhook url",
        "bad secret",
        "bad port",
    ],
)
def test_run_with_missing_or_malformed_settings_says_what_to_set(
    env: dict[str, str], names: str, tmp_path: Path
) -> None:
    result = imhbot("run", env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_the_coordinator_shell_names_the_regions_it_knows(tmp_path: Path) -> None:
    result = imhbot(
        "shell",
        "--coordinator",
        "drenthe",
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"},
    )
    assert result.returncode == 2
    assert "groningen, twente" in result.stderr
    piped = imhbot(
        "shell",
        "--coordinator",
        "twente",
        stdin="/open\n",
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"},
    )
    assert piped.returncode == 0
    assert "Er staan geen open tickets." in piped.stdout


def test_the_coordinator_shell_signs_with_the_content_name_when_none_is_given(
    tmp_path: Path,
) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'n.sqlite3'}"}
    imhbot(
        "shell",
        stdin="/start\n1\n1\n14 maanden\nWinschoten\n/coordinator\n1\nhelp\n",
        env=env,
    )
    result = imhbot("shell", "--coordinator", "groningen", stdin="oppakken 1\n", env=env)
    assert "Opgepakt door Coördinator om" in result.stdout


@pytest.mark.parametrize("content", ["shipped", "broken"])
def test_purge_removes_sessions_idle_longer_than_retention_days(
    content: str, tmp_path: Path
) -> None:
    """Retention does not wait for editors: with broken content it still deletes."""
    import datetime as dt

    from support.content import copy_content, edit

    from imhbot.engine.model import Session
    from imhbot.store.db import make_engine, transaction, upgrade
    from imhbot.store.sessions import load_session, save_session

    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    env = {"DATABASE_URL": url, "RETENTION_DAYS": "7"}
    if content == "broken":
        folder, flows = copy_content(tmp_path)
        edit(flows / "intake.yaml", "goto: role", "goto: rol")
        env.update(CONTENT_DIR=str(folder), FLOWS_DIR=str(flows))
    engine = make_engine(url)
    upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as db:
        save_session(db, chat="tg:1", session=Session(), now=now - dt.timedelta(days=8))
        save_session(db, chat="tg:2", session=Session(), now=now - dt.timedelta(days=6))
    result = imhbot("purge", env=env)
    assert result.returncode == 0, result.stderr
    assert "Bewaartermijn 7 dagen" in result.stdout
    assert "1 oude gesprekken gewist" in result.stdout
    assert ("kaarten in de groepen niet aan" in result.stderr) == (content == "broken")
    with transaction(engine) as db:
        assert load_session(db, chat="tg:1") is None
        assert load_session(db, chat="tg:2") is not None
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgres://postgres:geheim@127.0.0.1:5432/imhbot", "postgresql+psycopg://postgres:***@"),
        ("postgresql://postgres@127.0.0.1/imhbot", "postgresql+psycopg://"),
        ("postgresql+psycopg://postgres@127.0.0.1:5432/imhbot_does_not_exist", "createdb"),
        ("sqlite:////nonexistent/folder/imhbot.sqlite3", "bestaat de map"),
        ("mysql://someone@somewhere/db", "begrijp ik niet"),
    ],
    ids=["postgres scheme", "no driver", "missing database", "missing folder", "unknown"],
)
def test_a_wrong_database_url_is_one_line_that_says_what_to_do(url: str, said: str) -> None:
    result = imhbot("shell", stdin="", env={"DATABASE_URL": url})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("imhbot: ")
    assert said in line
    assert "geheim" not in line  # a password is never printed


def test_an_unreachable_bot_api_is_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "123456789:AAEabcdefghijklmnopqrstuvwxyz1234567",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'imhbot.sqlite3'}",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEBHOOK_")}
    result = subprocess.run(
        [sys.executable, "-m", "imhbot", "run"],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("imhbot: de Bot API op http://127.0.0.1:9/bot is niet bereikbaar")
    assert "TELEGRAM_API_BASE_URL" in last
