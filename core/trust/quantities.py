"""Numbers bound to their units and to the words they count, so "50 g flour" is not "5 g flour".

A bag of numbers lets "5 g flour, 5 g water" pass against "feed it 1:5:5, so 50 g flour, 50 g
water": every digit is there, none counts what it claims to. Here each number keeps its unit
(a symbol written beside it: g, %, £, °C, 克, 円…) and the nearest content word on each side in
its clause (the thing it counts, or what it is a price, a date or a share of). A claim's number
agrees with a source when the source has that value with that unit and, for each word the claim
binds it to, the source binds the same word to the same value whenever it binds it to any.
Language-neutral cues only: digits, unit symbols, punctuation, word length and the closed class
of function words; CJK words are character bigrams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.text.fold import fold
from core.trust.dates import undated

# 1,000 / 1.000 / 1 000 are one thousand; "12,5" (one or two digits after the comma) is 12.5.
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u00a0'](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_CITE = re.compile(r"\[\d{1,2}\]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.:/]\d+)*)"
    r"|(?P<sym>[%‰°£$€¥₹₩₽¢])"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>[,;()\[\]!?。，、；！？…\n]|\.(?!\d)|\s[-–—]\s)"
    r"|(?P<dash>[-–])"
)


# Unit symbols written after a number: SI and kitchen units, clock and ISO currency codes. A
# closed class of symbols (the same in every language that writes them), not vocabulary.
def _words(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_UNITS = _words(
    "g kg mg µg l ml cl dl cm mm m km ft h hr hrs min mins s sec ms am pm oz lb lbs tsp tbsp "
    "kcal cal kwh w kw x c f eur usd gbp chf sek nok dkk jpy cny kr"
)
# Ordinal endings ("9th", "1er", "2º"): the number's own suffix, not a unit.
_ORDINAL = _words("st nd rd th er re e eme ème º ª o a")
# Count words, so "three months" agrees with "3 months" (two and up: "one" is also an article).
NUMBER_WORDS = {
    w: str(n)
    for n, words in enumerate(
        [
            "",
            "",
            "two dos zwei deux dois duas due twee två",
            "three tres drei trois três tre drie",
            "four cuatro vier quatre quatro quattro fyra",
            "five cinco fünf cinq cinque vijf fem",
            "six seis sechs sei zes",
            "seven siete sieben sept sete sette zeven sju",
            "eight ocho acht huit oito otto åtta",
            "nine nueve neun neuf nove negen nio",
            "ten diez zehn dix dez dieci tien tio",
            "eleven once elf onze undici",
            "twelve doce zwölf douze dodici twaalf tolv",
        ]
    )
    for w in words.split()
}
# Function words longer than three letters (shorter words never bind a number): a closed
# grammatical class in the languages we see most, shared with the content-word overlap check.
FUNCTION_WORDS = _words(
    "that this these those with from have has had what when your yours about they them then "
    "than there their would could should also really very much some more into only even over "
    "such been were will just like because which while where here being does doing done each "
    "para como pero este esta esto sobre porque cuando donde tengo tiene cada "
    "dass diese dieser dieses eine einer einem einen nicht auch sind habe haben wird wenn jede "
    "avec dans pour mais cette sont avoir être fait chaque "
    "uma isso esse essa pelo pela muito "
    "questo questa sono della delle degli anche ogni "
    "deze voor maar zijn heeft wordt elke "
    "detta denna inte från eller också varje"
)
# Three-letter function words: a three-letter word right after a number is what it counts
# ("20% rye", "3 eggs") unless it is one of these.
SHORT_FUNCTION_WORDS = _words(
    "and the for but not are was you her his its our has had how all any per via "
    "con una uno los las del por que sus "
    "und der die das den dem des ein mit von bei "
    "les des une par sur est "
    "dos das com por nos "
    "con per gli del una "
    "een het van met voor "
    "och att som med för den det ett"
)
# How far (in words) a number reaches for the word it binds to.
_REACH = 3


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number of a text: its value, its unit symbol ("" if none) and the content words
    bound to it, the nearest on each side within its clause (stems or CJK bigrams): `after`
    is usually what it counts ("50 g flour"), `before` what it dates or prices ("March 2019",
    "costs £99")."""

    value: str
    unit: str
    before: str = ""
    after: tuple[str, ...] = ()  # the next content words: "grams", then what they weigh

    @property
    def words(self) -> frozenset[str]:
        return frozenset({self.before, *self.after} - {""})


def _value(raw: str) -> str:
    if raw.replace(".", "", 1).isdigit() and "." in raw:
        whole, frac = raw.split(".", 1)
        return f"{whole.lstrip('0') or '0'}.{frac.rstrip('0') or '0'}".removesuffix(".0")
    if raw.isdigit():
        return raw.lstrip("0") or "0"
    return raw  # a ratio, time or date as written: 1:5:5, 17:00, 21/07


def _key(word: str, first: bool) -> str:
    """A content word's key: a 5-letter stem; for CJK, the bigram nearest the number."""
    if _CJK.search(word):
        return word[:2] if first else word[-2:]
    if len(word) < 4 or word in FUNCTION_WORDS:
        return ""
    return word[:5]


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num, sym, word, dash, stop
    text: str
    spaced: bool  # whitespace before it


def _tokens(text: str) -> list[_Tok]:
    # A date's month and day are no quantities ("2022年5月" is not five months): dates.py.
    folded = undated(fold(_CITE.sub(" ", _URL.sub(" ", text)))).lower()
    folded = _DECIMAL_COMMA.sub(".", _THOUSANDS.sub("", folded))
    out: list[_Tok] = []
    end = 0
    for m in _TOKEN.finditer(folded):
        kind = m.lastgroup or "stop"
        token = m.group(0).strip()
        spaced = m.start() > end or m.group(0)[:1].isspace()
        end = m.end()
        if kind == "word" and token in NUMBER_WORDS:
            out.append(_Tok("num", NUMBER_WORDS[token], spaced))
        elif kind == "word" and _CJK.search(token) and out and out[-1].kind == "num":
            # CJK has no spaces: a run after a number starts with its counter or unit
            # (克, 个, 年, 円), so "50克面粉" reads like "50 g flour".
            out.append(_Tok("word", token[0], spaced))
            if token[1:]:
                out.append(_Tok("word", token[1:], False))
        else:
            out.append(_Tok(kind, token, spaced))
    return out


def _unit_after(toks: list[_Tok], i: int) -> tuple[str, int]:
    """The unit written right after the number at `i`, and where the words after it start."""
    j = i + 1
    if j >= len(toks):
        return "", j
    tok = toks[j]
    if tok.kind == "sym":
        if j + 1 < len(toks) and toks[j + 1].kind == "num" and not toks[j + 1].spaced:
            return "", j  # "5 £20": the symbol is the next number's
        if tok.text == "°" and j + 1 < len(toks) and toks[j + 1].text in ("c", "f"):
            return "°" + toks[j + 1].text, j + 2
        return tok.text, j + 1
    if tok.kind == "word":
        if _CJK.search(tok.text):
            return (tok.text, j + 1) if len(tok.text) == 1 and not tok.spaced else ("", j)
        if not tok.spaced and tok.text in _ORDINAL:
            return "", j + 1  # 9th, 1er
        if tok.text in _UNITS or (not tok.spaced and len(tok.text) <= 3):
            return tok.text, j + 1
    return "", j


def _bound(toks: list[_Tok], start: int, step: int, taken: set[int]) -> tuple[str, int]:
    """The first content word from `start` going `step` (and its index), within the clause
    and `_REACH` words, never past another number nor onto a word an earlier number counts
    (`taken`: in "10 g of starter with 50 g flour", starter is the 10's)."""
    seen = 0
    i = start
    while 0 <= i < len(toks) and seen < _REACH:
        tok = toks[i]
        if tok.kind in ("stop", "num", "dash") or (step < 0 and i in taken):
            return "", -1
        if tok.kind == "word":
            key = _key(tok.text, first=step > 0)
            if (
                i == start
                and step > 0
                and len(tok.text) == 3
                and tok.text not in SHORT_FUNCTION_WORDS
            ):
                key = tok.text  # right after the number: "20% rye"
            if key:
                return key, i
            seen += 1
        i += step
    return "", -1


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    toks = _tokens(text)
    found: list[tuple[int, str, str, int]] = []  # index, value, unit, where words after start
    for i, tok in enumerate(toks):
        if tok.kind != "num":
            continue
        unit, after = _unit_after(toks, i)
        if not unit and i > 0 and toks[i - 1].kind == "sym":
            unit = toks[i - 1].text  # £99, $5
        # A range ("4-5 hours", "12.5–13%") shares the later number's unit and word.
        j = after
        while (
            j + 1 < len(toks)
            and (toks[j].kind == "dash" or toks[j].text == "to")
            and toks[j + 1].kind == "num"
        ):
            later_unit, j = _unit_after(toks, j + 1)
            unit = unit or later_unit
        found.append((i, _value(tok.text), unit, j))
    # The two content words after each number: a spelled-out measure ("500 grams of strong
    # white flour") is followed by what it measures.
    afters: list[list[tuple[str, int]]] = []
    for *_, j in found:
        first = _bound(toks, j, 1, set())
        second = _bound(toks, first[1] + 1, 1, set()) if first[1] >= 0 else ("", -1)
        afters.append([w for w in (first, second) if w[0]])
    taken = {at for words in afters for _, at in words}
    out: list[Quantity] = []
    for (i, value, unit, _), counts in zip(found, afters, strict=True):
        prefix = i > 0 and toks[i - 1].kind == "sym"
        before, _at = _bound(toks, i - 2 if prefix else i - 1, -1, taken)
        out.append(Quantity(value, unit, before, tuple(w for w, _ in counts)))
    return tuple(out)


def quantities(text: str) -> list[Quantity]:
    """The numbers of `text` with their units and the words they are bound to."""
    return list(_quantities(text))


def _same_unit(claim: str, source: Quantity) -> bool:
    if not claim or claim == source.unit:
        return True
    # A unit spelled out in the source ("50 grams") for the claim's symbol ("50 g").
    return not source.unit and any(w.startswith(claim) for w in source.words)


def quantities_agree(claim: str, source: str) -> bool:
    """True if every number of `claim` is in `source` with its unit, and bound to no word that
    `source` binds only to other numbers: "5 g flour" against "50 g flour" disagrees, and so do
    "March 2023" against "March 2019" and "costs £20" against "costs £99, deposit £20".

    What a number counts (the words after it) decides first: when the source binds one of them
    to this value alone, the word before it ("flour and water for 45 minutes") is not held
    against it; otherwise the word before must not be bound only to other values either.
    """
    theirs = _quantities(source)
    # Texts that share words are in one language: there, a number counting another word than
    # the source's ("20% wholemeal" against "20% rye") is a substitution. Across languages
    # the counted words differ anyway ("20% de centeno"), and similarity decides.
    mine_keys, their_keys = _keys(claim), _keys(source)
    same_language = bool(mine_keys & their_keys)
    for mine in _quantities(claim):
        same = [q for q in theirs if q.value == mine.value and _same_unit(mine.unit, q)]
        if not same:
            return False
        if same_language and mine.after and mine.after[0] not in their_keys:
            counts_other = [q for q in same if q.after and q.after[0] not in mine_keys]
            if len(counts_other) == len(same):
                return False
        # The words after it, nearest first: one the source binds only to other values is a
        # conflict; one it binds to this value alone decides; one it binds to this value and
        # others ("grams", bound to every weight) says nothing yet, so the next word decides.
        counted = False
        for word in mine.after:
            bound = {q.value for q in theirs if word in q.words}
            if bound and mine.value not in bound:
                return False
            if bound == {mine.value}:
                counted = True
                break
        if mine.before and not counted:
            bound = {q.value for q in theirs if mine.before in q.words}
            if bound and mine.value not in bound:
                return False
    return True


@lru_cache(maxsize=8192)
def _keys(text: str) -> frozenset[str]:
    """Every content-word key of a text (as numbers bind them)."""
    keys = {_key(t.text, first=True) for t in _tokens(text) if t.kind == "word"}
    keys |= {t.text for t in _tokens(text) if t.kind == "word" and len(t.text) == 3}
    return frozenset(keys - {""})
