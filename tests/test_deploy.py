"""What can be checked of the deployment without a Docker engine: the compose file parses,
every command it and the Dockerfile run is a command of `imhbot` (parsed by its own parser),
two instances share one PostgreSQL with one webhook registration, and `imhbot health` works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from imhbot.cli import build_parser
from imhbot.settings import PROJECT_ROOT

COMPOSE = PROJECT_ROOT / "docker-compose.yml"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"


def services() -> dict[str, dict[str, object]]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    found: dict[str, dict[str, object]] = data["services"]
    return found


def imhbot_commands() -> list[list[str]]:
    """The commands the services run, and the instances' health check."""
    found = services()
    commands = [list(s["command"]) for s in found.values() if isinstance(s.get("command"), list)]
    check = found["bot1"]["healthcheck"]
    assert isinstance(check, dict)
    commands.append(list(check["test"])[1:])
    return [c for c in commands if c[:1] == ["imhbot"]]


def test_every_imhbot_command_of_the_compose_file_is_one_of_ours() -> None:
    commands = imhbot_commands()
    assert ["imhbot", "run"] in commands
    assert ["imhbot", "health"] in commands
    assert ["imhbot", "webhook", "set"] in commands
    assert ["imhbot", "db", "upgrade"] in commands
    for command in commands:
        build_parser().parse_args(command[1:])  # exits on an unknown command


def test_two_instances_on_one_postgresql_and_one_webhook_registration() -> None:
    found = services()
    bots = [found["bot1"], found["bot2"]]
    for bot in bots:
        env = bot["environment"]
        assert isinstance(env, dict)
        assert str(env["DATABASE_URL"]).startswith("postgresql+psycopg://")
        assert env["WEBHOOK_REGISTER"] == "false"
    assert found["webhook"]["command"] == ["imhbot", "webhook", "set"]
    proxy = " ".join(str(part) for part in found["proxy"]["command"])  # type: ignore[attr-defined]
    assert "bot1:8080" in proxy
    assert "bot2:8080" in proxy


def test_the_dockerfile_checks_health_with_imhbot_health() -> None:
    lines = DOCKERFILE.read_text(encoding="utf-8").splitlines()
    [check] = [line for line in lines if line.startswith("HEALTHCHECK")]
    assert check.endswith('CMD ["imhbot", "health"]')
    build_parser().parse_args(["health"])


@pytest.mark.slow
def test_imhbot_health_says_whether_the_database_answers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEBHOOK_")}

    def health(url: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "imhbot", "health"],
            env={**env, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    url = f"sqlite:///{tmp_path / 'imhbot.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "imhbot", "db", "upgrade"],
        env={**env, "DATABASE_URL": url},
        capture_output=True,
        timeout=60,
        check=True,
    )
    good = health(url)
    assert good.returncode == 0
    assert good.stdout.startswith("ok")
    bad = health("sqlite:////nonexistent/folder/imhbot.sqlite3")
    assert bad.returncode == 1
    assert "database unreachable" in bad.stdout
