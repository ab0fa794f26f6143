"""What every store shares: embedding new chunks once (the ChunkSink half of the port)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from core.ops.model_pool import run_model
from core.ports import Embedder
from core.records import Chunk

# Big enough to keep the ONNX batches full, small enough that progress is visible.
EMBED_BATCH = 256


@runtime_checkable
class KnowsIds(Protocol):
    """Stores that can tell which of some point ids they hold, without listing a whole tenant."""

    async def existing_ids(self, ids: Sequence[str]) -> set[str]: ...


class _Adds(Protocol):
    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int: ...

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]: ...


def dedupe(chunks: Sequence[Chunk]) -> list[Chunk]:
    """Chunks with repeated ids dropped (first one wins), order kept."""
    seen: set[str] = set()
    out = []
    for chunk in chunks:
        if chunk.id not in seen:
            seen.add(chunk.id)
            out.append(chunk)
    return out


async def missing_chunks(store: _Adds, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks whose ids the store does not hold yet: re-ingest embeds nothing."""
    unique = dedupe(chunks)
    if not unique:
        return []
    if isinstance(store, KnowsIds):
        held = await store.existing_ids([c.id for c in unique])
    else:
        held = set()
        for creator in {c.creator_id for c in unique}:
            held |= await store.chunk_ids(creator)
    return [c for c in unique if c.id not in held]


async def embed_and_add(store: _Adds, embedder: Embedder, chunks: Sequence[Chunk]) -> int:
    """Embed the chunks the store lacks, in batches off the event loop, and add them.

    Returns:
        How many chunks were new.
    """
    new = await missing_chunks(store, chunks)
    added = 0
    for start in range(0, len(new), EMBED_BATCH):
        batch = new[start : start + EMBED_BATCH]
        # onnxruntime releases the GIL, so a worker thread keeps the loop responsive.
        vectors = await run_model(embedder.embed_documents, [c.text for c in batch])
        added += await store.add_chunks(batch, vectors)
    return added
