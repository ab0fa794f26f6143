"""Deduper and RateLimiter wrappers: metered, and on this process's memory while Redis is down."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from core.conversation.limits import InMemoryDeduper, InMemoryRateLimiter
from core.ops.metrics import DEDUP_HITS, DEGRADED, DEPENDENCY_ERRORS, RATE_LIMITED, rate_limit_kind
from core.ports import Deduper, RateLimiter

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Outage:
    """Tracks one shared engine's outage: logs its start and end once, fails fast meanwhile."""

    def __init__(self, name: str, retry_seconds: float, clock: Callable[[], float]) -> None:
        self.name = name
        self.retry_seconds = retry_seconds
        self.clock = clock
        self.since: float | None = None
        self.skip_until = 0.0

    async def run(self, call: Callable[[], Awaitable[T]], limit_seconds: float) -> T | None:
        """The call's result, or None when the engine is (or was just found) unreachable."""
        if self.since is not None and self.clock() < self.skip_until:
            return None
        try:
            async with asyncio.timeout(limit_seconds):
                result = await call()
        except Exception as exc:
            DEPENDENCY_ERRORS.labels("redis").inc()
            DEGRADED.labels("redis").set(1)
            if self.since is None:
                self.since = self.clock()
                log.error(
                    "%s unreachable (%s: %s); dedup and rate limits fall back to this "
                    "process only until it returns",
                    self.name,
                    type(exc).__name__,
                    exc,
                )
            self.skip_until = self.clock() + self.retry_seconds
            return None
        if self.since is not None:
            log.warning("%s reachable again after %.1fs", self.name, self.clock() - self.since)
            self.since = None
            DEGRADED.labels("redis").set(0)
        return result


class ResilientDeduper:
    """A `Deduper` that counts dedup hits and survives an outage of the shared one.

    While the shared deduper (Redis) is unreachable, this process's own memory decides, so a
    replica still drops the redeliveries it sees itself; two replicas may then both answer one
    event (the lesser harm than answering none). Keys seen meanwhile are not written back.
    """

    def __init__(
        self,
        shared: Deduper,
        *,
        timeout: float = 2.0,
        retry_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        name: str = "Redis",
    ) -> None:
        self.shared = shared
        self.local = InMemoryDeduper()
        self._timeout = timeout
        self._outage = _Outage(name, retry_seconds, clock)

    async def first_time(self, key: str, ttl_seconds: int = 86_400) -> bool:
        first = await self._outage.run(
            lambda: self.shared.first_time(key, ttl_seconds), self._timeout
        )
        if first is None:
            first = await self.local.first_time(key, ttl_seconds)
        if not first:
            DEDUP_HITS.inc()
        return first

    async def aclose(self) -> None:
        close = getattr(self.shared, "aclose", None)
        if close is not None:
            await close()


class ResilientRateLimiter:
    """A `RateLimiter` that counts denials (waits) and survives an outage of the shared one.

    While the shared limiter is unreachable, limits hold per process (each replica allows the
    full limit), which keeps fans and platforms safe from a runaway loop without stopping
    every reply.
    """

    def __init__(
        self,
        shared: RateLimiter,
        *,
        timeout: float = 2.0,
        retry_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        local: RateLimiter | None = None,
        name: str = "Redis",
    ) -> None:
        self.shared = shared
        self.local = local or InMemoryRateLimiter()
        self._timeout = timeout
        self._outage = _Outage(name, retry_seconds, clock)

    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        return await self.acquire(key, limit, per_seconds) == 0.0

    async def acquire(self, key: str, limit: int, per_seconds: float) -> float:
        wait = await self._outage.run(
            lambda: self.shared.acquire(key, limit, per_seconds), self._timeout
        )
        if wait is None:
            wait = await self.local.acquire(key, limit, per_seconds)
        if wait > 0:
            RATE_LIMITED.labels(rate_limit_kind(key)).inc()
        return wait

    async def aclose(self) -> None:
        close = getattr(self.shared, "aclose", None)
        if close is not None:
            await close()
