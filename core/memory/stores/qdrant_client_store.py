"""The server store: qdrant-client on shared, per-model collections with tenant indexes.

Collections are shared by every creator and named by embedding model
(`clonebot_corpus_<model-slug>_<dim>`, `clonebot_fans_<model-slug>_<dim>`), so a server holds
one pair per model, not one per creator; `creator_id` is a keyword index marked `is_tenant`, so
Qdrant co-locates each creator's points. Each collection records its model in its metadata, and
a small `clonebot_creators` collection records which model each creator's data was built with,
so switching a creator's embedder is a clear EmbeddingMismatchError, never a silently empty or
mixed memory. The same code runs on qdrant-client's local mode (`path=` or ":memory:"), which is
how it is tested where no server exists.
"""

from __future__ import annotations

import asyncio
import sqlite3
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qdrant_client import AsyncQdrantClient
from qdrant_client import models as qm

from core.memory.stores import EmbeddingMismatchError, ModelRecord
from core.memory.stores._base import embed_and_add
from core.memory.stores._codec import (
    CORPUS_KEYWORDS,
    FAN_KEYWORDS,
    FAN_TIME,
    check_vectors,
    chunk_from_payload,
    chunk_payload,
    memory_from_payload,
    memory_payload,
    point_ids,
    scope_terms,
)
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
    stable_id,
)

_PAGE = 4_096
_UPSERT_SLICE = 512


def _eq(key: str, value: str) -> qm.FieldCondition:
    return qm.FieldCondition(key=key, match=qm.MatchValue(value=value))


def _all(*conditions: qm.Condition) -> qm.Filter:
    return qm.Filter(must=list(conditions))


def _scope_filter(scope: FanScope, *extra: qm.Condition) -> qm.Filter:
    return _all(*(_eq(k, v) for k, v in scope_terms(scope).items()), *extra)


class QdrantClientMemoryStore:
    """A `MemoryStore` on an `AsyncQdrantClient` (server URL, or local mode for tests)."""

    def __init__(
        self,
        client: AsyncQdrantClient,
        model: ModelRecord,
        embedder: Embedder | None,
        prefix: str = "clonebot",
    ) -> None:
        """Use `QdrantClientMemoryStore.open`, which creates and checks the collections."""
        self.client = client
        self.model = model
        self.embedder = embedder
        self.prefix = prefix
        self.corpus = f"{prefix}_corpus_{model.slug()}"
        self.fans = f"{prefix}_fans_{model.slug()}"
        self.registry = f"{prefix}_creators"
        # Local mode's folder (None on a server): `purge` rewrites its SQLite files.
        self.local_path: Path | None = None
        self._deleted = False

    @classmethod
    async def open(
        cls,
        client: AsyncQdrantClient,
        embedder: Embedder,
        *,
        creator_id: str | None = None,
        prefix: str = "clonebot",
    ) -> QdrantClientMemoryStore:
        """Create or check the shared collections for the embedder's model.

        Args:
            client: A connected client; the store closes it on `close()`.
            embedder: Its model names the collections and is checked against their records.
            creator_id: When given, the creator is registered with this model, and opening with
                another model later raises EmbeddingMismatchError.
            prefix: Collection name prefix (lets tests share one server).

        Raises:
            EmbeddingMismatchError: a collection or the creator was built with another model.
        """
        store = cls(client, ModelRecord.of(embedder), embedder, prefix)
        await store._ensure(store.corpus, CORPUS_KEYWORDS, fan=False)
        await store._ensure(store.fans, FAN_KEYWORDS, fan=True)
        if creator_id is not None:
            await store._register(creator_id)
        return store

    async def _ensure(self, name: str, keywords: Sequence[str], *, fan: bool) -> None:
        meta = {"embed_model": self.model.model_name, "dimension": self.model.dimension}
        if await self.client.collection_exists(name):
            info = await self.client.get_collection(name)
            recorded = info.config.metadata or {}
            params = info.config.params.vectors
            size = params.size if isinstance(params, qm.VectorParams) else None
            found = ModelRecord(
                str(recorded.get("embed_model", self.model.model_name)),
                int(recorded.get("dimension", size or 0)),
            )
            found.check(self.model, f"collection {name!r}")
            if size is not None and size != self.model.dimension:
                raise EmbeddingMismatchError(
                    f"collection {name!r} holds {size}-d vectors, the embedder makes "
                    f"{self.model.dimension}-d ones"
                )
            return
        await self.client.create_collection(
            name,
            vectors_config=qm.VectorParams(size=self.model.dimension, distance=qm.Distance.COSINE),
            metadata=meta,
        )
        with warnings.catch_warnings():
            # Local mode ignores payload indexes and says so each time; the server needs them.
            warnings.filterwarnings("ignore", "Payload indexes have no effect")
            await self._indexes(name, keywords, fan=fan)

    async def _indexes(self, name: str, keywords: Sequence[str], *, fan: bool) -> None:
        # is_tenant lets the server co-locate each creator's points (Qdrant >= 1.11).
        await self.client.create_payload_index(
            name,
            "creator_id",
            qm.KeywordIndexParams(type=qm.KeywordIndexType.KEYWORD, is_tenant=True),
        )
        for key in keywords:
            if key != "creator_id":
                await self.client.create_payload_index(name, key, qm.PayloadSchemaType.KEYWORD)
        if fan:
            await self.client.create_payload_index(name, FAN_TIME, qm.PayloadSchemaType.FLOAT)

    async def _register(self, creator_id: str) -> None:
        if not await self.client.collection_exists(self.registry):
            await self.client.create_collection(
                self.registry,
                vectors_config=qm.VectorParams(size=1, distance=qm.Distance.DOT),
            )
        point_id = stable_id("creator", creator_id)
        found = await self.client.retrieve(self.registry, [point_id], with_payload=True)
        if found:
            payload = found[0].payload or {}
            recorded = ModelRecord(str(payload["embed_model"]), int(payload["dimension"]))
            recorded.check(self.model, f"creator {creator_id!r}'s memory")
            return
        await self.client.upsert(
            self.registry,
            [
                qm.PointStruct(
                    id=point_id,
                    vector=[1.0],
                    payload={
                        "creator_id": creator_id,
                        "embed_model": self.model.model_name,
                        "dimension": self.model.dimension,
                    },
                )
            ],
        )

    # -- corpus -----------------------------------------------------------------------------

    async def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are stored (corpus or fan memory)."""
        found: set[str] = set()
        for start in range(0, len(ids), _PAGE):
            page: list[qm.ExtendedPointId] = list(point_ids(ids[start : start + _PAGE]))
            for name in (self.corpus, self.fans):
                records = await self.client.retrieve(
                    name, page, with_payload=False, with_vectors=False
                )
                found |= {str(r.id) for r in records}
        return found

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the chunks not stored yet; returns how many were new."""
        if self.embedder is None:
            raise RuntimeError("QdrantClientMemoryStore was opened without an embedder")
        return await embed_and_add(self, self.embedder, chunks)

    async def _upsert(self, name: str, points: list[qm.PointStruct]) -> None:
        for start in range(0, len(points), _UPSERT_SLICE):
            await self.client.upsert(name, points[start : start + _UPSERT_SLICE], wait=True)

    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int:
        """Store chunks with their vectors; returns how many ids were new."""
        check_vectors(vectors, self.model.dimension, f"collection {self.corpus!r}")
        if not chunks:
            return 0
        held = await self.existing_ids([c.id for c in chunks])
        points = [
            qm.PointStruct(id=c.id, vector=list(v), payload=chunk_payload(c))
            for c, v in zip(chunks, vectors, strict=True)
        ]
        await self._upsert(self.corpus, points)
        return len({c.id for c in chunks} - held)

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        """Top-k chunks of one creator among the allowed visibilities."""
        check_vectors([vector], self.model.dimension, f"collection {self.corpus!r}")
        if not visibilities or k <= 0:
            return []
        flt = _all(
            _eq("creator_id", creator_id),
            qm.FieldCondition(
                key="visibility", match=qm.MatchAny(any=sorted(str(v) for v in visibilities))
            ),
        )
        response = await self.client.query_points(
            self.corpus, query=vector, query_filter=flt, limit=k, with_payload=True
        )
        return [ScoredChunk(chunk_from_payload(p.payload or {}), p.score) for p in response.points]

    async def _scroll(self, name: str, flt: qm.Filter, *, payload: bool) -> list[qm.Record]:
        out: list[qm.Record] = []
        offset: Any = None
        while True:
            records, offset = await self.client.scroll(
                name, scroll_filter=flt, limit=_PAGE, offset=offset, with_payload=payload
            )
            out += records
            if offset is None:
                return out

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of a creator's chunks, optionally of one source."""
        conditions = [_eq("creator_id", creator_id)]
        if source is not None:
            conditions.append(_eq("source", source))
        records = await self._scroll(self.corpus, _all(*conditions), payload=False)
        return {str(r.id) for r in records}

    async def sources(self, creator_id: str) -> set[str]:
        """Sources with chunks stored for a creator (a facet on the indexed source field)."""
        response = await self.client.facet(
            self.corpus,
            "source",
            facet_filter=_all(_eq("creator_id", creator_id)),
            limit=100_000,
            exact=True,
        )
        return {str(hit.value) for hit in response.hits}

    async def _delete(self, name: str, flt: qm.Filter) -> int:
        count = (await self.client.count(name, count_filter=flt, exact=True)).count
        if count:
            await self.client.delete(name, qm.FilterSelector(filter=flt), wait=True)
            self._deleted = True
        return count

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete a creator's chunks by id (ids of other creators are left alone)."""
        valid: list[qm.ExtendedPointId] = list(point_ids(set(ids)))
        if not valid:
            return 0
        return await self._delete(
            self.corpus, _all(_eq("creator_id", creator_id), qm.HasIdCondition(has_id=valid))
        )

    async def delete_source(self, creator_id: str, source: str) -> int:
        """Delete every chunk of one source."""
        return await self._delete(
            self.corpus, _all(_eq("creator_id", creator_id), _eq("source", source))
        )

    # -- fan memory -------------------------------------------------------------------------

    async def add_fan_memory(
        self, items: Sequence[FanMemoryItem], vectors: Sequence[list[float]]
    ) -> None:
        """Store fan-memory items with their vectors (same id overwrites)."""
        check_vectors(vectors, self.model.dimension, f"collection {self.fans!r}")
        points = [
            qm.PointStruct(id=i.id, vector=list(v), payload=memory_payload(i))
            for i, v in zip(items, vectors, strict=True)
        ]
        if points:
            await self._upsert(self.fans, points)

    async def search_fan_memory(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]:
        """The one read path: items of exactly this creator, fan, community and DM-ness."""
        check_vectors([vector], self.model.dimension, f"collection {self.fans!r}")
        if k <= 0:
            return []
        response = await self.client.query_points(
            self.fans, query=vector, query_filter=_scope_filter(scope), limit=k, with_payload=True
        )
        return [
            ScoredMemory(memory_from_payload(str(p.id), p.payload or {}), p.score)
            for p in response.points
        ]

    async def recent_fan_memory(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        """The last n turns in scope, oldest first."""
        if n <= 0:
            return []
        records, _ = await self.client.scroll(
            self.fans,
            scroll_filter=_scope_filter(scope, _eq("kind", str(MemoryKind.TURN))),
            limit=n,
            order_by=qm.OrderBy(key=FAN_TIME, direction=qm.Direction.DESC),
            with_payload=True,
        )
        items = [memory_from_payload(str(r.id), r.payload or {}) for r in records]
        return sorted(items, key=lambda i: i.created_at)

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]:
        """Everything stored about a fan under one creator, oldest first."""
        flt = _all(_eq("creator_id", creator_id), _eq("fan_id", fan_id))
        records = await self._scroll(self.fans, flt, payload=True)
        items = [memory_from_payload(str(r.id), r.payload or {}) for r in records]
        return sorted(items, key=lambda i: i.created_at)

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        """Chunks whose context `person` wrote."""
        flt = _all(_eq("creator_id", creator_id), _eq("context_author", person))
        return [
            chunk_from_payload(r.payload or {})
            for r in await self._scroll(self.corpus, flt, payload=True)
        ]

    async def scrub_context(self, creator_id: str, person: str) -> int:
        """Drop the context `person` wrote; the creator's answer stays."""
        flt = _all(_eq("creator_id", creator_id), _eq("context_author", person))
        count = (await self.client.count(self.corpus, count_filter=flt, exact=True)).count
        if count:
            await self.client.delete_payload(
                self.corpus,
                ["context", "context_author"],
                qm.FilterSelector(filter=flt),
                wait=True,
            )
            self._deleted = True
        return count

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids of one platform user (`platform:user`) with memory stored."""
        found = await self.client.facet(
            self.fans,
            key="fan_id",
            facet_filter=_all(_eq("creator_id", creator_id)),
            limit=1_000_000,
            exact=True,
        )
        return {str(hit.value) for hit in found.hits if person_of(str(hit.value)) == person}

    async def delete_fan(self, creator_id: str, fan_id: str) -> int:
        """Delete everything stored about a fan under one creator."""
        return await self._delete(
            self.fans, _all(_eq("creator_id", creator_id), _eq("fan_id", fan_id))
        )

    async def delete_fan_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        """Delete the memory items tied to one platform message of a fan."""
        return await self._delete(
            self.fans,
            _all(
                _eq("creator_id", creator_id), _eq("fan_id", fan_id), _eq("message_id", message_id)
            ),
        )

    async def delete_creator(self, creator_id: str) -> int:
        """Delete a creator's corpus, their fans' memory and their model registration."""
        flt = _all(_eq("creator_id", creator_id))
        removed = await self._delete(self.corpus, flt) + await self._delete(self.fans, flt)
        if await self.client.collection_exists(self.registry):
            await self.client.delete(
                self.registry, qm.PointIdsList(points=[stable_id("creator", creator_id)])
            )
        return removed

    async def purge(self) -> bool:
        """Local mode: VACUUM its SQLite files, so deleted points' bytes leave the disk.

        A Qdrant server is its own engine: its optimizer vacuums segments whose deleted share
        passes its `deleted_threshold`, and its WAL is truncated as it flushes (docs/trust.md).
        """
        if self.local_path is None or not self._deleted:
            return False
        self._deleted = False
        files = sorted(self.local_path.glob("collection/*/storage.sqlite"))
        await asyncio.to_thread(_vacuum, files)
        return True

    async def close(self) -> None:
        """Close the client (and, in local mode, release its folder lock)."""
        await self.client.close()


def _vacuum(files: Sequence[Path]) -> None:
    # Local mode keeps each point as a pickled row; a DELETE leaves the row's bytes in a free
    # page until VACUUM rebuilds the file. Its own connection holds no transaction between calls.
    for file in files:
        conn = sqlite3.connect(file, timeout=10)
        try:
            conn.execute("VACUUM")
        finally:
            conn.close()
