"""A rate limit for fans' commands, buttons and 🚩 reactions; moderators are never slowed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from core.ports import RateLimiter
from core.turn import Turn
from core.types import EventKind, Reply, ReplyKind, Role

log = logging.getLogger(__name__)

CommandHandler = Callable[[Turn], Awaitable[list[Reply] | None]]

REPORT_EMOJI = frozenset({"🚩", "triangular_flag_on_post", "report"})

# (hits, per seconds) for one fan. Exports and deletes touch every store, and reports reach
# the creator's review list, so each has its own cap; "*" caps all of a fan's actions together.
# A forget is asked and then confirmed (two hits), so six is three tries an hour.
FAN_LIMITS: dict[str, tuple[int, float]] = {
    "my-data": (3, 3600.0),
    "forget-me": (6, 3600.0),
    "report": (5, 3600.0),
    "*": (10, 60.0),
}
# At most one "slow down" per fan per minute: past it, a flood gets silence, not answers.
TOLD_EVERY_SECONDS = 60.0


def action_of(turn: Turn) -> str | None:
    """What a command, button or reaction asks for, by the name the limits use; None if it
    asks nothing (a 👍 reaction)."""
    e = turn.event
    if e.kind is EventKind.REACTION:
        return "report" if e.action in REPORT_EMOJI and e.target_message_id else None
    if e.kind is EventKind.BUTTON:
        return e.action
    return e.command.name if e.command is not None else None


class CommandLimit:
    """The policy in front of commands, buttons and reactions (they skip the reply onion, so
    that `/clone unmute` works in a muted channel): fans' actions are capped, while moderators
    and the creator pass always, so the kill switch and mutes can never be rate limited."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def __call__(self, turn: Turn, call_next: CommandHandler) -> list[Reply] | None:
        action = action_of(turn)
        if action is None or turn.role >= Role.MODERATOR:
            return await call_next(turn)
        fan = f"{turn.creator_id}:{turn.event.fan_id}"
        for name in ("*", action) if action in FAN_LIMITS else ("*",):
            hits, per = FAN_LIMITS[name]
            if not await self.limiter.allow(f"cmd:{name}:{fan}", hits, per):
                turn.notes.append(f"rate:cmd:{name}")
                return await self._refuse(turn, fan, action if name != "*" else None)
        return await call_next(turn)

    async def _refuse(self, turn: Turn, fan: str, action: str | None) -> list[Reply] | None:
        if not await self.limiter.allow(f"cmd-told:{fan}", 1, TOLD_EVERY_SECONDS):
            return None
        log.info("rate limited %s for a fan of %s", action or "commands", turn.creator_id)
        text = (
            f"You've asked for /{action} several times just now; please try again later."
            if action in ("my-data", "forget-me", "report")
            else "That's a lot of requests at once; please try again in a minute."
        )
        target = turn.event.target(private=True)
        return [Reply(target, text, kind=ReplyKind.COMMAND_RESULT, ephemeral=True)]
