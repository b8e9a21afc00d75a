"""Where the shared development set is: the steering repository's original when it is beside
this checkout, else the copy in tests/data (kept equal by a test)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
SHARED_DEV_SET = TESTS.parent.parent / "shared" / "eval" / "dev.yaml"
COPY_DEV_SET = TESTS / "data" / "dev.yaml"
DEV_SET = SHARED_DEV_SET if SHARED_DEV_SET.exists() else COPY_DEV_SET
