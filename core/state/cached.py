"""CachedStateStore: control state from a short-lived snapshot, hot-path writes batched behind."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from core.ops.metrics import DEPENDENCY_ERRORS
from core.ports import StateStore
from core.records import (
    AuditEntry,
    Draft,
    DraftStatus,
    Handoff,
    Mute,
    OutboxEntry,
    OutboxStatus,
    ReplyRecord,
)
from core.state.common import ControlSnapshot, StateBatch, utc
from core.state.outage import is_state_outage
from core.state.spill import read_spill, write_spill

log = logging.getLogger(__name__)

# A snapshot holds mutes that ended up to this long before the `now` it was read for, so
# turns whose clocks differ a little (out-of-order deliveries) share it instead of rereading.
_MUTE_GRACE = timedelta(minutes=5)


class BatchingStateStore(StateStore, Protocol):
    """A StateStore that also reads control state in one go and writes hot rows in batches."""

    async def control_snapshot(
        self, creator_id: str, now: datetime, day: str
    ) -> ControlSnapshot: ...

    async def write_batch(self, batch: StateBatch) -> dict[tuple[str, str], int]: ...


@dataclass(slots=True)
class _Control:
    snap: ControlSnapshot
    loaded_at: float  # monotonic time the read began: the data is at least this fresh
    since: datetime  # mutes that ended before this were not read


@dataclass(slots=True)
class _Load:
    generation: int
    since: datetime
    day: str
    task: asyncio.Task[ControlSnapshot]


@dataclass(slots=True)
class _Pending:
    """Rows written behind, coalesced by key."""

    activity: dict[tuple[str, str], datetime] = field(default_factory=dict)
    fan_seen: dict[tuple[str, str, str], datetime] = field(default_factory=dict)
    replies: dict[tuple[str, str], ReplyRecord] = field(default_factory=dict)
    usage: dict[tuple[str, str], int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.activity) + len(self.fan_seen) + len(self.replies) + len(self.usage)

    def batch(self) -> StateBatch:
        return StateBatch(
            activity=tuple((c, k, at) for (c, k), at in self.activity.items()),
            fan_seen=tuple((c, f, m, at) for (c, f, m), at in self.fan_seen.items()),
            replies=tuple(self.replies.values()),
            usage=tuple((c, d, n) for (c, d), n in self.usage.items()),
        )

    def absorb(self, newer: _Pending) -> None:
        """Lay rows written later over these (a failed batch going back in line)."""
        for key, at in newer.activity.items():
            self.activity[key] = max(at, self.activity.get(key, at))
        self.fan_seen.update(newer.fan_seen)
        self.replies.update(newer.replies)
        for key, tokens in newer.usage.items():
            self.usage[key] = self.usage.get(key, 0) + tokens

    @classmethod
    def of(cls, batch: StateBatch) -> _Pending:
        rows = cls()
        for c, k, at in batch.activity:
            rows.activity[(c, k)] = max(utc(at), rows.activity.get((c, k), utc(at)))
        for c, f, m, at in batch.fan_seen:
            rows.fan_seen[(c, f, m)] = utc(at)
        for r in batch.replies:
            rows.replies[(r.creator_id, r.id)] = replace(r, at=utc(r.at))
        for c, d, n in batch.usage:
            rows.usage[(c, d)] = rows.usage.get((c, d), 0) + n
        return rows

    def drop(self, creator_id: str, fan_id: str | None = None) -> None:
        """Forget a fan's rows (or, with no fan, all of a creator's)."""
        self.fan_seen = {
            k: at
            for k, at in self.fan_seen.items()
            if k[0] != creator_id or fan_id not in (None, k[1])
        }
        self.replies = {
            k: r
            for k, r in self.replies.items()
            if k[0] != creator_id or fan_id not in (None, r.fan_id)
        }
        if fan_id is None:
            self.activity = {k: at for k, at in self.activity.items() if k[0] != creator_id}
            self.usage = {k: n for k, n in self.usage.items() if k[0] != creator_id}


def _utcnow() -> datetime:
    return datetime.now(UTC)


class CachedStateStore:
    """The whole StateStore around another one, cheap on the reply hot path.

    - Control state (switches, live mutes, open handoffs, the day's usage) comes from one
      snapshot per creator, read in one call and reused for `ttl_seconds`. Writes to control
      state through this store go to the inner store and drop the snapshot, so this process
      sees them at once; other replicas and the CLI are seen within `ttl_seconds`. A snapshot
      that cannot be refreshed is never served past its ttl: the read raises, as the inner
      store would, so the clone fails closed.
    - Channel activity, fans' last-seen times, the reply log and token usage are written
      behind: gathered in memory and written in one transaction every `flush_seconds` (or
      at `flush_rows` rows). A failed write keeps its rows for the next tick. Reads of those
      tables see this process's pending rows, or flush before reading.
    - Everything else passes straight through.

    Args:
        inner: the store that holds the data (SQL, or the in-memory twin).
        ttl_seconds: how old a control snapshot may be; 0 sends every read to the inner store.
        flush_seconds: how often pending rows are written.
        flush_rows: write as soon as this many rows are pending.
        clock: monotonic seconds (tests inject their own).
        wall: UTC now, for snapshots read before any turn said what time it is.
        seen_entries: how many fans' last-seen times to keep in memory.
        seen_seconds: how long a remembered last-seen time is trusted.
        close_seconds: how long `close` keeps trying to write what is pending.
        spill_path: where `close` leaves the rows it could not write, and where
            `replay_spill` finds them at the next start (None: they are lost, and logged).
    """

    def __init__(
        self,
        inner: BatchingStateStore,
        *,
        ttl_seconds: float = 0.5,
        flush_seconds: float = 0.2,
        flush_rows: int = 500,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = _utcnow,
        seen_entries: int = 10_000,
        seen_seconds: float = 60.0,
        close_seconds: float = 5.0,
        spill_path: Path | None = None,
    ) -> None:
        self.inner = inner
        self.spill_path = spill_path
        # Rows replayed from the spill file wait in `_pending`; the file goes once written.
        self._replayed = False
        self.ttl_seconds = ttl_seconds
        self.flush_seconds = flush_seconds
        self.flush_rows = flush_rows
        self._clock = clock
        self._wall = wall
        self._seen_entries = seen_entries
        self._seen_seconds = seen_seconds
        self._close_seconds = close_seconds
        # Control snapshots, the loads in flight, and a count of writes per creator: a load
        # that began before a write must not be kept as if it came after.
        self._controls: dict[str, _Control] = {}
        self._loads: dict[str, _Load] = {}
        self._generation: dict[str, int] = {}
        # The latest turn time and usage day asked about per creator: what the next load reads.
        self._last_now: dict[str, datetime] = {}
        self._day: dict[str, str] = {}
        # The highest day total the database has shown (it only grows while the day lasts),
        # and a count of delete_creator calls, after which a total read before is void.
        self._usage_db: dict[tuple[str, str], int] = {}
        self._deleted: dict[str, int] = {}
        self._pending = _Pending()
        self._inflight: _Pending | None = None
        self._seen: OrderedDict[tuple[str, str, str], tuple[datetime | None, float]] = (
            OrderedDict()
        )
        # Bumped by every forget: a read that began before one must not bring its answer back.
        self._forgets = 0
        self._failing_since: float | None = None
        self._closed = False
        # Bound to the loop that uses the store, which may not exist yet when it is built.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._flush_lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None

    @property
    def pending_rows(self) -> int:
        """Rows waiting to be written (a failed batch included)."""
        return len(self._pending) + len(self._inflight or ())

    def _on_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            self._flush_lock = asyncio.Lock()
            self._wake = asyncio.Event()
            self._flusher = None
            self._loads.clear()

    # --- control snapshot -------------------------------------------------------------------

    def _invalidate(self, creator_id: str) -> None:
        self._controls.pop(creator_id, None)
        self._generation[creator_id] = self._generation.get(creator_id, 0) + 1

    async def _control(
        self, creator_id: str, *, now: datetime | None = None, day: str | None = None
    ) -> ControlSnapshot:
        self._on_loop()
        if now is not None:
            now = utc(now)
            self._last_now[creator_id] = now
        if day is not None:
            self._day[creator_id] = day
        held = self._controls.get(creator_id)
        if (
            held is not None
            and self._clock() - held.loaded_at < self.ttl_seconds
            and (now is None or now >= held.since)
            and (day is None or day == held.snap.day)
        ):
            return held.snap
        generation = self._generation.get(creator_id, 0)
        load = self._loads.get(creator_id)
        if (
            load is None
            or load.generation != generation
            or (now is not None and now < load.since)
            or (day is not None and day != load.day)
        ):
            base = now or self._last_now.get(creator_id) or self._wall()
            since = base - _MUTE_GRACE
            read_day = self._day.get(creator_id) or self._wall().date().isoformat()
            task = asyncio.ensure_future(self._load(creator_id, since, read_day, generation))
            task.add_done_callback(_quiet)
            load = _Load(generation, since, read_day, task)
            self._loads[creator_id] = load
        # Shielded: one caller giving up does not cancel the read the others wait for.
        return await asyncio.shield(load.task)

    async def _load(
        self, creator_id: str, since: datetime, day: str, generation: int
    ) -> ControlSnapshot:
        started = self._clock()
        deleted = self._deleted.get(creator_id, 0)
        try:
            snap = await self.inner.control_snapshot(creator_id, since, day)
        finally:
            load = self._loads.get(creator_id)
            if load is not None and load.task is asyncio.current_task():
                del self._loads[creator_id]
        # Kept even if a control write came meanwhile: that write did not touch usage.
        self._saw_usage(creator_id, day, snap.usage, deleted)
        if self._generation.get(creator_id, 0) == generation:
            held = self._controls.get(creator_id)
            if held is None or held.loaded_at <= started:
                self._controls[creator_id] = _Control(snap, started, since)
        return snap

    # With a ttl of 0 each read goes to the inner store's own query (no snapshot of four).

    async def get_switch(self, creator_id: str, key: str) -> str | None:
        if self.ttl_seconds <= 0:
            return await self.inner.get_switch(creator_id, key)
        return (await self._control(creator_id)).switches.get(key)

    async def switches(self, creator_id: str) -> dict[str, str]:
        if self.ttl_seconds <= 0:
            return await self.inner.switches(creator_id)
        # A copy: callers change their dict (HandoffGate marks a disclosure in it).
        return dict((await self._control(creator_id)).switches)

    async def active_mutes(self, creator_id: str, now: datetime) -> list[Mute]:
        if self.ttl_seconds <= 0:
            return await self.inner.active_mutes(creator_id, now)
        snap = await self._control(creator_id, now=now)
        now = utc(now)
        return [m for m in snap.mutes if m.until is None or m.until > now]

    async def get_handoff(self, creator_id: str, conversation_id: str) -> Handoff | None:
        if self.ttl_seconds <= 0:
            return await self.inner.get_handoff(creator_id, conversation_id)
        snap = await self._control(creator_id)
        for handoff in reversed(snap.handoffs):
            if handoff.conversation_id == conversation_id:
                return handoff
        return None

    async def set_switch(self, creator_id: str, key: str, value: str | None) -> None:
        try:
            await self.inner.set_switch(creator_id, key, value)
        finally:
            self._invalidate(creator_id)

    async def add_mute(self, mute: Mute) -> None:
        try:
            await self.inner.add_mute(mute)
        finally:
            self._invalidate(mute.creator_id)

    async def remove_mutes(self, creator_id: str, key: str | None = None) -> int:
        try:
            return await self.inner.remove_mutes(creator_id, key)
        finally:
            self._invalidate(creator_id)

    async def open_handoff(self, handoff: Handoff) -> None:
        try:
            await self.inner.open_handoff(handoff)
        finally:
            self._invalidate(handoff.creator_id)

    async def close_handoff(self, creator_id: str, conversation_id: str, at: datetime) -> bool:
        try:
            return await self.inner.close_handoff(creator_id, conversation_id, at)
        finally:
            self._invalidate(creator_id)

    async def open_handoffs(self, creator_id: str) -> list[Handoff]:
        return await self.inner.open_handoffs(creator_id)

    # --- usage ------------------------------------------------------------------------------

    def _usage_total(self, creator_id: str, day: str) -> int:
        key = (creator_id, day)
        inflight = self._inflight.usage.get(key, 0) if self._inflight is not None else 0
        return self._usage_db.get(key, 0) + inflight + self._pending.usage.get(key, 0)

    async def usage(self, creator_id: str, day: str) -> int:
        if self.ttl_seconds <= 0:
            deleted = self._deleted.get(creator_id, 0)
            found = await self.inner.usage(creator_id, day)
            self._saw_usage(creator_id, day, found, deleted)
        else:
            await self._control(creator_id, day=day)
        return self._usage_total(creator_id, day)

    def _saw_usage(self, creator_id: str, day: str, tokens: int, deleted: int) -> None:
        # Unless the creator was deleted since the read began: then the total read is void.
        if self._deleted.get(creator_id, 0) == deleted:
            key = (creator_id, day)
            self._usage_db[key] = max(self._usage_db.get(key, 0), tokens)

    async def add_usage(self, creator_id: str, day: str, tokens: int) -> int:
        """Add tokens behind; returns the day's total as of the snapshot plus this process's
        unwritten adds (another replica's adds show within the ttl)."""
        if tokens == 0 or self._closed:
            if self._closed:
                return await self.inner.add_usage(creator_id, day, tokens)
            return await self.usage(creator_id, day)
        self._on_loop()
        key = (creator_id, day)
        self._pending.usage[key] = self._pending.usage.get(key, 0) + tokens
        self._written()
        if key not in self._usage_db:
            return await self.usage(creator_id, day)
        return self._usage_total(creator_id, day)

    # --- written behind ---------------------------------------------------------------------

    async def touch_channel(self, creator_id: str, channel_key: str, at: datetime) -> None:
        at = utc(at)
        if self._closed:
            return await self.inner.touch_channel(creator_id, channel_key, at)
        self._on_loop()
        key = (creator_id, channel_key)
        # Deliveries arrive out of order; the last activity never moves backwards.
        self._pending.activity[key] = max(at, self._pending.activity.get(key, at))
        self._written()

    async def channel_activity(self, creator_id: str, channel_key: str) -> datetime | None:
        found = await self.inner.channel_activity(creator_id, channel_key)
        key = (creator_id, channel_key)
        for rows in (self._inflight, self._pending):
            mine = rows.activity.get(key) if rows is not None else None
            if mine is not None and (found is None or mine > found):
                found = mine
        return found

    async def set_fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str, at: datetime
    ) -> None:
        at = utc(at)
        if self._closed:
            return await self.inner.set_fan_last_seen(creator_id, fan_id, community_id, at)
        self._on_loop()
        key = (creator_id, fan_id, community_id)
        self._pending.fan_seen[key] = at
        self._remember(key, at)
        self._written()

    async def fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str
    ) -> datetime | None:
        key = (creator_id, fan_id, community_id)
        for rows in (self._pending, self._inflight):
            if rows is not None and key in rows.fan_seen:
                return rows.fan_seen[key]
        held = self._seen.get(key)
        if held is not None and self._clock() - held[1] < self._seen_seconds:
            self._seen.move_to_end(key)
            return held[0]
        forgets = self._forgets
        found = await self.inner.fan_last_seen(creator_id, fan_id, community_id)
        if key in self._pending.fan_seen:
            # Written while we read: this process's newer value wins.
            return self._pending.fan_seen[key]
        if forgets == self._forgets:
            self._remember(key, found)
        return found

    def _remember(self, key: tuple[str, str, str], at: datetime | None) -> None:
        self._seen[key] = (at, self._clock())
        self._seen.move_to_end(key)
        while len(self._seen) > self._seen_entries:
            self._seen.popitem(last=False)

    def _forget_seen(self, creator_id: str, fan_id: str | None = None) -> None:
        self._forgets += 1
        for key in [k for k in self._seen if k[0] == creator_id and fan_id in (None, k[1])]:
            del self._seen[key]

    async def log_reply(self, record: ReplyRecord) -> None:
        record = replace(record, at=utc(record.at), flags=tuple(record.flags))
        if self._closed:
            return await self.inner.log_reply(record)
        self._on_loop()
        # The same id overwrites, as the store's upsert does.
        self._pending.replies[(record.creator_id, record.id)] = record
        self._written()

    async def flag_reply(self, creator_id: str, reply_id: str, flag: str) -> bool:
        await self.flush()
        return await self.inner.flag_reply(creator_id, reply_id, flag)

    async def replies(
        self, creator_id: str, flag: str | None = None, limit: int = 50
    ) -> list[ReplyRecord]:
        await self.flush()
        return await self.inner.replies(creator_id, flag, limit)

    # --- flushing ---------------------------------------------------------------------------

    def _written(self) -> None:
        """Make sure the flusher runs; wake it early when enough rows wait."""
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_loop())
        if len(self._pending) >= self.flush_rows:
            self._wake.set()

    async def _flush_loop(self) -> None:
        # Runs while rows wait and ends when none do; the next write starts it again.
        while self._pending:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.flush_seconds):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self.flush()
            except Exception:
                # Logged once per outage in _flush; wait a full tick before the retry.
                self._wake.clear()
                await asyncio.sleep(self.flush_seconds)

    async def flush(self) -> None:
        """Write every pending row now, in one transaction; raises if the store cannot."""
        self._on_loop()
        async with self._flush_lock:
            await self._flush()

    async def _flush(self) -> None:
        if not self._pending:
            self._spill_written()
            return
        batch, self._pending = self._pending, _Pending()
        self._inflight = batch
        try:
            try:
                totals = await self.inner.write_batch(batch.batch())
            except Exception as exc:
                if is_state_outage(exc):
                    self._failed(exc)
                    raise
                # Not an outage, so some row is refused (bad data): row by row, that one row
                # cannot hold every other back for ever.
                totals = await self._row_by_row(batch)
        except BaseException:
            # Nothing is dropped: the unwritten rows go back in line, under any newer ones.
            batch.absorb(self._pending)
            self._pending = batch
            self._inflight = None
            raise
        self._inflight = None
        self._spill_written()
        for key, total in totals.items():
            self._usage_db[key] = max(self._usage_db.get(key, 0), total)
        if self._failing_since is not None:
            log.warning(
                "state writes written again after %.1fs (%d rows)",
                self._clock() - self._failing_since,
                len(batch),
            )
            self._failing_since = None

    async def _row_by_row(self, batch: _Pending) -> dict[tuple[str, str], int]:
        """Write `batch` one row per transaction, taking each row out once it is done; a row
        the store refuses is logged and dropped. Raises on an outage (the rest stay)."""
        rows: list[tuple[str, Any, StateBatch]] = [
            *(("activity", k, StateBatch(activity=((*k, v),))) for k, v in batch.activity.items()),
            *(("fan_seen", k, StateBatch(fan_seen=((*k, v),))) for k, v in batch.fan_seen.items()),
            *(("replies", k, StateBatch(replies=(v,))) for k, v in batch.replies.items()),
            *(("usage", k, StateBatch(usage=((*k, v),))) for k, v in batch.usage.items()),
        ]
        totals: dict[tuple[str, str], int] = {}
        for table, key, one in rows:
            try:
                totals.update(await self.inner.write_batch(one))
            except Exception as exc:
                if is_state_outage(exc):
                    self._failed(exc)
                    raise
                log.error("state row refused and dropped (%s %s): %s", table, key, exc)
            del getattr(batch, table)[key]
        return totals

    def _failed(self, exc: Exception) -> None:
        DEPENDENCY_ERRORS.labels("state").inc()
        if self._failing_since is None:
            self._failing_since = self._clock()
            cause = str(exc).strip().splitlines()[0] if str(exc) else ""
            log.error(
                "state writes failed (%s: %s); keeping %d rows (reply log, usage, activity) "
                "to retry every %.1fs",
                type(exc).__name__,
                cause[:300],
                len(self._pending),
                self.flush_seconds,
            )
        else:
            log.debug("state writes still failing; %d rows kept", len(self._pending))

    # --- fans and creators ------------------------------------------------------------------

    async def export_fan(self, creator_id: str, fan_id: str) -> dict[str, list[dict[str, str]]]:
        await self.flush()
        return await self.inner.export_fan(creator_id, fan_id)

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        await self.flush()
        return await self.inner.fan_ids(creator_id, person)

    async def purge(self) -> bool:
        # Rows still waiting in the write-behind (a scrubbed reply log row, say) must reach the
        # database before its files are rewritten, or their old bytes outlive the purge.
        await self.flush()
        return await self.inner.purge()

    async def forget_fan(
        self, creator_id: str, fan_id: str, conversations: Sequence[str] = ()
    ) -> int:
        self._on_loop()
        # Under the flush lock, so no batch holding this fan's rows is written after the forget.
        async with self._flush_lock:
            await self._flush()
            try:
                self._pending.drop(creator_id, fan_id)
                return await self.inner.forget_fan(creator_id, fan_id, conversations)
            finally:
                # Rows of the fan written while the forget ran are forgotten too.
                self._pending.drop(creator_id, fan_id)
                self._forget_seen(creator_id, fan_id)
                self._invalidate(creator_id)

    async def delete_creator(self, creator_id: str) -> int:
        self._on_loop()
        async with self._flush_lock:
            await self._flush()
            try:
                self._pending.drop(creator_id)
                return await self.inner.delete_creator(creator_id)
            finally:
                self._pending.drop(creator_id)
                self._forget_seen(creator_id)
                self._invalidate(creator_id)
                for key in [k for k in self._usage_db if k[0] == creator_id]:
                    del self._usage_db[key]
                self._deleted[creator_id] = self._deleted.get(creator_id, 0) + 1
                self._last_now.pop(creator_id, None)
                self._day.pop(creator_id, None)

    # --- spill: rows the database could not take at shutdown ----------------------------------

    async def replay_spill(self) -> int:
        """Queue the rows the last run spilled, and try to write them now; returns how many.

        The file stays until they are written (a database still down at start keeps them in
        line, and in the file), so a crash meanwhile loses nothing.
        """
        if self.spill_path is None or (batch := read_spill(self.spill_path)) is None:
            return 0
        self._on_loop()
        spilled = _Pending.of(batch)
        count = len(spilled)
        # Older than anything written since: rows of this run lie over them.
        spilled.absorb(self._pending)
        self._pending = spilled
        self._replayed = True
        log.warning("replaying %d state rows spilled at the last shutdown", count)
        try:
            await self.flush()
        except Exception as exc:
            if not is_state_outage(exc):
                raise
            self._written()  # the flusher keeps trying
        return count

    def _spill_written(self) -> None:
        if self._replayed and self.spill_path is not None:
            self.spill_path.unlink(missing_ok=True)
            self._replayed = False

    async def _flush_within(self, seconds: float) -> Exception | None:
        """Flush, retrying while the store is away, for up to `seconds`; the last error."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while True:
            try:
                async with asyncio.timeout(max(0.0, end - loop.time())):
                    await self.flush()
                return None
            except Exception as exc:
                left = end - loop.time()
                if left <= 0.01:
                    return exc
                await asyncio.sleep(min(0.25, left))

    def _spill(self, exc: Exception) -> None:
        rows = self._pending
        if self.spill_path is None:
            log.error(
                "state writes lost at close (%s); %d rows not written",
                type(exc).__name__,
                len(rows),
            )
            return
        if not self._replayed and (older := read_spill(self.spill_path)) is not None:
            # A file no replay has read yet (this store never replayed): keep its rows too.
            merged = _Pending.of(older)
            merged.absorb(rows)
            rows = merged
        write_spill(self.spill_path, rows.batch())
        log.error(
            "state writes failed until close (%s); %d rows kept in %s, written at the next start",
            type(exc).__name__,
            len(rows),
            self.spill_path,
        )

    async def close(self) -> None:
        """Write what is pending (retrying for `close_seconds`), spill what still cannot be
        written to `spill_path`, stop, and close the inner store."""
        if not self._closed:
            self._closed = True
            self._on_loop()
            error = await self._flush_within(self._close_seconds)
            if error is not None and self.pending_rows:
                try:
                    self._spill(error)
                except OSError:
                    log.exception("state writes lost at close: %d rows", self.pending_rows)
            if self._flusher is not None and not self._flusher.done():
                self._flusher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._flusher
        await self.inner.close()

    # --- straight through -------------------------------------------------------------------

    async def add_outcomes(self, creator_id: str, day: str, counts: Mapping[str, int]) -> None:
        # Already batched by the caller (core.conversation.outcomes): one write every few s.
        await self.inner.add_outcomes(creator_id, day, counts)

    async def outcomes(self, creator_id: str, since_day: str) -> dict[str, dict[str, int]]:
        return await self.inner.outcomes(creator_id, since_day)

    async def add_draft(self, draft: Draft) -> None:
        await self.inner.add_draft(draft)

    async def get_draft(self, draft_id: str) -> Draft | None:
        return await self.inner.get_draft(draft_id)

    async def set_draft_status(
        self, draft_id: str, status: DraftStatus, by: str, text: str | None = None
    ) -> bool:
        return await self.inner.set_draft_status(draft_id, status, by, text)

    async def drafts(self, creator_id: str, status: DraftStatus | None = None) -> list[Draft]:
        return await self.inner.drafts(creator_id, status)

    async def audit(self, entry: AuditEntry) -> None:
        await self.inner.audit(entry)

    async def audit_log(self, creator_id: str, limit: int = 50) -> list[AuditEntry]:
        return await self.inner.audit_log(creator_id, limit)

    async def claim_outbox(self, entry: OutboxEntry) -> bool:
        return await self.inner.claim_outbox(entry)

    async def update_outbox(
        self,
        creator_id: str,
        key: str,
        expected: frozenset[OutboxStatus],
        status: OutboxStatus,
        at: datetime,
        **fields: str | None,
    ) -> bool:
        return await self.inner.update_outbox(creator_id, key, expected, status, at, **fields)

    async def reclaim_outbox(
        self, creator_id: str, key: str, was: str, by: str, at: datetime
    ) -> bool:
        return await self.inner.reclaim_outbox(creator_id, key, was, by, at)

    async def get_outbox(self, creator_id: str, key: str) -> OutboxEntry | None:
        return await self.inner.get_outbox(creator_id, key)

    async def outbox(
        self, creator_id: str, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxEntry]:
        return await self.inner.outbox(creator_id, status, limit)


def _quiet(task: asyncio.Task[ControlSnapshot]) -> None:
    # Every waiter may have given up; the failure is theirs to see, not the loop's to log.
    if not task.cancelled():
        task.exception()
