"""The embedded default store: Qdrant's own engine in-process (qdrant-edge), one folder per clone.

Layout: `<path>/corpus` and `<path>/fans` are two Edge shards (the creator's archive and per-fan
memory), and `<path>/model.json` records the embedding model and dimension they were built with.
Keyword payload indexes cover creator_id, source, visibility (corpus) and creator_id, fan_id,
place (DM or community) plus a float index on ts (fans).

When to optimise (build HNSW), decided from measurements on this machine:
- The extension holds the GIL for the whole of `optimize()` (a 20k-point build froze every
  other Python thread for 25 s; 100k points take about 150 s) and for `flush()` (about 0.25 s
  at 5k unflushed points). A worker thread therefore does not keep the event loop alive, so
  neither call ever runs on the serving path.
- Without HNSW, Edge answers with payload indexes plus exact brute force. Fan-memory reads are
  narrowed by fan_id to a handful of points (0.2 ms at 50k items). Corpus recall scans the
  creator's whole corpus: about 18-25 ms at 100k 384-d points on 2 cores (measured), fine at
  10k, and the reason an offline HNSW build pays off for very large archives.
- So: never optimise while serving. `optimize_if_needed()` builds the index only when more than
  `OPTIMIZE_MIN_UNINDEXED` (20k) points are unindexed (brute force past that costs
  more than the build is worth), and is meant for offline moments: the
  CLI after a large ingest while the clone is stopped, or a maintenance window. Edge itself
  skips segments under its indexing threshold, so small stores stay plain.
- Writes are durable through Edge's write-ahead log; `flush()` runs after bulk ingests of at
  least `FLUSH_AFTER` points (in a worker thread, off the hot path) and on `close()`.

Deleting is not erasing. A deleted point's payload stays in its segment's pages until a vacuum
rewrites the segment, and in the write-ahead log until a 32 MB log file rolls over, however
long that takes (measured with a byte scan: a forgotten fan's words were still in
`wal/open-1` and `payload_storage/page_0.dat` after delete, flush and a default optimize).
So after a fan is forgotten `purge()` rewrites the fan shard: a fresh shard beside it gets
every live point, then replaces it, and the old folder is deleted (writes wait meanwhile;
reads go on). That costs about 60 us a point (1 s at 10k items, 3 s at 50k, measured on 2
cores). A `purge.pending` file records what still needs it, so a crash does not lose it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qdrant_edge import (
    CountRequest,
    Direction,
    Distance,
    EdgeConfig,
    EdgeShard,
    EdgeVectorParams,
    FacetRequest,
    FieldCondition,
    Filter,
    MatchAny,
    MatchValue,
    OrderBy,
    PayloadSchemaType,
    Point,
    Query,
    QueryRequest,
    ScrollRequest,
    UpdateOperation,
)

from core.memory.stores import EmbeddingMismatchError, ModelRecord, StoreLockedError
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
)

log = logging.getLogger(__name__)

OPTIMIZE_MIN_UNINDEXED = 20_000
# Each flush fsyncs segment files (~0.2 s here) and holds the GIL; the WAL already makes writes
# durable, so flushing is only worth it after large batches, to keep WAL replay short on open.
FLUSH_AFTER = 50_000
# Upserts are cut into slices with a loop yield between them: the extension holds the GIL, so
# small slices are what keeps other coroutines (heartbeats, replies) moving during an ingest.
UPSERT_SLICE = 512
SEARCH_THREADS = 1
_PAGE = 4_096
_MODEL_FILE = "model.json"
_PENDING_FILE = "purge.pending"
_SHARDS = ("corpus", "fans")


def _eq(key: str, value: str) -> FieldCondition:
    return FieldCondition(key=key, match=MatchValue(value=value))


def _scope_filter(scope: FanScope) -> Filter:
    return Filter(must=[_eq(k, v) for k, v in scope_terms(scope).items()])


def _fan_filter(creator_id: str, fan_id: str) -> Filter:
    return Filter(must=[_eq("creator_id", creator_id), _eq("fan_id", fan_id)])


def _open_shard(path: Path, dimension: int, keywords: Sequence[str], fan: bool) -> EdgeShard:
    # One search thread runs each read inline on the calling thread. The default pool (one
    # thread per CPU) hands every read to a worker and waits, holding the GIL: on a 2-core box
    # that wait tripled a 320-point corpus read (0.04 -> 0.10 ms alone, 0.07 -> 0.24 ms with
    # a busy neighbour thread) and stalled the event loop for it (measured for issue 13).
    config = EdgeConfig(
        vectors=EdgeVectorParams(size=dimension, distance=Distance.Cosine),
        max_search_threads=SEARCH_THREADS,
    )
    try:
        if (path / "wal").exists() or (path / "segments").exists():
            shard = EdgeShard.load(str(path), config)
        else:
            shard = EdgeShard.create(str(path), config)
    except Exception as exc:  # the extension raises bare Exception with a message
        text = str(exc)
        if "WouldBlock" in text or "lock" in text.lower():
            raise StoreLockedError(
                f"the memory store at {path} is already open (locked) by another process"
            ) from exc
        if "incompatible" in text.lower():
            raise EmbeddingMismatchError(f"{path}: {text}") from exc
        raise
    # Also on load: a store made by an older release gets the indexes added since.
    have = set(shard.info().payload_schema)
    for key in keywords:
        if key not in have:
            shard.update(UpdateOperation.create_field_index(key, PayloadSchemaType.Keyword))
    if fan and FAN_TIME not in have:
        shard.update(UpdateOperation.create_field_index(FAN_TIME, PayloadSchemaType.Float))
    return shard


def _read_model(path: Path) -> ModelRecord | None:
    file = path / _MODEL_FILE
    if not file.exists():
        return None
    data = json.loads(file.read_text("utf-8"))
    return ModelRecord(str(data["model_name"]), int(data["dimension"]))


class EdgeMemoryStore:
    """A `MemoryStore` on two qdrant-edge shards in one folder (one process per folder)."""

    def __init__(
        self,
        path: Path,
        corpus: EdgeShard,
        fans: EdgeShard,
        model: ModelRecord,
        embedder: Embedder | None,
    ) -> None:
        """Use `EdgeMemoryStore.open`; this wires already-open shards."""
        self.path = path
        self.model = model
        self.embedder = embedder
        self._corpus = corpus
        self._fans = fans
        self._closed = False
        self._unflushed = 0
        # Every change takes this lock, so a rewrite (`purge`) copies a shard nobody changes.
        self._write_lock = asyncio.Lock()
        self._dirty = _read_pending(path)

    @classmethod
    def open_sync(cls, path: Path, embedder: Embedder) -> EdgeMemoryStore:
        """Open or create the store at `path`, checking the recorded embedding model.

        Raises:
            EmbeddingMismatchError: the folder was built with another model or dimension.
            StoreLockedError: another process (or handle) has the folder open.
        """
        path = Path(path)
        wanted = ModelRecord.of(embedder)
        recorded = _read_model(path)
        if recorded is not None:
            recorded.check(wanted, str(path))
        path.mkdir(parents=True, exist_ok=True)
        for name in _SHARDS:
            _finish_rewrite(path, name)
        corpus = _open_shard(path / "corpus", wanted.dimension, CORPUS_KEYWORDS, fan=False)
        try:
            fans = _open_shard(path / "fans", wanted.dimension, FAN_KEYWORDS, fan=True)
        except BaseException:
            corpus.close()
            raise
        if recorded is None:
            # Written after the shards exist, so a crash in between leaves no false record.
            (path / _MODEL_FILE).write_text(
                json.dumps({"model_name": wanted.model_name, "dimension": wanted.dimension}),
                "utf-8",
            )
        return cls(path, corpus, fans, wanted, embedder)

    @classmethod
    async def open(cls, path: Path, embedder: Embedder) -> EdgeMemoryStore:
        """`open_sync` in a worker thread (loading replays the write-ahead log)."""
        return await asyncio.to_thread(cls.open_sync, path, embedder)

    # -- corpus -----------------------------------------------------------------------------

    async def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are stored (corpus or fan memory)."""
        found: set[str] = set()
        for start in range(0, len(ids), _PAGE):
            page: list[str | int | uuid.UUID] = list(point_ids(ids[start : start + _PAGE]))
            for shard in (self._corpus, self._fans):
                found |= {str(r.id) for r in shard.retrieve(page, False, False)}
        return found

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the chunks not stored yet; returns how many were new."""
        if self.embedder is None:
            raise RuntimeError("EdgeMemoryStore was opened without an embedder")
        return await embed_and_add(self, self.embedder, chunks)

    async def _upsert(self, name: str, points: list[Point]) -> None:
        async with self._write_lock:
            for start in range(0, len(points), UPSERT_SLICE):
                # Looked up each slice: a rewrite swaps the shard object.
                shard = self._shard(name)
                shard.update(UpdateOperation.upsert_points(points[start : start + UPSERT_SLICE]))
                if start + UPSERT_SLICE < len(points):
                    await asyncio.sleep(0)
            self._unflushed += len(points)
            if self._unflushed >= FLUSH_AFTER:
                self._unflushed = 0
                await asyncio.to_thread(self._flush)

    def _shard(self, name: str) -> EdgeShard:
        return self._corpus if name == "corpus" else self._fans

    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int:
        """Store chunks with their vectors; returns how many ids were new."""
        check_vectors(vectors, self.model.dimension, str(self.path))
        if not chunks:
            return 0
        held = await self.existing_ids([c.id for c in chunks])
        points = [
            Point(c.id, list(v), chunk_payload(c)) for c, v in zip(chunks, vectors, strict=True)
        ]
        await self._upsert("corpus", points)
        return len({c.id for c in chunks} - held)

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        """Top-k chunks of one creator among the allowed visibilities."""
        check_vectors([vector], self.model.dimension, str(self.path))
        if not visibilities or k <= 0:
            return []
        # Excluding the few disallowed visibilities is much cheaper than matching the allowed
        # ones: at 100k points MatchAny cost 46 ms, must_not 25 ms, creator alone 18 (measured).
        barred = sorted(str(v) for v in set(Visibility) - visibilities)
        flt = Filter(
            must=[_eq("creator_id", creator_id)],
            must_not=[FieldCondition(key="visibility", match=MatchAny(any=barred))]
            if barred
            else None,
        )
        hits = self._corpus.query(
            QueryRequest(limit=k, query=Query.Nearest(vector), filter=flt, with_payload=True)
        )
        return [ScoredChunk(chunk_from_payload(h.payload or {}), h.score) for h in hits]

    def _scroll_ids(self, shard: EdgeShard, flt: Filter) -> set[str]:
        ids: set[str] = set()
        offset: Any = None
        while True:
            records, offset = shard.scroll(
                ScrollRequest(offset=offset, limit=_PAGE, filter=flt, with_payload=False)
            )
            ids |= {str(r.id) for r in records}
            if offset is None:
                return ids

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of a creator's chunks, optionally of one source."""
        must: list[Any] = [_eq("creator_id", creator_id)]
        if source is not None:
            must.append(_eq("source", source))
        return self._scroll_ids(self._corpus, Filter(must=must))

    async def sources(self, creator_id: str) -> set[str]:
        """Sources with chunks stored for a creator (a facet on the indexed source field)."""
        response = self._corpus.facet(
            FacetRequest(
                key="source",
                limit=100_000,
                exact=True,
                filter=Filter(must=[_eq("creator_id", creator_id)]),
            )
        )
        return {str(hit.value) for hit in response}

    async def _delete(self, name: str, flt: Filter, *, erase: bool = False) -> int:
        """Delete by filter; `erase` marks the shard for a rewrite (see `purge`)."""
        async with self._write_lock:
            shard = self._shard(name)
            count = shard.count(CountRequest(exact=True, filter=flt))
            if count:
                shard.update(UpdateOperation.delete_points_by_filter(flt))
                if erase:
                    self._mark(name)
            return count

    def _mark(self, name: str) -> None:
        if name not in self._dirty:
            self._dirty.add(name)
            _write_pending(self.path, self._dirty)

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete a creator's chunks by id (ids of other creators are left alone)."""
        async with self._write_lock:
            held = [
                r
                for r in self._corpus.retrieve(list(point_ids(set(ids))), ["creator_id"], False)
                if (r.payload or {}).get("creator_id") == creator_id
            ]
            if held:
                self._corpus.update(UpdateOperation.delete_points([r.id for r in held]))
            return len(held)

    async def delete_source(self, creator_id: str, source: str) -> int:
        """Delete every chunk of one source."""
        return await self._delete(
            "corpus", Filter(must=[_eq("creator_id", creator_id), _eq("source", source)])
        )

    # -- fan memory -------------------------------------------------------------------------

    async def add_fan_memory(
        self, items: Sequence[FanMemoryItem], vectors: Sequence[list[float]]
    ) -> None:
        """Store fan-memory items with their vectors (same id overwrites)."""
        check_vectors(vectors, self.model.dimension, str(self.path))
        points = [
            Point(i.id, list(v), memory_payload(i)) for i, v in zip(items, vectors, strict=True)
        ]
        if points:
            await self._upsert("fans", points)

    async def search_fan_memory(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]:
        """The one read path: items of exactly this creator, fan, community and DM-ness."""
        check_vectors([vector], self.model.dimension, str(self.path))
        if k <= 0:
            return []
        hits = self._fans.query(
            QueryRequest(
                limit=k,
                query=Query.Nearest(vector),
                filter=_scope_filter(scope),
                with_payload=True,
            )
        )
        return [
            ScoredMemory(memory_from_payload(str(h.id), h.payload or {}), h.score) for h in hits
        ]

    async def recent_fan_memory(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        """The last n turns in scope, oldest first."""
        if n <= 0:
            return []
        flt = _scope_filter(scope)
        flt = Filter(must=[*(flt.must or []), _eq("kind", str(MemoryKind.TURN))])
        records, _ = self._fans.scroll(
            ScrollRequest(
                limit=n,
                filter=flt,
                with_payload=True,
                order_by=OrderBy(FAN_TIME, direction=Direction.Desc),
            )
        )
        items = [memory_from_payload(str(r.id), r.payload or {}) for r in records]
        return sorted(items, key=lambda i: i.created_at)

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]:
        """Everything stored about a fan under one creator, oldest first."""
        items: list[FanMemoryItem] = []
        offset: Any = None
        flt = _fan_filter(creator_id, fan_id)
        while True:
            records, offset = self._fans.scroll(
                ScrollRequest(offset=offset, limit=_PAGE, filter=flt, with_payload=True)
            )
            items += [memory_from_payload(str(r.id), r.payload or {}) for r in records]
            if offset is None:
                return sorted(items, key=lambda i: i.created_at)

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids of one platform user (`platform:user`) with memory stored."""
        response = self._fans.facet(
            FacetRequest(
                key="fan_id",
                limit=1_000_000,
                exact=True,
                filter=Filter(must=[_eq("creator_id", creator_id)]),
            )
        )
        return {str(hit.value) for hit in response if person_of(str(hit.value)) == person}

    def _context_filter(self, creator_id: str, person: str) -> Filter:
        return Filter(must=[_eq("creator_id", creator_id), _eq("context_author", person)])

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        """Chunks whose context `person` wrote (a rare scan: the field has no index)."""
        chunks: list[Chunk] = []
        offset: Any = None
        flt = self._context_filter(creator_id, person)
        while True:
            records, offset = self._corpus.scroll(
                ScrollRequest(offset=offset, limit=_PAGE, filter=flt, with_payload=True)
            )
            chunks += [chunk_from_payload(r.payload or {}) for r in records]
            if offset is None:
                return chunks

    async def scrub_context(self, creator_id: str, person: str) -> int:
        """Drop the context `person` wrote (erased from the files at the next purge)."""
        async with self._write_lock:
            flt = self._context_filter(creator_id, person)
            count = self._corpus.count(CountRequest(exact=True, filter=flt))
            if count:
                keys = ["context", "context_author"]
                self._corpus.update(UpdateOperation.delete_payload_by_filter(flt, keys))
                self._mark("corpus")
            return count

    async def delete_fan(self, creator_id: str, fan_id: str) -> int:
        """Delete everything stored about a fan under one creator (erased at the next purge)."""
        return await self._delete("fans", _fan_filter(creator_id, fan_id), erase=True)

    async def delete_fan_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        """Delete the memory items tied to one platform message of a fan."""
        flt = _fan_filter(creator_id, fan_id)
        return await self._delete(
            "fans", Filter(must=[*(flt.must or []), _eq("message_id", message_id)]), erase=True
        )

    async def delete_creator(self, creator_id: str) -> int:
        """Delete a creator's corpus and all their fans' memory."""
        flt = Filter(must=[_eq("creator_id", creator_id)])
        return await self._delete("corpus", flt, erase=True) + await self._delete(
            "fans", flt, erase=True
        )

    # -- maintenance ------------------------------------------------------------------------

    async def purge(self) -> bool:
        """Rewrite each shard that had points erased, so their bytes leave the folder.

        Writes wait for the rewrite; reads go on against the old shard until the swap.

        Returns:
            True if a shard was rewritten.
        """
        async with self._write_lock:
            names = sorted(self._dirty)
            for name in names:
                fan = name == "fans"
                keywords = FAN_KEYWORDS if fan else CORPUS_KEYWORDS
                source = self._shard(name)
                await asyncio.to_thread(_copy_shard, source, self.path, name, self.model, keywords)
                # The swap runs on the loop, between reads: close, rename, open (~0.1 s).
                source.close()
                _finish_rewrite(self.path, name)
                shard = _open_shard(self.path / name, self.model.dimension, keywords, fan)
                if name == "fans":
                    self._fans = shard
                else:
                    self._corpus = shard
                self._dirty.discard(name)
            if names:
                _write_pending(self.path, self._dirty)
                log.info("rewrote %s in %s to erase deleted points", ", ".join(names), self.path)
            return bool(names)

    def unindexed_points(self) -> int:
        """Points in both shards not yet covered by an HNSW index."""
        total = 0
        for shard in (self._corpus, self._fans):
            info = shard.info()
            total += max(0, info.points_count - info.indexed_vectors_count)
        return total

    async def optimize(self) -> None:
        """Build indexes and vacuum now. Blocks other Python threads: offline use only."""
        await asyncio.to_thread(lambda: (self._corpus.optimize(), self._fans.optimize()))

    async def optimize_if_needed(self, min_unindexed: int = OPTIMIZE_MIN_UNINDEXED) -> bool:
        """Optimise only when enough points are unindexed to make HNSW worth its build time.

        Returns:
            True if an optimisation ran.
        """
        if self.unindexed_points() <= min_unindexed:
            return False
        log.info("optimising %s (%d unindexed points)", self.path, self.unindexed_points())
        await self.optimize()
        return True

    def _flush(self) -> None:
        self._corpus.flush()
        self._fans.flush()

    async def flush(self) -> None:
        """Persist segments now (the write-ahead log already holds every acknowledged write)."""
        await asyncio.to_thread(self._flush)

    async def close(self) -> None:
        """Flush and release the folder lock. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        async with self._write_lock:  # a rewrite in progress finishes first
            await asyncio.to_thread(self._close_sync)

    def _close_sync(self) -> None:
        self._flush()
        self._corpus.close()
        self._fans.close()


def _read_pending(path: Path) -> set[str]:
    file = path / _PENDING_FILE
    if not file.exists():
        return set()
    try:
        names = json.loads(file.read_text("utf-8"))
    except ValueError:
        return set(_SHARDS)  # unreadable: rewrite both rather than keep what was erased
    return {n for n in names if n in _SHARDS}


def _write_pending(path: Path, names: set[str]) -> None:
    file = path / _PENDING_FILE
    if not names:
        file.unlink(missing_ok=True)
        return
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(sorted(names)), "utf-8")
    tmp.replace(file)


def _copy_shard(
    source: EdgeShard, path: Path, name: str, model: ModelRecord, keywords: Sequence[str]
) -> None:
    """Build `<name>.new` holding every live point of `source`, flushed, then mark it done."""
    fresh_path = path / f"{name}.new"
    done = path / f"{name}.new.done"
    done.unlink(missing_ok=True)
    shutil.rmtree(fresh_path, ignore_errors=True)
    fresh = _open_shard(fresh_path, model.dimension, keywords, name == "fans")
    try:
        offset: Any = None
        while True:
            records, offset = source.scroll(
                ScrollRequest(offset=offset, limit=_PAGE, with_payload=True, with_vector=True)
            )
            points = [Point(r.id, r.vector, r.payload or {}) for r in records]  # type: ignore[arg-type]
            if points:
                fresh.update(UpdateOperation.upsert_points(points))
            if offset is None:
                break
        fresh.flush()
    finally:
        fresh.close()
    done.write_text("ok", "utf-8")


def _finish_rewrite(path: Path, name: str) -> None:
    """Put a finished rewrite in place of the shard, or drop an unfinished one (also on open)."""
    live, fresh, old = path / name, path / f"{name}.new", path / f"{name}.old"
    done = path / f"{name}.new.done"
    if done.exists() and fresh.exists():
        if live.exists():
            live.rename(old)
        fresh.rename(live)
    done.unlink(missing_ok=True)
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
