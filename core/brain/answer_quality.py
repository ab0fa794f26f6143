"""Shaping raw model text: cut format echoes, drop repeats, cite what the answer really uses.

Small local models loop ("I'm not going to lie. I'm not going to lie...") and continue the
prompt's own markup. These fixes are mechanical, so they hold for any model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.records import Chunk

# The prompt's data tags: a model that starts writing them is echoing the prompt, not answering.
_DATA_TAG = re.compile(r"</?(fan|source|memory)\b|^SOURCES:|^What this fan told", re.I | re.M)
# A sentence ends at . ! ? … followed by white space (so "1.5" and "evil.example/x" are no
# ends) or at a line break. Each piece keeps the space after it, so the kept pieces joined
# give back the text exactly as written.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n\s*")
_WORD = re.compile(r"[a-zà-ÿ]{4,}", re.I)
_STOP_WORDS = (
    "that this with from have your what when just like about they them then than there "
    "their would could should also really very much some more into only even over such "
    "been were will make made because which while where going love"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


def cut_at_data_tags(text: str) -> str:
    """Keep what comes before the model starts reproducing the prompt's markup."""
    match = _DATA_TAG.search(text)
    return text[: match.start()] if match else text


def sentences(text: str) -> list[str]:
    """`text` in sentences, each with the space after it: "".join(result) == text."""
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append(text[start : end.end()])
        start = end.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def drop_repeats(text: str, max_sentences: int = 6) -> str:
    """Drop sentences already said (case and spacing folded) and stop a runaway loop; what
    is kept is the text as written (no URL, decimal or line break is touched)."""
    seen: set[str] = set()
    kept: list[str] = []
    counted = 0
    for piece in sentences(text):
        key = " ".join(re.findall(r"\w+", piece.lower()))
        if key in seen:
            continue
        kept.append(piece)
        if key:  # an emoji or a lone "..." is kept, but is no sentence to count
            seen.add(key)
            counted += 1
            if counted >= max_sentences:
                break
    return "".join(kept).strip()


def clean_generation(raw: str, max_sentences: int = 6) -> str:
    return drop_repeats(cut_at_data_tags(raw).strip(), max_sentences)


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def echoes_question(text: str, question: str) -> bool:
    """Whether what is left of a model's answer to a question only gives the question's own
    words back ("The way to feed your sourdough." for "How often do you feed your sourdough
    starter?"): a verified fragment that says nothing the fan did not, no answer."""
    if "?" not in question and "？" not in question:
        return False  # "thanks!" -> "thank you!" is a reply, not an echo
    said = content_words(text)
    return bool(text.strip()) and not (said - content_words(question))


def relevant_sources(text: str, sources: Sequence[Chunk], min_shared: int = 2) -> list[int]:
    """1-based indices of sources that share enough content words with the answer."""
    words = content_words(text)
    return [
        i
        for i, chunk in enumerate(sources, 1)
        if len(words & content_words(chunk.text)) >= min_shared
    ]


def passage(parts: Sequence[str], scores: Sequence[float], n: int, max_chars: int = 280) -> str:
    """The `n` consecutive sentences around the best-scoring one (it first, then the ones
    after it, then before), as long as they fit `max_chars`: the part of a source that
    answers, not the start of it."""
    best = max(range(len(parts)), key=lambda i: scores[i])
    start = end = best
    while end - start + 1 < n:
        if end + 1 < len(parts) and len(" ".join(parts[start : end + 2])) <= max_chars:
            end += 1
        elif start > 0 and len(" ".join(parts[start - 1 : end + 1])) <= max_chars:
            start -= 1
        else:
            break
    return " ".join(p.strip() for p in parts[start : end + 1])


QUOTE_LEAD = "Here's what I've said about that"
# Her blog's markdown read aloud: list bullets and headings at a line's start, emphasis marks.
_MARKUP = re.compile(r"^\s*(?:[-*+•]|#{1,6}|\d+[.)])\s+|\*\*|__|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")
# When the model failed, the fan is told so: a quote is her words, not an answer to them.
UNAVAILABLE_LEAD = "I can't write a new reply right now, so here's what I've said about that"


def quote_answer(
    chunk: Chunk, max_chars: int = 280, text: str | None = None, lead: str = QUOTE_LEAD
) -> str:
    """An answer in the creator's own published words, for when generation cannot be used:
    `text` (a passage of the chunk) when given, else the chunk from its start."""
    text = " ".join(
        _MARKUP.sub("", line) for line in (chunk.text if text is None else text).split("\n")
    )
    text = " ".join(text.split())
    if len(text) > max_chars:
        cut = text[:max_chars]
        text = cut[: cut.rfind(" ")] + " …" if " " in cut else cut
    return f"{lead}: “{text}” [1]"
