"""`/clone schedule add|list|pause|resume|remove`: the creator's controls over scheduled posts."""

from __future__ import annotations

import shlex
from typing import Protocol

from pydantic import ValidationError

from core.persona.bot import BotConfig, Schedule
from core.persona.schedule_spec import (
    PAUSED_PREFIX,
    STORED_PREFIX,
    ScheduleError,
    all_schedules,
    is_paused,
    store_schedule,
    stored_schedules,
    target_text,
    validate,
)
from core.ports import StateStore
from core.records import Draft
from core.turn import Turn
from core.types import Reply, ReplyKind, Target

USAGE = (
    'Usage: /clone schedule add <id> cron="0 9 * * mon"|every=6h [tz=Europe/London] '
    "[to=here|to=<target>] [quiet=22-7] [idle=6h] [review] <what to post>|live=60m\n"
    "       /clone schedule list|pause <id>|resume <id>|remove <id>"
)
_UNITS = {"m": 1.0, "h": 60.0, "d": 1440.0}


def result(turn: Turn, text: str) -> list[Reply]:
    """A private command answer, as Control gives them."""
    target = turn.event.target(private=True)
    return [Reply(target=target, text=text, kind=ReplyKind.COMMAND_RESULT, ephemeral=True)]


class ScheduleHooks(Protocol):
    """What a running Scheduler offers the command handlers (core.schedule.scheduler.Scheduler)."""

    async def resync(self) -> None: ...

    def status_lines(self) -> list[str]: ...

    async def decide(self, draft: Draft, *, approve: bool, by: str, text: str | None) -> str: ...


def _minutes(text: str) -> float:
    unit = text[-1:].lower()
    if unit not in _UNITS:
        raise ScheduleError(f"{text!r}: use a number with m, h or d (every=6h)")
    try:
        return float(text[:-1]) * _UNITS[unit]
    except ValueError as exc:
        raise ScheduleError(f"{text!r}: use a number with m, h or d (every=6h)") from exc


def parse_add(args: tuple[str, ...], here: Target) -> Schedule:
    """Parse the words after `/clone schedule add` into a validated Schedule."""
    joined = " ".join(args).replace("\u201c", '"').replace("\u201d", '"')
    try:
        words = shlex.split(joined)
    except ValueError as exc:
        raise ScheduleError(f"{exc}; check the quotes") from exc
    if not words:
        raise ScheduleError(USAGE)
    fields: dict[str, object] = {"id": words[0], "targets": []}
    prompt: list[str] = []
    for word in words[1:]:
        key, eq, value = word.partition("=")
        if word == "review":
            fields["review"] = True
        elif eq and key == "cron":
            fields["cron"] = value
        elif eq and key == "every":
            fields["interval_minutes"] = _minutes(value)
        elif eq and key == "tz":
            fields["timezone"] = value
        elif eq and key == "to":
            targets = fields["targets"]
            assert isinstance(targets, list)
            targets.append(target_text(here) if value == "here" else value)
        elif eq and key == "quiet":
            start, _, end = value.partition("-")
            fields["quiet_hours"] = (int(start), int(end))
        elif eq and key == "idle":
            fields["if_quiet_hours"] = _minutes(value) / 60
        elif eq and key == "review_to":
            fields["review_to"] = value
        elif eq and key == "live":  # a scheduled stream: live mode, not a post
            fields["live_minutes"] = _minutes(value)
        else:
            prompt.append(word)
    fields["prompt"] = " ".join(prompt)
    if not fields["prompt"] and "live_minutes" not in fields:
        raise ScheduleError("say what to post, e.g. 'a beginner tip from my archive'")
    if not fields["targets"]:
        fields["targets"] = [target_text(here)]
    try:
        schedule = Schedule.model_validate(fields)
    except ValidationError as exc:
        raise ScheduleError(str(exc.errors()[0]["msg"])) from exc
    validate(schedule)
    return schedule


def _describe(schedule: Schedule, paused: bool, origin: str) -> str:
    timing = (
        f"cron {schedule.cron}" if schedule.cron else f"every {schedule.interval_minutes:g} min"
    )
    extras = [timing, schedule.timezone, "→ " + ", ".join(schedule.targets)]
    if schedule.quiet_hours:
        extras.append(f"quiet {schedule.quiet_hours[0]}-{schedule.quiet_hours[1]}")
    if schedule.if_quiet_hours:
        extras.append(f"only after {schedule.if_quiet_hours:g} h quiet")
    if schedule.review:
        extras.append("review")
    state = "PAUSED" if paused else "on"
    what = f"live Q&A, {schedule.live_minutes:g} min" if schedule.live_minutes else ""
    return (
        f"• {schedule.id} [{origin}, {state}] {' · '.join(extras)}: {what or schedule.prompt[:80]}"
    )


async def schedule_command(
    turn: Turn, bot: BotConfig, state: StateStore, hooks: ScheduleHooks | None
) -> list[Reply]:
    """Handle `/clone schedule ...` (the role check is Control's, from core/commands.py)."""
    args = turn.event.command.args if turn.event.command else ()
    sub, rest = (args[0].lower(), args[1:]) if args else ("list", ())
    here = Target(turn.event.platform, turn.event.workspace_id, turn.event.channel_id)
    known = await all_schedules(state, bot)
    stored = await stored_schedules(state, bot)
    if sub == "add":
        try:
            schedule = parse_add(rest, here)
        except ScheduleError as exc:
            return result(turn, f"Schedule not added: {exc}\n{USAGE}")
        if schedule.id in {s.id for s in bot.schedules}:
            return result(turn, f"{schedule.id} is defined in bot.toml; pick another id.")
        await store_schedule(state, bot, schedule)
        text = "Added " + _describe(schedule, False, "command")[2:]
    elif sub == "list":
        if not known:
            return result(turn, "No schedules. " + USAGE)
        lines = [
            _describe(
                s, await is_paused(state, bot, s.id), "command" if s.id in stored else "bot.toml"
            )
            for s in known.values()
        ]
        if hooks is not None:
            lines += hooks.status_lines()
        return result(turn, "\n".join(lines))
    elif sub in ("pause", "resume", "remove"):
        if not rest or rest[0] not in known:
            return result(
                turn, f"No schedule {rest[0] if rest else ''!r}. Try /clone schedule list."
            )
        sid = rest[0]
        if sub == "remove":
            if sid not in stored:
                return result(turn, f"{sid} is defined in bot.toml; pause it, or edit bot.toml.")
            await state.set_switch(bot.id, STORED_PREFIX + sid, None)
            await state.set_switch(bot.id, PAUSED_PREFIX + sid, None)
            text = f"Removed {sid}."
        else:
            await state.set_switch(bot.id, PAUSED_PREFIX + sid, "1" if sub == "pause" else None)
            text = f"{'Paused' if sub == 'pause' else 'Resumed'} {sid}."
    else:
        return result(turn, USAGE)
    if hooks is not None:
        await hooks.resync()
    return result(turn, text)
