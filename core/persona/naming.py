"""Whether a message names the clone: whole words in spaced scripts, the whole name in others."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from core.text.fold import fold

# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): a name
# there has no word boundary to look for, so the whole name anywhere counts.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)
# Korean separates words with spaces but attaches particles after a name ("마라야", "마라는").
_SUFFIXED = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))


def _within(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in ranges)


def _wordish(ch: str) -> bool:
    """Part of a word for a boundary check. Combining marks count (Devanagari vowel signs are
    not alphanumeric to Python), and unspaced-script letters do not: "Mara你好" names Mara."""
    if _within(ch, _UNSPACED):
        return False
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def _norm(text: str) -> str:
    # Look-alike letters and hidden characters should neither hide the name nor fake it.
    return fold(text).casefold()


@lru_cache(maxsize=64)
def _candidates(name: str, handle: str) -> tuple[str, ...]:
    """The full name, the first part of it (what fans call the creator) and the handle."""
    full = _norm(name)
    found = [full, *full.split()[:1], _norm(handle).lstrip("@")]
    unique = dict.fromkeys(c for c in found if c)
    # A single ideograph ("好") is a common word, not a name; only longer names count there.
    return tuple(c for c in unique if not (len(c) < 2 and any(_within(x, _UNSPACED) for x in c)))


def _found(haystack: str, name: str) -> bool:
    if any(_within(ch, _UNSPACED) for ch in name):
        return name in haystack
    suffixed = any(_within(ch, _SUFFIXED) for ch in name)
    start = haystack.find(name)
    while start != -1:
        end = start + len(name)
        before = start == 0 or not _wordish(haystack[start - 1])
        after = suffixed or end == len(haystack) or not _wordish(haystack[end])
        if before and after:
            return True
        start = haystack.find(name, start + 1)
    return False


def names_clone(text: str, name: str, handle: str = "") -> bool:
    """True if `text` calls the clone by name or handle, as a whole word in any script.

    "Mara" names Mara Quill in "Mara, hi" and "Mara's loaf" but not in "marathon"; in Chinese,
    Japanese or Thai, where words run together, the whole name (two characters or more) is
    looked for anywhere; in Korean, particles may follow the name.
    """
    haystack = _norm(text)
    return bool(haystack) and any(_found(haystack, c) for c in _candidates(name, handle))
