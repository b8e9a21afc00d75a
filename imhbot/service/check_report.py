"""`imhbot check`'s answer: every problem on a line of its own, errors first, then warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imhbot.content.yamlfile import Problem
from imhbot.service.loading import Reading


def report_text(reading: Reading) -> str:
    errors, warnings = reading.errors, reading.warnings
    parts = []
    for title, problems in (("Fouten", errors), ("Waarschuwingen", warnings)):
        if problems:
            parts.append(f"{title} ({len(problems)}):")
            parts.extend(f"  {shorter(p)}" for p in problems)
    parts.append(_summary(reading))
    return "\n".join(parts) + "\n"


def report_json(reading: Reading) -> dict[str, Any]:
    return {
        "ok": not reading.errors,
        "errors": len(reading.errors),
        "warnings": len(reading.warnings),
        "problems": [shorter(p).to_json() for p in reading.problems],
    }


def shorter(problem: Problem) -> Problem:
    """The problem with its file relative to the current folder, when it is below it."""
    return problem.below(Path.cwd())


def _summary(reading: Reading) -> str:
    content = reading.content
    if reading.errors or content is None:
        return f"Niet in orde: {len(reading.errors)} fout(en), {len(reading.warnings)} waarschuwing(en)."
    return (
        f"Geen fouten, {len(reading.warnings)} waarschuwing(en): {len(content.concerns)} zorgen, "
        f"{len(content.regions)} regio's, {len(content.gemeenten)} gemeenten, "
        f"{len(content.providers)} aanbieders, {len(content.pages)} pagina's, "
        f"{len(reading.flows)} flow(s)."
    )
