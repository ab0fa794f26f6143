"""An in-memory ChunkSink: the twin of the vector store, for tests and dry runs."""

from __future__ import annotations

from collections.abc import Sequence

from core.records import Chunk


class InMemoryChunkSink:
    """Chunks in a dict keyed by (creator, chunk id)."""

    def __init__(self) -> None:
        self._chunks: dict[tuple[str, str], Chunk] = {}

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        new = 0
        for chunk in chunks:
            key = (chunk.creator_id, chunk.id)
            new += key not in self._chunks
            self._chunks[key] = chunk
        return new

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        return {
            c.id
            for c in self._chunks.values()
            if c.creator_id == creator_id and (source is None or c.source == source)
        }

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        removed = 0
        for chunk_id in ids:
            removed += self._chunks.pop((creator_id, chunk_id), None) is not None
        return removed

    async def sources(self, creator_id: str) -> set[str]:
        return {c.source for c in self._chunks.values() if c.creator_id == creator_id}

    async def delete_source(self, creator_id: str, source: str) -> int:
        ids = [c.id for c in self.chunks(creator_id) if c.source == source]
        return await self.delete_chunks(creator_id, ids)

    def chunks(self, creator_id: str | None = None) -> list[Chunk]:
        """Everything stored (for a creator), for tests to look at."""
        return [c for c in self._chunks.values() if creator_id in (None, c.creator_id)]
