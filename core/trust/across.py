"""Agreement of a claim with a source unit written in another language: numbers, names, negation.

Across languages no content word is shared ("harina" is not "flour"), so the same-language
overlap test cannot apply, and what is left to check is what survives translation unchanged:
digits and count words (Chinese and Japanese numerals read as digits), unit symbols, Latin-script
proper names (a name stays "Barty" or "Lyon" in Spanish, and keeps its Latin letters inside
Chinese text), and whether the sentence says "not". German capitalises every noun, so there a
capitalised word is a name only where a noun could not stand (no article, determiner or
adjective before it); the cue words for that are closed grammatical classes, not a vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.text.fold import fold
from core.trust.dates import dates_agree
from core.trust.measures import measures_agree
from core.trust.places import cjk_places, place
from core.trust.quantities import quantities
from core.trust.specifics import Specifics, names_in, negated_in, specifics, support_words

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+)")
_NUMERAL = re.compile(r"[一二两兩三四五六七八九十百千]+")
_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_DIGIT |= {"六": 6, "七": 7, "八": 8, "九": 9}
_POWER = {"十": 10, "百": 100, "千": 1000}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


# Unit symbols that are written the same in every language (so must agree across them).
def _closed(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_SHARED_UNITS = _closed("% ° £ $ € ¥ g kg mg ml l cl dl km m cm mm °c °f")
# German capitalises every noun, so there a capitalised word is taken for a name only where a
# name stands: after a naming word ("namens Phoenix"), in apposition to a possessed noun
# ("meine Tochter Saoirse"), or right after a preposition of place or origin ("in Berlin",
# "von Jo"). The cue words are closed grammatical classes.
_GERMAN_NAMING = _closed("namens heißt heiße heißen hieß genannt")
_GERMAN_PLACE = _closed("in aus nach bei von")
_GERMAN_POSSESSIVES = _closed(
    "mein meine meinen meinem meiner meines dein deine deinem deinen deiner sein seine "
    "seinem seinen seiner ihr ihre ihrem ihren ihrer unser unsere unserem unseren unserer"
)


def _numeral(run: str) -> int:
    """A Chinese or Japanese numeral ("十五" 15, "二十" 20, "三百" 300) as a number."""
    total, digit = 0, 0
    for ch in run:
        if ch in _POWER:
            total += (digit or 1) * _POWER[ch]
            digit = 0
        else:
            digit = digit * 10 + _DIGIT[ch]
    return total + digit


def _numerals_as_digits(match: re.Match[str]) -> str:
    value = _numeral(match.group(0))
    # "一" is also "a" (一个, 一番): a one counts no more than an English article does.
    return match.group(0) if value < 2 else f" {value} "


@lru_cache(maxsize=4096)
def normalised(text: str) -> str:
    """`text` with CJK numerals as digits and Latin-script runs spaced off CJK characters, so
    "Barty是2014年" reads the name Barty and "约350ml" the unit ml."""
    text = _NUMERAL.sub(_numerals_as_digits, text)
    return re.sub(r"\s+", " ", _CJK_RUN.sub(r" \1 ", text)).strip()


def _german_names(text: str, ignore: frozenset[str]) -> set[str]:
    words = _WORD.findall(text)
    names: set[str] = set()
    for i in range(1, len(words)):
        word, before = words[i], words[i - 1]
        if not word[0].isupper() or word.lower() in ignore:
            continue
        lowered = before.lower()
        apposition = i >= 2 and before[0].isupper() and words[i - 2].lower() in _GERMAN_POSSESSIVES
        if lowered in _GERMAN_NAMING or lowered in _GERMAN_PLACE or apposition:
            names.add(word.lower())
    return names


@lru_cache(maxsize=4096)
def _names(text: str, lang: str, ignore: frozenset[str]) -> frozenset[str]:
    folded = fold(text)
    if _CJK.search(folded):
        # No capital opens a Chinese or Japanese sentence: every capitalised Latin word is one.
        latin = _CJK.sub(" ", folded)
        found = {w.lower() for w in _WORD.findall(latin) if w[0].isupper() and len(w) >= 2}
        return frozenset(found - ignore)
    found = names_in(folded, ignore)
    if lang == "de":
        capitalised = {w.lower() for w in _WORD.findall(folded) if w[0].isupper()}
        found = (found - capitalised) | _german_names(folded, ignore)
    return frozenset(found)


@lru_cache(maxsize=4096)
def places_in(text: str) -> frozenset[int]:
    """The cities a text names: its capitalised words' and its CJK names (core/trust/places.py)."""
    ids: set[int] = set()
    for word in _WORD.findall(fold(text)):
        if word[0].isupper() and len(word) >= 3:
            ids |= place(word)
    for found, _ in cjk_places(text).values():
        ids |= found
    return frozenset(ids)


# Whether a "not" said by both the claim and the unit anchors the claim like a number does.
NEGATION_ANCHORS = False


@dataclass(frozen=True, slots=True)
class Across:
    """How a claim in one language stands against a unit in another."""

    agrees: bool  # every number (with its unit), every name and the negation agree
    anchored: bool  # it has numbers or names, all found, and shares the unit's names


def across(
    claim: str,
    lang: str,
    unit: str,
    unit_specifics: Specifics,
    context: str | None = None,
    ignore: frozenset[str] = frozenset(),
    negation_anchors: bool = NEGATION_ANCHORS,
) -> Across:
    """Agreement of `claim` (in `lang`) with a support `unit` in another language.

    Args:
        claim: The reply's sentence.
        lang: The sentence's language (core/trust/language.py).
        unit: The support unit (a sentence, two, or a clause of her text).
        unit_specifics: The unit's specifics (its negation).
        context: The unit's whole text: names are looked for there, as in the same language.
        ignore: The creator's own name, never an entity a claim must find.
    """
    text = normalised(claim)
    mine = specifics(text, sorted(ignore))
    numbers, here = support_words(normalised(unit))
    if not mine.numbers <= numbers:
        return Across(False, False)
    theirs = quantities(normalised(unit))
    for q in quantities(text):
        unit_of = q.unit if q.unit in _SHARED_UNITS else ""
        same = [t for t in theirs if t.value == q.value]
        if not same or (unit_of and not any(t.unit in ("", unit_of) for t in same)):
            return Across(False, False)
    # What each number measures, translated: "24 días" is not "24 hours".
    if mine.numbers and not measures_agree(text, normalised(unit)):
        return Across(False, False)
    # Dates as dates: "2022年5月" is "May 2022", and "juin 2022" is not (core/trust/dates.py).
    if not dates_agree(text, normalised(unit)):
        return Across(False, False)
    names = _names(text, lang, ignore)
    _, words = support_words(normalised(context or unit))
    # A city keeps no letters across languages (Lisboa, Köln, 里斯本): a name the text lacks
    # may be another language's name of a city it names; a CJK city name must be one of them.
    everywhere, there = places_in(context or unit), places_in(unit)
    translated = {n for n in names - words if place(n) & everywhere}
    if not names - translated <= words:
        return Across(False, False)
    cities = cjk_places(text)
    kept = {n for n, (ids, _) in cities.items() if ids & everywhere}
    if any(sure and not ids & everywhere for ids, sure in cities.values()):
        return Across(False, False)
    here_places = {n for n in translated if place(n) & there}
    here_places |= {n for n in kept if cities[n][0] & there}
    negated = negated_in(mine, lang)
    if negated != unit_specifics.negated:
        return Across(False, False)
    # Chinese and Japanese spell most names in their own script ("里昂" for Lyon): a claim in
    # them that keeps none of the unit's Latin names may have put another in their place.
    theirs_named = unit_specifics.names
    lost = bool(_CJK.search(text)) and bool(theirs_named) and not (names & theirs_named or kept)
    # Anchored by what the unit itself says (a name found only elsewhere in its text anchors
    # nothing), or by a "not" both say.
    said = bool(mine.numbers or mine.dates or names & here or here_places)
    said = said or (negation_anchors and negated)
    return Across(True, said and not lost)
