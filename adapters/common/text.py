"""Cutting outbound text into messages a platform accepts, and cleaning inbound text."""

from __future__ import annotations

from collections.abc import Callable

# Where a cut reads best, in order of preference once the window is known.
_SENTENCE_ENDS = ("\n", ". ", "! ", "? ", "; ")


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Split `text` into pieces that each measure at most `limit`, at sentence ends if possible.

    Args:
        text: What to send; leading and trailing white space is dropped.
        limit: The platform's ceiling, in `measure`'s unit.
        measure: How the platform counts (characters, UTF-16 units, escaped length...). It
            must grow with the text: a longer prefix never measures less.

    Pieces are cut after a sentence end in the second half of the window, else at the last
    space, else hard; the white space at a cut is dropped, so joining the pieces with one
    space gives back the text wherever it was cut at a sentence end or a space.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    pieces: list[str] = []
    rest = text.strip()
    while measure(rest) > limit:
        fit = _fit(rest, limit, measure)
        # One character more than fits: a separator right after the limit is a fine cut too.
        window = rest[: fit + 1]
        cut = max(window.rfind(sep) + len(sep) for sep in _SENTENCE_ENDS)
        if cut < fit // 2:  # no sentence end in the second half: settle for a word break
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = max(fit, 1)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _fit(text: str, limit: int, measure: Callable[[str], int]) -> int:
    """The longest prefix length of `text` that measures at most `limit` (binary search)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if measure(text[:mid]) <= limit:
            low = mid
        else:
            high = mid - 1
    return low


def utf16_units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clean_text(text: str) -> str:
    """Text safe for every later step: lone surrogates (invalid Unicode) become U+FFFD.

    A lone surrogate ("\\ud800") arrives from JSON escapes and from clients that cut an
    emoji in half; it cannot be encoded as UTF-8, so an embedder or database would refuse
    the whole message. Valid pairs stay as they are.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Re-pair what can be paired (two escapes forming one emoji), replace what cannot.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
