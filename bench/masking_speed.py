"""What masking names with deduce costs: building its name lists once (a fresh cache), loading
them (a cache there), and each message, beside the regex masking alone; on the parents' texts
of tests/data/holdout.yaml. It lists the texts where a name was masked, to judge by eye that
ordinary words stay.

Reproduce from the repository root (one core; taskset is optional):

    taskset -c 0 python bench/masking_speed.py [--passes 3] [--shown 25]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imhbot.nlu import masking  # noqa: E402
from imhbot.nlu.names import NAME, NameMasker  # noqa: E402

HOLDOUT = ROOT / "tests" / "data" / "holdout.yaml"
TYPICAL = [
    "mijn vriend Jan de Vries en ik maken veel ruzie, de kinderen horen het",
    "ze slaapt slecht en ik ben op, ik weet het niet meer",
    "Emma is 14 maanden en huilt de hele dag. We wonen in Hoogeveen.",
    "de huisarts dr. Bakker zei dat ik jullie moest bellen: 06 12345678",
]


def _texts() -> list[str]:
    data = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
    cases = data if isinstance(data, list) else data.get("cases", [])
    return [*TYPICAL, *(c["text"] for c in cases if isinstance(c, dict) and c.get("text"))]


def _per_message(mask: object, texts: list[str], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            mask(text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--shown", type=int, default=25, help="masked texts to list")
    args = parser.parse_args()
    texts = _texts()
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        NameMasker(Path(cache)).load()
        built = time.perf_counter() - start
        start = time.perf_counter()
        names = NameMasker(Path(cache))
        names.load()
        loaded = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    texts = [*texts, *(t[:1].upper() + t[1:] for t in texts if t[:1].islower())]
    # ... and each as a phone writes it, with a capital first: deduce runs on those
    capitals = [t for t in texts if any(c.isupper() for c in t)]
    masking.NAMES = names  # type: ignore[attr-defined]
    with_names = _per_message(masking.mask, texts, args.passes)
    with_names_capitals = _per_message(masking.mask, capitals, args.passes)
    masked = [(t, m) for t in texts if NAME in (m := masking.mask(t))]
    alone = NameMasker()
    alone._failed = True  # never loads: what the regexes alone cost
    masking.NAMES = alone  # type: ignore[attr-defined]
    regex_only = _per_message(masking.mask, texts, args.passes)
    print(f"texts: {len(texts)} (holdout.yaml and {len(TYPICAL)} typical, and with a capital)")
    print(f"build deduce's name lists (fresh cache): {built:.2f} s")
    print(f"load them (cache there): {loaded:.2f} s; max resident {rss} MB")
    print(f"mask a message, all texts: {with_names:.3f} ms with names, {regex_only:.3f} ms without")
    print(f"mask a message with a capital ({len(capitals)}): {with_names_capitals:.3f} ms")
    print(f"texts with a masked name: {len(masked)}")
    for text, result in masked[: args.shown]:
        print(f"  {text!r}\n    -> {result!r}")


if __name__ == "__main__":
    main()
