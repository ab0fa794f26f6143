"""Deduper and RateLimiter wrappers: metered, and on this process's memory while Redis is down."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from core.ops.breaker import CircuitBreaker
from core.ops.metrics import DEDUP_HITS, DEGRADED, DEPENDENCY_ERRORS, RATE_LIMITED, rate_limit_kind
from core.ports import Deduper, RateLimiter
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter

log = logging.getLogger(__name__)
T = TypeVar("T")
Clock = Callable[[], float]


class _Shared:
    """A shared engine (Redis) behind a circuit breaker; its outage is logged at start and end."""

    def __init__(
        self,
        shared: Any,
        *,
        timeout: float = 2.0,
        retry_seconds: float = 2.0,
        clock: Clock = time.monotonic,
        local: Any = None,
        name: str = "Redis",
    ) -> None:
        self.shared = shared
        self.local = local or self._local()
        self.name = name
        self._timeout = timeout
        self.breaker = CircuitBreaker(open_seconds=retry_seconds, clock=clock, watcher=self)

    def failed(self, exc: BaseException, opened: bool) -> None:
        DEPENDENCY_ERRORS.labels("redis").inc()
        DEGRADED.labels("redis").set(1)
        if opened:
            log.error(
                "%s unreachable (%s: %s); dedup and rate limits fall back to this "
                "process only until it returns",
                self.name,
                type(exc).__name__,
                exc,
            )

    def recovered(self, down_for: float) -> None:
        log.warning("%s reachable again after %.1fs", self.name, down_for)
        DEGRADED.labels("redis").set(0)

    def _local(self) -> Any:
        raise NotImplementedError

    async def _run(self, call: Callable[[], Awaitable[T]]) -> T | None:
        """The call's result, or None when the engine is (or was just found) unreachable."""
        try:
            return await self.breaker.call(call, self._timeout)
        except Exception:
            return None

    async def aclose(self) -> None:
        close = getattr(self.shared, "aclose", None)
        if close is not None:
            await close()


class ResilientDeduper(_Shared):
    """A `Deduper` that counts dedup hits and survives an outage of the shared one.

    While the shared deduper (Redis) is unreachable, this process's own memory decides, so a
    replica still drops the redeliveries it sees itself; two replicas may then both answer one
    event (the lesser harm than answering none). Keys seen meanwhile are not written back.
    """

    shared: Deduper
    local: Deduper

    def _local(self) -> Deduper:
        return InMemoryDeduper()

    async def first_time(self, key: str, ttl_seconds: int = 86_400) -> bool:
        first = await self._run(lambda: self.shared.first_time(key, ttl_seconds))
        if first is None:
            first = await self.local.first_time(key, ttl_seconds)
        if not first:
            DEDUP_HITS.inc()
        return first


class ResilientRateLimiter(_Shared):
    """A `RateLimiter` that counts denials (waits) and survives an outage of the shared one.

    While the shared limiter is unreachable, limits hold per process (each replica allows the
    full limit), which keeps fans and platforms safe from a runaway loop without stopping
    every reply.
    """

    shared: RateLimiter
    local: RateLimiter

    def _local(self) -> RateLimiter:
        return InMemoryRateLimiter()

    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        return await self.acquire(key, limit, per_seconds) == 0.0

    async def acquire(self, key: str, limit: int, per_seconds: float) -> float:
        wait = await self._run(lambda: self.shared.acquire(key, limit, per_seconds))
        if wait is None:
            wait = await self.local.acquire(key, limit, per_seconds)
        if wait > 0:
            RATE_LIMITED.labels(rate_limit_kind(key)).inc()
        return wait
