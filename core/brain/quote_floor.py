"""A quote's relevance floor: how near the fan's question her quoted sentence must be, measured
per embedder by bench/quote_floor.py (quote_floor.json), and the passage nearest the question,
chosen among her pieces that say something and point nowhere else (a hashtag, an emoji or a
link announcement is no answer)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from core.brain.answer_quality import passage
from core.brain.answer_quality import sentences as sentence_pieces
from core.memory.embeddings import cosines
from core.records import Chunk

log = logging.getLogger(__name__)

FLOORS = Path(__file__).with_name("quote_floor.json")

EmbedTexts = Callable[[list[str]], Awaitable[npt.NDArray[np.float32]]]

# Hashtags, mentions and links carry no words of hers; what is left must have some.
_LINK = re.compile(r"https?://\S+|www\.\S+")
_NOISE = re.compile(rf"{_LINK.pattern}|[#@][\w-]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# bench/quote_floor.py --rules: 3 or more words refuse answering passages and fix no quote.
MIN_WORDS = 1


def says_something(piece: str, min_words: int = MIN_WORDS) -> bool:
    """Whether a sentence piece has `min_words` words of letters (any script) once its
    hashtags, mentions and links are gone: "#sourdough" or "🍞🔥" is no answer to quote."""
    return len(_LETTERS.findall(_NOISE.sub(" ", piece))) >= min_words


def has_link(piece: str) -> bool:
    """A piece pointing elsewhere ("New on the blog: <link>") announces, it does not answer."""
    return _LINK.search(piece) is not None


def worth_quoting(piece: str) -> bool:
    """A piece a quote may be chosen for: it says something and points nowhere else. Measured
    (bench/quote_floor.py --rules, MiniLM): grounded quotes from an item stating the fact 10 of
    21 -> 12 of 20 on Mara (tuning), 14 of 18 -> 15 of 18 on Juno, no answering pair refused."""
    return says_something(piece) and not has_link(piece)


@cache
def quote_floor(embedder_name: str) -> float:
    """The floor measured for this embedder; 0.0 (every passage may be quoted, as before the
    floor) for one never measured, such as the tests' hashed bag of words."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    entry = floors.get(embedder_name)
    return float(entry["floor"]) if entry else 0.0


async def nearest_passage(
    embed_texts: EmbedTexts,
    chunks: Sequence[Chunk],
    vector: list[float],
    n: int,
    keep: Callable[[str], bool] = worth_quoting,
) -> tuple[Chunk, str, float | None] | None:
    """The `n` sentences of the sources around the one nearest the question among those
    `keep` allows, its source, and that sentence's cosine to the question (None when the
    sentences could not be scored: the source's start is quoted, still her words); None when
    no piece is allowed (nothing of hers says anything to quote)."""
    pieces = [(c, s.strip()) for c in chunks for s in sentence_pieces(c.text) if s.strip()]
    if not pieces:
        return chunks[0], chunks[0].text, None
    try:
        matrix = await embed_texts([s for _, s in pieces])
    except Exception as exc:
        log.warning("quote passage not scored, quoting the source's start: %s", exc)
        return chunks[0], chunks[0].text, None
    scores = cosines(matrix, vector)
    # Only a piece that says something may be the one chosen; its neighbours may still be
    # quoted around it (a hashtag after her sentence is part of the post).
    allowed = [i for i, (_, s) in enumerate(pieces) if keep(s)]
    if not allowed:
        return None
    best = max(allowed, key=lambda i: scores[i])
    chunk = pieces[best][0]
    mine = [i for i, (c, _) in enumerate(pieces) if c is chunk]
    centred = [scores[i] if i == best else -2.0 for i in mine]
    text = passage([pieces[i][1] for i in mine], centred, n)
    return chunk, text, float(scores[best])
