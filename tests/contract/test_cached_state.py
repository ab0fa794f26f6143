"""CachedStateStore: control state from a short-lived snapshot, hot writes batched behind."""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from core.config import Settings
from core.records import Handoff, Mute, MuteScope, ReplyRecord
from core.state import open_state_store
from core.state.cached import CachedStateStore
from core.state.common import ControlSnapshot, StateBatch
from core.state.memory import InMemoryStateStore
from core.state.sql import SqlStateStore

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
DAY = "2026-11-23"
C = "creator"
FAN = "discord:guild1:4242"
OTHER_FAN = "discord:guild1:777"
# The background flusher never fires on its own in tests that flush by hand.
NEVER = 3600.0


class Mono:
    """An injected monotonic clock: time moves only when a test says so."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class SpyStore(InMemoryStateStore):
    """The in-memory store, counting snapshot loads and able to stall or fail on cue."""

    def __init__(self) -> None:
        super().__init__()
        self.loads = 0
        self.batches = 0
        self.gate: asyncio.Event | None = None
        self.load_fails = False
        self.down = False
        self.forget_gate: asyncio.Event | None = None
        self.seen_gate: asyncio.Event | None = None

    async def control_snapshot(self, creator_id: str, now: datetime, day: str) -> ControlSnapshot:
        self.loads += 1
        # Read first, answer late: like a query whose result is on its way back.
        snap = await super().control_snapshot(creator_id, now, day)
        if self.gate is not None:
            await self.gate.wait()
        if self.load_fails:
            raise OperationalError("SELECT", {}, ConnectionRefusedError("refused"))
        return snap

    async def write_batch(self, batch: StateBatch) -> dict[tuple[str, str], int]:
        if self.down:
            raise OperationalError("INSERT", {}, ConnectionRefusedError("refused"))
        if any("\x00" in r.fan_text for r in batch.replies):
            # What PostgreSQL says of a NUL in text: bad data, not an outage.
            raise ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
        self.batches += 1
        return await super().write_batch(batch)

    async def fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str
    ) -> datetime | None:
        found = await super().fan_last_seen(creator_id, fan_id, community_id)
        if self.seen_gate is not None:
            await self.seen_gate.wait()
        return found

    async def forget_fan(
        self, creator_id: str, fan_id: str, conversations: Sequence[str] = ()
    ) -> int:
        if self.forget_gate is not None:
            await self.forget_gate.wait()
        return await super().forget_fan(creator_id, fan_id, conversations)


def _reply(fan_id: str, n: int) -> ReplyRecord:
    return ReplyRecord(f"r{n}", C, fan_id, "conv", f"fan says {n}", f"clone says {n}", T0)


async def _until(check: Callable[[], Awaitable[bool]]) -> None:
    """Poll `check` for up to 3 s: the background flusher runs on its own time."""
    for _ in range(300):
        if await check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("not within 3 s")


@pytest.fixture
def mono() -> Mono:
    return Mono()


@pytest.fixture
async def spy(mono: Mono) -> AsyncIterator[tuple[CachedStateStore, SpyStore]]:
    inner = SpyStore()
    cached = CachedStateStore(inner, clock=mono, wall=lambda: T0, flush_seconds=NEVER)
    yield cached, inner
    await cached.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"


# --- the control snapshot ----------------------------------------------------------------------


async def test_a_kill_set_on_another_handle_shows_after_the_ttl_and_not_before(
    sqlite_url: str, mono: Mono
) -> None:
    cached = CachedStateStore(await SqlStateStore.open(sqlite_url), clock=mono, ttl_seconds=0.5)
    cli = await SqlStateStore.open(sqlite_url, run_migrations=False)
    try:
        assert await cached.get_switch(C, "kill") is None
        await cli.set_switch(C, "kill", "on")
        mono.t += 0.49
        assert await cached.get_switch(C, "kill") is None, "served from the snapshot"
        assert "kill" not in await cached.switches(C)
        mono.t += 0.01
        assert await cached.get_switch(C, "kill") == "on", "never older than the ttl"
        assert await cached.switches(C) == {"kill": "on"}
    finally:
        await cached.close()
        await cli.close()


async def test_a_kill_set_through_the_wrapper_shows_at_once(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    assert await cached.switches(C) == {}
    await cached.set_switch(C, "kill", "on")
    assert await cached.get_switch(C, "kill") == "on"
    await cached.set_switch(C, "kill", None)
    assert await cached.switches(C) == {}
    assert inner.loads == 3


async def test_switches_are_copies_callers_may_change(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, _ = spy
    await cached.set_switch(C, "mode", "auto")
    mine = await cached.switches(C)
    mine["disclose:conv"] = "1"  # what HandoffGate does to the turn's switches
    assert await cached.switches(C) == {"mode": "auto"}


async def test_mutes_expire_by_now_without_a_refresh(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await cached.add_mute(Mute(C, MuteScope.CHANNEL, "ch", T0 + timedelta(minutes=10), "m", T0))
    await cached.add_mute(Mute(C, MuteScope.USER, FAN, None, "m", T0))
    assert [m.key for m in await cached.active_mutes(C, T0 + timedelta(minutes=9))] == ["ch", FAN]
    assert [m.key for m in await cached.active_mutes(C, T0 + timedelta(minutes=10))] == [FAN]
    assert inner.loads == 1
    # Asked about an earlier time than the snapshot was read for: read again, not guess.
    assert [m.key for m in await cached.active_mutes(C, T0 - timedelta(days=1))] == ["ch", FAN]


async def test_handoffs_come_from_the_snapshot_and_writes_show_at_once(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    handoff = Handoff(C, "conv", "mod", "asked", T0, T0 + timedelta(hours=1), "link")
    assert await cached.get_handoff(C, "conv") is None
    await cached.open_handoff(handoff)
    assert await cached.get_handoff(C, "conv") == handoff
    assert await cached.get_handoff(C, "other") is None
    await cached.close_handoff(C, "conv", T0 + timedelta(minutes=1))
    assert await cached.get_handoff(C, "conv") is None
    assert inner.loads == 3


async def test_concurrent_refreshes_make_one_inner_call(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    inner.gate = asyncio.Event()
    reads = [
        asyncio.create_task(read)
        for _ in range(10)
        for read in (cached.switches(C), cached.active_mutes(C, T0), cached.get_handoff(C, "x"))
    ]
    await asyncio.sleep(0.01)
    inner.gate.set()
    await asyncio.gather(*reads)
    assert inner.loads == 1


async def test_a_write_during_a_refresh_is_not_hidden_by_that_refresh(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    inner.gate = asyncio.Event()
    early = asyncio.create_task(cached.get_switch(C, "kill"))
    await asyncio.sleep(0.01)
    await cached.set_switch(C, "kill", "on")  # while the load that began before it runs
    inner.gate.set()
    await early
    assert await cached.get_switch(C, "kill") == "on"


async def test_a_failed_refresh_raises_and_never_serves_the_stale_snapshot(
    spy: tuple[CachedStateStore, SpyStore], mono: Mono
) -> None:
    cached, inner = spy
    await cached.set_switch(C, "mode", "auto")
    assert await cached.switches(C) == {"mode": "auto"}
    inner.load_fails = True
    assert await cached.switches(C) == {"mode": "auto"}, "still within the ttl"
    mono.t += 0.5
    with pytest.raises(OperationalError):
        await cached.switches(C)
    with pytest.raises(OperationalError):
        await cached.get_switch(C, "kill")
    inner.load_fails = False
    assert await cached.get_switch(C, "mode") == "auto"


async def test_ttl_zero_reads_through_every_time(mono: Mono) -> None:
    inner = SpyStore()
    cached = CachedStateStore(inner, clock=mono, ttl_seconds=0, flush_seconds=NEVER)
    try:
        assert await cached.switches(C) == {}
        await inner.set_switch(C, "kill", "on")
        await inner.add_mute(Mute(C, MuteScope.USER, FAN, None, "m", T0))
        await inner.open_handoff(Handoff(C, "conv", "mod", "asked", T0, None, "link"))
        await inner.add_usage(C, DAY, 4)
        assert await cached.get_switch(C, "kill") == "on"
        assert await cached.switches(C) == {"kill": "on"}
        assert len(await cached.active_mutes(C, T0)) == 1
        assert await cached.get_handoff(C, "conv") is not None
        assert await cached.add_usage(C, DAY, 1) == 5
        assert await cached.usage(C, DAY) == 5
        assert inner.loads == 0, "each read is the store's own query, not a snapshot"
    finally:
        await cached.close()


# --- usage -------------------------------------------------------------------------------------


async def test_usage_is_read_from_the_snapshot_plus_what_waits_to_be_written(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    assert await cached.usage(C, DAY) == 0
    assert await cached.add_usage(C, DAY, 40) == 40
    assert await cached.add_usage(C, DAY, 2) == 42
    assert await cached.add_usage(C, DAY, 0) == 42
    assert await inner.usage(C, DAY) == 0, "not written yet"
    await cached.flush()
    assert await inner.usage(C, DAY) == 42
    assert await cached.usage(C, DAY) == 42
    assert await cached.usage(C, "2026-11-24") == 0
    assert inner.batches == 1


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.scale)])
async def test_usage_adds_up_across_two_wrappers_on_one_database(
    engine: str, request: pytest.FixtureRequest, mono: Mono
) -> None:
    url = (
        request.getfixturevalue("sqlite_url")
        if engine == "sqlite"
        else request.getfixturevalue("pg").new()
    )
    creator = f"creator-{uuid.uuid4().hex[:8]}"
    a = CachedStateStore(await SqlStateStore.open(url), clock=mono, flush_seconds=0.01)
    b = CachedStateStore(
        await SqlStateStore.open(url, run_migrations=False), clock=mono, flush_seconds=0.01
    )
    try:
        await asyncio.gather(*(r.add_usage(creator, DAY, 7) for r in [a, b] * 15))
        await a.flush()
        await b.flush()
        assert await a.inner.usage(creator, DAY) == 210
        mono.t += 0.5
        assert await a.usage(creator, DAY) == 210
        assert await b.add_usage(creator, DAY, 0) == 210
    finally:
        await a.close()
        await b.close()


# --- write-behind ------------------------------------------------------------------------------


async def test_replies_are_flushed_before_they_are_read(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await cached.log_reply(_reply(FAN, 1))
    await cached.log_reply(_reply(FAN, 2))
    assert await inner.replies(C) == [], "written behind"
    assert [r.id for r in await cached.replies(C)] == ["r2", "r1"]
    await cached.log_reply(_reply(FAN, 3))
    assert await cached.flag_reply(C, "r3", "reported") is True
    assert [r.id for r in await inner.replies(C, flag="reported")] == ["r3"]
    await cached.log_reply(_reply(OTHER_FAN, 4))
    assert len((await cached.export_fan(C, OTHER_FAN))["replies"]) == 1


async def test_a_flush_is_one_batch_that_coalesces(spy: tuple[CachedStateStore, SpyStore]) -> None:
    cached, inner = spy
    for minutes in (5, 1, 3):
        await cached.touch_channel(C, "ch", T0 + timedelta(minutes=minutes))
        await cached.set_fan_last_seen(C, FAN, "g", T0 + timedelta(minutes=minutes))
        await cached.add_usage(C, DAY, minutes)
    await cached.log_reply(_reply(FAN, 1))
    await cached.log_reply(ReplyRecord("r1", C, FAN, "conv", "edited", "again", T0))
    assert cached.pending_rows == 4
    await cached.flush()
    assert inner.batches == 1 and cached.pending_rows == 0
    assert await inner.channel_activity(C, "ch") == T0 + timedelta(minutes=5), "never backwards"
    assert await inner.fan_last_seen(C, FAN, "g") == T0 + timedelta(minutes=3), "the last write"
    assert [r.fan_text for r in await inner.replies(C)] == ["edited"]
    assert await inner.usage(C, DAY) == 9


async def test_hot_reads_see_this_process_writes_before_they_are_flushed(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await inner.touch_channel(C, "ch", T0 + timedelta(hours=1))
    await cached.touch_channel(C, "ch", T0)
    assert await cached.channel_activity(C, "ch") == T0 + timedelta(hours=1)
    await cached.touch_channel(C, "ch", T0 + timedelta(hours=2))
    assert await cached.channel_activity(C, "ch") == T0 + timedelta(hours=2)
    await cached.set_fan_last_seen(C, FAN, "g", T0)
    assert await cached.fan_last_seen(C, FAN, "g") == T0
    assert await inner.fan_last_seen(C, FAN, "g") is None
    with pytest.raises(ValueError):
        await cached.touch_channel(C, "ch", datetime(2026, 1, 1, 12, 0))


async def test_fan_last_seen_is_kept_a_minute_then_read_again(
    spy: tuple[CachedStateStore, SpyStore], mono: Mono
) -> None:
    cached, inner = spy
    assert await cached.fan_last_seen(C, FAN, "g") is None
    await inner.set_fan_last_seen(C, FAN, "g", T0)  # another replica saw the fan
    mono.t += 59
    assert await cached.fan_last_seen(C, FAN, "g") is None
    mono.t += 1
    assert await cached.fan_last_seen(C, FAN, "g") == T0


async def test_rows_reaching_flush_rows_are_written_without_waiting_for_the_tick(
    mono: Mono,
) -> None:
    inner = SpyStore()
    cached = CachedStateStore(inner, clock=mono, flush_seconds=NEVER, flush_rows=3)
    try:
        await cached.log_reply(_reply(FAN, 1))
        await cached.log_reply(_reply(FAN, 2))
        await asyncio.sleep(0.05)
        assert inner.batches == 0
        await cached.log_reply(_reply(FAN, 3))

        async def written() -> bool:
            return len(await inner.replies(C)) == 3

        await _until(written)
        assert inner.batches == 1
    finally:
        await cached.close()


async def test_the_flusher_writes_on_its_tick(mono: Mono) -> None:
    inner = SpyStore()
    cached = CachedStateStore(inner, clock=mono, flush_seconds=0.02)
    try:
        await cached.add_usage(C, DAY, 5)

        async def written() -> bool:
            return await inner.usage(C, DAY) == 5

        await _until(written)
    finally:
        await cached.close()


async def test_a_dead_database_keeps_the_rows_and_writes_them_when_it_returns(
    mono: Mono, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="core.state.cached")
    inner = SpyStore()
    inner.down = True
    cached = CachedStateStore(inner, clock=mono, flush_seconds=0.01)
    try:
        await cached.log_reply(_reply(FAN, 1))
        await cached.add_usage(C, DAY, 10)
        await asyncio.sleep(0.1)  # several ticks fail
        await cached.log_reply(_reply(FAN, 2))
        await cached.add_usage(C, DAY, 5)
        await asyncio.sleep(0.05)
        assert cached.pending_rows == 3
        assert await cached.usage(C, DAY) == 15
        errors = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == 1 and "state writes failed" in errors[0].getMessage()
        inner.down = False

        async def written() -> bool:
            return len(await inner.replies(C)) == 2

        await _until(written)
        assert await inner.usage(C, DAY) == 15
        assert cached.pending_rows == 0
        assert sum("written again" in r.getMessage() for r in caplog.records) == 1
    finally:
        await cached.close()


async def test_a_row_the_store_refuses_is_dropped_and_the_rest_written(
    spy: tuple[CachedStateStore, SpyStore], caplog: pytest.LogCaptureFixture
) -> None:
    cached, inner = spy
    await cached.log_reply(_reply(FAN, 1))
    await cached.log_reply(ReplyRecord("bad", C, FAN, "conv", "nul \x00 here", "reply", T0))
    await cached.add_usage(C, DAY, 3)
    await cached.flush()
    assert [r.id for r in await inner.replies(C)] == ["r1"]
    assert await inner.usage(C, DAY) == 3
    assert cached.pending_rows == 0
    assert "state row refused and dropped (replies" in caplog.text


async def test_close_flushes_and_closes_the_inner_store(sqlite_url: str) -> None:
    cached = CachedStateStore(await SqlStateStore.open(sqlite_url), flush_seconds=NEVER)
    await cached.log_reply(_reply(FAN, 1))
    await cached.touch_channel(C, "ch", T0)
    await cached.set_fan_last_seen(C, FAN, "g", T0)
    await cached.add_usage(C, DAY, 3)
    await cached.close()
    again = await SqlStateStore.open(sqlite_url, run_migrations=False)
    try:
        assert [r.id for r in await again.replies(C)] == ["r1"]
        assert await again.channel_activity(C, "ch") == T0
        assert await again.fan_last_seen(C, FAN, "g") == T0
        assert await again.usage(C, DAY) == 3
    finally:
        await again.close()


async def test_a_store_built_before_its_loop_starts_works_on_that_loop() -> None:
    inner = SpyStore()
    cached = CachedStateStore(inner, flush_seconds=0.01)

    async def use() -> list[ReplyRecord]:
        await cached.log_reply(_reply(FAN, 1))
        await asyncio.sleep(0.1)
        found = await inner.replies(C)
        await cached.close()
        return found

    # A loop of its own, as a CLI command or a test fixture would have.
    found = await asyncio.to_thread(asyncio.run, use())
    assert [r.id for r in found] == ["r1"]


# --- forgetting --------------------------------------------------------------------------------


async def test_forget_fan_leaves_no_pending_write_of_that_fan(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await cached.log_reply(_reply(FAN, 1))
    await cached.log_reply(_reply(OTHER_FAN, 2))
    await cached.set_fan_last_seen(C, FAN, "g", T0)
    await cached.add_mute(Mute(C, MuteScope.USER, FAN, None, "m", T0))
    assert len(await cached.active_mutes(C, T0)) == 1
    # Flushed first, then deleted: the count matches a store without the cache.
    assert await cached.forget_fan(C, FAN) == 2
    await cached.flush()
    assert [r.fan_id for r in await inner.replies(C)] == [OTHER_FAN]
    assert await cached.fan_last_seen(C, FAN, "g") is None
    # The mute is a moderator's decision, not the fan's words: it outlives the forget.
    assert len(await cached.active_mutes(C, T0)) == 1


async def test_a_reply_logged_while_the_fan_is_forgotten_is_never_written(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    inner.forget_gate = asyncio.Event()
    forgetting = asyncio.create_task(cached.forget_fan(C, FAN))
    await asyncio.sleep(0.01)
    # A turn of that fan finishes while the forget runs.
    await cached.log_reply(_reply(FAN, 1))
    await cached.set_fan_last_seen(C, FAN, "g", T0)
    await cached.log_reply(_reply(OTHER_FAN, 2))
    inner.forget_gate.set()
    await forgetting
    await cached.flush()
    assert [r.fan_id for r in await inner.replies(C)] == [OTHER_FAN]
    assert await inner.fan_last_seen(C, FAN, "g") is None
    assert await cached.fan_last_seen(C, FAN, "g") is None


async def test_a_last_seen_read_during_a_forget_is_not_kept(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await inner.set_fan_last_seen(C, FAN, "g", T0)
    inner.seen_gate = asyncio.Event()
    reading = asyncio.create_task(cached.fan_last_seen(C, FAN, "g"))
    await asyncio.sleep(0.01)
    await cached.forget_fan(C, FAN)
    inner.seen_gate.set()
    assert await reading == T0, "the read began before the forget"
    assert await cached.fan_last_seen(C, FAN, "g") is None


async def test_delete_creator_drops_pending_rows_and_cached_state(
    spy: tuple[CachedStateStore, SpyStore],
) -> None:
    cached, inner = spy
    await cached.set_switch(C, "kill", "on")
    await cached.add_usage(C, DAY, 9)
    await cached.log_reply(_reply(FAN, 1))
    await cached.touch_channel(C, "ch", T0)
    assert await cached.get_switch(C, "kill") == "on"
    await cached.delete_creator(C)
    await cached.flush()
    assert await cached.switches(C) == {}
    assert await cached.usage(C, DAY) == 0
    assert await inner.replies(C) == [] and await cached.channel_activity(C, "ch") is None


# --- wiring ------------------------------------------------------------------------------------


async def test_open_state_store_takes_its_timings_from_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLONEBOT_CONTROL_CACHE_SECONDS", "2.5")
    monkeypatch.setenv("CLONEBOT_STATE_FLUSH_SECONDS", "0.05")
    settings = Settings(data_dir=tmp_path)
    assert (settings.control_cache_seconds, settings.state_flush_seconds) == (2.5, 0.05)
    assert Settings.model_fields["control_cache_seconds"].default == 0.5
    assert Settings.model_fields["state_flush_seconds"].default == 0.2
    store = await open_state_store(settings, "alice")
    try:
        assert isinstance(store, CachedStateStore)
        assert (store.ttl_seconds, store.flush_seconds) == (2.5, 0.05)
    finally:
        await store.close()


# --- shutdown: retry within the grace, then spill to a local file ---------------------------


async def test_close_keeps_trying_within_its_grace_until_the_database_returns(
    tmp_path: Path,
) -> None:
    inner = SpyStore()
    inner.down = True
    cached = CachedStateStore(inner, flush_seconds=NEVER, close_seconds=10.0)
    await cached.log_reply(_reply(FAN, 1))

    async def back_soon() -> None:
        await asyncio.sleep(0.3)
        inner.down = False

    back = asyncio.create_task(back_soon())
    await cached.close()
    await back
    assert [r.id for r in await inner.replies(C)] == ["r1"], "written once it was back"


async def test_rows_still_unwritten_at_close_are_spilled_and_replayed_on_the_next_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spill = tmp_path / "alice" / "state-spill.json"
    inner = SpyStore()
    inner.down = True
    cached = CachedStateStore(inner, flush_seconds=NEVER, close_seconds=0.2, spill_path=spill)
    await cached.log_reply(_reply(FAN, 1))
    await cached.add_usage(C, DAY, 10)
    await cached.touch_channel(C, "ch", T0)
    await cached.set_fan_last_seen(C, FAN, "g", T0)
    await cached.close()
    assert spill.exists() and "state-spill.json" in caplog.text
    assert await inner.replies(C) == []

    # The next start, with the database still down: nothing is lost, nothing replayed twice.
    again = CachedStateStore(inner, flush_seconds=NEVER, close_seconds=0.2, spill_path=spill)
    assert await again.replay_spill() == 4
    assert await again.usage(C, DAY) == 10
    await again.close()
    assert spill.exists()

    inner.down = False
    third = CachedStateStore(inner, flush_seconds=NEVER, spill_path=spill)
    assert await third.replay_spill() == 4
    assert not spill.exists(), "written, so the spill file is gone"
    assert [r.id for r in await inner.replies(C)] == ["r1"]
    assert await inner.usage(C, DAY) == 10, "usage counted once"
    assert await inner.channel_activity(C, "ch") == T0
    assert await inner.fan_last_seen(C, FAN, "g") == T0
    await third.close()
    fourth = CachedStateStore(inner, flush_seconds=NEVER, spill_path=spill)
    assert await fourth.replay_spill() == 0
    await fourth.close()
    assert await inner.usage(C, DAY) == 10


async def test_a_corrupt_spill_file_is_set_aside_with_an_error_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spill = tmp_path / "state-spill.json"
    spill.write_text("{not json")
    cached = CachedStateStore(SpyStore(), flush_seconds=NEVER, spill_path=spill)
    assert await cached.replay_spill() == 0
    assert os.listdir(tmp_path) == ["state-spill.json.bad-1"], "set aside, not deleted"
    assert "spill" in caplog.text
    await cached.close()


async def test_open_state_store_spills_under_the_clones_data_dir_and_replays(
    tmp_path: Path,
) -> None:
    store = await open_state_store(Settings(data_dir=tmp_path), "alice")
    try:
        assert isinstance(store, CachedStateStore)
        assert store.spill_path == tmp_path / "alice" / "state-spill.json"
    finally:
        await store.close()


async def test_purge_writes_queued_rows_before_it_rewrites_the_files(
    sqlite_url: str, tmp_path: Path
) -> None:
    # A deleted message's reply-log row is scrubbed through the write-behind while the forget
    # asks for a purge; a purge that ran before the scrub reached SQLite left the old text in
    # state.db (seen as a flaky test_forget_complete under load).
    canary = "cnry-purge-after-flush"
    cached = CachedStateStore(await SqlStateStore.open(sqlite_url), flush_seconds=NEVER)
    row = replace(_reply(FAN, 1), fan_text=f"my address is {canary}")
    await cached.log_reply(row)
    await cached.flush()
    await cached.log_reply(replace(row, fan_text="[deleted by the fan]"))
    await cached.purge()
    await cached.flush()  # whatever the purge left queued lands now, as it would while serving
    try:
        assert _state_files_holding(tmp_path, canary) == []
    finally:
        await cached.close()


def _state_files_holding(folder: Path, word: str) -> list[str]:
    files = [p for p in folder.iterdir() if p.name.startswith("state.db")]
    assert files, "the SQLite files are where the test expects them"
    return [p.name for p in files if word.encode() in p.read_bytes()]
