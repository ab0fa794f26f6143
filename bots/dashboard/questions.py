"""Top questions: this week's fan messages grouped by meaning with the clone's own embedder."""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.ports import Embedder, StateStore
from core.records import ReplyRecord

# Cosine similarity at which two questions count as the same one. Measured with MiniLM-L6 on
# 40 labelled pairs (bench/same_question.py): paraphrases median 0.74, other questions on the
# same topic median 0.54 but up to 0.78; 65% of pairs right at 0.7 (best 70%, at 0.73). It
# only groups a to-do list, so a miss costs a second row or a merged row, nothing more.
SAME_QUESTION = 0.7
MAX_QUESTIONS = 2_000


@dataclass(slots=True)
class Cluster:
    examples: list[ReplyRecord] = field(default_factory=list)
    centroid: list[float] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.examples)

    @property
    def deflected(self) -> int:
        return sum("deflected" in r.flags for r in self.examples)


def _unit(v: list[float]) -> list[float]:
    n = math.sqrt(sum(x * x for x in v)) or 1.0
    return [x / n for x in v]


def cluster(
    records: list[ReplyRecord], vectors: list[list[float]], threshold: float
) -> list[Cluster]:
    """Greedy single pass: each question joins the closest cluster above `threshold`."""
    clusters: list[Cluster] = []
    for record, vector in zip(records, vectors, strict=True):
        v = _unit(vector)
        best, best_sim = None, threshold
        for c in clusters:
            sim = sum(a * b for a, b in zip(c.centroid, v, strict=True))
            if sim >= best_sim:
                best, best_sim = c, sim
        if best is None:
            clusters.append(Cluster([record], v))
            continue
        k = best.size
        best.centroid = _unit(
            [(c * k + x) / (k + 1) for c, x in zip(best.centroid, v, strict=True)]
        )
        best.examples.append(record)
    clusters.sort(key=lambda c: (-c.size, -c.deflected))
    return clusters


async def top_questions(
    state: StateStore,
    embedder: Embedder,
    creator_id: str,
    now: datetime,
    *,
    days: int = 7,
    threshold: float = SAME_QUESTION,
) -> list[Cluster]:
    since = now - timedelta(days=days)
    records = [
        r
        for r in await state.replies(creator_id, limit=MAX_QUESTIONS)
        if r.at >= since and r.fan_text.strip()
    ]
    if not records:
        return []
    # Embedding is CPU work: off the event loop so the clone keeps answering meanwhile.
    vectors = await asyncio.to_thread(embedder.embed_documents, [r.fan_text for r in records])
    return cluster(records, vectors, threshold)
