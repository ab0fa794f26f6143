"""What a schedule means: targets, triggers, quiet hours, occurrence keys, stored schedules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.persona.bot import BotConfig, Schedule
from core.persona.targets import target_form, target_hints
from core.ports import StateStore
from core.types import Target

# Interval schedules count from a fixed instant, so every replica computes the same fire
# times (and so the same occurrence keys) no matter when it started.
INTERVAL_ANCHOR = datetime(2024, 1, 1, tzinfo=UTC)
# Switch keys in the StateStore: schedules added by command, and pause flags for any schedule.
STORED_PREFIX = "schedule:"
PAUSED_PREFIX = "schedule-paused:"


class ScheduleError(ValueError):
    """A schedule or target that cannot work; the message says why."""


def parse_target(text: str) -> Target:
    """Parse a schedule target: `<platform>:<workspace>:<channel>`, ids exactly as the platform
    gives them, or the form the platform registered (core/persona/targets.py; Telegram's is
    `telegram:<chat_id>`).

    Raises:
        ScheduleError: when the text is not one of these.
    """
    platform, *rest = text.strip().split(":")
    found = target_form(platform).parse(platform, rest)
    if found is None:
        raise ScheduleError(f"target {text!r}: use {target_hints()}")
    return found


def target_text(target: Target) -> str:
    """The inverse of `parse_target`."""
    return target_form(target.platform).text(target)


def channel_target(platform: str, workspace_id: str, channel_id: str) -> Target:
    """A channel bot.toml names by id alone (a platform's moderator_channel), in the workspace
    of a conversation on that platform.

    Raises:
        ScheduleError: when the id is not one the platform's form accepts.
    """
    found = target_form(platform).channel(platform, workspace_id, channel_id)
    if found is None:
        raise ScheduleError(f"target {f'{platform}:{channel_id}'!r}: use {target_hints()}")
    return found


def private_chat(user: str) -> Target | None:
    """The private chat with a platform-qualified user (`platform:user`), where the platform
    reaches one by the user's id alone; else None."""
    platform, _, user_id = user.partition(":")
    return target_form(platform).private_chat(platform, user_id)


def channel_key(target: Target) -> str:
    """The key adapters record channel activity under (ChatEvent.channel_key)."""
    return f"{target.platform}:{target.workspace_id}:{target.channel_id}"


def zone(schedule: Schedule) -> ZoneInfo:
    try:
        return ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(
            f"schedule {schedule.id}: unknown timezone {schedule.timezone!r}"
        ) from exc


def trigger_for(schedule: Schedule) -> BaseTrigger:
    """The APScheduler trigger: a crontab line in the schedule's time zone, or an interval."""
    tz = zone(schedule)
    if (schedule.cron is None) == (schedule.interval_minutes is None):
        raise ScheduleError(f"schedule {schedule.id}: give exactly one of cron, interval_minutes")
    if schedule.cron is not None:
        try:
            return CronTrigger.from_crontab(schedule.cron, timezone=tz)
        except ValueError as exc:
            raise ScheduleError(
                f"schedule {schedule.id}: bad cron {schedule.cron!r}: {exc}"
            ) from exc
    minutes = schedule.interval_minutes or 0
    if minutes <= 0:
        raise ScheduleError(f"schedule {schedule.id}: interval_minutes must be positive")
    return IntervalTrigger(
        seconds=round(minutes * 60, 6), start_date=INTERVAL_ANCHOR.astimezone(tz), timezone=tz
    )


def validate(schedule: Schedule) -> None:
    """Raise ScheduleError unless the schedule's trigger, targets and hours all work."""
    trigger_for(schedule)
    if schedule.live_minutes is None and not schedule.prompt.strip():
        raise ScheduleError(f"schedule {schedule.id}: a prompt, or live_minutes for a live Q&A")
    if not schedule.targets:
        raise ScheduleError(f"schedule {schedule.id}: no targets")
    for t in schedule.targets:
        parse_target(t)
    if schedule.review_to:
        parse_target(schedule.review_to)
    if schedule.quiet_hours is not None and not all(0 <= h <= 24 for h in schedule.quiet_hours):
        raise ScheduleError(f"schedule {schedule.id}: quiet_hours are hours 0-24")


def in_quiet_hours(schedule: Schedule, when: datetime) -> bool:
    """True if `when` falls in the schedule's quiet hours, read in its own time zone.

    `quiet_hours = [22, 7]` means 22:00 to 06:59 local; `[1, 5]` means 01:00 to 04:59.
    """
    if schedule.quiet_hours is None:
        return False
    start, end = schedule.quiet_hours
    hour = when.astimezone(zone(schedule)).hour
    if start == end:
        return False
    return start <= hour < end if start < end else hour >= start or hour < end


def occurrence_key(schedule_id: str, fire_time: datetime, target: str) -> str:
    """The idempotency key of one post: schedule, fire instant (UTC, ms) and target."""
    instant = fire_time.astimezone(UTC).isoformat(timespec="milliseconds")
    return f"{schedule_id}@{instant}>{target}"


def fire_time_of(key: str, schedule_id: str, target: str) -> datetime | None:
    """The fire instant an occurrence key was made from (None if it is not one of ours)."""
    instant = key.removeprefix(f"{schedule_id}@").removesuffix(f">{target}")
    try:
        fire = datetime.fromisoformat(instant)
    except ValueError:
        return None
    return fire if occurrence_key(schedule_id, fire, target) == key else None


def idle_enough(last_activity: datetime | None, now: datetime, hours: float | None) -> bool:
    """The inactivity trigger: no threshold, or nothing seen for `hours`."""
    if hours is None or last_activity is None:
        return True
    return now - last_activity >= timedelta(hours=hours)


async def stored_schedules(state: StateStore, bot: BotConfig) -> dict[str, Schedule]:
    """Schedules added by `/clone schedule add`, kept in the shared state so replicas agree."""
    out: dict[str, Schedule] = {}
    for key, value in (await state.switches(bot.id)).items():
        if key.startswith(STORED_PREFIX):
            out[key.removeprefix(STORED_PREFIX)] = Schedule.model_validate(json.loads(value))
    return out


async def all_schedules(state: StateStore, bot: BotConfig) -> dict[str, Schedule]:
    """bot.toml's schedules plus the stored ones (bot.toml wins on an id clash)."""
    found = await stored_schedules(state, bot)
    found.update({s.id: s for s in bot.schedules})
    return found


async def store_schedule(state: StateStore, bot: BotConfig, schedule: Schedule) -> None:
    await state.set_switch(bot.id, STORED_PREFIX + schedule.id, schedule.model_dump_json())


async def is_paused(state: StateStore, bot: BotConfig, schedule_id: str) -> bool:
    return await state.get_switch(bot.id, PAUSED_PREFIX + schedule_id) is not None
