"""Chat handlers for the corrections loop: /clone review, fact, never and prefer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from core.ports import StateStore
from core.trust import corrections
from core.turn import Turn
from core.types import Reply

ResultFn = Callable[..., list[Reply]]
Handler = Callable[[Turn], Awaitable[list[Reply]]]


def _args(turn: Turn) -> tuple[str, ...]:
    return turn.event.command.args if turn.event.command else ()


async def find_reported(
    state: StateStore, creator_id: str, turn: Turn, message_id: str
) -> str | None:
    """The reply a fan reported by platform message: the one answering that message, else
    the clone's latest reply to this fan in this conversation (a 🚩 on our own message).
    """
    e = turn.event
    latest = None
    for r in await state.replies(creator_id, limit=500):
        if r.message_id and r.message_id == message_id:
            return r.id
        if latest is None and r.fan_id == e.fan_id and r.conversation_id == e.conversation_id:
            latest = r.id
    return latest


def review_handlers(state: StateStore, creator_id: str, result: ResultFn) -> dict[str, Handler]:
    """Handlers keyed by command name; `result` builds the private command answer."""

    async def review(turn: Turn) -> list[Reply]:
        args = _args(turn)
        which = args[0].lower() if args else None
        if which is not None and which not in corrections.REVIEW_FILTERS:
            return result(turn, "Usage: /clone review [flagged|reported|deflected]")
        records = await corrections.review(state, creator_id, which)
        live = await corrections.load(state, creator_id)
        return result(turn, corrections.render_review(records, live))

    async def fact(turn: Turn) -> list[Reply]:
        text = " ".join(_args(turn)).strip()
        if not text:
            return result(turn, "Usage: /clone fact <a first-person fact, e.g. I have two cats>")
        await corrections.add_fact(state, creator_id, text)
        return result(turn, f"Verified fact added; the clone may say it from now on: {text}")

    async def never(turn: Turn) -> list[Reply]:
        text = " ".join(_args(turn)).strip()
        if not text:
            return result(turn, "Usage: /clone never <phrase>")
        await corrections.add_never(state, creator_id, text)
        return result(turn, f"Never-say rule added, live now: {text!r}")

    async def prefer(turn: Turn) -> list[Reply]:
        args = _args(turn)
        if len(args) < 2:
            return result(turn, "Usage: /clone prefer <reply-id> <your answer>")
        record = await corrections.add_preferred(state, creator_id, args[0], " ".join(args[1:]))
        if record is None:
            return result(turn, f"No reply {args[0]}; /clone review lists the ids.")
        return result(turn, f"From now on, {record.fan_text[:80]!r} gets your answer.")

    handlers: dict[str, Any] = {
        "clone review": review,
        "clone fact": fact,
        "clone never": never,
        "clone prefer": prefer,
    }
    return handlers
