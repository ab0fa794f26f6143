"""The helpers every adapter shares: splitting, cleaning, pacing, retries, caches, tasks."""

from __future__ import annotations

import asyncio
import logging

import pytest

from adapters.common import pacing
from adapters.common.cache import LookupCache
from adapters.common.pacing import Window, wait_for_slots
from adapters.common.retry import RateLimitedTooLong, retrying
from adapters.common.tasks import Tasks
from adapters.common.text import clean_text, split_text, utf16_units
from core.state.limits import InMemoryRateLimiter


def test_split_text_measures_as_the_platform_counts_and_joins_back() -> None:
    text = "First sentence here. " * 40 + "A last one without an end"
    for measure in (len, utf16_units, lambda s: len(s.replace("&", "&amp;"))):
        pieces = split_text(text, 100, measure)
        assert all(measure(p) <= 100 for p in pieces)
        assert " ".join(pieces) == text.strip()
        assert all(p.endswith(".") for p in pieces[:-1])
    # An escaping measure counts "&" as five: fewer of them fit in a piece.
    amps = split_text("& " * 100, 50, lambda s: len(s.replace("&", "&amp;")))
    assert all(len(p.replace("&", "&amp;")) <= 50 for p in amps) and len(amps) > 4
    with pytest.raises(ValueError):
        split_text("x", 0)


def test_clean_text_replaces_lone_surrogates_and_keeps_real_pairs() -> None:
    assert clean_text("hi \ud800 there") == "hi \ufffd there"
    assert clean_text("bread \ud83c\udf5e") == "bread 🍞"  # an escaped pair is one emoji
    assert clean_text("plain") == "plain"
    assert clean_text("x\udfff").encode("utf-8") == "x\ufffd".encode()


async def test_pacing_sleeps_until_the_slot_opens_without_polling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    t = [0.0]
    limiter = InMemoryRateLimiter(now=lambda: t[0])
    asked: list[float] = []
    acquire = limiter.acquire

    async def counting(key: str, limit: int, per: float) -> float:
        asked.append(t[0])
        return await acquire(key, limit, per)

    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        t[0] += seconds

    monkeypatch.setattr(limiter, "acquire", counting)
    monkeypatch.setattr(pacing.asyncio, "sleep", fake_sleep)
    window = [Window("pace:x", 1, 2.0)]
    await wait_for_slots(limiter, window)
    t[0] += 0.5
    await wait_for_slots(limiter, window)
    assert slept == [1.5]  # one sleep, exactly until the window had room
    assert asked == [0.0, 0.5, 2.0]  # asked again only when the slot had opened


async def test_retrying_honours_the_wait_and_gives_up_after_the_last_retry() -> None:
    attempts = 0

    class Limited(Exception):
        pass

    async def flaky() -> str:
        nonlocal attempts
        attempts += 1
        if attempts < 3:
            raise Limited
        return "ok"

    def after(exc: BaseException) -> float | None:
        return 0.0 if isinstance(exc, Limited) else None

    assert await retrying(flaky, after, max_retries=5, what="t") == "ok"
    attempts = -10
    with pytest.raises(RateLimitedTooLong):
        await retrying(flaky, after, max_retries=2, what="t")

    async def broken() -> str:
        raise KeyError("not a rate limit")

    with pytest.raises(KeyError):
        await retrying(broken, after, max_retries=5, what="t")


async def test_lookup_cache_shares_one_lookup_expires_and_stays_bounded() -> None:
    t = [0.0]
    started: list[str] = []
    gate = asyncio.Event()

    async def lookup(key: str) -> str:
        started.append(key)
        await gate.wait()
        return key.upper()

    cache: LookupCache[str, str] = LookupCache(lookup, ttl=10, max_size=3, clock=lambda: t[0])
    burst = [asyncio.create_task(cache.get("a")) for _ in range(5)]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*burst) == ["A"] * 5
    assert started == ["a"]  # one lookup in flight for the whole burst
    for key in "bcde":
        await cache.get(key)
    assert len(cache) == 3  # the least recently used were evicted
    t[0] = 11
    await cache.get("e")
    assert len(cache) == 1  # everything else had expired


async def test_lookup_cache_does_not_keep_a_failure() -> None:
    answers = iter([RuntimeError("down"), "up"])

    async def lookup(key: str) -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    cache: LookupCache[str, str] = LookupCache(lookup, ttl=60)
    with pytest.raises(RuntimeError):
        await cache.get("k")
    assert await cache.get("k") == "up"


async def test_tasks_drain_finishes_quick_ones_and_cancels_the_stuck(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tasks = Tasks("t")
    done: list[str] = []
    stuck = asyncio.Event()

    async def quick() -> None:
        await asyncio.sleep(0)
        done.append("quick")

    async def forever() -> None:
        await stuck.wait()

    async def failing() -> None:
        raise ValueError("boom")

    with caplog.at_level(logging.ERROR):
        for coro in (quick(), forever(), failing()):
            tasks.spawn(coro)
        await tasks.drain(0.2)
    assert done == ["quick"] and len(tasks) == 0
    assert "boom" in caplog.text
