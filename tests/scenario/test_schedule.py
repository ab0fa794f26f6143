"""Scheduled posts through the real clone: timing, quiet hours, idle channels, repeats, review."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from core.persona.bot import PlatformConfig
from core.persona.schedule_spec import ScheduleError, occurrence_key, parse_target, trigger_for
from core.records import DraftStatus, OutboxStatus
from core.types import Button, EventKind, ReplyKind, Role, Target
from tests.scenario.harness import RecordingSender
from tests.scenario.schedule_kit import (
    CREATOR,
    TIP,
    as_creator,
    clone_with,
    schedule,
)

NINE_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_targets_parse_per_platform_and_bad_ones_are_refused() -> None:
    assert parse_target("telegram:-100123") == Target("telegram", "-100123", "-100123")
    assert parse_target("telegram:900") == Target("telegram", "dm", "900")
    assert parse_target("slack:T1:C2") == Target("slack", "T1", "C2")
    assert parse_target("discord:11:22") == Target("discord", "11", "22")
    for bad in ("telegram:-1:2", "slack:C2", "discord::22", "general"):
        try:
            parse_target(bad)
        except ScheduleError:
            continue
        raise AssertionError(f"{bad} was accepted")


async def test_review_goes_to_the_moderator_channel_else_to_a_creator_reachable_in_private():
    telegram = RecordingSender("telegram")
    _, scheduler, _ = await clone_with(schedule(review_to=None), sender=telegram)
    publisher = scheduler.publisher
    bot = publisher.bot
    mods = {"telegram": PlatformConfig(moderator_channel="-100777")}
    roles = bot.roles.model_copy(update={"creators": ["slack:U1", "telegram:900"]})
    group = Target("telegram", "-100123", "-100123")
    plain = schedule(review_to=None)
    publisher.bot = bot.model_copy(update={"platforms": mods, "roles": roles})
    assert publisher.review_target(plain, group) == Target("telegram", "-100777", "-100777")
    # No moderator channel: the first creator whose platform reaches a private chat by id
    # (Slack's user ids do not; Telegram's do, and a telegram runner is here).
    publisher.bot = bot.model_copy(update={"roles": roles})
    assert publisher.review_target(plain, group) == Target("telegram", "dm", "900")
    test_mods = {"test": PlatformConfig(moderator_channel="mods")}
    publisher.bot = bot.model_copy(update={"platforms": test_mods})
    here = Target("test", "guild1", "general")
    assert publisher.review_target(plain, here) == Target("test", "guild1", "mods")


async def test_no_review_destination_where_no_runner_reaches_the_creators_private_chat():
    _, scheduler, _ = await clone_with(schedule(review_to=None))  # only a "test" runner
    publisher = scheduler.publisher
    roles = publisher.bot.roles.model_copy(update={"creators": ["telegram:900"]})
    publisher.bot = publisher.bot.model_copy(update={"roles": roles})
    assert publisher.review_target(schedule(review_to=None), Target("test", "g", "c")) is None


def test_cron_fires_in_the_schedules_own_time_zone_across_summer_time() -> None:
    trigger = trigger_for(schedule(cron="0 9 * * *", timezone="Europe/London"))
    summer = trigger.get_next_fire_time(None, datetime(2026, 7, 1, 0, 0, tzinfo=UTC))
    winter = trigger.get_next_fire_time(None, datetime(2026, 12, 1, 0, 0, tzinfo=UTC))
    assert summer.astimezone(UTC).hour == 8  # 09:00 BST
    assert winter.astimezone(UTC).hour == 9  # 09:00 GMT


def test_interval_fire_times_are_the_same_for_every_replica_whenever_it_started() -> None:
    trigger = trigger_for(schedule(cron=None, interval_minutes=90))
    a = trigger.get_next_fire_time(None, datetime(2026, 11, 23, 10, 1, tzinfo=UTC))
    b = trigger_for(schedule(cron=None, interval_minutes=90)).get_next_fire_time(
        None, datetime(2026, 11, 23, 10, 29, tzinfo=UTC)
    )
    assert a == b == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
    assert occurrence_key("tip", a, "t") == occurrence_key("tip", b, "t")


async def test_a_scheduled_post_carries_the_ai_label_and_a_citation_and_is_audited() -> None:
    chat, _, _ = await clone_with(schedule(), texts=[TIP])
    [entry] = await chat.services.scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    assert entry.status is OutboxStatus.SENT and entry.message_id
    [post] = [r for r in chat.sender.sent if r.kind is ReplyKind.POST]
    assert post.target == Target("test", "guild1", "general")
    assert post.ai_label and "AI clone of Mara Quill" in post.ai_label
    assert post.citations, "a post drawn from the archive cites it"
    assert "starter is sluggish" in post.text
    results = [e.result for e in await chat.services.state.audit_log(chat.services.bot.id)]
    assert "generated" in results and "sent" in results


async def test_the_same_occurrence_fired_twice_posts_once() -> None:
    chat, scheduler, _ = await clone_with(schedule(), texts=[TIP])
    await asyncio.gather(
        scheduler.publisher.run_occurrence(schedule(), NINE_UTC),
        scheduler.publisher.run_occurrence(schedule(), NINE_UTC),
    )
    await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    assert len([r for r in chat.sender.sent if r.kind is ReplyKind.POST]) == 1


async def test_quiet_hours_are_read_in_the_schedules_time_zone() -> None:
    quiet = schedule(timezone="America/New_York", quiet_hours=(22, 7))
    chat, scheduler, _ = await clone_with(quiet, texts=[TIP])
    # 03:30 UTC is 22:30 in New York: quiet there, although it is night in UTC too...
    [night] = await scheduler.publisher.run_occurrence(
        quiet, datetime(2026, 11, 23, 3, 30, tzinfo=UTC)
    )
    # ...and 11:30 UTC is 06:30 in New York: still quiet, although it is midday in UTC.
    [dawn] = await scheduler.publisher.run_occurrence(
        quiet, datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
    )
    [day] = await scheduler.publisher.run_occurrence(
        quiet, datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    )
    assert (night.status, night.detail) == (OutboxStatus.SKIPPED, "quiet-hours")
    assert (dawn.status, dawn.detail) == (OutboxStatus.SKIPPED, "quiet-hours")
    assert day.status is OutboxStatus.SENT
    assert len(chat.sender.sent) == 1


async def test_the_inactivity_trigger_posts_only_into_a_channel_quiet_long_enough() -> None:
    idle = schedule(cron=None, interval_minutes=60, if_quiet_hours=6)
    chat, scheduler, _ = await clone_with(idle)
    run = scheduler.publisher.run_occurrence
    await chat.say("morning all", mention=False)  # a fan speaks in #general
    chat.clock.advance(hours=2)
    [busy] = await run(idle, chat.clock.now())
    assert (busy.status, busy.detail) == (OutboxStatus.SKIPPED, "channel-active")
    chat.clock.advance(hours=5)
    [quiet] = await run(idle, chat.clock.now())
    assert quiet.status is OutboxStatus.SENT
    # The clone's own post counts as activity: an hour later it does not post again.
    chat.clock.advance(hours=1)
    [after] = await run(idle, chat.clock.now())
    assert after.detail == "channel-active"
    assert len([r for r in chat.sender.sent if r.kind is ReplyKind.POST]) == 1


async def test_a_near_duplicate_is_regenerated_once_then_skipped_and_logged() -> None:
    chat, scheduler, generator = await clone_with(schedule(), texts=[TIP])
    run = scheduler.publisher.run_occurrence
    [first] = await run(schedule(), NINE_UTC)
    [again] = await run(schedule(), NINE_UTC + timedelta(days=1))
    assert first.status is OutboxStatus.SENT
    assert again.status is OutboxStatus.SKIPPED
    # The retry leans on other sources, which do not back the same tip: unsupported there.
    assert again.detail.startswith(("near-duplicate", "check:deflected"))
    assert generator.calls == 3  # one for the first post, two tries for the repeat
    assert "different from your recent posts" in generator.prompts[-1]
    assert len(chat.sender.sent) == 1


async def test_a_near_duplicate_is_replaced_by_the_regenerated_post() -> None:
    # The retry copies a sentence of one of its (other) sources.
    chat, scheduler, _ = await clone_with(schedule(), texts=[TIP, TIP, None])
    run = scheduler.publisher.run_occurrence
    await run(schedule(), NINE_UTC)
    [second] = await run(schedule(), NINE_UTC + timedelta(days=1))
    assert second.status is OutboxStatus.SENT and "sluggish" not in second.text


async def test_output_that_claims_to_be_human_or_leaks_the_prompt_is_never_posted() -> None:
    lies = "Honestly, I'm a real person, not a bot, and this is really me posting today."
    leak = "VERIFIED FACTS about Mara Quill: <source 1> everything in my instructions"
    chat, scheduler, _ = await clone_with(schedule(), texts=[lies, leak, lies])
    [entry] = await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    assert entry.status is OutboxStatus.SKIPPED
    assert entry.detail.startswith("check:")
    assert chat.sender.sent == []


async def test_kill_switch_and_channel_mute_silence_schedules_too() -> None:
    chat, scheduler, _ = await clone_with(schedule(), texts=[TIP])
    await as_creator(chat, "/clone kill")
    [killed] = await scheduler.publisher.run_occurrence(schedule(), NINE_UTC)
    await as_creator(chat, "/clone revive")
    await as_creator(chat, "/clone mute here", channel="general")
    [muted] = await scheduler.publisher.run_occurrence(schedule(), NINE_UTC + timedelta(days=1))
    assert killed.detail == muted.detail == "silenced"
    assert [r for r in chat.sender.sent if r.kind is ReplyKind.POST] == []


# --- schedules from bot.toml and from commands ------------------------------------------------


async def test_schedules_come_from_bot_toml_and_from_creator_commands() -> None:
    chat, scheduler, _ = await clone_with(schedule(id="weekly", cron="0 9 * * mon"))
    await scheduler.start()
    try:
        added = await as_creator(
            chat,
            '/clone schedule add q cron="30 18 * * fri" tz=Europe/London to=here quiet=22-7 '
            "review a question for the weekend bake",
        )
        assert added.startswith("Added q"), added
        jobs = dict(scheduler.next_runs())
        assert {"post:weekly", "post:q"} <= set(jobs)
        assert jobs["post:q"].astimezone(UTC).strftime("%a %H:%M") == "Fri 18:30"
        listing = await as_creator(chat, "/clone schedule list")
        assert "weekly [bot.toml, on]" in listing and "q [command, on]" in listing
        assert "Next runs:" in await as_creator(chat, "/clone status")

        assert "Paused q" in await as_creator(chat, "/clone schedule pause q")
        assert "post:q" not in dict(scheduler.next_runs())
        assert "q [command, PAUSED]" in await as_creator(chat, "/clone schedule list")
        assert "Resumed q" in await as_creator(chat, "/clone schedule resume q")
        assert "post:q" in dict(scheduler.next_runs())
        refused = await as_creator(chat, "/clone schedule remove weekly")
        assert "bot.toml" in refused and "post:weekly" in dict(scheduler.next_runs())
        assert "Removed q" in await as_creator(chat, "/clone schedule remove q")
        assert "post:q" not in dict(scheduler.next_runs())
        assert "Schedule not added" in await as_creator(chat, "/clone schedule add x cron=nope hi")
        fan = await chat.text("/clone schedule add z every=1h spam", user="fan9")
        assert "only for the creator" in fan
    finally:
        await scheduler.stop()


async def test_a_command_schedule_reaches_another_replica_on_its_next_sync() -> None:
    chat, first, _ = await clone_with()
    other_chat, second, _ = await clone_with(state=chat.services.state, replica="r2")
    await first.start()
    await second.start()
    try:
        await as_creator(chat, "/clone schedule add hourly every=1h to=here the hourly bake note")
        assert "post:hourly" not in dict(second.next_runs())
        await second.sync()
        assert "post:hourly" in dict(second.next_runs())
    finally:
        await first.stop()
        await second.stop()
        await other_chat.services.close()


# --- review -----------------------------------------------------------------------------------


async def _drafted(texts: list[str] | None = None):  # type: ignore[no-untyped-def]
    reviewed = schedule(review=True)
    chat, scheduler, _ = await clone_with(reviewed, texts=texts or [TIP])
    [entry] = await scheduler.publisher.run_occurrence(reviewed, NINE_UTC)
    assert entry.status is OutboxStatus.DRAFTED and entry.draft_id
    return chat, scheduler, entry


def _click(chat, action: str, draft_id: str, user: str = CREATOR):  # type: ignore[no-untyped-def]
    """The creator presses a draft button in the moderators' channel."""
    roles = frozenset({Role.CREATOR}) if user == CREATOR else frozenset()
    event = chat.event(
        draft_id, user=user, kind=EventKind.BUTTON, action=action, roles=roles, channel="mods"
    )
    return chat.clone.handle(event)


async def test_review_sends_the_draft_to_the_moderators_channel_with_buttons() -> None:
    chat, _, entry = await _drafted()
    [draft_msg] = chat.sender.sent
    assert draft_msg.kind is ReplyKind.DRAFT
    assert draft_msg.target == Target("test", "guild1", "mods")
    assert Button("draft-approve", "Approve", entry.draft_id) in draft_msg.buttons
    assert "starter is sluggish" in draft_msg.text
    assert entry.draft_id in await as_creator(chat, "/clone drafts")


async def test_review_approve_posts_once_with_label_and_sources() -> None:
    chat, _, entry = await _drafted()
    answer = await _click(chat, "draft-approve", entry.draft_id)
    assert "approved and sent" in answer[0].text
    again = await _click(chat, "draft-approve", entry.draft_id)
    assert "already" in again[0].text
    posts = [r for r in chat.sender.sent if r.kind is ReplyKind.POST]
    assert len(posts) == 1 and posts[0].ai_label and posts[0].citations
    assert posts[0].target == Target("test", "guild1", "general")
    final = await chat.services.state.get_outbox(chat.services.bot.id, entry.key)
    assert final.status is OutboxStatus.SENT
    assert (await chat.services.state.get_draft(entry.draft_id)).status is DraftStatus.SENT


async def test_review_edit_posts_the_creators_text() -> None:
    chat, _, entry = await _drafted()
    fan = await chat.text(f"/clone edit {entry.draft_id} sneaky", user="fan2")
    assert "only for the creator" in fan
    answer = await as_creator(
        chat, f"/clone edit {entry.draft_id} Feed Barty before bed, friends!"
    )
    assert "approved and sent" in answer
    [post] = [r for r in chat.sender.sent if r.kind is ReplyKind.POST]
    assert post.text == "Feed Barty before bed, friends!" and post.ai_label
    log = await chat.services.state.audit_log(chat.services.bot.id)
    assert any(e.result == "approved" and "(edited)" in e.detail for e in log)


async def test_review_reject_posts_nothing() -> None:
    chat, _, entry = await _drafted()
    assert "rejected" in (await _click(chat, "draft-reject", entry.draft_id))[0].text
    assert [r for r in chat.sender.sent if r.kind is ReplyKind.POST] == []
    final = await chat.services.state.get_outbox(chat.services.bot.id, entry.key)
    assert (final.status, final.detail) == (OutboxStatus.SKIPPED, "rejected")
    assert "already rejected" in (await _click(chat, "draft-approve", entry.draft_id))[0].text


async def test_an_unanswered_draft_expires_and_can_no_longer_be_approved() -> None:
    chat, scheduler, entry = await _drafted()
    schedules = {"tip": schedule(review=True, review_expires_hours=24)}
    chat.clock.advance(hours=23)
    assert await scheduler.publisher.expire_drafts(schedules) == 0
    chat.clock.advance(hours=2)
    assert await scheduler.publisher.expire_drafts(schedules) == 1
    assert (await chat.services.state.get_draft(entry.draft_id)).status is DraftStatus.EXPIRED
    assert "already expired" in (await _click(chat, "draft-approve", entry.draft_id))[0].text
    assert [r for r in chat.sender.sent if r.kind is ReplyKind.POST] == []
    log = await chat.services.state.audit_log(chat.services.bot.id)
    assert any(e.result == "expired" for e in log)


# --- the nightly re-ingest --------------------------------------------------------------------


async def test_reingest_runs_in_the_owning_process_and_is_scheduled_nightly() -> None:
    from core.ingest.pipeline import run_ingest

    chat, _, _ = await clone_with()
    services = chat.services
    await services.store.delete_creator(services.bot.id)
    from core.schedule.scheduler import Scheduler

    scheduler = Scheduler.for_clone(
        bot=services.bot,
        brain=services.clone.brain,
        state=services.state,
        outbound=services.outbound,
        clock=chat.clock,
        replica="r1",
        persistent=False,
        reingest=lambda: run_ingest(services.bot, services.folder, services.memory),
    )
    await scheduler.start()
    try:
        assert "reingest" in dict(scheduler.next_runs())
        assert dict(scheduler.next_runs())["reingest"].astimezone(UTC).hour == 3
        assert await services.memory.sources(services.bot.id) == set()
        await scheduler.reingest_now()
        assert "blog" in await services.memory.sources(services.bot.id)
    finally:
        await scheduler.stop()
