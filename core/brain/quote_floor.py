"""A quote's relevance floor: how near the fan's question her quoted sentence must be, measured
per embedder by bench/quote_floor.py (quote_floor.json), and the passage nearest the question."""

from __future__ import annotations

import json
import logging
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


@cache
def quote_floor(embedder_name: str) -> float:
    """The floor measured for this embedder; 0.0 (every passage may be quoted, as before the
    floor) for one never measured, such as the tests' hashed bag of words."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    entry = floors.get(embedder_name)
    return float(entry["floor"]) if entry else 0.0


async def nearest_passage(
    embed_texts: EmbedTexts, chunks: Sequence[Chunk], vector: list[float], n: int
) -> tuple[Chunk, str, float | None]:
    """The `n` sentences of the sources around the one nearest the question, its source, and
    that sentence's cosine to the question (None when the sentences could not be scored: the
    source's start is quoted, still her words)."""
    pieces = [(c, s.strip()) for c in chunks for s in sentence_pieces(c.text) if s.strip()]
    if not pieces:
        return chunks[0], chunks[0].text, None
    try:
        matrix = await embed_texts([s for _, s in pieces])
    except Exception as exc:
        log.warning("quote passage not scored, quoting the source's start: %s", exc)
        return chunks[0], chunks[0].text, None
    scores = cosines(matrix, vector)
    best = max(range(len(pieces)), key=lambda i: scores[i])
    chunk = pieces[best][0]
    mine = [i for i, (c, _) in enumerate(pieces) if c is chunk]
    text = passage([pieces[i][1] for i in mine], [scores[i] for i in mine], n)
    return chunk, text, float(scores[best])
