"""Replica names: CLONEBOT_REPLICA_ID, else host name and pid, so two processes on one host
never settle each other's scheduled-post claims."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from adapters.common.router import OutboundRouter
from core.config import Settings
from core.records import OutboxStatus
from core.schedule.scheduler import Scheduler, replica_id
from tests.scenario.schedule_kit import (
    TIP,
    Channel,
    FindingSender,
    Killed,
    clone_with,
    schedule,
)

NINE_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HOST = socket.gethostname() or "local"


def test_replica_id_is_the_setting_else_host_name_and_pid(monkeypatch: pytest.MonkeyPatch):
    assert replica_id(Settings(replica_id="pod-a")) == "pod-a"
    monkeypatch.setenv("CLONEBOT_REPLICA_ID", "pod-b")
    assert replica_id(Settings()) == "pod-b"
    monkeypatch.delenv("CLONEBOT_REPLICA_ID")
    assert replica_id(Settings()) == f"{HOST}-{os.getpid()}"


@pytest.fixture
def dead_pid() -> int:
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    alive = subprocess.Popen(["sleep", "60"])
    yield alive.pid
    alive.kill()
    alive.wait()


async def _claim_cut_off_by(replica: str, channel: Channel):  # type: ignore[no-untyped-def]
    chat, scheduler, _ = await clone_with(
        schedule(), texts=[TIP], sender=FindingSender(channel, die="before"), replica=replica
    )
    with pytest.raises(Killed):
        await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    return chat


def _scheduler_as_run_starts_it(chat, channel: Channel) -> Scheduler:  # type: ignore[no-untyped-def]
    return Scheduler.for_clone(
        bot=chat.services.bot,
        brain=chat.services.clone.brain,
        state=chat.services.state,
        outbound=OutboundRouter([FindingSender(channel)]),
        clock=chat.clock,
        settings=Settings(),
        persistent=False,
    )


async def test_a_live_process_on_this_host_keeps_its_claim_at_another_ones_start(live_pid):
    channel = Channel()
    chat = await _claim_cut_off_by(f"{HOST}-{live_pid}", channel)
    scheduler = _scheduler_as_run_starts_it(chat, channel)
    assert scheduler.replica == f"{HOST}-{os.getpid()}"
    assert await scheduler.publisher.reconcile(at_start=True) == []
    [entry] = await chat.services.state.outbox(chat.services.bot.id)
    assert entry.status is OutboxStatus.CLAIMED and channel.posts == []


async def test_a_restart_settles_the_claims_its_dead_predecessor_on_this_host_left(dead_pid):
    channel = Channel()
    chat = await _claim_cut_off_by(f"{HOST}-{dead_pid}", channel)
    scheduler = _scheduler_as_run_starts_it(chat, channel)
    [settled] = await scheduler.publisher.reconcile(at_start=True)
    entry = await chat.services.state.get_outbox(chat.services.bot.id, settled.key)
    assert entry is not None and entry.status is OutboxStatus.SENT
    assert len(channel.posts) == 1, "its own claim, confirmed missing: sent once"
