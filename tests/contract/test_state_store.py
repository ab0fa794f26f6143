"""StateStore contract: the in-memory twin, SQLite and PostgreSQL give the same answers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from core.config import Settings
from core.ports import StateStore
from core.records import AuditEntry, Draft, DraftStatus, Handoff, Mute, MuteScope, ReplyRecord
from core.state import open_state_store
from core.state.cached import CachedStateStore
from core.state.common import FORGOTTEN
from core.state.memory import InMemoryStateStore
from core.state.sql import SqlStateStore
from core.state.tables import metadata
from tests.contract.conftest import PgSchemas

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
FAN = "discord:guild1:4242"
OTHER_FAN = "discord:guild1:777"


@pytest.fixture(scope="session")
def pg_url(pg: PgSchemas) -> str:
    """One migrated-from-scratch schema for the session; tests keep apart by creator id."""
    return pg.new()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite file for the session (migrating costs more than a test); apart by creator id."""
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('state') / 'state.db'}"


@dataclass
class Backend:
    kind: str
    store: StateStore
    # Another process's view of the same data ("a second replica").
    replica: Callable[[], Awaitable[StateStore]]
    # A store scoped to one creator (what open_state_store hands each clone).
    scoped: Callable[[str], Awaitable[StateStore]]
    # Behind CachedStateStore (what open_state_store hands each clone since issue 13).
    cached: bool = False


BACKENDS = [
    "memory",
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.scale),
    "cached-memory",
    "cached-sqlite",
    pytest.param("cached-postgresql", marks=pytest.mark.scale),
]


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    cached = request.param.startswith("cached-")
    kind = request.param.removeprefix("cached-")
    # What the test opened, closed at the end (a wrapper closes the store it wraps).
    opened: list[StateStore] = []

    def wrap(store: InMemoryStateStore | SqlStateStore) -> StateStore:
        if not cached:
            return store
        wrapper = CachedStateStore(store)
        opened.append(wrapper)
        return wrapper

    try:
        if kind == "memory":
            main = wrap(InMemoryStateStore())

            async def same() -> StateStore:
                return main

            async def scoped_memory(creator_id: str) -> StateStore:
                return wrap(InMemoryStateStore(creator_id=creator_id))

            yield Backend(request.param, main, same, scoped_memory, cached)
            return

        url = request.getfixturevalue("sqlite_url" if kind == "sqlite" else "pg_url")
        migrated: list[bool] = []

        async def open_sql(creator_id: str | None = None) -> StateStore:
            # The first open per test migrates (a no-op after the first test); others connect.
            store = await SqlStateStore.open(
                url, creator_id=creator_id, run_migrations=not migrated
            )
            migrated.append(True)
            if not cached:
                opened.append(store)
            return wrap(store)

        async def replica() -> StateStore:
            return await open_sql()

        yield Backend(request.param, await open_sql(), replica, open_sql, cached)
    finally:
        for store in opened:
            await store.close()


@pytest.fixture
async def creator(backend: Backend) -> AsyncIterator[str]:
    """A creator id no other test (or engineer's run against the same server) uses."""
    creator_id = f"creator-{uuid.uuid4().hex[:10]}"
    yield creator_id
    await backend.store.delete_creator(creator_id)


@pytest.fixture
async def stranger(backend: Backend) -> AsyncIterator[str]:
    creator_id = f"stranger-{uuid.uuid4().hex[:10]}"
    yield creator_id
    await backend.store.delete_creator(creator_id)


def _mute(creator: str, key: str, until: datetime | None, scope: MuteScope) -> Mute:
    return Mute(creator, scope, key, until, "mod:1", T0)


def _handoff(creator: str, conversation: str, at: datetime = T0, by: str = "mod:1") -> Handoff:
    return Handoff(creator, conversation, by, "fan asked", at, at + timedelta(hours=1), "link")


def _draft(creator: str, fan_id: str | None = FAN, n: int = 0) -> Draft:
    return Draft(
        id=f"d{uuid.uuid4().hex[:8]}",
        creator_id=creator,
        origin="copilot",
        target={"platform": "discord", "channel_id": "c1", "thread_id": None},
        text=f"draft text {n}",
        status=DraftStatus.PENDING,
        created_at=T0 + timedelta(seconds=n),
        fan_id=fan_id,
        citations=[{"source": "blog", "url": "https://example.com/p"}],
        # Copilot drafts keep the turn they answer until approved; it must round-trip.
        context={"reply_id": f"r{n}", "fan_text": "what flour?", "flags": ["deflected"]}
        if n % 2
        else {},
    )


def _reply(creator: str, fan_id: str, n: int, flags: tuple[str, ...] = ()) -> ReplyRecord:
    return ReplyRecord(
        id=f"r{n}",
        creator_id=creator,
        fan_id=fan_id,
        conversation_id="discord:guild1:general",
        fan_text=f"fan says secret {n}",
        reply_text=f"clone answers {n}",
        at=T0 + timedelta(minutes=n),
        flags=flags,
    )


def _is_utc(value: datetime | None) -> bool:
    return value is not None and value.utcoffset() == timedelta(0)


# --- switches ---------------------------------------------------------------------------------


async def test_switches_set_overwrite_and_clear(backend: Backend, creator: str) -> None:
    s = backend.store
    assert await s.get_switch(creator, "kill") is None
    await s.set_switch(creator, "kill", "on")
    await s.set_switch(creator, "mode", "copilot")
    await s.set_switch(creator, "mode", "auto")
    assert await s.get_switch(creator, "mode") == "auto"
    assert await s.switches(creator) == {"kill": "on", "mode": "auto"}
    await s.set_switch(creator, "kill", None)
    await s.set_switch(creator, "never-set", None)
    assert await s.switches(creator) == {"mode": "auto"}


async def test_a_kill_switch_set_by_one_replica_is_seen_by_another(
    backend: Backend, creator: str
) -> None:
    other = await backend.replica()
    await backend.store.set_switch(creator, "kill", "on")
    assert await other.get_switch(creator, "kill") == "on"


# --- mutes ------------------------------------------------------------------------------------


async def test_mutes_expire_on_their_own(backend: Backend, creator: str) -> None:
    s = backend.store
    await s.add_mute(_mute(creator, "discord:guild1", None, MuteScope.COMMUNITY))
    await s.add_mute(
        _mute(creator, "discord:guild1:general", T0 + timedelta(minutes=10), MuteScope.CHANNEL)
    )
    active = await s.active_mutes(creator, T0 + timedelta(minutes=9))
    assert [m.key for m in active] == ["discord:guild1", "discord:guild1:general"]
    assert active[1].until == T0 + timedelta(minutes=10) and _is_utc(active[1].until)
    assert active[1].scope is MuteScope.CHANNEL
    # Expired exactly at `until`.
    active = await s.active_mutes(creator, T0 + timedelta(minutes=10))
    assert [m.key for m in active] == ["discord:guild1"]


async def test_unmute_by_key_or_everything(backend: Backend, creator: str, stranger: str) -> None:
    s = backend.store
    for key in ("a", "a", "b"):
        await s.add_mute(_mute(creator, key, None, MuteScope.CHANNEL))
    await s.add_mute(_mute(stranger, "a", None, MuteScope.CHANNEL))
    assert await s.remove_mutes(creator, "a") == 2
    assert await s.remove_mutes(creator, "a") == 0
    assert await s.remove_mutes(creator) == 1
    assert await s.active_mutes(creator, T0) == []
    assert len(await s.active_mutes(stranger, T0)) == 1


# --- handoffs ---------------------------------------------------------------------------------


async def test_handoff_open_get_close(backend: Backend, creator: str) -> None:
    s = backend.store
    conv = "discord:guild1:thread9"
    await s.open_handoff(_handoff(creator, conv))
    got = await s.get_handoff(creator, conv)
    assert got == _handoff(creator, conv)
    assert got is not None and _is_utc(got.opened_at) and _is_utc(got.expires_at)
    assert [h.conversation_id for h in await s.open_handoffs(creator)] == [conv]
    assert await s.close_handoff(creator, conv, T0 + timedelta(minutes=5)) is True
    assert await s.get_handoff(creator, conv) is None
    assert await s.close_handoff(creator, conv, T0 + timedelta(minutes=6)) is False
    assert await s.open_handoffs(creator) == []


async def test_a_new_handoff_supersedes_the_open_one(backend: Backend, creator: str) -> None:
    s = backend.store
    await s.open_handoff(_handoff(creator, "conv", T0))
    await s.open_handoff(_handoff(creator, "conv", T0 + timedelta(minutes=1), by="fan:2"))
    await s.open_handoff(_handoff(creator, "other", T0 + timedelta(minutes=2)))
    got = await s.get_handoff(creator, "conv")
    assert got is not None and got.opened_by == "fan:2"
    assert [h.conversation_id for h in await s.open_handoffs(creator)] == ["conv", "other"]


# --- drafts -----------------------------------------------------------------------------------


async def test_drafts_round_trip_and_filter_by_status(backend: Backend, creator: str) -> None:
    s = backend.store
    first, second = _draft(creator, n=1), _draft(creator, n=2)
    await s.add_draft(second)
    await s.add_draft(first)
    assert await s.get_draft(first.id) == first
    assert await s.get_draft("nope") is None
    with pytest.raises(ValueError):
        await s.add_draft(first)
    assert [d.id for d in await s.drafts(creator)] == [first.id, second.id]
    assert await s.set_draft_status(first.id, DraftStatus.REJECTED, "creator:1") is True
    assert [d.id for d in await s.drafts(creator, DraftStatus.PENDING)] == [second.id]
    assert [d.id for d in await s.drafts(creator, DraftStatus.REJECTED)] == [first.id]


async def test_a_draft_is_decided_once_and_sent_once(backend: Backend, creator: str) -> None:
    s = backend.store
    draft = _draft(creator)
    await s.add_draft(draft)
    assert await s.set_draft_status(draft.id, DraftStatus.PENDING, "c") is False
    assert await s.set_draft_status(draft.id, DraftStatus.APPROVED, "c", text="edited") is True
    assert await s.set_draft_status(draft.id, DraftStatus.APPROVED, "c") is False
    assert await s.set_draft_status(draft.id, DraftStatus.REJECTED, "c") is False
    got = await s.get_draft(draft.id)
    assert got is not None
    assert (got.status, got.text, got.decided_by) == (DraftStatus.APPROVED, "edited", "c")
    assert await s.set_draft_status(draft.id, DraftStatus.SENT, "c") is True
    assert await s.set_draft_status(draft.id, DraftStatus.SENT, "c") is False
    assert await s.set_draft_status("missing", DraftStatus.APPROVED, "c") is False
    # A pending draft may also go straight out (scheduled posts in auto mode).
    direct = _draft(creator, n=1)
    await s.add_draft(direct)
    assert await s.set_draft_status(direct.id, DraftStatus.SENT, "scheduler") is True


async def test_two_replicas_approving_at_once_send_it_once(backend: Backend, creator: str) -> None:
    a, b = backend.store, await backend.replica()
    drafts = [_draft(creator, n=n) for n in range(8)]
    for d in drafts:
        await a.add_draft(d)
    for d in drafts:
        approvals = await asyncio.gather(
            a.set_draft_status(d.id, DraftStatus.APPROVED, "creator-on-a"),
            b.set_draft_status(d.id, DraftStatus.APPROVED, "creator-on-b"),
        )
        assert sorted(approvals) == [False, True]
        sends = await asyncio.gather(
            a.set_draft_status(d.id, DraftStatus.SENT, "a"),
            b.set_draft_status(d.id, DraftStatus.SENT, "b"),
        )
        assert sorted(sends) == [False, True]
    assert len(await a.drafts(creator, DraftStatus.SENT)) == len(drafts)


async def test_a_scoped_store_cannot_touch_another_creators_draft_by_id(
    backend: Backend, creator: str, stranger: str
) -> None:
    scoped = await backend.scoped(creator)
    mine, theirs = _draft(creator), _draft(stranger)
    await scoped.add_draft(mine)
    await scoped.add_draft(theirs)
    assert await scoped.get_draft(mine.id) == mine
    assert await scoped.get_draft(theirs.id) is None
    assert await scoped.set_draft_status(theirs.id, DraftStatus.APPROVED, "x") is False
    await scoped.delete_creator(stranger)


# --- audit, activity, fans ---------------------------------------------------------------------


async def test_audit_log_is_newest_first_and_limited(backend: Backend, creator: str) -> None:
    s = backend.store
    for n in range(5):
        await s.audit(
            AuditEntry(
                creator, "mod:1", f"action{n}", "discord:guild1", "ok", T0 + timedelta(seconds=n)
            )
        )
    log = await s.audit_log(creator, limit=3)
    assert [e.action for e in log] == ["action4", "action3", "action2"]
    assert all(_is_utc(e.at) for e in log)
    assert log[0] == AuditEntry(
        creator, "mod:1", "action4", "discord:guild1", "ok", T0 + timedelta(seconds=4)
    )


async def test_channel_activity_only_moves_forward(backend: Backend, creator: str) -> None:
    s = backend.store
    assert await s.channel_activity(creator, "discord:guild1:general") is None
    await s.touch_channel(creator, "discord:guild1:general", T0)
    await s.touch_channel(creator, "discord:guild1:general", T0 - timedelta(minutes=1))
    assert await s.channel_activity(creator, "discord:guild1:general") == T0
    later = (T0 + timedelta(hours=1)).astimezone(timezone(timedelta(hours=2)))
    await s.touch_channel(creator, "discord:guild1:general", later)
    got = await s.channel_activity(creator, "discord:guild1:general")
    assert got == later and _is_utc(got)


async def test_fan_last_seen_per_community(backend: Backend, creator: str) -> None:
    s = backend.store
    assert await s.fan_last_seen(creator, FAN, "guild1") is None
    await s.set_fan_last_seen(creator, FAN, "guild1", T0)
    await s.set_fan_last_seen(creator, FAN, "guild2", T0 + timedelta(days=1))
    await s.set_fan_last_seen(creator, FAN, "guild1", T0 + timedelta(hours=2))
    assert await s.fan_last_seen(creator, FAN, "guild1") == T0 + timedelta(hours=2)
    got = await s.fan_last_seen(creator, FAN, "guild2")
    assert got == T0 + timedelta(days=1) and _is_utc(got)


async def test_naive_timestamps_are_refused(backend: Backend, creator: str) -> None:
    with pytest.raises(ValueError):
        await backend.store.touch_channel(creator, "c", datetime(2026, 1, 1, 12, 0))


# --- replies and usage ------------------------------------------------------------------------


async def test_replies_log_flag_and_filter(backend: Backend, creator: str) -> None:
    s = backend.store
    for n in range(4):
        await s.log_reply(_reply(creator, FAN, n, flags=("deflected",) if n == 1 else ()))
    assert await s.flag_reply(creator, "r2", "reported") is True
    assert await s.flag_reply(creator, "r2", "reported") is True
    assert await s.flag_reply(creator, "r2", "flagged") is True
    assert await s.flag_reply(creator, "missing", "reported") is False
    assert [r.id for r in await s.replies(creator)] == ["r3", "r2", "r1", "r0"]
    assert [r.id for r in await s.replies(creator, limit=2)] == ["r3", "r2"]
    assert [r.id for r in await s.replies(creator, flag="reported")] == ["r2"]
    assert [r.id for r in await s.replies(creator, flag="deflected")] == ["r1"]
    assert await s.replies(creator, flag="report") == []
    (r2,) = await s.replies(creator, flag="flagged")
    assert r2 == replace(_reply(creator, FAN, 2), flags=("reported", "flagged"))


async def test_usage_adds_up_per_day(backend: Backend, creator: str) -> None:
    s = backend.store
    assert await s.add_usage(creator, "2026-11-23", 0) == 0
    assert await s.add_usage(creator, "2026-11-23", 120) == 120
    assert await s.add_usage(creator, "2026-11-23", 30) == 150
    assert await s.add_usage(creator, "2026-11-24", 7) == 7
    assert await s.usage(creator, "2026-11-23") == 150
    assert await s.usage(creator, "2026-11-25") == 0


async def test_message_outcomes_add_up_per_day_and_outcome(backend: Backend, creator: str) -> None:
    s = backend.store
    assert await s.outcomes(creator, "2026-01-01") == {}
    await s.add_outcomes(creator, "2026-11-23", {"answered": 3, "coalesced": 2, "dropped": 0})
    await s.add_outcomes(creator, "2026-11-23", {"answered": 1})
    await s.add_outcomes(creator, "2026-11-24", {"notice_sent": 1})
    await s.add_outcomes("someone-else", "2026-11-23", {"answered": 9})
    assert await s.outcomes(creator, "2026-11-01") == {
        "2026-11-23": {"answered": 4, "coalesced": 2},
        "2026-11-24": {"notice_sent": 1},
    }
    assert list(await s.outcomes(creator, "2026-11-24")) == ["2026-11-24"]
    other = await backend.replica()
    await asyncio.gather(
        *(r.add_outcomes(creator, "2026-11-25", {"deferred": 1}) for r in [s, other] * 5)
    )
    assert (await other.outcomes(creator, "2026-11-25")) == {"2026-11-25": {"deferred": 10}}
    await s.delete_creator(creator)
    assert await s.outcomes(creator, "2026-01-01") == {}


async def test_usage_from_two_replicas_at_once_loses_nothing(
    backend: Backend, creator: str
) -> None:
    a, b = backend.store, await backend.replica()
    totals = await asyncio.gather(*(r.add_usage(creator, "2026-11-23", 5) for r in [a, b] * 10))
    if backend.cached:
        # Written behind: each replica counts its own adds until they reach the database.
        assert isinstance(a, CachedStateStore) and isinstance(b, CachedStateStore)
        assert 50 <= max(totals) <= 100
        await a.flush()
        await b.flush()
        a = await backend.replica()
    else:
        assert sorted(totals) == list(range(5, 105, 5))
    assert await a.add_usage(creator, "2026-11-23", 0) == 100
    assert await a.usage(creator, "2026-11-23") == 100


# --- fans' rights and tenants -----------------------------------------------------------------


async def _fill(s: StateStore, creator: str, fan: str, draft: Draft) -> None:
    await s.set_fan_last_seen(creator, fan, "guild1", T0)
    await s.add_mute(_mute(creator, fan, None, MuteScope.USER))
    await s.add_draft(draft)
    await s.log_reply(_reply(creator, fan, 1 if fan == FAN else 2))
    await s.open_handoff(_handoff(creator, f"dm:{fan}", by=fan))
    await s.audit(AuditEntry(creator, fan, "human", "dm", "ok", T0, detail=f"{fan} said: help"))


async def test_export_fan_returns_everything_about_that_fan(
    backend: Backend, creator: str
) -> None:
    s = backend.store
    draft = _draft(creator, FAN)
    await _fill(s, creator, FAN, draft)
    await _fill(s, creator, OTHER_FAN, _draft(creator, OTHER_FAN))
    await s.audit(AuditEntry(creator, "mod:1", "mute", "guild1", "ok", T0, detail=f"muted {FAN}"))
    exported = await s.export_fan(creator, FAN)
    assert {k: len(v) for k, v in exported.items()} == {
        "fan_seen": 1,
        "mutes": 1,
        "drafts": 1,
        "replies": 1,
        "handoffs": 1,
        "audit": 2,
    }
    assert exported["fan_seen"] == [
        {"creator_id": creator, "fan_id": FAN, "community_id": "guild1", "at": T0.isoformat()}
    ]
    assert exported["replies"][0]["fan_text"] == "fan says secret 1"
    assert exported["drafts"][0]["id"] == draft.id
    assert exported["mutes"][0]["until"] == ""
    assert all(isinstance(v, str) for rows in exported.values() for r in rows for v in r.values())


async def test_forget_fan_deletes_their_rows_and_scrubs_logs(
    backend: Backend, creator: str
) -> None:
    s = backend.store
    draft = _draft(creator, FAN)
    await _fill(s, creator, FAN, draft)
    await _fill(s, creator, OTHER_FAN, _draft(creator, OTHER_FAN))
    await s.audit(AuditEntry(creator, "mod:1", "mute", "guild1", "ok", T0, detail=f"muted {FAN}"))
    # 3 deleted (seen, draft, reply) + 1 handoff + 2 audit rows scrubbed; the mute stays.
    assert await s.forget_fan(creator, FAN) == 6
    left = await s.export_fan(creator, FAN)
    assert all(rows == [] for name, rows in left.items() if name != "mutes")
    assert [m["key"] for m in left["mutes"]] == [FAN]
    assert await s.get_draft(draft.id) is None
    assert [r.fan_id for r in await s.replies(creator)] == [OTHER_FAN]
    assert await s.fan_last_seen(creator, FAN, "guild1") is None
    # A moderator's mute is not the fan's words, and forgetting must not lift it.
    assert sorted(m.key for m in await s.active_mutes(creator, T0)) == sorted([FAN, OTHER_FAN])
    log = await s.audit_log(creator)
    assert not any(FAN in f"{e.actor} {e.where} {e.detail}" for e in log)
    assert sorted(e.detail for e in log) == sorted(
        [FORGOTTEN, FORGOTTEN, f"{OTHER_FAN} said: help"]
    )
    handoff = await s.get_handoff(creator, f"dm:{FAN}")
    assert handoff is not None and handoff.opened_by == FORGOTTEN
    # The other fan keeps everything.
    assert {k: len(v) for k, v in (await s.export_fan(creator, OTHER_FAN)).items()} == {
        "fan_seen": 1,
        "mutes": 1,
        "drafts": 1,
        "replies": 1,
        "handoffs": 1,
        "audit": 1,
    }
    assert await s.forget_fan(creator, FAN) == 0


async def test_delete_creator_removes_every_row_of_that_creator_only(
    backend: Backend, creator: str, stranger: str
) -> None:
    s = backend.store
    for who in (creator, stranger):
        await _fill(s, who, FAN, _draft(who, FAN))
        await s.set_switch(who, "kill", "on")
        await s.touch_channel(who, "ch", T0)
        await s.add_usage(who, "2026-11-23", 3)
    # fan_seen, mute, draft, reply, handoff, audit, switch, activity, usage.
    assert await s.delete_creator(creator) == 9
    assert await s.switches(creator) == {}
    assert await s.channel_activity(creator, "ch") is None
    assert await s.add_usage(creator, "2026-11-23", 0) == 0
    assert await s.audit_log(creator) == []
    assert all(rows == [] for rows in (await s.export_fan(creator, FAN)).values())
    assert await s.switches(stranger) == {"kill": "on"}
    assert len((await s.export_fan(stranger, FAN))["replies"]) == 1


async def test_another_creator_sees_nothing(backend: Backend, creator: str, stranger: str) -> None:
    s = backend.store
    await _fill(s, creator, FAN, _draft(creator, FAN))
    await s.set_switch(creator, "kill", "on")
    await s.touch_channel(creator, "ch", T0)
    await s.add_usage(creator, "2026-11-23", 3)
    assert await s.switches(stranger) == {}
    assert await s.get_switch(stranger, "kill") is None
    assert await s.active_mutes(stranger, T0) == []
    assert await s.open_handoffs(stranger) == []
    assert await s.get_handoff(stranger, f"dm:{FAN}") is None
    assert await s.close_handoff(stranger, f"dm:{FAN}", T0) is False
    assert await s.drafts(stranger) == []
    assert await s.audit_log(stranger) == []
    assert await s.channel_activity(stranger, "ch") is None
    assert await s.fan_last_seen(stranger, FAN, "guild1") is None
    assert await s.replies(stranger) == []
    assert await s.flag_reply(stranger, "r1", "reported") is False
    assert await s.add_usage(stranger, "2026-11-23", 0) == 0
    assert all(rows == [] for rows in (await s.export_fan(stranger, FAN)).values())
    assert await s.forget_fan(stranger, FAN) == 0
    assert await s.remove_mutes(stranger) == 0
    assert len(await s.active_mutes(creator, T0)) == 1


# --- migrations and factory -------------------------------------------------------------------


async def _assert_schema_matches_models(store: SqlStateStore) -> None:
    def diff(conn: sa.Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))

    async with store.engine.connect() as conn:
        assert await conn.run_sync(diff) == []
        assert await conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0004"


async def test_sqlite_migrates_from_scratch_and_reopens(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'deep' / 'folder' / 'state.db'}"
    store = await SqlStateStore.open(url)
    await store.set_switch("c", "kill", "on")
    await _assert_schema_matches_models(store)
    async with store.engine.connect() as conn:
        assert await conn.scalar(sa.text("PRAGMA journal_mode")) == "wal"
    await store.close()
    again = await SqlStateStore.open(url)
    assert await again.get_switch("c", "kill") == "on"
    await _assert_schema_matches_models(again)
    await again.close()


@pytest.mark.scale
async def test_postgresql_migrates_from_scratch_with_replicas_starting_together(
    pg: PgSchemas,
) -> None:
    url = pg.new()
    first, second = await asyncio.gather(SqlStateStore.open(url), SqlStateStore.open(url))
    try:
        await first.set_switch("c", "kill", "on")
        assert await second.get_switch("c", "kill") == "on"
        await _assert_schema_matches_models(first)
        third = await SqlStateStore.open(url)
        assert await third.get_switch("c", "kill") == "on"
        await third.close()
    finally:
        await first.close()
        await second.close()


async def test_open_state_store_defaults_to_a_sqlite_file_per_creator(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, state_url=None)
    store = await open_state_store(settings, "alice")
    try:
        await store.set_switch("alice", "mode", "copilot")
        assert (tmp_path / "alice" / "state.db").exists()
        # Cached for the reply hot path, around the SQL store.
        assert isinstance(store, CachedStateStore)
        assert isinstance(store.inner, SqlStateStore)
        assert await store.get_switch("alice", "mode") == "copilot"
    finally:
        await store.close()


async def test_fan_ids_finds_every_community_and_dm_of_one_platform_user(
    backend: Backend, creator: str
) -> None:
    s = backend.store
    for fan in ("discord:guild1:4242", "discord:guild2:4242", "discord:dm:4242"):
        await s.set_fan_last_seen(creator, fan, fan.rsplit(":", 1)[0], T0)
    await s.log_reply(_reply(creator, "discord:guild3:4242", 1))
    await s.add_draft(_draft(creator, "discord:guild4:4242"))
    # Not them: another user whose id ends alike, the same id on another platform, a stranger.
    await s.set_fan_last_seen(creator, "discord:guild1:14242", "discord:guild1", T0)
    await s.set_fan_last_seen(creator, "slack:T1:4242", "slack:T1", T0)
    assert await s.fan_ids(creator, "discord:4242") == {
        "discord:guild1:4242",
        "discord:guild2:4242",
        "discord:dm:4242",
        "discord:guild3:4242",
        "discord:guild4:4242",
    }
    assert await s.fan_ids(creator, "discord:42_2") == set()  # LIKE wildcards are escaped


async def test_forget_fan_scrubs_what_names_the_platform_user_and_their_dm(
    backend: Backend, creator: str
) -> None:
    s = backend.store
    dm_fan, dm = "discord:dm:4242", "discord:dm:c55:"
    await s.touch_channel(creator, "discord:dm:c55", T0)
    await s.touch_channel(creator, "discord:guild1:general", T0)
    await s.set_switch(creator, f"disclose:{dm}", "1")
    closed = _handoff(creator, dm, by="discord:4242")
    await s.open_handoff(closed)
    await s.close_handoff(creator, dm, T0 + timedelta(minutes=5))
    await s.open_handoff(_handoff(creator, "discord:guild1:general:", by="discord:4242"))
    await s.audit(AuditEntry(creator, "discord:4242", "human", dm, "opened", T0, "fan asked"))
    await s.audit(AuditEntry(creator, "discord:777", "human", "g", "opened", T0, "fan asked"))
    await s.forget_fan(creator, dm_fan, [dm])
    assert await s.channel_activity(creator, "discord:dm:c55") is None
    assert await s.channel_activity(creator, "discord:guild1:general") is not None
    assert await s.get_switch(creator, f"disclose:{dm}") is None
    [still_open] = await s.open_handoffs(creator)
    assert still_open.opened_by == FORGOTTEN  # the human still holds it; the fan is unnamed
    assert await s.get_handoff(creator, dm) is None
    entries = await s.audit_log(creator)
    assert sorted((e.actor, e.where, e.detail) for e in entries) == [
        (FORGOTTEN, FORGOTTEN, FORGOTTEN),
        ("discord:777", "g", "fan asked"),
    ]
    exported = await s.export_fan(creator, dm_fan)
    assert exported["audit"] == [] and exported["handoffs"] == []


async def test_purge_keeps_every_live_row(backend: Backend, creator: str) -> None:
    s = backend.store
    await _fill(s, creator, FAN, _draft(creator, FAN))
    await _fill(s, creator, OTHER_FAN, _draft(creator, OTHER_FAN))
    await s.forget_fan(creator, FAN)
    await s.purge()
    assert [r.fan_id for r in await s.replies(creator)] == [OTHER_FAN]
    assert len((await s.export_fan(creator, OTHER_FAN))["drafts"]) == 1
