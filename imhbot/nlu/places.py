"""Answers to "Waar woon je?": woonplaats, gemeente, alias or postcode -> gemeente and region.

Names are matched on folded text with the spaces removed and "ij" read as "y", so
"Midden-Groningen", "midden groningen" and "middengroningen" are one key, and so are
"Delfzijl" and "delfzyl". Every n-gram of the answer is tried, so a place is found inside a
sentence. Place names that are also everyday words ("Leek", "Best", "Echt") count only when
the answer leaves no doubt. Typos are caught by rapidfuzz, never for common Dutch words, so
chat words do not turn into a village.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from imhbot.content.models import Gemeente
from imhbot.nlu.normalizing import fold
from imhbot.nlu.types import PlaceMatch

# rapidfuzz ratio (0..100) for a typo; a short word one letter off scores lower, so it must
# score higher to count ("malen" is not Malden, "winschote" is Winschoten).
FUZZY_CUTOFF = 87.0
FUZZY_CUTOFF_SHORT = 92.0
FUZZY_SHORT_CHARS = 6
FUZZY_MIN_CHARS = 6
FUZZY_MAX_TOKENS = 30

_GEMEENTE, _WOONPLAATS, _ALIAS = 0, 1, 2
_POSTCODE = re.compile(r"\b([1-9][0-9]{3})(?:\s?([a-z]{2}))?\b")
_QUALIFIER = re.compile(r"\s*\([^)]*\)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _keys(text: str) -> frozenset[str]:
    return frozenset(_key(word) for word in text.split())


def _spell(folded: str) -> str:
    """Read "ij" as "y", as people write place names both ways (Delfzijl, delfzyl)."""
    return folded.replace("ij", "y")


def _key(folded: str) -> str:
    return _spell(folded).replace(" ", "")


# Words around a place in an answer; with only these around it, the answer *is* the place.
_FILLER = _words(
    """
    ik wij we jij je u woon wonen woont woonachtig wonend in te de het t een bij nabij vlakbij
    dichtbij buurt omgeving regio gemeente provincie van uit rond rondom richting kant dorp dorpje
    stadje plaats plaatsje hier daar nu sinds al ook gewoon eigenlijk kom komen postcode adres is
    mijn m n mn onze ons zijn ben centrum midden net buiten ergens zo ja hoi hallo hoor he hey
    nou eh uhm tja oke ok graag dank bedankt thanks
    """
)

# A place name that may also follow one of these words inside a sentence ("ik woon in Leek").
_LOCATIVE = _words("in te bij nabij vlakbij dichtbij uit naar rond rondom richting")
_AREA = _words("buurt omgeving regio gemeente kant richting")
_DETERMINERS = _words("de het t een mijn m mn onze ons je jouw zijn haar hun die dat deze dit")

# Place names that are everyday Dutch (or chat) words: only as the whole answer, or right
# after "in" or "te" ("ik woon in Echt", not "ik woon echt" or "bij hem").
_WHOLE_ONLY = _keys(
    """
    een ee ie hee hem heel echt neer anderen amen lies stad dorst halfweg hoeven handel waarde
    wijngaarden overslag oranje ell gauw dewijk depunt desteeg debult deklomp dewilgen degroeve
    dehoeve depol dekiel dehoef deknipe detike dekrim deheen demoer demortel deglind defalom
    detrieme deblesse dewaal dewoude derijp
    """
)

# Place names that are also common words: the whole answer (next to other place names at most),
# or right after a locative word ("in Leek", "bij Best", "buurt van Hoorn").
_AFTER_LOCATIVE = _keys(
    """
    best leek hoek hoorn buren dieren duiven zetten vuren putten rijen sluis hulst bergen born
    made mill well hall linde linden zeeland horn thorn beek vries waal haps mussel wedde veen
    heide boer wier balk baard broek graft marken blokker kaag lent elst est stein ens erp loon
    voorst rhee yde tuil lieren rekken wouw zegge schijf putte aalst velp eede bears beers tuk
    baars wetering wateren sloten dijken hasselt reek riel esch son lith loo ede laren ried rien
    nes spier groet petten winkel monster dalen gieten glimmen helden herten huizen kampen leiden
    miste noorden opende tegelen velden vijlen winde houten horst donderen echten klimmen rolde
    smakt peins spui haag hengel doorn erica delft epen hemmen almen roden leunen veulen meppen
    """
)

# Never fuzzy-matched: filler, function words and everyday words a letter away from a village
# ("door" ~ Doorn, "maar" ~ Maarn, "eten" ~ Etten, "hoor" ~ Hoorn).
_NO_FUZZY = _FILLER | _words(
    """
    en of maar want dus omdat als dan toen dat die dit deze der des wat wie waar hoe naar door
    voor met op aan om tot over onder na tegen zonder tussen achter naast boven beneden binnen
    langs vanaf tijdens per via ze zij hij het hem haar hun hen jullie mij me jou jouw er niet
    geen wel nog maar alleen heel erg echt best veel weinig meer minder meest vaak soms nooit
    altijd weer even eens eerst laatst later vroeger straks meteen snel weet weten niks iets
    alles niemand iemand iedereen zelf andere ander welke welk precies misschien zeker bijna
    ongeveer sorry excuus wacht heb hebben heeft had hadden was waren wordt worden word werd kan
    kunnen kon moet moeten wil willen wilde zou zal zullen mag mogen doe doen deed gaat gaan ga
    ging kom komt kwam zit zitten staat staan ligt liggen krijg krijgen maak maken laat laten
    kind kinderen kindje baby babys peuter kleuter zoon dochter mama papa moeder vader ouders
    ouder partner man vrouw meisje jongen tweeling oma opa familie school opvang creche
    kinderdagverblijf werk thuis huis huisje straat weg wijk stad stadsdeel noord oost zuid
    west noorden oosten zuiden westen platteland boerderij eten drinken slapen slaapt huilen
    huilt spelen lopen praten zeggen zegt vraag vragen hulp help zorg zorgen goed slecht leuk
    mooi fijn lief lang kort groot klein oud jong nieuw beter beetje samen jaar jaren maand
    maanden week weken dag dagen nacht nachten avond ochtend middag morgen vandaag gisteren
    moment tijd keer snap begrijp bedoel denk vind voel zie hoor lees schrijf stuur typ klik
    knop menu start stop bang boos moe druk rustig verdrietig blij zwanger bevalling geboren
    nederland holland friesland drenthe overijssel twente gelderland utrecht zeeland brabant
    limburg flevoland belgie duitsland gunnen
    """
)


@dataclass(frozen=True, slots=True)
class _Entry:
    gemeente: str
    region: str | None
    name: str
    kind: int
    order: int
    unqualified: bool = False


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class _Range:
    low: int
    high: int
    gemeente: str
    region: str | None


def _spellings(name: str) -> dict[str, bool]:
    """Folded spellings, each marked True when the qualifier was dropped: "Velp (NB)" is also
    found as "Velp", after the Velp that is written without one."""
    written = fold(name)
    spelled = {fold(_QUALIFIER.sub("", name)): True, written: False}
    spelled.pop("", None)
    return spelled


class PlaceIndex:
    """Built once from the content; `resolve` is then a few dictionary look-ups."""

    def __init__(
        self,
        names: dict[str, tuple[_Entry, ...]],
        spelled: dict[str, str],
        ranges: tuple[_Range, ...],
        max_tokens: int,
    ) -> None:
        """`names` maps a folded name without spaces to its places; `spelled` maps the folded
        name with spaces (what typos are measured against) to that key."""
        self._names = names
        self._ranges = ranges
        self._max_tokens = max_tokens
        self._widths: dict[str, set[int]] = {}
        for text, key in spelled.items():
            self._widths.setdefault(key, set()).add(len(text.split()))
        self._spelled = {
            text: key
            for text, key in spelled.items()
            if len(key) >= FUZZY_MIN_CHARS and key not in _WHOLE_ONLY | _AFTER_LOCATIVE
        }
        self._fuzzy_choices = list(self._spelled)

    @classmethod
    def build(cls, gemeenten: Sequence[Gemeente]) -> PlaceIndex:
        found: dict[str, list[_Entry]] = {}
        spelled: dict[str, str] = {}
        ranges: list[_Range] = []
        max_tokens = 1
        order = 0
        for gemeente in gemeenten:
            for kind, written in (
                (_GEMEENTE, (gemeente.name,)),
                (_WOONPLAATS, gemeente.woonplaatsen),
                (_ALIAS, gemeente.aliases),
            ):
                for name in written:
                    max_tokens = max(max_tokens, len(fold(name).split()))
                    for text, unqualified in _spellings(name).items():
                        key = _key(text)
                        spelled[_spell(text)] = key
                        entry = _Entry(
                            gemeente.name, gemeente.region, name, kind, order, unqualified
                        )
                        found.setdefault(key, []).append(entry)
                    order += 1
            ranges.extend(
                _Range(low, high, gemeente.name, gemeente.region)
                for low, high in gemeente.postcode_ranges()
            )
        names = {key: tuple(entries) for key, entries in found.items()}
        return cls(names, spelled, tuple(ranges), max_tokens)

    def resolve(self, text: str, *, prefer_region: str | None = None) -> PlaceMatch | None:
        folded = fold(text)
        postcode = _find_postcode(folded)
        tokens = _POSTCODE.sub(_without_postcode, folded).split()
        named = self._exact(tokens, prefer_region) or self._fuzzy(tokens, prefer_region)
        if named is not None and named.region is not None:
            return named
        by_postcode = self._postcode(postcode) if postcode else None
        if by_postcode is not None and by_postcode.region is not None:
            return by_postcode
        return named or by_postcode

    def _postcode(self, digits: str) -> PlaceMatch:
        number = int(digits)
        for area in self._ranges:
            if area.low <= number <= area.high:
                return PlaceMatch(gemeente=area.gemeente, region=area.region, matched=digits)
        return PlaceMatch(gemeente=None, region=None, matched=digits)

    def _exact(self, tokens: list[str], prefer_region: str | None) -> PlaceMatch | None:
        found = [span for span in self._ngrams(tokens) if self._names_a_place(span)]
        anchored = {
            i
            for span in found
            if span.key not in _WHOLE_ONLY and span.key not in _AFTER_LOCATIVE
            for i in range(span.start, span.end)
        }
        spans = [span for span in found if _allowed(span, tokens, anchored)]
        outer = [span for span in spans if not any(_inside(span, other) for other in spans)]
        if not outer:
            return None
        picks = [(self._best(span.key, prefer_region), span.start) for span in outer]
        entry, _ = min(picks, key=lambda pick: _placement(pick[0], pick[1], prefer_region))
        return _match(entry)

    def _fuzzy(self, tokens: list[str], prefer_region: str | None) -> PlaceMatch | None:
        best: tuple[float, bool, int, _Entry] | None = None
        for span in self._ngrams(tokens[:FUZZY_MAX_TOKENS]):
            words = tokens[span.start : span.end]
            if len(span.key) < FUZZY_MIN_CHARS or not _fuzzy_candidate(words):
                continue
            hit = self._closest(_spell(" ".join(words)), len(span.key))
            if hit is None:
                continue
            entry = self._best(self._spelled[hit[0]], prefer_region)
            score = (hit[1], entry.region is not None, len(span.key), entry)
            if best is None or score[:3] > best[:3]:
                best = score
        return _match(best[3]) if best else None

    def _closest(self, query: str, letters: int) -> tuple[str, float] | None:
        """The nearest name that starts with the same letter: typos rarely hit the first one."""
        cutoff = FUZZY_CUTOFF_SHORT if letters <= FUZZY_SHORT_CHARS else FUZZY_CUTOFF
        hits = process.extract(
            query, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
        )
        return next(((name, score) for name, score, _ in hits if name[0] == query[0]), None)

    def _names_a_place(self, span: _Span) -> bool:
        """Words run together ("hofvantwente") may spell a longer name, but two words never
        make up a one-word name ("haar en" is not Haaren)."""
        widths = self._widths.get(span.key)
        return widths is not None and (
            span.end - span.start == 1 or span.end - span.start in widths
        )

    def _ngrams(self, tokens: list[str]) -> Iterable[_Span]:
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + self._max_tokens) + 1):
                yield _Span(start, end, _key(" ".join(tokens[start:end])))

    def _best(self, key: str, prefer_region: str | None) -> _Entry:
        return min(self._names[key], key=lambda entry: _rank(entry, prefer_region))


def _find_postcode(folded: str) -> str | None:
    """The first 4-digit postcode; a bare year ("sinds 2021") only when it is the whole answer."""
    for found in _POSTCODE.finditer(folded):
        digits = found.group(1)
        if _real_letters(found) or not 1900 <= int(digits) <= 2099 or folded == digits:
            return digits
        if folded[: found.start()].split()[-1:] == ["postcode"]:
            return digits
    return None


def _real_letters(found: re.Match[str]) -> bool:
    letters = found.group(2)
    return letters is not None and letters not in _NO_FUZZY


def _without_postcode(found: re.Match[str]) -> str:
    """Drop the postcode, but keep a word that only looked like its letters ("2021 in Goor")."""
    return " " if _real_letters(found) or found.group(2) is None else f" {found.group(2)} "


def _rank(entry: _Entry, prefer_region: str | None) -> tuple[bool, bool, bool, bool, int, int]:
    """Sort key, best first: preferred region, a gemeente of that name, a covered region, the
    name as written (not "Velp" from "Velp (NB)")."""
    preferred = prefer_region is not None and entry.region == prefer_region
    return (
        not preferred,
        entry.kind != _GEMEENTE,
        entry.region is None,
        entry.unqualified,
        entry.kind,
        entry.order,
    )


def _placement(entry: _Entry, start: int, prefer_region: str | None) -> tuple[bool, bool, int]:
    """Between places in one answer: the preferred region, a covered region, the first named."""
    preferred = prefer_region is not None and entry.region == prefer_region
    return (not preferred, entry.region is None, start)


def _match(entry: _Entry) -> PlaceMatch:
    return PlaceMatch(gemeente=entry.gemeente, region=entry.region, matched=entry.name)


def _inside(span: _Span, other: _Span) -> bool:
    return span != other and other.start <= span.start and span.end <= other.end


def _allowed(span: _Span, tokens: list[str], anchored: set[int]) -> bool:
    """Everyday words count as a place only when the answer leaves no doubt.

    `anchored` holds the positions of unambiguous place names, so "Leek, Groningen" is as
    clear as "Leek" alone.
    """
    if all(token in _FILLER for token in tokens[span.start : span.end]):
        return False
    if span.key not in _WHOLE_ONLY and span.key not in _AFTER_LOCATIVE:
        return True
    before = tokens[span.start - 1] if span.start else ""
    if before in _DETERMINERS:
        return False
    alone = all(
        token in _FILLER or i in anchored
        for i, token in enumerate(tokens)
        if not span.start <= i < span.end
    )
    if span.key in _WHOLE_ONLY:
        return alone and before in ("", "in", "te")
    return alone or _after_locative(tokens, span.start)


def _after_locative(tokens: list[str], start: int) -> bool:
    before = tokens[start - 1] if start >= 1 else ""
    if before in _LOCATIVE:
        return True
    return before == "van" and start >= 2 and tokens[start - 2] in _AREA


def _fuzzy_candidate(words: list[str]) -> bool:
    if any(word.isdigit() for word in words):
        return False
    return words[0] not in _NO_FUZZY and words[-1] not in _NO_FUZZY
