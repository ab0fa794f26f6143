"""In-memory Deduper, RateLimiter and Clock: single-process defaults (Redis twins at scale)."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class InMemoryDeduper:
    """Remembers keys for a TTL, bounded so a flood of ids cannot grow memory without end."""

    def __init__(
        self, *, max_keys: int = 100_000, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._max_keys = max_keys
        self._now = now

    async def first_time(self, key: str, ttl_seconds: int = 86_400) -> bool:
        now = self._now()
        expires = self._seen.get(key)
        if expires is not None and expires > now:
            return False
        self._seen[key] = now + ttl_seconds
        self._seen.move_to_end(key)
        while len(self._seen) > self._max_keys:
            self._seen.popitem(last=False)
        return True


class InMemoryRateLimiter:
    """Sliding-window log per key."""

    def __init__(self, *, now: Callable[[], float] = time.monotonic) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._now = now

    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        now = self._now()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - per_seconds:
            hits.popleft()
        if len(hits) >= limit:
            return False
        hits.append(now)
        return True
