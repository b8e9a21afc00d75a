"""Results of understanding free text; plain values, shared by the engine and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from imhbot.content.models import KINDERWENS_MONTHS, ZWANGER_MONTHS

Outcome = Literal["concern", "unclear", "crisis"]
Stage = Literal["kind", "zwanger", "kinderwens"]


@dataclass(frozen=True, slots=True)
class ScoredConcern:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What a message is about: `concerns` best first, scores in 0..1.

    `confident` is true when the best concern clears the content's confidence threshold
    and margin; an `unclear` outcome may still carry weak guesses in `concerns`. A crisis
    with `confirm` is in the review band: the bot shows the numbers and asks first, instead
    of raising the alarm at once; `otherwise` is then what the message is without the
    danger (after a clear "nee"), and `concerns` are its concerns.
    """

    text: str
    outcome: Outcome
    crisis: str | None
    concerns: tuple[ScoredConcern, ...]
    confident: bool = False
    confirm: bool = False
    otherwise: Outcome | None = None

    def to_json(self) -> dict[str, Any]:
        """The fields of the spec; a crisis also says whether the bot asks first."""
        asks = {"confirm": self.confirm} if self.outcome == "crisis" else {}
        return {
            "text": self.text,
            "outcome": self.outcome,
            "crisis": self.crisis,
            **asks,
            "concerns": [{"id": c.id, "score": round(c.score, 3)} for c in self.concerns],
        }


@dataclass(frozen=True, slots=True)
class AgeAnswer:
    stage: Stage
    months: int | None = None

    def band(self) -> tuple[int, int]:
        """The months (inclusive) this answer stands for, on the providers' age scale."""
        if self.stage == "kinderwens":
            return KINDERWENS_MONTHS
        if self.stage == "zwanger":
            return ZWANGER_MONTHS
        months = self.months or 0
        return (months, months)

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "months": self.months}


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place answer; `gemeente` is None for a postcode outside the known gemeenten."""

    gemeente: str | None
    region: str | None
    matched: str

    def to_json(self) -> dict[str, Any]:
        return {"gemeente": self.gemeente, "region": self.region}
