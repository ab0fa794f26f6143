"""Handoff actions shared by chat commands and the dashboard: release, and a human's reply."""

from __future__ import annotations

from datetime import datetime

from core.persona.bot import BotConfig
from core.ports import Outbound, StateStore
from core.types import FAN_PART, Reply, ReplyKind, SentMessage, Target


def target_of(conversation_id: str) -> Target:
    """The Target a conversation key (`platform:workspace:channel:thread`) names."""
    platform, sep, rest = conversation_id.partition(":")
    workspace, sep2, rest = rest.partition(":")
    channel, sep3, thread = rest.rpartition(":")
    if not (sep and sep2 and sep3) or not platform or not channel:
        raise ValueError(f"not a conversation key: {conversation_id!r}")
    if thread.startswith(FAN_PART):  # one fan's part of a channel: a human answers there
        return Target(platform, workspace, channel)
    return Target(platform, workspace, channel, thread or None)


async def release(state: StateStore, creator_id: str, conversation_id: str, now: datetime) -> bool:
    """Give a conversation back to the clone; its next reply discloses again."""
    closed = await state.close_handoff(creator_id, conversation_id, now)
    if closed:
        await state.set_switch(creator_id, f"disclose:{conversation_id}", "1")
    return closed


def human_text(bot: BotConfig, name: str, text: str) -> str:
    """A human's message, labelled so no fan takes it for the clone."""
    who = name.strip() or "A person"
    return f"{who} (a real person on {bot.persona.name}'s team): {text.strip()}"


async def reply_as_human(
    *,
    bot: BotConfig,
    state: StateStore,
    outbound: Outbound,
    conversation_id: str,
    name: str,
    text: str,
) -> SentMessage | None:
    """Send a human's reply into a handed-off conversation: no AI label, a human label instead.

    Raises:
        LookupError: no open handoff for that conversation, or no sender for its platform.
        ValueError: empty text or a malformed conversation key.
    """
    if not text.strip():
        raise ValueError("the reply is empty")
    if await state.get_handoff(bot.id, conversation_id) is None:
        raise LookupError("no open handoff in that conversation")
    target = target_of(conversation_id)
    if not outbound.reaches(target.platform):
        raise LookupError(f"{target.platform} is not running in this process")
    reply = Reply(target=target, text=human_text(bot, name, text), kind=ReplyKind.NOTICE)
    return await outbound.post(reply)
