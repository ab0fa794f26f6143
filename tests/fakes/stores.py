"""Rigged memory stores for the eval tests: a retriever that ignores the question."""

from __future__ import annotations

import random

from core.memory.stores.inmemory import InMemoryMemoryStore
from core.records import ScoredChunk, Visibility


class RandomCorpusStore(InMemoryMemoryStore):
    """A retriever that ignores the query and returns random archive chunks."""

    def __init__(self, *args: object, seed: int = 7, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.rng = random.Random(seed)

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        chunks = [c for c, _ in self._chunks.values() if c.creator_id == creator_id]
        chunks = [c for c in chunks if c.visibility in visibilities]
        picked = self.rng.sample(chunks, min(k, len(chunks)))
        return [ScoredChunk(c, 0.9) for c in picked]
