"""GuardedMemoryStore: a networked memory store that may be down; fail fast, degrade, recover."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from core.memory.stores import EmbeddingMismatchError
from core.ops.breaker import CircuitBreaker, CircuitOpen
from core.ops.metrics import DEGRADED, DEPENDENCY_ERRORS
from core.ports import MemoryStore
from core.records import (
    Chunk,
    FanMemoryItem,
    FanScope,
    ScoredChunk,
    ScoredMemory,
    Visibility,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class MemoryUnavailable(RuntimeError):
    """The memory store cannot be reached now; the caller degrades or reports it clearly."""


class GuardedMemoryStore:
    """A `MemoryStore` in front of one that lives across the network (a Qdrant server).

    - The store is opened lazily, so a clone starts (and answers from its persona) while the
      vector store is down, and opens it once it is reachable.
    - Each call has a timeout. After a failure, calls fail at once for `retry_seconds`, then
      the next call probes; the first success ends the outage (and is logged).
    - Corpus search and every admin operation raise `MemoryUnavailable` (the brain answers
      without sources and flags the reply; the CLI reports the error). Fan memory is an extra:
      its reads return nothing and its writes are dropped, with a warning, while down.
    """

    def __init__(
        self,
        opener: Callable[[], Awaitable[MemoryStore]],
        *,
        call_timeout: float = 3.0,
        retry_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        where: str = "memory store",
    ) -> None:
        """Args:
        opener: Opens (and checks) the real store; called until it succeeds.
        call_timeout: Seconds allowed per call (and for opening).
        retry_seconds: After a failure, how long calls fail fast before one probes.
        clock: Monotonic seconds; tests pass a fake.
        where: Names the store in logs and errors (e.g. the Qdrant URL).
        """
        self._opener = opener
        self._inner: MemoryStore | None = None
        self._call_timeout = call_timeout
        self._retry_seconds = retry_seconds
        self._breaker = CircuitBreaker(open_seconds=retry_seconds, clock=clock, watcher=self)
        self.where = where
        self.last_error = ""
        DEGRADED.labels("memory").set(0)

    @property
    def available(self) -> bool:
        """False during an outage (until a probe succeeds)."""
        return self._breaker.failing_since is None

    async def _store(self) -> MemoryStore:
        if self._inner is None:
            async with asyncio.timeout(self._call_timeout):
                self._inner = await self._opener()
        return self._inner

    async def _call(self, op: str, fn: Callable[[MemoryStore], Awaitable[T]]) -> T:
        async def attempt() -> T:
            try:
                return await fn(await self._store())
            except Exception as exc:
                exc.add_note(op)  # names the operation in the outage log
                raise

        try:
            return await self._breaker.call(
                attempt, self._call_timeout, not_failures=(EmbeddingMismatchError,)
            )
        except EmbeddingMismatchError:
            raise  # a configuration error, not an outage
        except CircuitOpen:
            raise MemoryUnavailable(f"{self.where} is unreachable ({self.last_error})") from None
        except Exception as exc:
            raise MemoryUnavailable(f"{self.where} is unreachable ({self.last_error})") from exc

    def recovered(self, down_for: float) -> None:
        log.warning("%s reachable again after %.1fs; memory restored", self.where, down_for)
        DEGRADED.labels("memory").set(0)

    def failed(self, exc: BaseException, opened: bool) -> None:
        self.last_error = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:200]
        DEPENDENCY_ERRORS.labels("memory").inc()
        DEGRADED.labels("memory").set(1)
        if opened:
            log.error(
                "%s unreachable during %s (%s); answering without memory, retrying every %gs",
                self.where,
                (getattr(exc, "__notes__", None) or ["a call"])[-1],
                self.last_error,
                self._retry_seconds,
            )

    async def _soft(self, op: str, fn: Callable[[MemoryStore], Awaitable[T]], empty: T) -> T:
        try:
            return await self._call(op, fn)
        except MemoryUnavailable:
            return empty

    # -- corpus --------------------------------------------------------------------------------

    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int:
        return await self._call("add_chunks", lambda s: s.add_chunks(chunks, vectors))

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        return await self._call("upsert_chunks", lambda s: s.upsert_chunks(chunks))

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        return await self._call("chunk_ids", lambda s: s.chunk_ids(creator_id, source))

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        return await self._call("delete_chunks", lambda s: s.delete_chunks(creator_id, ids))

    async def sources(self, creator_id: str) -> set[str]:
        return await self._call("sources", lambda s: s.sources(creator_id))

    async def delete_source(self, creator_id: str, source: str) -> int:
        return await self._call("delete_source", lambda s: s.delete_source(creator_id, source))

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        return await self._call(
            "search_corpus", lambda s: s.search_corpus(creator_id, vector, k, visibilities)
        )

    # -- fan memory: best effort while down ----------------------------------------------------

    async def add_fan_memory(
        self, items: Sequence[FanMemoryItem], vectors: Sequence[list[float]]
    ) -> None:
        try:
            await self._call("add_fan_memory", lambda s: s.add_fan_memory(items, vectors))
        except MemoryUnavailable:
            log.warning("fan memory not saved (%d items): %s is down", len(items), self.where)

    async def search_fan_memory(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]:
        empty: list[ScoredMemory] = []
        return await self._soft(
            "search_fan_memory", lambda s: s.search_fan_memory(scope, vector, k), empty
        )

    async def recent_fan_memory(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        empty: list[FanMemoryItem] = []
        return await self._soft(
            "recent_fan_memory", lambda s: s.recent_fan_memory(scope, n), empty
        )

    # -- data rights and admin: never silently skipped -----------------------------------------

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]:
        return await self._call("export_fan", lambda s: s.export_fan(creator_id, fan_id))

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        return await self._call("fan_ids", lambda s: s.fan_ids(creator_id, person))

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        return await self._call("context_chunks", lambda s: s.context_chunks(creator_id, person))

    async def scrub_context(self, creator_id: str, person: str) -> int:
        return await self._call("scrub_context", lambda s: s.scrub_context(creator_id, person))

    async def delete_fan(self, creator_id: str, fan_id: str) -> int:
        return await self._call("delete_fan", lambda s: s.delete_fan(creator_id, fan_id))

    async def delete_fan_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        return await self._call(
            "delete_fan_message", lambda s: s.delete_fan_message(creator_id, fan_id, message_id)
        )

    async def delete_creator(self, creator_id: str) -> int:
        return await self._call("delete_creator", lambda s: s.delete_creator(creator_id))

    async def purge(self) -> bool:
        # A server purges itself (its optimizer); nothing is lost by skipping while it is down.
        return await self._soft("purge", lambda s: s.purge(), False)

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()
            self._inner = None

    def __getattr__(self, attr: str) -> Any:
        # Store-specific extras (e.g. `optimize`) reach the real store once it is open.
        if attr.startswith("_") or self.__dict__.get("_inner") is None:
            raise AttributeError(attr)
        return getattr(self.__dict__["_inner"], attr)
