"""How fast the bot answers through its webhook, against a fake Bot API server on this machine.

Reproduce from the repository root:

    python bench/webhook_speed.py [--seconds 15] [--rate 100] [--chats 50] [--rounds 3] [--pin]

`imhbot run` (webhook mode, SQLite) and, as the ceiling, a bare python-telegram-bot echo bot
(bench/echo_bot.py) each run as their own process. This process plays the fake Bot API
server and the parents: scripted whole conversations (start, consent, role, age, place, a
worry in free text, confirm, feedback), pressing the buttons the bot sent. For each bot:

  throughput   parents answering as soon as they have their reply, `--chats` at once
  latency      `--rate` updates a second offered (each parent waits for its reply before the
               next message); time from posting the update to the webhook until the answer
               came back, which is after the bot sent its replies

and, for both phases, the CPU each process used per update: unlike the times it does not grow
when other work on the machine takes the cores, so it is the figure to compare changes by.

The bots take turns for `--rounds` rounds, since a single run of either swings with whatever
else the machine does. The summary gives the median of the rounds' throughput ratios (each
round's two runs are next to each other in time), the ratio of the best runs, and the worst
p99 of all rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lean_http import Answer, Poster, serve  # noqa: E402
from support.fake_telegram import FakeTelegram, params_of  # noqa: E402
from support.telegram import free_port  # noqa: E402

COMMAND = "python bench/webhook_speed.py"
SECRET = "bench-secret"
MAX_RATE = 10_000
AGES = ["14 maanden", "3 maanden", "2 jaar", "zwanger van 20 weken", "8 mnd"]
PLACES = ["Winschoten", "Groningen", "Enschede", "Hengelo", "Delfzijl", "Almelo", "9700"]
WORRIES = [
    "ze huilt heel veel en is niet te troosten",
    "hij slaapt heel slecht, wordt steeds wakker",
    "ze eet bijna niks alleen brood",
    "hij praat nog niet veel voor zijn leeftijd",
    "ik voel me zo somber sinds de bevalling",
]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    updates: int = 0
    errors: int = 0
    seconds: float = 0.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU a process used so far (Linux): it does not count time spent waiting
    for a core another process held, so it stays comparable on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cpu:
    """CPU the bot and this process (fake server and parents) use inside the `with`."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def __enter__(self) -> Cpu:
        self.bot, self.bench = cpu_seconds(self.pid), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bot = cpu_seconds(self.pid) - self.bot
        self.bench = time.process_time() - self.bench


class Parent:
    """One scripted conversation, pressing the first button where the script says so."""

    def __init__(self, fake: FakeTelegram, chat_id: int, rng: random.Random) -> None:
        self.fake, self.chat_id = fake, chat_id
        self.lines = [
            "/start",
            "#1",
            "#1",
            rng.choice(AGES),
            rng.choice(PLACES),
            rng.choice(WORRIES),
            "#1",
            "#1",
        ]
        self.step = 0

    def next_update(self) -> dict[str, object]:
        line = self.lines[self.step % len(self.lines)]
        self.step += 1
        keyboard = self.fake.keyboards.get(self.chat_id)
        if line.startswith("#") and keyboard is not None:
            data = keyboard.buttons[int(line[1:]) - 1][1]
            return self.fake.press(self.chat_id, data, keyboard.message_id)
        return self.fake.text(self.chat_id, line)


async def post(fake: FakeTelegram, poster: Poster, update: dict[str, object], run: Run) -> None:
    """Post an update, and run the Bot API call its answer may carry, as Telegram does."""
    started = time.perf_counter()
    status, content_type, body = await poster.post(update)
    run.latencies.append(time.perf_counter() - started)
    if status == 200:
        await fake.call_in(content_type, body)
    run.updates += 1
    run.errors += status != 200


async def closed_loop(fake: FakeTelegram, poster: Poster, chats: int, seconds: float) -> Run:
    run, rng, ids = Run(), random.Random(1), itertools.count(500_000)
    deadline = time.perf_counter() + seconds

    async def parent_loop(poster: Poster) -> None:
        parent = Parent(fake, next(ids), rng)
        while time.perf_counter() < deadline:
            await post(fake, poster, parent.next_update(), run)

    started = time.perf_counter()
    await asyncio.gather(*(parent_loop(poster) for _ in range(chats)))
    run.seconds = time.perf_counter() - started
    return run


async def open_loop(fake: FakeTelegram, poster: Poster, rate: float, seconds: float) -> Run:
    """`rate` updates a second, each from a parent who is not waiting for a reply."""
    run, rng, ids = Run(), random.Random(2), itertools.count(900_000)
    idle: list[Parent] = []
    tasks: list[asyncio.Task[None]] = []

    async def one(poster: Poster, parent: Parent) -> None:
        await post(fake, poster, parent.next_update(), run)
        idle.append(parent)

    started = time.perf_counter()
    for number in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, started + number / rate - time.perf_counter()))
        parent = idle.pop(0) if idle else Parent(fake, next(ids), rng)
        tasks.append(asyncio.create_task(one(poster, parent)))
    await asyncio.gather(*tasks)
    return run


def bot_api(fake: FakeTelegram) -> Answer:
    """The fake server's Bot API behind the lean HTTP server."""
    prefix = f"/bot{fake.token}/"

    async def answer(path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        if not path.startswith(prefix):
            return 401, b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
        params = params_of(headers.get("content-type", ""), body)
        response = await fake.call(path.removeprefix(prefix), params)
        return response.status_code, bytes(response.body)

    return answer


async def measure(name: str, command: list[str], args: argparse.Namespace) -> dict[str, float]:
    fake = FakeTelegram()
    server, fake.port = await serve(bot_api(fake))
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "WEBHOOK_URL": url,
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            "LOG_LEVEL": "WARNING",
            "TELEGRAM_MAX_RATE": str(MAX_RATE),
        }
        process = await asyncio.create_subprocess_exec(*command, env=env, cwd=folder)
        if args.pin:
            os.sched_setaffinity(process.pid, {1})
        try:
            await fake.wait_for(lambda: fake.webhook is not None, timeout=60)
            await asyncio.sleep(0.5)
            poster = Poster(url, {"X-Telegram-Bot-Api-Secret-Token": SECRET})
            with Cpu(process.pid) as closed_cpu:
                closed = await closed_loop(fake, poster, args.chats, args.seconds)
            with Cpu(process.pid) as open_cpu:
                run = await open_loop(fake, poster, args.rate, args.seconds)
            await poster.close()
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
            server.close()
    throughput = closed.updates / closed.seconds
    latencies = sorted(run.latencies)
    figures = {
        "throughput": throughput,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "errors": run.errors,
        "sent": len(fake.sent),
    }
    print(
        f"  {name:<26} {throughput:7.0f} updates/s   at {args.rate:.0f}/s offered: "
        f"p50 {figures['p50']:6.1f} ms   p99 {figures['p99']:6.1f} ms   "
        f"errors {run.errors}   messages sent {len(fake.sent)}"
    )
    for phase, cpu, updates in (
        ("throughput", closed_cpu, closed.updates),
        ("latency", open_cpu, run.updates),
    ):
        print(
            f"    CPU per update ({phase}): bot {cpu.bot / updates * 1000:.2f} ms, "
            f"fake server and parents {cpu.bench / updates * 1000:.2f} ms"
        )
    return figures


IMHBOT = [sys.executable, "-m", "imhbot", "run"]
ECHO = [sys.executable, str(ROOT / "bench" / "echo_bot.py")]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--pin", action="store_true", help="the bot on the second core, this process on the first"
    )
    args = parser.parse_args()
    if args.pin:
        os.sched_setaffinity(0, {0})
    print(
        f"command: {COMMAND} --seconds {args.seconds:g} --rate {args.rate:g} --chats {args.chats}"
        f" --rounds {args.rounds}" + (" --pin" if args.pin else "")
    )
    print(f"machine: {os.cpu_count()} cores; bot, fake server and parents share them")
    print(
        f"both bots with TELEGRAM_MAX_RATE={MAX_RATE}: the fake server has no flood limit; "
        "on Telegram, 30 messages a second over all chats is the ceiling"
    )
    bots: list[dict[str, float]] = []
    echoes: list[dict[str, float]] = []
    for number in range(1, args.rounds + 1):
        print(f"round {number}")
        bots.append(await measure("imhbot (webhook, SQLite)", IMHBOT, args))
        echoes.append(await measure("echo bot (bare PTB)", ECHO, args))
        ratio = bots[-1]["throughput"] / echoes[-1]["throughput"]
        print(f"  this round: imhbot reaches {ratio:.0%} of the echo bot's throughput")
    best_bot = max(b["throughput"] for b in bots)
    best_echo = max(e["throughput"] for e in echoes)
    ratios = [b["throughput"] / e["throughput"] for b, e in zip(bots, echoes, strict=True)]
    print(
        f"summary over {args.rounds} rounds: imhbot reaches {statistics.median(ratios):.0%} of "
        f"the echo bot's throughput (median; per round {', '.join(f'{r:.0%}' for r in ratios)}); "
        f"best runs imhbot {best_bot:.0f}/s, echo bot {best_echo:.0f}/s: {best_bot / best_echo:.0%}"
    )
    print(
        f"  p99 at {args.rate:g}/s offered, worst round: imhbot "
        f"{max(b['p99'] for b in bots):.1f} ms, echo bot {max(e['p99'] for e in echoes):.1f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
