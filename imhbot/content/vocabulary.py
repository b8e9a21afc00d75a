"""Content models for understanding free text: concerns, matching settings, safety signals.

Phrases in these files use the pattern syntax of `imhbot.nlu.patterns` (words in order, `a|b`,
`word*`, `=word`, `{set}`, `..`, `$`); syntax errors are reported here, with their entry, when
the reader passes the syntax in the validation context (`imhbot.content.syntax`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.syntax import check, syntax_in
from imhbot.content.wording import in_sentence

Weight = Annotated[float, Field(ge=0, le=5)]

LOWERING: tuple[str, ...] = ("past", "long_ago", "resolved", "worry", "habit", "mild")
"""The groups of time markers (fields of `TimeMarkers`) that can take the acuteness of a
crisis kind away (`lowered_by`); `imhbot.nlu.acuteness` says what each one does."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _check_patterns(
    info: ValidationInfo, values: Iterable[str], set_names: Iterable[str] | None = None
) -> None:
    syntax = syntax_in(info.context)
    if syntax is not None:
        check(syntax.patterns, values, set_names)


def _check_exclusions(
    info: ValidationInfo, values: Iterable[str], set_names: Iterable[str]
) -> None:
    syntax = syntax_in(info.context)
    if syntax is not None:
        check(syntax.exclusions, values, set_names)


def _check_frames(info: ValidationInfo, values: Iterable[str], set_names: Iterable[str]) -> None:
    syntax = syntax_in(info.context)
    if syntax is not None:
        check(syntax.frames, values, set_names)


class Concern(_Frozen):
    """One concern with the words parents use for it.

    keywords/symptoms/synonyms/hints/phrases are matched; `examples` are whole messages that
    must come out as this concern (the tests check them). `symptoms` and `hints` do not count
    when negated ("huilt niet veel"); the others do ("slaapt niet" is about sleep).
    `messages` are many more messages about this concern that the statistical part of the
    matcher learns from (they are not checked one by one).
    """

    id: str
    label: str
    in_sentence: str | None = None
    """The label as it reads inside a sentence ("Gaat je vraag over *...*?"); without it,
    the label with a lower-case first letter (`wording.in_sentence`)."""
    label_professional: str | None = None
    """The label for a professional, where `label` speaks to the parent ("Hoe het met jou gaat")."""
    scope: str | None = None
    keywords: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()

    @field_validator("keywords", "symptoms", "synonyms", "hints", "phrases")
    @classmethod
    def _patterns(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        _check_patterns(info, value)
        return value

    @property
    def sentence_label(self) -> str:
        return self.in_sentence or in_sentence(self.label)


class TermWeights(_Frozen):
    keywords: Weight = 1.0
    symptoms: Weight = 1.0
    synonyms: Weight = 0.8
    hints: Weight = 0.35
    phrases: Weight = 1.3


class StatisticsSettings(_Frozen):
    """The statistical part of the matcher: what the example messages add to the word lists.

    `weight` times the chance of a concern is added to its score; chances below `floor` add
    nothing; a `temperature` above 1 makes the chances less extreme. A message without any word from the lists gets the statistics only when its best
    chance is at least `alone_chance` and the model knows `alone_words` of its words.
    """

    weight: float = Field(default=1.0, ge=0, le=5)
    smoothing: float = Field(default=0.3, gt=0, le=5)
    temperature: float = Field(default=1.0, gt=0, le=20)
    floor: float = Field(default=0.0, ge=0, le=1)
    alone_chance: float = Field(default=0.6, ge=0, le=1)
    alone_words: int = Field(default=3, ge=1, le=20)
    ignore: tuple[str, ...] = ()


class StateWords(_Frozen):
    """Words that say how someone is ("huilen", "bang"), and per person (ouder, partner,
    kind, ander) the concern they count for when the sentence is about that person; `share`
    overrides the share of `Persons` for these words."""

    words: tuple[str, ...] = Field(min_length=1)
    ouder: str | None = None
    partner: str | None = None
    kind: str | None = None
    ander: str | None = None
    share: float | None = Field(default=None, ge=0, le=1)

    @field_validator("ouder", "partner", "kind", "ander")
    @classmethod
    def _known_concern(cls, value: str | None) -> str | None:
        if value is not None and value not in CONCERN_IDS:
            raise ValueError(f"onbekende zorg '{value}' — kies uit {', '.join(CONCERN_IDS)}")
        return value


class Persons(_Frozen):
    """How people are named: `ouder` (the writer), `partner`, `kind` and `ander` (anyone
    else) are patterns; `pronouns` (hij, ze) mean the partner when the partner was the last
    one named, the child otherwise. `states` move words to the concern of the person the
    sentence is about; `share` is the part of their weight that moves; not after `not_after`
    ("het huilen" is the child's crying, whoever speaks)."""

    ouder: tuple[str, ...] = ()
    partner: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    ander: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    states: tuple[StateWords, ...] = ()
    share: float = Field(default=1.0, ge=0, le=1)
    not_after: tuple[str, ...] = ()
    male: tuple[str, ...] = ()
    female: tuple[str, ...] = ()
    male_pronouns: tuple[str, ...] = ()
    female_pronouns: tuple[str, ...] = ()
    grandparent: tuple[str, ...] = ()
    grown_child: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()


class Professional(_Frozen):
    """How a professional introduces themselves ("ik ben logopedist", "als pm'er"): the
    `frame` patterns. When the message also names a worry (other concerns together at least
    `other` weight), the words of the frame do not count for `concern` (its statistics
    neither): the worry itself decides."""

    concern: str | None = None
    frame: tuple[str, ...] = ()
    other: float = Field(default=0.8, ge=0, le=10)


class MatchingSettings(_Frozen):
    """Thresholds and the language settings of the concern matcher (content/matching.yaml)."""

    confident: float = Field(default=0.6, ge=0, le=1)
    margin: float = Field(default=0.15, ge=0, le=1)
    minimum: float = Field(default=0.3, ge=0, le=1)
    listed: float = Field(default=0.15, ge=0, le=1)
    saturation: float = Field(default=1.0, gt=0, le=10)
    weights: TermWeights = TermWeights()
    before_contrast: float = Field(default=0.6, ge=0, le=1)
    compound_head: float = Field(default=0.8, ge=0, le=1)
    covered: float = Field(default=0.0, ge=0, le=1)
    first_named: float = Field(default=0.0, ge=0, le=1)
    out_of_scope_penalty: float = Field(default=0.8, ge=0, le=5)
    phrase_gap: int = Field(default=2, ge=0, le=6)
    wide_gap: int = Field(default=5, ge=1, le=12)
    negation_before: int = Field(default=3, ge=0, le=6)
    negation_after: int = Field(default=2, ge=0, le=6)
    positive_after: int = Field(default=3, ge=0, le=6)
    positive_before: int = Field(default=3, ge=0, le=6)
    typo_min_length: int = Field(default=5, ge=3, le=20)
    typo_two_edits_from: int = Field(default=8, ge=4, le=30)
    compound_min_part: int = Field(default=4, ge=3, le=10)
    spelling: dict[str, str] = {}
    sets: dict[str, tuple[str, ...]] = {}
    negators: tuple[str, ...] = ("niet", "geen", "nooit")
    prohibition: tuple[str, ...] = ()
    positives: tuple[str, ...] = ()
    positives_before: tuple[str, ...] = ()
    neutral: tuple[str, ...] = ()
    contrast_words: tuple[str, ...] = ("maar",)
    not_contrast_after: tuple[str, ...] = ()
    not_contrast_before: tuple[str, ...] = ()
    clause_words: tuple[str, ...] = ("en", "maar", "want", "omdat")
    out_of_scope: tuple[str, ...] = ()
    statistics: StatisticsSettings = StatisticsSettings()
    unclear_messages: tuple[str, ...] = ()
    persons: Persons = Persons()
    professional: Professional = Professional()

    @model_validator(mode="after")
    def _valid(self, info: ValidationInfo) -> MatchingSettings:
        persons = self.persons
        _check_patterns(
            info,
            (
                *self.positives,
                *self.positives_before,
                *self.neutral,
                *self.out_of_scope,
                *persons.ouder,
                *persons.partner,
                *persons.kind,
                *persons.ander,
                *persons.pronouns,
                *persons.grandparent,
                *persons.grown_child,
                *(w for group in persons.states for w in group.words),
                *self.professional.frame,
            ),
            self.sets.keys(),
        )
        if not self.minimum <= self.confident:
            raise ValueError("'minimum' moet kleiner zijn dan of gelijk aan 'confident'")
        if self.listed > self.minimum:
            raise ValueError("'listed' moet kleiner zijn dan of gelijk aan 'minimum'")
        return self


CRISIS_KIND_IDS: tuple[str, ...] = ("suicide", "harm_child", "violence", "medical")


class CrisisKind(_Frozen):
    """`signals` are phrases; `frames` are phrases joined by " + " that must all occur in
    one sentence, in any order ("{dader} + {schudden} + {kind}"); with
    `frames_in_one_stretch` they must also stand between the same commas or full stops.
    With `negation_after` a blocker just after a signal cancels it too ("ik sla hem nooit");
    a `vetoes` pattern anywhere in the sentence cancels this kind there ("ik vermoed dat
    ...": a suspicion is no acute danger). `lowered_by`: the groups of time markers
    (safety.time) that take the acuteness away ("vorige week", "ik ben bang dat");
    `now_signals` and `now_frames` count only with a marker of now ("hij staat nu bij de
    creche"); `now_frames` always stand in one stretch. `messages`: example messages of this kind that the statistical safety net
    learns from."""

    id: str
    message: str
    reminder: str = Field(min_length=1)
    """A short line with the numbers of `message`, for a parent who says they did not mean
    it: the numbers stay in sight."""
    check: str = Field(min_length=1)
    """The numbers of this kind and one direct question ("denk je erover om een eind aan je
    leven te maken?"), for a message in the review band: it might mean acute danger, but
    does not say so clearly."""
    signals: tuple[str, ...] = Field(min_length=1)
    review_signals: tuple[str, ...] = ()
    """Phrases that might mean this danger but do not say it ("ik sta op de brug"): the bot
    asks first (`check`) instead of raising the alarm at once."""
    softened: bool = False
    """A laugh or joke in the sentence (`Safety.softeners`) asks first for this kind, where
    hyperbole is common ("ik vermoord hem haha"); not for kinds where a nervous laugh may
    follow real harm."""
    review_frames: tuple[str, ...] = ()
    """Frames (as `frames`) in the review band: "{ik} + sta + op + dak"."""
    frames: tuple[str, ...] = ()
    frames_in_one_stretch: bool = False
    now_signals: tuple[str, ...] = ()
    now_frames: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    vetoes: tuple[str, ...] = ()
    negation_after: bool = False
    lowered_by: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in CRISIS_KIND_IDS:
            raise ValueError(f"onbekende soort '{value}' — kies uit {', '.join(CRISIS_KIND_IDS)}")
        return value

    @field_validator("lowered_by")
    @classmethod
    def _known_groups(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [g for g in value if g not in LOWERING]
        if unknown:
            raise ValueError(
                f"onbekende groep {', '.join(unknown)} — kies uit {', '.join(LOWERING)}"
            )
        return value


class TimeMarkers(_Frozen):
    """Markers of time and certainty (see `imhbot.nlu.acuteness` for what each group does)."""

    now: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    long_ago: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()
    worry: tuple[str, ...] = ()
    habit: tuple[str, ...] = ()
    mild: tuple[str, ...] = ()

    def patterns(self) -> tuple[str, ...]:
        return (
            *self.now,
            *self.urgent,
            *self.past,
            *self.long_ago,
            *self.resolved,
            *self.worry,
            *self.habit,
            *self.mild,
        )


class SafetyNet(_Frozen):
    """The statistical safety net: a Naive Bayes model of the example messages of each
    kind against calm messages (the `calm_messages` of safety.yaml and the example messages
    of every concern). It only adds an alarm the signals missed, when the chance of crisis
    is at least `threshold`, the model knows at least `min_words` words of the message and
    at least one of them is a `trigger` word (`weight`: 0 switches it off). `ignore`: words
    that do not count; `function_words`: words that count only next to a content word.
    A chance of at least `review_threshold` (but below `threshold`) puts the message in the
    review band: the bot asks first; 1 switches the review band of the net off."""

    threshold: float = Field(default=0.97, ge=0, le=1)
    review_threshold: float = Field(default=1.0, ge=0, le=1)
    min_words: int = Field(default=3, ge=1, le=20)
    smoothing: float = Field(default=0.5, gt=0, le=5)
    calm_weight: float = Field(default=1.0, gt=0, le=10)
    weight: float = Field(default=1.0, ge=0, le=1)
    ignore: tuple[str, ...] = ()
    function_words: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()


class Safety(_Frozen):
    """Crisis signals by kind, in the order they are checked (the first kind found wins)."""

    kinds: tuple[CrisisKind, ...]
    sets: dict[str, tuple[str, ...]] = {}
    exclusions: tuple[str, ...] = ()
    spelling: dict[str, str] = {}
    blockers: tuple[str, ...] = ("niet", "geen", "nooit")
    clause_words: tuple[str, ...] = ("en", "maar", "want", "omdat")
    gap: int = Field(default=2, ge=0, le=6)
    wide_gap: int = Field(default=6, ge=1, le=12)
    typo_min_length: int = Field(default=4, ge=3, le=20)
    typo_two_edits_from: int = Field(default=6, ge=4, le=30)
    frame_span: int = Field(default=12, ge=1, le=40)
    frame_negation_before: int = Field(default=3, ge=0, le=6)
    frame_negation_after: int = Field(default=1, ge=0, le=6)
    time: TimeMarkers = TimeMarkers()
    softeners: tuple[str, ...] = ()
    """A laugh or joke in the sentence of an alarm ("haha", "lol"): the bot asks first (the
    review band) instead of raising the alarm at once; it never dismisses the danger."""
    check_wait_minutes: int = Field(default=10, ge=1, le=60)
    """How long the check question of the review band waits for an answer; silence is no
    clear "nee", so then the full crisis protocol follows."""
    statistics: SafetyNet = SafetyNet(weight=0.0)
    calm_messages: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _valid(self, info: ValidationInfo) -> Safety:
        ids = [k.id for k in self.kinds]
        missing = sorted(set(CRISIS_KIND_IDS) - set(ids))
        if missing or len(ids) != len(set(ids)):
            raise ValueError(f"elke soort precies één keer: {', '.join(CRISIS_KIND_IDS)}")
        patterns = [*self.time.patterns(), *self.statistics.triggers, *self.softeners]
        for kind in self.kinds:
            patterns.extend((*kind.signals, *kind.review_signals, *kind.now_signals, *kind.vetoes))
        _check_patterns(info, patterns, self.sets.keys())
        _check_exclusions(
            info,
            (*self.exclusions, *(e for kind in self.kinds for e in kind.exclusions)),
            self.sets.keys(),
        )
        _check_frames(
            info,
            (
                f
                for kind in self.kinds
                for f in (*kind.frames, *kind.now_frames, *kind.review_frames)
            ),
            self.sets.keys(),
        )
        return self

    def kind(self, kind_id: str) -> CrisisKind:
        return next(k for k in self.kinds if k.id == kind_id)
