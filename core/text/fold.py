"""Text folding for detectors: what people hide with invisible, look-alike or 1337 text."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
# Letters our own eyes read as Latin though TR39 does not list them as confusable.
_EXTRA = {"в": "b", "н": "h", "к": "k", "м": "m", "т": "t", "ν": "v", "κ": "k", "τ": "t"}
# Scripts whose text is meant as itself (CJK, kana, hangul): never folded to Latin, so patterns
# written in those scripts still match.
_KEEP = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=1)
def confusables() -> dict[int, str]:
    """Every character Unicode TR39 lists as a look-alike of an ASCII letter or digit, mapped
    to it (Cyrillic "а", Greek "ο", Cherokee "Ꭺ", Armenian "օ"...), from the maintained
    confusable-homoglyphs data. Built once (about 10k entries) and used by str.translate."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    table: dict[int, str] = {}
    for char, homoglyphs in json.loads(raw).items():
        if len(char) != 1 or char.isascii() or _KEEP.match(char):
            continue
        letters = [
            h["c"]
            for h in homoglyphs
            if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()
        ]
        if letters:
            table[ord(char)] = letters[0]
    for char, latin in _EXTRA.items():
        table.setdefault(ord(char), latin)
        table.setdefault(ord(char.upper()), latin.upper())
    return table


_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)


def fold(text: str) -> str:
    """NFKC, no invisible characters, look-alikes mapped to Latin, straight quotes, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    if not text.isascii():  # translate costs ~50 us on chat text; ASCII has nothing to map
        text = text.translate(confusables())
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def _deleet(text: str) -> str:
    # Only words that mix letters with digits or symbols ("hum4n", "r3al"): "I'm 13" keeps 13.
    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        mixed = re.search(r"[a-z]", word, re.I) and not word.isalpha()
        return word.translate(_LEET) if mixed else word

    return re.sub(r"\S+", one, text)


# Pure and asked of the same text by several detectors in one turn (escalation, honesty,
# tone, grounding); a small cache makes the second and later asks free.
@lru_cache(maxsize=2048)
def fold_for_detection(text: str) -> tuple[str, ...]:
    """The folded text in lower case, plus de-leeted and squeezed variants when they differ.

    Detectors try each variant. Lower case lets them match without re.IGNORECASE, which made
    a scan of the escalation phrases 1.75x slower on chat text (measured); their patterns are
    written in lower case.
    """
    # Turkish capital İ lower-cases to "i" plus a combining dot, which no word pattern matches.
    base = fold(text).lower().replace("i\u0307", "i")
    variants = [base]
    deleet = _deleet(base)
    if deleet != base:
        variants.append(deleet)
    # "h u m a n" and "h.u.m.a.n": letters spaced out to dodge word patterns.
    squeezed = re.sub(r"\b(\w)[ .\-_*]+(?=\w\b)", r"\1", base)
    if squeezed != base:
        variants.append(squeezed)
    return tuple(variants)


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching wherever any of `patterns` would.

    Detectors keep their phrases as readable lists; scanning once with the alternation costs a
    fraction of one `search` per phrase (the per-call overhead dominates on short chat text).
    Patterns must not use backreferences or global inline flags.
    """
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
