"""The real APScheduler firing: persistence of this process's job store, and two replicas."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

from core.config import Settings
from core.records import OutboxStatus
from core.schedule.scheduler import jobstore_url_for
from core.state.sql import SqlStateStore
from tests.contract.test_outbox import drop_schema, pg_schema_url
from tests.scenario.schedule_kit import Channel, ChannelSender, clone_with, schedule

FAST = 0.15 / 60  # minutes: a fire every 150 ms


async def wait_for(check, within: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def test_each_replica_gets_its_own_job_store(tmp_path: Path) -> None:
    sqlite = Settings(data_dir=tmp_path)
    pg = Settings(data_dir=tmp_path, state_url="postgresql://postgres@127.0.0.1:5432/test")
    a, b = jobstore_url_for(sqlite, "mara", "pod-a"), jobstore_url_for(sqlite, "mara", "pod-b")
    assert a[0] != b[0] and a[0].startswith("sqlite:///")
    pa, pb = jobstore_url_for(pg, "mara", "pod-a"), jobstore_url_for(pg, "mara", "pod-b")
    assert pa[0] == pb[0] == "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    assert pa[1] != pb[1]


async def test_the_real_scheduler_fires_each_occurrence_once_with_its_own_key() -> None:
    fast = schedule(cron=None, interval_minutes=FAST)
    channel = Channel()
    chat, scheduler, _ = await clone_with(fast, sender=ChannelSender(channel))
    await scheduler.start()
    try:
        await wait_for(lambda: _at_least(channel, 4))
    finally:
        await scheduler.stop()
    entries = await chat.services.state.outbox(chat.services.bot.id, OutboxStatus.SENT)
    assert len(entries) == len(channel.posts) >= 4
    assert len({e.key for e in entries}) == len(entries)


async def _at_least(channel: Channel, n: int) -> bool:
    return len(channel.posts) >= n


async def test_a_persistent_job_store_keeps_the_next_run_across_a_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    weekly = schedule(id="weekly", cron="0 9 * * mon")
    chat, first, _ = await clone_with(weekly)
    first._jobstore = SQLAlchemyJobStore(url=url)
    await first.start()
    before = dict(first.next_runs())["post:weekly"]
    await first.stop()
    _, again, _ = await clone_with(weekly, state=chat.services.state)
    again._jobstore = SQLAlchemyJobStore(url=url)
    await again.start()
    try:
        assert dict(again.next_runs())["post:weekly"] == before
    finally:
        await again.stop()


@pytest.mark.scale
async def test_two_replicas_on_postgresql_post_each_occurrence_exactly_once() -> None:
    schema, url = pg_schema_url()
    fast = schedule(cron=None, interval_minutes=FAST)
    channel = Channel()  # one platform channel, seen by both replicas' senders
    stores = [await SqlStateStore.open(url), await SqlStateStore.open(url, run_migrations=False)]
    schedulers = []
    try:
        for i, store in enumerate(stores):
            _, scheduler, _ = await clone_with(
                fast,
                state=store,
                sender=ChannelSender(channel),
                replica=f"pod-{i}",
                seed=i,
                unique=True,
            )
            schedulers.append(scheduler)
        await asyncio.gather(*(s.start() for s in schedulers))
        bot_id = schedulers[0].bot.id

        async def enough() -> bool:
            return len(await stores[0].outbox(bot_id, OutboxStatus.SENT, limit=500)) >= 22

        await wait_for(enough, within=30)
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
    await asyncio.sleep(0.3)  # let any send already under way land before counting
    entries = await stores[0].outbox(bot_id, limit=500)
    for store in stores:
        await store.close()
    drop_schema(schema)
    sent = [e for e in entries if e.status is OutboxStatus.SENT]
    assert len(sent) >= 20
    # Exactly one post per occurrence: every post is one occurrence's text, none twice.
    texts = Counter(e.text for e in entries if e.text)
    posted = Counter(p.text for p in channel.posts)
    assert max(texts.values()) == 1 and max(posted.values()) == 1
    assert set(posted) <= set(texts)
    # The stop may cut one send between delivery and record (reconciled at the next start).
    assert len(sent) <= len(channel.posts) <= len(sent) + 1
    winners = Counter(e.claimed_by for e in entries)
    print(f"occurrences {len(entries)}, sent {len(sent)}, claims by replica {dict(winners)}")
