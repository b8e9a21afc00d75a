"""How long `imhbot shell` takes to its first reply, on a fresh database and on an existing one.

    python bench/shell_start.py [--runs 5]

Prints the time to the first byte of the greeting and to the process's exit, per run and as
the median. The understanding is built in the background while the shell greets.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _once(folder: Path, *, fresh: bool) -> tuple[float, float]:
    if fresh:
        for old in folder.glob("imhbot.sqlite3*"):
            old.unlink()
    command = [sys.executable, "-m", "imhbot", "shell"]
    started = time.monotonic()
    shell = subprocess.Popen(command, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert shell.stdin is not None
    assert shell.stdout is not None
    shell.stdin.write(b"/start\n")
    shell.stdin.flush()
    shell.stdout.read(1)
    first = time.monotonic() - started
    shell.stdin.close()
    shell.stdout.read()
    shell.wait()
    return first, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="imhbot-shell-"))
    try:
        for fresh in (True, False):
            runs = [_once(folder, fresh=fresh) for _ in range(args.runs)]
            firsts = [f"{first:.2f}" for first, _ in runs]
            label = "fresh database   " if fresh else "existing database"
            print(
                f"{label}: first reply median {statistics.median(r[0] for r in runs):.2f} s"
                f" (runs {', '.join(firsts)}), exit median"
                f" {statistics.median(r[1] for r in runs):.2f} s"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
