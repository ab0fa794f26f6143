"""Deduper and RateLimiter contract: the in-memory twins and Redis give the same answers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from redis.asyncio import Redis

from core.config import Settings
from core.ports import Deduper, RateLimiter
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.redis_limits import (
    RedisDeduper,
    RedisRateLimiter,
    make_deduper,
    make_rate_limiter,
)

REDIS_URL = "redis://127.0.0.1:6379/0"


class FakeTime:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@dataclass
class Backend:
    """One implementation under test, plus a way to let time pass for it."""

    name: str
    deduper: Callable[[], Deduper]
    limiter: Callable[[], RateLimiter]
    clock: FakeTime
    # Redis expires keys on its own clock, so TTL tests there wait for real.
    wait: Callable[[float], Awaitable[None]]
    clients: list[Redis] = field(default_factory=list)


async def _redis_or_fail() -> Redis:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except Exception as exc:  # any connection failure means the same thing here
        await client.aclose()
        # Skips without the server; CI (CLONEBOT_REQUIRE_SERVERS=1) fails it: tests/servers.py
        pytest.skip(f"SKIPPING: no Redis at {REDIS_URL} ({exc})")
    return client


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.scale)])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    clock = FakeTime()
    if request.param == "memory":

        async def advance(seconds: float) -> None:
            clock.t += seconds

        deduper = InMemoryDeduper(now=clock)
        limiter = InMemoryRateLimiter(now=clock)
        # One process: "two replicas" are the same objects.
        yield Backend("memory", lambda: deduper, lambda: limiter, clock, advance)
        return

    prefix = f"clonebot-test-{uuid.uuid4().hex}:"
    admin = await _redis_or_fail()
    backend = Backend("redis", lambda: deduper_new(), lambda: limiter_new(), clock, asyncio.sleep)

    def deduper_new() -> Deduper:
        client = Redis.from_url(REDIS_URL)
        backend.clients.append(client)
        return RedisDeduper(client, prefix=prefix)

    def limiter_new() -> RateLimiter:
        client = Redis.from_url(REDIS_URL)
        backend.clients.append(client)
        return RedisRateLimiter(client, prefix=prefix, now=clock)

    try:
        yield backend
    finally:
        async for key in admin.scan_iter(match=f"{prefix}*"):
            await admin.delete(key)
        for client in [*backend.clients, admin]:
            await client.aclose()


async def test_a_delivery_is_new_once_then_a_repeat(backend: Backend) -> None:
    dedup = backend.deduper()
    assert await dedup.first_time("slack:Ev1") is True
    assert await dedup.first_time("slack:Ev1") is False
    assert await dedup.first_time("slack:Ev2") is True


async def test_a_repeat_after_the_ttl_counts_as_new_again(backend: Backend) -> None:
    dedup = backend.deduper()
    assert await dedup.first_time("tg:41", ttl_seconds=1) is True
    assert await dedup.first_time("tg:41", ttl_seconds=1) is False
    await backend.wait(1.1)
    assert await dedup.first_time("tg:41", ttl_seconds=1) is True


async def test_two_replicas_see_one_delivery_once(backend: Backend) -> None:
    a, b = backend.deduper(), backend.deduper()
    results = await asyncio.gather(*(d.first_time("discord:m9") for d in (a, b, a, b)))
    assert sorted(results) == [False, False, False, True]


async def test_rate_limit_allows_up_to_the_limit_then_denies(backend: Backend) -> None:
    limiter = backend.limiter()
    assert [await limiter.allow("fan:1", 3, 60) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    # Keys are independent.
    assert await limiter.allow("fan:2", 3, 60) is True


async def test_denied_hits_do_not_use_up_the_window(backend: Backend) -> None:
    limiter = backend.limiter()
    assert await limiter.allow("ch", 1, 10) is True
    for _ in range(5):
        backend.clock.t += 1
        assert await limiter.allow("ch", 1, 10) is False
    backend.clock.t += 5.5  # 10.5 s after the only counted hit
    assert await limiter.allow("ch", 1, 10) is True


async def test_the_window_slides_hit_by_hit(backend: Backend) -> None:
    limiter = backend.limiter()
    assert await limiter.allow("k", 2, 10) is True  # t=0
    backend.clock.t += 6
    assert await limiter.allow("k", 2, 10) is True  # t=6
    assert await limiter.allow("k", 2, 10) is False
    backend.clock.t += 4  # t=10: the t=0 hit has left the window
    assert await limiter.allow("k", 2, 10) is True
    assert await limiter.allow("k", 2, 10) is False
    backend.clock.t += 20
    assert await limiter.allow("k", 2, 10) is True


async def test_two_replicas_share_one_combined_limit(backend: Backend) -> None:
    a, b = backend.limiter(), backend.limiter()
    results = await asyncio.gather(
        *(limiter.allow("community:9", 7, 60) for limiter in [a, b] * 10)
    )
    assert results.count(True) == 7


async def test_factories_fall_back_to_memory_without_redis_url() -> None:
    assert isinstance(make_deduper(Settings(redis_url=None)), InMemoryDeduper)
    assert isinstance(make_rate_limiter(Settings(redis_url=None)), InMemoryRateLimiter)


@pytest.mark.scale
async def test_factories_use_redis_when_configured() -> None:
    await (await _redis_or_fail()).aclose()
    prefix = f"clonebot-test-{uuid.uuid4().hex}:"
    settings = Settings(redis_url=REDIS_URL)
    dedup = make_deduper(settings, prefix=prefix)
    limiter = make_rate_limiter(settings, prefix=prefix)
    assert isinstance(dedup, RedisDeduper)
    assert isinstance(limiter, RedisRateLimiter)
    other = make_deduper(settings, prefix=prefix)
    assert isinstance(other, RedisDeduper)
    try:
        assert await dedup.first_time("x", ttl_seconds=5) is True
        assert await other.first_time("x") is False
        assert await limiter.allow("y", 1, 5) is True
    finally:
        for closing in (dedup, other, limiter):
            await closing.aclose()


async def test_the_in_memory_limiter_sweeps_keys_whose_window_has_emptied() -> None:
    clock = FakeTime()
    limiter = InMemoryRateLimiter(now=clock, sweep_seconds=60)
    for fan in range(1000):
        assert await limiter.allow(f"fan-min:{fan}", 5, 60)
    assert await limiter.allow("day:cap", 1, 3600)
    clock.t += 61  # every fan's minute is over; the hourly key's is not
    assert await limiter.allow("fan-min:new", 5, 60)
    assert limiter.tracked_keys == 2, "emptied fan windows are gone, the live ones stay"
    assert not await limiter.allow("day:cap", 1, 3600), "a swept limiter still limits"


async def test_acquire_takes_a_slot_or_says_how_long_until_one_opens(backend: Backend) -> None:
    limiter = backend.limiter()
    assert await limiter.acquire("pace:c", 2, 10) == 0.0  # t=0
    backend.clock.t += 4
    assert await limiter.acquire("pace:c", 2, 10) == 0.0  # t=4
    backend.clock.t += 1
    # Full: the t=0 hit leaves the window at t=10, five seconds from now; nothing is counted.
    assert await limiter.acquire("pace:c", 2, 10) == pytest.approx(5.0, abs=0.01)
    assert await limiter.acquire("pace:c", 2, 10) == pytest.approx(5.0, abs=0.01)
    backend.clock.t += 5
    assert await limiter.acquire("pace:c", 2, 10) == 0.0
    assert await limiter.allow("pace:c", 2, 10) is False
