"""Sentence splitting for claim checks in any script: URLs, decimals, abbreviations stay whole."""

from __future__ import annotations

import re
from functools import lru_cache

# Spans whose dots, question marks and exclamation marks end no sentence.
_PROTECT = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]{}\"']*[^\s<>()\[\]{}\"'.,!?;:]"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\d+(?:[.,:]\d+)+"  # decimals, times, ratios: 3.5, 17:00, 1:5:5, 1.000
    r"|\b(?:[A-Za-z]\.){2,}"  # e.g. i.e. U.S. a.m.
    r"|\b(?:Mr|Mrs|Ms|Dr|St|Mt|Prof|Sr|Jr|vs|etc|approx|No|Nr|ca|bzw|usw|Sra|Sr|Mme|Mlle)\.(?=\s)"
    r"|(?:(?<=\s)|^)[A-Z]\.(?=\s[A-Z])"  # initials: J. Smith
)
# A boundary: Latin/Greek/Cyrillic sentence ends need whitespace after them (closing quotes,
# brackets and citation marks like [1] stay with the sentence); CJK full stops do not.
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'“”‘’»«)\]]*(?:\s*\[\d{1,2}\])*(?=\s|$)"
    r"|[。！？]+[」』”’)）]*(?:\s*\[\d{1,2}\])*"
    r"|\n+"
)
_MASK = "\x00"


def _mask(text: str) -> str:
    """The text with every protected span's punctuation replaced by NULs (same length)."""
    return _PROTECT.sub(lambda m: re.sub(r"[.!?。！？:,]", _MASK, m.group(0)), text)


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[str, ...]:
    masked = _mask(text)
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(masked):
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return tuple(out)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, in order, stripped; newlines always end one.

    Works across scripts: "。！？" end a sentence without a following space; URLs, e-mail
    addresses, decimals (3.5, 1.000), times (17:00) and common abbreviations are never cut.
    A citation mark after the full stop ("... rye. [1]") stays with its sentence.
    """
    return list(_split(text))


_CITE = re.compile(r"\s?\[\d{1,2}\]")


def bare_sentences(text: str) -> list[str]:
    """`split_sentences` with citation marks taken out: the form every outgoing check embeds,
    so one vector per sentence serves them all."""
    return [b for b in (_CITE.sub("", s).strip() for s in split_sentences(text)) if b]
