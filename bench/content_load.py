"""How long loading the shipped content (and flows) takes, and building the matchers on it.

Run from the repository root:  python bench/content_load.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from imhbot.content.loader import load_content
from imhbot.nlu.syntax import SYNTAX
from imhbot.nlu.understanding import Understanding
from imhbot.service.loading import load_flows
from imhbot.settings import PROJECT_ROOT

ROUNDS = 10
COLD = (
    "import time; t = time.perf_counter(); from pathlib import Path; "
    "from imhbot.service.loading import load_knowledge; "
    f"load_knowledge(Path({str(PROJECT_ROOT / 'content')!r}), Path({str(PROJECT_ROOT / 'flows')!r})); "
    "print(time.perf_counter() - t)"
)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    print("command: python bench/content_load.py")
    content_dir, flows_dir = PROJECT_ROOT / "content", PROJECT_ROOT / "flows"
    content = load_content(content_dir, syntax=SYNTAX)
    loads = [_timed(lambda: load_content(content_dir, syntax=SYNTAX)) for _ in range(ROUNDS)]
    flows = [_timed(lambda: load_flows(flows_dir, content)) for _ in range(ROUNDS)]
    builds = [_timed(lambda: Understanding.build(content)) for _ in range(ROUNDS)]
    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    print(
        f"content: {len(content.providers)} providers, {len(content.pages)} pages, {len(content.gemeenten)} gemeenten"
    )
    print(
        f"load content/ (YAML + validation), median of {ROUNDS}: {statistics.median(loads) * 1000:.0f} ms"
    )
    print(
        f"load flows/, median of {ROUNDS}:                   {statistics.median(flows) * 1000:.0f} ms"
    )
    print(
        f"build matchers and indexes, median of {ROUNDS}:    {statistics.median(builds) * 1000:.0f} ms"
    )
    print(
        f"everything in a fresh process (imports included), median of 3: {statistics.median(cold) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
