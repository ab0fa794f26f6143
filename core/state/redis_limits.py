"""RedisDeduper and RedisRateLimiter: the Deduper and RateLimiter every replica shares."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis

from core.config import Settings
from core.ports import Deduper, RateLimiter
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter

DEFAULT_PREFIX = "clonebot:"

# Sliding-window log in one sorted set. A Lua script runs atomically on the server, so
# two processes can never both take the last slot of a window.
_SLIDING_WINDOW = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  -- Denied: how long until the hit `limit` places back leaves the window, in microseconds.
  local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  return math.max(1, math.ceil((tonumber(oldest[2]) + window - now) * 1000000))
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, ARGV[5])
return 0
"""


class RedisDeduper:
    """`SET key 1 NX EX ttl`: the first replica to see a delivery wins, the rest drop it.

    Args:
        client: a `redis.asyncio.Redis`.
        prefix: put before every key, so several bots (or tests) can share one Redis.
    """

    def __init__(self, client: Redis, *, prefix: str = DEFAULT_PREFIX) -> None:
        self._client = client
        self._prefix = f"{prefix}dedup:"

    async def first_time(self, key: str, ttl_seconds: int = 86_400) -> bool:
        created = await self._client.set(
            self._prefix + key, b"1", nx=True, ex=max(1, int(ttl_seconds))
        )
        return bool(created)

    async def aclose(self) -> None:
        await self._client.aclose()


class RedisRateLimiter:
    """Sliding-window log per key, atomic in Redis; same answers as `InMemoryRateLimiter`.

    Args:
        client: a `redis.asyncio.Redis`.
        prefix: put before every key.
        now: wall-clock seconds. Replicas on different hosts share windows, so this is
            wall time (not monotonic); tests inject a fake one.
    """

    def __init__(
        self,
        client: Redis,
        *,
        prefix: str = DEFAULT_PREFIX,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._prefix = f"{prefix}rate:"
        self._now = now
        self._script: Any = client.register_script(_SLIDING_WINDOW)

    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        return await self.acquire(key, limit, per_seconds) == 0.0

    async def acquire(self, key: str, limit: int, per_seconds: float) -> float:
        if limit <= 0:
            return per_seconds
        now = self._now()
        # The set only needs to outlive its newest hit by one window.
        ttl_ms = max(1, math.ceil(per_seconds * 1000))
        member = f"{now!r}:{uuid.uuid4().hex}"
        wait_us = await self._script(
            keys=[self._prefix + key], args=[repr(now), repr(per_seconds), limit, member, ttl_ms]
        )
        return int(wait_us) / 1_000_000

    async def aclose(self) -> None:
        await self._client.aclose()


def _client(settings: Settings) -> Redis | None:
    return None if settings.redis_url is None else Redis.from_url(settings.redis_url)


def make_deduper(settings: Settings, *, prefix: str = DEFAULT_PREFIX) -> Deduper:
    """Redis when `settings.redis_url` is set (several replicas), in-memory otherwise."""
    client = _client(settings)
    return InMemoryDeduper() if client is None else RedisDeduper(client, prefix=prefix)


def make_rate_limiter(settings: Settings, *, prefix: str = DEFAULT_PREFIX) -> RateLimiter:
    """Redis when `settings.redis_url` is set (several replicas), in-memory otherwise."""
    client = _client(settings)
    return InMemoryRateLimiter() if client is None else RedisRateLimiter(client, prefix=prefix)
