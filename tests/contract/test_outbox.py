"""Outbox contract: a claim is won once, moves on by compare-and-set, on every StateStore."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from core.ports import StateStore
from core.records import OutboxEntry, OutboxStatus
from core.state.memory import InMemoryStateStore
from core.state.sql import SqlStateStore
from tests.servers import require_postgres

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def pg_schema_url() -> tuple[str, str]:
    """A fresh PostgreSQL schema (dropped by the caller) and its URL; skips without one."""
    require_postgres(PG_DSN)
    name = f"clonebot_outbox_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    options = f"-csearch_path%3D{name}%20-csynchronous_commit%3Doff"
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options={options}"


def drop_schema(name: str) -> None:
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.scale)])
async def stores(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[list[StateStore]]:
    """Two views of one store: two replicas on SQL, the same object in memory."""
    if request.param == "memory":
        memory = InMemoryStateStore()
        yield [memory, memory]
        return
    schema = None
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    else:
        schema, url = pg_schema_url()
    first = await SqlStateStore.open(url)
    second = await SqlStateStore.open(url, run_migrations=False)
    try:
        yield [first, second]
    finally:
        await first.close()
        await second.close()
        if schema:
            drop_schema(schema)


def entry(key: str, by: str = "replica-a", at: datetime = T0) -> OutboxEntry:
    return OutboxEntry(
        creator_id="c1",
        key=key,
        schedule_id="tip",
        target="telegram:-100",
        status=OutboxStatus.CLAIMED,
        claimed_by=by,
        claimed_at=at,
        updated_at=at,
    )


async def test_a_key_is_claimed_once_even_by_two_replicas_at_once(stores) -> None:
    a, b = stores
    results = await asyncio.gather(
        *(s.claim_outbox(entry("k1", f"r{i}")) for i, s in enumerate(stores * 4))
    )
    assert sorted(results) == [False] * 7 + [True], results
    assert not await a.claim_outbox(entry("k1"))
    assert await b.claim_outbox(entry("k2"))
    assert {e.key for e in await a.outbox("c1")} == {"k1", "k2"}
    assert await a.outbox("other") == []


async def test_status_moves_on_only_from_the_expected_state(stores) -> None:
    a, b = stores
    await a.claim_outbox(entry("k1"))
    claimed = frozenset({OutboxStatus.CLAIMED})
    later = T0 + timedelta(seconds=3)
    sent = OutboxStatus.SENT
    done = await asyncio.gather(
        a.update_outbox("c1", "k1", claimed, sent, later, message_id="m1", text="hello"),
        b.update_outbox("c1", "k1", claimed, OutboxStatus.UNCONFIRMED, later, detail="x"),
    )
    assert sorted(done) == [False, True]
    got = await b.get_outbox("c1", "k1")
    assert got is not None and got.updated_at == later and got.claimed_at == T0
    assert got.status in (OutboxStatus.SENT, OutboxStatus.UNCONFIRMED)
    assert not await a.update_outbox("c1", "missing", claimed, sent, later)
    with pytest.raises(ValueError):
        await a.update_outbox("c1", "k1", frozenset(OutboxStatus), sent, later, bogus="x")


async def test_listing_filters_by_status_newest_first_and_delete_creator_clears_it(stores) -> None:
    a, _ = stores
    for i in range(3):
        await a.claim_outbox(entry(f"k{i}", at=T0 + timedelta(minutes=i)))
    await a.update_outbox("c1", "k1", frozenset({OutboxStatus.CLAIMED}), OutboxStatus.SENT, T0)
    assert [e.key for e in await a.outbox("c1")] == ["k2", "k1", "k0"]
    assert [e.key for e in await a.outbox("c1", OutboxStatus.CLAIMED)] == ["k2", "k0"]
    assert [e.key for e in await a.outbox("c1", limit=1)] == ["k2"]
    assert await a.delete_creator("c1") == 3
    assert await a.outbox("c1") == []


async def test_a_claim_cut_off_before_its_text_is_taken_over_by_exactly_one_replica(
    stores,
) -> None:
    a, b = stores
    await a.claim_outbox(entry("k1", "dead"))
    later = T0 + timedelta(minutes=16)
    won = await asyncio.gather(
        a.reclaim_outbox("c1", "k1", "dead", "replica-a", later),
        b.reclaim_outbox("c1", "k1", "dead", "replica-b", later),
    )
    assert sorted(won) == [False, True]
    got = await a.get_outbox("c1", "k1")
    assert got is not None and got.status is OutboxStatus.CLAIMED
    assert got.claimed_by in ("replica-a", "replica-b") and got.claimed_at == later
    # Only an unwritten claim can be taken over: a text may have gone out.
    await a.claim_outbox(entry("k2", "dead"))
    claimed = frozenset({OutboxStatus.CLAIMED})
    await a.update_outbox("c1", "k2", claimed, OutboxStatus.CLAIMED, later, text="written")
    assert not await b.reclaim_outbox("c1", "k2", "dead", "replica-b", later)
    assert not await b.reclaim_outbox("c1", "missing", "dead", "replica-b", later)
