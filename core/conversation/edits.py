"""Edited and deleted fan messages: memory follows what the fan shows now."""

from __future__ import annotations

from dataclasses import replace

from core.brain.brain import BrainMemory
from core.ports import StateStore
from core.trust.sanitize import neutralise_input
from core.turn import Turn

DELETED = "[deleted by the fan]"


async def _authors(state: StateStore, turn: Turn) -> set[str]:
    """Fans who may own the message: the event's author, plus whoever the reply log says sent
    it (Discord reports uncached deletes with an unknown author)."""
    e = turn.event
    owners = {e.fan_id}
    prefix = f"{e.platform}:"
    for r in await state.replies(turn.creator_id, limit=5000):
        if r.message_id == e.message_id and r.fan_id.startswith(prefix):
            owners.add(r.fan_id)
    return owners


async def _scrub_log(state: StateStore, turn: Turn, text: str) -> None:
    e = turn.event
    for r in await state.replies(turn.creator_id, limit=5000):
        if r.message_id == e.message_id and r.fan_id.startswith(f"{e.platform}:"):
            await state.log_reply(replace(r, fan_text=text))


async def on_delete(memory: BrainMemory, state: StateStore, turn: Turn) -> int:
    """Forget a deleted message (and the reply tied to it) for whoever sent it."""
    e = turn.event
    if not e.message_id:
        return 0
    owners = await _authors(state, turn)
    # The log is scrubbed first: forgetting the message asks for a purge of the files, which
    # must find the scrubbed row already written.
    await _scrub_log(state, turn, DELETED)
    removed = 0
    for fan_id in owners:
        removed += await memory.forget_message(turn.creator_id, fan_id, e.message_id)
    return removed


async def on_edit(memory: BrainMemory, state: StateStore, turn: Turn) -> int:
    """Replace a remembered message by its edited text; unseen messages stay unremembered."""
    e = turn.event
    if not e.message_id:
        return 0
    removed = await memory.forget_message(turn.creator_id, e.fan_id, e.message_id)
    text = neutralise_input(e.text).strip()
    if removed and text:
        await memory.remember_turn(
            turn.scope,
            conversation_id=e.conversation_id,
            fan_text=text,
            reply_text="",
            message_id=e.message_id,
            at=turn.now,
        )
        await _scrub_log(state, turn, text)
    return removed
