"""The in-memory twin of the memory store: brute-force cosine in numpy, for tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from core.memory.stores import ModelRecord
from core.memory.stores._base import embed_and_add
from core.memory.stores._codec import check_vectors, place, scope_terms
from core.ports import Embedder
from core.records import (
    Chunk,
    FanMemoryItem,
    FanScope,
    MemoryKind,
    ScoredChunk,
    ScoredMemory,
    Visibility,
    person_of,
)

_Vec = np.ndarray


def _unit(vector: Sequence[float]) -> _Vec:
    arr = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(arr))
    return arr / norm if norm else arr


def _in_scope(item: FanMemoryItem, scope: FanScope) -> bool:
    terms = scope_terms(scope)
    values = {
        "creator_id": item.creator_id,
        "fan_id": item.fan_id,
        "community_id": item.community_id,
        "place": place(item.is_dm),
    }
    # Every term must be known and equal: a term added to scope_terms fails closed here.
    return all(values.get(key) == value for key, value in terms.items())


class InMemoryMemoryStore:
    """Everything in dicts; same semantics as the Qdrant stores, including the model guard."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        """Args: embedder: records its model and embeds for `upsert_chunks` (optional)."""
        self.embedder = embedder
        self.model = ModelRecord.of(embedder) if embedder is not None else None
        self._chunks: dict[str, tuple[Chunk, _Vec]] = {}
        self._fans: dict[str, tuple[FanMemoryItem, _Vec]] = {}

    def _check(self, vectors: Sequence[Sequence[float]]) -> None:
        if self.model is None and vectors:
            # Without an embedder, the first write decides the dimension.
            self.model = ModelRecord("unknown", len(vectors[0]))
        if self.model is not None:
            check_vectors(vectors, self.model.dimension, "the in-memory store")

    async def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are stored (chunks or fan memory)."""
        return {i for i in ids if i in self._chunks or i in self._fans}

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the chunks not stored yet; returns how many were new."""
        if self.embedder is None:
            raise RuntimeError("InMemoryMemoryStore needs an embedder for upsert_chunks")
        return await embed_and_add(self, self.embedder, chunks)

    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int:
        """Store chunks with their vectors; returns how many ids were new."""
        self._check(vectors)
        new = 0
        for chunk, vector in zip(chunks, vectors, strict=True):
            new += chunk.id not in self._chunks
            self._chunks[chunk.id] = (chunk, _unit(vector))
        return new

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        """Top-k chunks of one creator among the allowed visibilities."""
        self._check([vector])
        query = _unit(vector)
        hits = [
            ScoredChunk(chunk, float(vec @ query))
            for chunk, vec in self._chunks.values()
            if chunk.creator_id == creator_id and chunk.visibility in visibilities
        ]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of a creator's chunks, optionally of one source."""
        return {
            c.id
            for c, _ in self._chunks.values()
            if c.creator_id == creator_id and (source is None or c.source == source)
        }

    async def sources(self, creator_id: str) -> set[str]:
        """Sources with chunks stored for a creator."""
        return {c.source for c, _ in self._chunks.values() if c.creator_id == creator_id}

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete a creator's chunks by id (ids of other creators are left alone)."""
        doomed = [
            i
            for i in set(ids)
            if i in self._chunks and self._chunks[i][0].creator_id == creator_id
        ]
        for i in doomed:
            del self._chunks[i]
        return len(doomed)

    async def delete_source(self, creator_id: str, source: str) -> int:
        """Delete every chunk of one source."""
        return await self.delete_chunks(creator_id, list(await self.chunk_ids(creator_id, source)))

    async def add_fan_memory(
        self, items: Sequence[FanMemoryItem], vectors: Sequence[list[float]]
    ) -> None:
        """Store fan-memory items with their vectors (same id overwrites)."""
        self._check(vectors)
        for item, vector in zip(items, vectors, strict=True):
            self._fans[item.id] = (item, _unit(vector))

    async def search_fan_memory(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]:
        """The one read path: items of exactly this creator, fan, community and DM-ness."""
        self._check([vector])
        query = _unit(vector)
        hits = [
            ScoredMemory(item, float(vec @ query))
            for item, vec in self._fans.values()
            if _in_scope(item, scope)
        ]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]

    async def recent_fan_memory(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        """The last n turns in scope, oldest first."""
        turns = [
            item
            for item, _ in self._fans.values()
            if _in_scope(item, scope) and item.kind is MemoryKind.TURN
        ]
        turns.sort(key=lambda i: (i.created_at, i.speaker != "fan"))
        return turns[-n:] if n > 0 else []

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]:
        """Everything stored about a fan under one creator, oldest first."""
        items = [
            i for i, _ in self._fans.values() if i.creator_id == creator_id and i.fan_id == fan_id
        ]
        return sorted(items, key=lambda i: (i.created_at, i.speaker != "fan"))

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids of one platform user (`platform:user`) with memory stored."""
        return {
            i.fan_id
            for i, _ in self._fans.values()
            if i.creator_id == creator_id and person_of(i.fan_id) == person
        }

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        """Chunks whose context `person` wrote."""
        return [
            c
            for c, _ in self._chunks.values()
            if c.creator_id == creator_id and c.context_author == person
        ]

    async def scrub_context(self, creator_id: str, person: str) -> int:
        """Drop the context `person` wrote; the creator's answer stays."""
        found = await self.context_chunks(creator_id, person)
        for chunk in found:
            _, vector = self._chunks[chunk.id]
            self._chunks[chunk.id] = (replace(chunk, context=None, context_author=None), vector)
        return len(found)

    async def delete_fan(self, creator_id: str, fan_id: str) -> int:
        """Delete everything stored about a fan under one creator."""
        doomed = [i.id for i in await self.export_fan(creator_id, fan_id)]
        for i in doomed:
            del self._fans[i]
        return len(doomed)

    async def delete_fan_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        """Delete the memory items tied to one platform message of a fan."""
        doomed = [
            i.id for i in await self.export_fan(creator_id, fan_id) if i.message_id == message_id
        ]
        for i in doomed:
            del self._fans[i]
        return len(doomed)

    async def delete_creator(self, creator_id: str) -> int:
        """Delete a creator's corpus and all their fans' memory."""
        chunks = [i for i, (c, _) in self._chunks.items() if c.creator_id == creator_id]
        fans = [i for i, (m, _) in self._fans.items() if m.creator_id == creator_id]
        for i in chunks:
            del self._chunks[i]
        for i in fans:
            del self._fans[i]
        return len(chunks) + len(fans)

    async def purge(self) -> bool:
        """Nothing to do: a deleted item is gone with its dict entry."""
        return False

    async def close(self) -> None:
        """Nothing to release."""
