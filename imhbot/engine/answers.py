"""The names of the answers the engine's own code reads or writes in a session.

Flows name answers by these same strings (`save: role`, `set: {handoff_reason: ...}`,
`clear: [concern, guesses, ...]`, `when: {present: gemeente}`); here they have names, so the
code that reads an answer and the code that writes it cannot drift apart.
"""

from __future__ import annotations

from typing import Final

ROLE: Final = "role"
"""`ouder` or `professional`; a text's `key_<role>` variant is chosen by it."""
PROFESSIONAL: Final = "professional"
DISCIPLINE: Final = "discipline"
"""A professional's discipline (`huisarts`, `jgz`, ...): set by the flow, read by the checks
of scripted conversations and the coordinators' card."""

AGE_STAGE: Final = "age_stage"
AGE_MONTHS: Final = "age_months"
AGE_MIN: Final = "age_min"
AGE_MAX: Final = "age_max"
"""The child's age as a band of months (negative: before birth)."""

GEMEENTE: Final = "gemeente"
REGION: Final = "region"
PRESET_REGION: Final = "preset_region"
"""The region a deep link gave; a place that exists in more regions is looked for there."""
PLACE: Final = "place"
"""A place outside the regions, in words, for the text that says so."""

CONCERN: Final = "concern"
GUESSES: Final = "guesses"
"""The concerns the parent's words may mean, best first (`Guesses`)."""

SHOWN: Final = "shown"
FOUND: Final = "found"
SHOWN_IDS: Final = "shown_ids"
"""How many providers were shown, how many were found, and which were shown."""
PAGE: Final = "page"
"""The page a button asked to read, until it is shown."""
USEFUL: Final = "useful"
"""The parent's feedback, until it is recorded."""
HANDOFF_REASON: Final = "handoff_reason"

CARRIED: Final = frozenset({REGION, PRESET_REGION, GEMEENTE})
"""Before consent nothing is stored: these ride along in a button's value instead."""

EARLY_WORDS: Final = "early_words"
"""What a parent typed before consenting, kept only in memory (never stored) until consent
reads it (`read_early_words`) and drops it."""

WORDS: Final = "words"
"""The parent's own words for the coordinators: kept for the turn only (`Context.transient`),
never in the session."""

CRISIS_CHECK: Final = "crisis_check"
"""The kind of danger the bot just asked about (the review band: the numbers and one direct
question). The next message answers it: a clear "nee" goes on, anything else is the full
crisis protocol. Cleared by that next message, whatever it is."""

CRISIS_PENDING: Final = "crisis_pending"
"""The kind of danger of the safety message just sent: the next message may take it back
("grapje"). Cleared by that next message, whatever it is."""
