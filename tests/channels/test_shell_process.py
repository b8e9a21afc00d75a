"""`imhbot shell` as a newcomer runs it: a real process, its input piped, on a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imhbot.engine.knowledge import Knowledge

pytestmark = pytest.mark.slow  # real processes


def shell(lines: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "imhbot", "shell"],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_parent_gets_from_start_to_three_providers(tmp_path: Path, knowledge: Knowledge) -> None:
    result = shell(
        [
            "/start",
            "1",
            "1",
            "3 maanden",
            "winschote",
            "ze huilt heel veel en is niet te troosten",
            "1",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert out.count("Zo kom je er:") == 3
    assert "Gaat je vraag over huilen en onrust?" in out
    assert "  1. Ja, dat is goed" in out
    assert "Had je hier iets aan?" in out


def test_bad_input_gets_kind_replies_and_the_question_again(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    texts = knowledge.content.texts
    odd = ["", "x" * 10_000, "😀😀😀", "\x00\x07\x1b[31mhallo\x7f", "/onzin"]
    result = shell(["/start", "1", "1", *odd, "2 jaar"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert texts.get("fallback.empty") in out
    assert texts.get("fallback.too_long") in out
    assert texts.get("fallback.unknown_command") in out
    assert out.count(texts.get("age.question")) == 4
    assert out.count(texts.get("age.retry")) == 2
    assert texts.get("place.question") in out


def test_the_conversation_continues_after_the_process_restarts(tmp_path: Path) -> None:
    first = shell(["/start", "1", "1", "14 maanden"], tmp_path)
    assert "In welke plaats woon je?" in first.stdout
    second = shell(["Enschede"], tmp_path)
    assert "Enschede valt onder IMH Twente" in second.stdout
    assert "Waar maak je je zorgen over?" in second.stdout


def test_invalid_utf8_on_stdin_does_not_crash(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "imhbot", "shell"],
        input=b"/start\n\xff\xfe hallo\n",
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
