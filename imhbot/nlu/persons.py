"""Who a sentence is about: the parent, the partner or the child.

"ik huil de hele dag" is about the parent, "ze huilt de hele dag" about the child, and
"ze is zo verdrietig" about the child's feelings, not the parent's. Each clause gets a
subject: the first person named in it ("ik", "mijn vriendin", "hij", "de baby"). A clause
that names nobody keeps the subject of the clause before it in the same sentence. "hij",
"ze" and "zij" mean the partner when the partner was the last one named, the child
otherwise; a pronoun that does not fit the partner's gender ("mijn vrouw geeft de borst en
hij drinkt slecht") means the child.

State words (crying, sleeping, feelings) then count for the concern that fits the subject:
content says, per group of words, which concern each kind of person moves them to.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from imhbot.nlu.analysis import Lexicon, Token
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Found
from imhbot.nlu.patterns import Pattern, compile_pattern

PARENT = "ouder"
PARTNER = "partner"
CHILD = "kind"
OTHER = "ander"
PERSONS = (PARENT, PARTNER, CHILD, OTHER)
_PRONOUN = "voornaamwoord"
_GRANDPARENT = "grootouder"
_GROWN_CHILD = "volwassen kind"


@dataclass(frozen=True, slots=True)
class StateGroup:
    """Words that say how someone is, per person the concern (index) they count for, and
    the share of their weight that moves there."""

    words: tuple[str, ...]
    targets: Mapping[str, int]
    share: float = 1.0


@dataclass(frozen=True, slots=True)
class Genders:
    """Words that name a male or a female partner, and the pronouns of each gender."""

    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    male_pronouns: frozenset[str] = frozenset()
    female_pronouns: frozenset[str] = frozenset()

    def of_words(self, words: Collection[str]) -> str | None:
        if not self.male.isdisjoint(words):
            return "m"
        if not self.female.isdisjoint(words):
            return "v"
        return None

    def of_pronoun(self, word: str) -> str | None:
        if word in self.male_pronouns:
            return "m"
        if word in self.female_pronouns:
            return "v"
        return None


@dataclass(frozen=True, slots=True)
class State:
    """A state word in a message: who it is about, and where (and how much of) it moves."""

    person: str
    target: int | None
    share: float


class Subjects:
    """Finds the subject of every clause and moves state words to the concern that fits it.

    Its `patterns` (people first, then state words) are looked for together with the other
    patterns of the matcher; `states` gets what was found, numbered as in `patterns`.
    """

    def __init__(
        self,
        persons: Mapping[str, Sequence[str]],
        pronouns: Collection[str],
        groups: Sequence[StateGroup],
        not_after: Collection[str],
        lexicon: Lexicon,
        sets: Mapping[str, Collection[str]],
        genders: Genders | None = None,
        grandparents: Sequence[str] = (),
        grown_children: Sequence[str] = (),
        owner_words: Collection[str] = (),
    ) -> None:
        self._owner_words = frozenset(fold_word(w) for w in owner_words)
        self._genders = genders or Genders()
        labels: list[str] = []
        patterns: list[Pattern] = []
        named = {**persons, _GRANDPARENT: grandparents, _GROWN_CHILD: grown_children}
        for person, sources in named.items():
            for source in sources:
                patterns.append(compile_pattern(source, lexicon, sets))
                labels.append(person)
        for pronoun in pronouns:
            patterns.append(compile_pattern(pronoun, lexicon, sets))
            labels.append(_PRONOUN)
        self._labels = tuple(labels)
        for group in groups:
            patterns.extend(compile_pattern(w, lexicon, sets) for w in group.words)
        self.patterns = tuple(patterns)
        self._group_of = tuple(n for n, g in enumerate(groups) for _ in g.words)
        self._groups = tuple(groups)
        self._not_after = frozenset(fold_word(w) for w in not_after)

    def states(self, tokens: tuple[Token, ...], found: Sequence[Found]) -> dict[int, State]:
        """Per token position of a state word: the person the sentence is about, and the
        concern the word counts for because of that (None: its own concern)."""
        people = len(self._labels)
        words = [f for f in found if f.pattern >= people]
        if not words:
            return {}
        named_hits = [f for f in found if f.pattern < people]
        subjects = self.subjects(tokens, named_hits)
        named = self._resolved(self._named(named_hits), self._gendered(tokens, named_hits))
        states: dict[int, State] = {}
        for hit in words:
            position = hit.start
            person = self._owner(tokens, hit.end, named) or subjects[position]
            if person is None or (
                position > 0 and tokens[position - 1].word.text in self._not_after
            ):
                continue
            group = self._groups[self._group_of[hit.pattern - people]]
            states[position] = State(person, group.targets.get(person), group.share)
        return states

    def _owner(self, tokens: tuple[Token, ...], end: int, named: Mapping[int, str]) -> str | None:
        """ "de nachtmerries van mijn kleuter": a state word with "van" and a person just
        after it is about that person, whoever the sentence is about."""
        for q in (end + 1, end + 2):
            if q < len(tokens) and tokens[q].word.text in self._owner_words:
                clause = tokens[q].clause
                near = (r for r in (q + 1, q + 2) if r in named and tokens[r].clause == clause)
                return next((named[r] for r in near), None)
        return None

    def subjects(self, tokens: tuple[Token, ...], people: Sequence[Found]) -> list[str | None]:
        """The person each word is about: the last person named before it in its clause;
        else one named just after it ("soms huil ik"); else the person the clause before was
        about; else the first one named later in the clause (None when nobody is named)."""
        named = self._resolved(self._named(people), self._gendered(tokens, people))
        result: list[str | None] = []
        carried: str | None = None
        start = 0
        for end in range(1, len(tokens) + 1):
            if end < len(tokens) and tokens[end].clause == tokens[start].clause:
                continue
            clause = range(start, end)
            result.extend(self._in_clause(clause, named, carried))
            carried = next((result[p] for p in reversed(clause) if result[p]), carried)
            start = end
        return result

    @staticmethod
    def _in_clause(clause: range, named: dict[int, str], carried: str | None) -> list[str | None]:
        later = next((named[p] for p in clause if p in named), None)
        found: list[str | None] = []
        current: str | None = None
        for position in clause:
            current = named.get(position, current)
            just_after = (named.get(p) for p in (position + 1, position + 2) if p in clause)
            after = next((label for label in just_after if label), None)
            found.append(current or after or carried or later)
        return found

    def _gendered(self, tokens: tuple[Token, ...], people: Sequence[Found]) -> dict[int, str]:
        """The gender of each person or pronoun named, where its words tell it."""
        genders = self._genders
        found: dict[int, str] = {}
        for hit in people:
            words = [tokens[p].word.text for p in hit.positions]
            if self._labels[hit.pattern] == _PRONOUN:
                gender = genders.of_pronoun(words[0])
            else:
                gender = genders.of_words(words)
            if gender is not None:
                found.setdefault(hit.start, gender)
        return found

    @staticmethod
    def _resolved(named: dict[int, str], genders: Mapping[int, str]) -> dict[int, str]:
        """Pronouns become the partner when the partner was the last one named before, and
        the pronoun fits the partner's gender (when both are known)."""
        resolved: dict[int, str] = {}
        last_named: str | None = None
        last_gender: str | None = None
        for position in sorted(named):
            label = named[position]
            if label == _PRONOUN:
                gender = genders.get(position)
                fits = gender is None or last_gender is None or gender == last_gender
                label = PARTNER if last_named == PARTNER and fits else CHILD
            else:
                last_named = label
                last_gender = genders.get(position)
            resolved[position] = label
        return resolved

    def _named(self, people: Sequence[Found]) -> dict[int, str]:
        """Who is named where. A writer who is a grandparent ("ik ben de oma", "mijn
        kleinzoon") means a parent by "mijn dochter" or "mijn zoon": the partner's place."""
        labels = [self._labels[hit.pattern] for hit in people]
        grown = PARTNER if _GRANDPARENT in labels else ""
        named: dict[int, str] = {}
        order = sorted(
            range(len(people)), key=lambda n: (people[n].start, -len(people[n].positions))
        )
        for number in order:
            hit, label = people[number], labels[number]
            if label == _GRANDPARENT or (label == _GROWN_CHILD and not grown):
                continue
            named.setdefault(hit.start, grown if label == _GROWN_CHILD else label)
            for position in hit.positions[1:]:
                named.setdefault(position, "")
        return {p: label for p, label in named.items() if label}
