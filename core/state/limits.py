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
    """Sliding-window log per key; keys whose window has emptied are swept now and then.

    Without the sweep, every fan and chat ever seen would keep a key for the life of the
    process (a slow leak at thousands of new fans an hour).
    """

    def __init__(
        self, *, now: Callable[[], float] = time.monotonic, sweep_seconds: float = 60.0
    ) -> None:
        self._hits: dict[str, tuple[float, deque[float]]] = {}
        self._now = now
        self._sweep_seconds = sweep_seconds
        self._next_sweep = now() + sweep_seconds

    @property
    def tracked_keys(self) -> int:
        """How many keys hold hits (for tests and metrics)."""
        return len(self._hits)

    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        return await self.acquire(key, limit, per_seconds) == 0.0

    async def acquire(self, key: str, limit: int, per_seconds: float) -> float:
        if limit <= 0:
            return per_seconds
        now = self._now()
        if now >= self._next_sweep:
            self._sweep(now)
        entry = self._hits.get(key)
        if entry is None or entry[0] < per_seconds:
            # Keep the longest window a key is asked about, so a sweep never drops live hits.
            hits = entry[1] if entry is not None else deque()
            self._hits[key] = (per_seconds, hits)
        else:
            hits = entry[1]
        while hits and hits[0] <= now - per_seconds:
            hits.popleft()
        if len(hits) >= limit:
            # The slot opens when the hit `limit` places back leaves the window.
            return max(hits[len(hits) - limit] + per_seconds - now, 1e-3)
        hits.append(now)
        return 0.0

    def _sweep(self, now: float) -> None:
        self._hits = {k: e for k, e in self._hits.items() if e[1] and e[1][-1] > now - e[0]}
        self._next_sweep = now + self._sweep_seconds
