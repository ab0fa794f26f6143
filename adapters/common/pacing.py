"""Outbound pacing: wait for a slot in every window a send counts against, never drop it."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from core.ports import RateLimiter


@dataclass(frozen=True, slots=True)
class Window:
    """At most `limit` sends per `seconds` on `key` (keys start with "pace:" for metrics)."""

    key: str
    limit: int
    seconds: float


async def wait_for_slots(limiter: RateLimiter, windows: Sequence[Window]) -> None:
    """Take a slot in each window in turn, sleeping until the limiter says one opens.

    Every reply core decided to send goes out: a full window delays it, never drops it.
    The limiter tells how long until the window has room, so this sleeps that long once
    (again only if another sender took the slot meanwhile) instead of polling.
    """
    for w in windows:
        if w.limit <= 0:
            raise ValueError(f"pacing window {w.key!r} allows no sends")
        # Not a poll: each sleep lasts exactly until the window has room (ASYNC110's worry).
        while (wait := await limiter.acquire(w.key, w.limit, w.seconds)) > 0:  # noqa: ASYNC110
            await asyncio.sleep(wait)
