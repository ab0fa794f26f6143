"""A process killed around a send restarts to one post (or one post plus a notice), never two."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.persona.schedule_spec import occurrence_key
from core.records import OutboxStatus
from core.state.sql import SqlStateStore
from tests.scenario.schedule_kit import (
    TIP,
    Channel,
    ChannelSender,
    FindingSender,
    Killed,
    PostGenerator,
    clone_with,
    schedule,
)

NINE_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
KEY = occurrence_key("tip", NINE_UTC, "test:guild1:general")


async def crash_and_restart(
    tmp_path: Path, *, die: str, finder: bool, restart_replica: str = "r1"
) -> tuple[Channel, OutboxStatus, str]:
    """Run one occurrence in a process that dies, then restart on the same SQLite state.

    The restarted process also gets APScheduler's catch-up fire of the same occurrence, as
    a persistent job store with coalescing would give it.
    """
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    kind = FindingSender if finder else ChannelSender
    channel = Channel()
    state = await SqlStateStore.open(url)
    chat, scheduler, _ = await clone_with(
        schedule(), texts=[TIP], state=state, sender=kind(channel, die=die)
    )
    with pytest.raises(Killed):
        await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    await state.close()  # the process is gone; only the database and the channel remain

    state = await SqlStateStore.open(url)
    chat, scheduler, generator = await clone_with(
        schedule(), texts=[TIP], state=state, sender=kind(channel), replica=restart_replica
    )
    await scheduler.start()
    try:
        await scheduler.fire("tip", NINE_UTC)
    finally:
        await scheduler.stop()
    entry = await state.get_outbox(chat.services.bot.id, KEY)
    await state.close()
    assert entry is not None
    assert generator.calls == 0, "the restarted process never writes the post again"
    return channel, entry.status, entry.detail


async def test_killed_after_sending_before_recording_gives_one_post_and_a_notice(tmp_path) -> None:
    channel, status, _ = await crash_and_restart(tmp_path, die="after", finder=False)
    assert len(channel.posts) == 1
    assert status is OutboxStatus.UNCONFIRMED
    [notice] = channel.notices
    assert (
        "may or may not have gone out" in notice.text and "will not be sent again" in notice.text
    )
    assert notice.target.channel_id == "mods"


async def test_killed_after_sending_is_found_in_the_channel_where_the_platform_can_look(
    tmp_path,
) -> None:
    channel, status, detail = await crash_and_restart(tmp_path, die="after", finder=True)
    assert len(channel.posts) == 1
    assert (status, detail) == (OutboxStatus.SENT, "found in channel")
    assert channel.notices == []


async def test_killed_before_sending_is_sent_once_when_the_platform_confirms_it_is_missing(
    tmp_path,
) -> None:
    channel, status, _ = await crash_and_restart(tmp_path, die="before", finder=True)
    assert len(channel.posts) == 1
    assert status is OutboxStatus.SENT
    assert channel.notices == []


async def test_killed_before_sending_without_a_way_to_look_is_unconfirmed_not_resent(
    tmp_path,
) -> None:
    channel, status, _ = await crash_and_restart(tmp_path, die="before", finder=False)
    assert channel.posts == []
    assert status is OutboxStatus.UNCONFIRMED
    assert len(channel.notices) == 1


async def test_another_replica_never_resends_a_claim_it_cannot_know_is_dead(tmp_path) -> None:
    # Replica r2 starts while r1's claim is fresh: it leaves it alone, even with a finder.
    channel, status, _ = await crash_and_restart(
        tmp_path, die="before", finder=True, restart_replica="r2"
    )
    assert channel.posts == [] and status is OutboxStatus.CLAIMED


async def test_a_stale_claim_of_a_dead_replica_becomes_unconfirmed_never_a_second_send(
    tmp_path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    channel = Channel()
    state = await SqlStateStore.open(url)
    _, dying, _ = await clone_with(
        schedule(), texts=[TIP], state=state, sender=ChannelSender(channel, die="after")
    )
    with pytest.raises(Killed):
        await dying.publisher.run_occurrence(schedule(), NINE_UTC)
    chat, other, _ = await clone_with(
        schedule(), texts=[TIP], state=state, sender=FindingSender(Channel()), replica="r2"
    )
    assert await other.publisher.reconcile(at_start=False) == []  # still fresh
    chat.clock.advance(minutes=20)
    [settled] = await other.publisher.reconcile(at_start=False)
    entry = await state.get_outbox(chat.services.bot.id, settled.key)
    await state.close()
    assert entry is not None and entry.status is OutboxStatus.UNCONFIRMED
    assert len(channel.posts) == 1


async def test_killed_while_writing_restarts_to_no_post_and_a_notice(tmp_path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    channel = Channel()
    state = await SqlStateStore.open(url)
    chat, scheduler, generator = await clone_with(
        schedule(), state=state, sender=ChannelSender(channel)
    )

    async def dies(messages):  # type: ignore[no-untyped-def]
        raise Killed("while generating")
        yield ""

    generator.stream = dies  # type: ignore[method-assign]
    with pytest.raises(Killed):
        await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    await state.close()
    state = await SqlStateStore.open(url)
    chat, scheduler, _ = await clone_with(schedule(), state=state, sender=ChannelSender(channel))
    [settled] = await scheduler.publisher.reconcile(at_start=True)
    entry = await state.get_outbox(chat.services.bot.id, settled.key)
    await state.close()
    assert entry is not None and entry.status is OutboxStatus.SKIPPED
    assert channel.posts == [] and "nothing was posted" in channel.notices[0].text


def test_generator_kit_gives_fresh_text_when_unscripted() -> None:
    generator = PostGenerator()
    assert generator.next_text() != generator.next_text()


async def _killed_while_writing(tmp_path: Path, fire: datetime):  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    channel = Channel()
    state = await SqlStateStore.open(url)
    _, scheduler, generator = await clone_with(
        schedule(), state=state, sender=ChannelSender(channel)
    )

    async def dies(messages):  # type: ignore[no-untyped-def]
        raise Killed("while generating")
        yield ""

    generator.stream = dies  # type: ignore[method-assign]
    with pytest.raises(Killed):
        await scheduler.publisher.run_occurrence(schedule(), fire)
    await state.close()
    return url, channel


async def test_killed_while_writing_is_retried_at_restart_within_the_misfire_grace(
    tmp_path,
) -> None:
    # Nothing can have been sent (no text was on record), and the fire is still fresh: the
    # restarted process writes and sends it, once, instead of skipping it with a notice.
    fire = datetime(2026, 11, 23, 11, 50, tzinfo=UTC)  # the kit's clock says 12:00
    url, channel = await _killed_while_writing(tmp_path, fire)
    state = await SqlStateStore.open(url)
    chat, scheduler, generator = await clone_with(
        schedule(), texts=[TIP], state=state, sender=ChannelSender(channel)
    )
    [settled] = await scheduler.publisher.reconcile(at_start=True)
    entry = await state.get_outbox(chat.services.bot.id, settled.key)
    assert entry is not None and entry.status is OutboxStatus.SENT
    # The claim check cites the archive item the tip stands on.
    posted = [re.sub(r" \[\d+\]", "", p.text) for p in channel.posts]
    assert posted == [TIP] and channel.notices == []
    # The catch-up fire of the same occurrence finds it done.
    await scheduler.publisher.run_occurrence(schedule(), fire)
    await state.close()
    assert len(channel.posts) == 1 and generator.calls == 1
