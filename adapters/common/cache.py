"""A bounded cache of lookups that expire, with one lookup in flight per key."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from functools import partial
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LookupCache(Generic[K, V]):
    """Answers of `lookup(key)`, reused for `ttl` seconds, at most `max_size` keys.

    A burst of callers for one key shares a single lookup. Expired entries and, past
    `max_size`, the least recently used ones are evicted, so a stream of new members never
    grows the cache without bound. A lookup that raises is not cached: the next caller tries
    again.
    """

    def __init__(
        self,
        lookup: Callable[[K], Awaitable[V]],
        *,
        ttl: float,
        max_size: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self._lookup = lookup
        self._ttl = ttl
        self._max = max_size
        self._clock = clock
        self._entries: OrderedDict[K, tuple[float, asyncio.Future[V]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: K) -> V:
        now = self._clock()
        entry = self._entries.get(key)
        if entry is None or entry[0] <= now:
            future = asyncio.ensure_future(self._lookup(key))
            entry = (now + self._ttl, future)
            self._entries[key] = entry
            future.add_done_callback(partial(self._forget_failure, key))
            self._evict(now)
        self._entries.move_to_end(key)
        # Shielded: one caller cancelled (its task stopped) must not cancel the shared lookup.
        return await asyncio.shield(entry[1])

    def _forget_failure(self, key: K, future: asyncio.Future[V]) -> None:
        if future.cancelled() or future.exception() is not None:
            entry = self._entries.get(key)
            if entry is not None and entry[1] is future:
                del self._entries[key]

    def _evict(self, now: float) -> None:
        expired = [k for k, (until, _) in self._entries.items() if until <= now]
        for k in expired:
            del self._entries[k]
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)
