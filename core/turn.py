"""A Turn: one event on its way through policies and the brain, with what core knows about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.persona.bot import BotConfig
from core.ports import StateStore
from core.records import FanScope
from core.types import ChatEvent, EventKind, Permission, Role, Target

# Platform permissions that make someone a moderator of the clone where they hold them.
MODERATING = frozenset(
    {Permission.OWNER, Permission.ADMIN, Permission.MANAGE_COMMUNITY, Permission.MANAGE_MESSAGES}
)


@dataclass(slots=True)
class Turn:
    event: ChatEvent
    role: Role
    bot: BotConfig
    now: datetime
    # Set by policies on the way in: disclose again (first contact, gap, after release).
    disclose: bool = False
    # Why the clone stayed silent, for logs and tests; empty while it may speak.
    notes: list[str] = field(default_factory=list)
    # The creator's switches, read once per turn (kill, mode, budget, corrections...).
    switches: dict[str, str] | None = None
    # Set by WhoMaySpeak: a DM, mention, reply, name or command (queued before chatter).
    addressed: bool = False
    # Seconds this turn waited in the turn queue before running, and whether the queue has
    # taken charge of accounting for its message(s).
    waited: float = 0.0
    queued: bool = False
    # The message's vector for the meaning checks (core/trust/meaning.py), embedded once by
    # the care check and reused by the honesty check; None when those checks are off.
    meaning_vector: Any = None  # (the text it was made from, its vector)

    @property
    def creator_id(self) -> str:
        return self.bot.id

    @property
    def scope(self) -> FanScope:
        e = self.event
        return FanScope(self.bot.id, e.fan_id, e.community_id, e.is_dm)


async def turn_switches(turn: Turn, state: StateStore) -> dict[str, str]:
    """The creator's switches as of this turn: one read, shared by every policy and the brain."""
    if turn.switches is None:
        turn.switches = await state.switches(turn.creator_id)
    return turn.switches


def resolve_role(event: ChatEvent, bot: BotConfig) -> Role:
    """Platform permissions (read by the adapter) merged with the ids named in bot.toml."""
    roles = bot.roles
    if event.user_key in roles.creators:
        return Role.CREATOR
    best = max(event.author.platform_roles, default=Role.FAN)
    if event.author.permissions & MODERATING:
        best = max(best, Role.MODERATOR)
    if event.user_key in roles.moderators or event.author.role_ids & set(roles.moderator_role_ids):
        best = max(best, Role.MODERATOR)
    return best


def can_open_thread(event: ChatEvent) -> bool:
    """True in a shared channel (not a DM, not already a thread) whose platform threads on a
    message."""
    return event.capabilities.thread_on_message and not event.is_dm and not event.thread_id


def thread_on_message(event: ChatEvent) -> Target | None:
    """A target in a new thread hanging off this fan message, where the platform allows it."""
    if (
        not can_open_thread(event)
        or event.kind not in (EventKind.MESSAGE, EventKind.COMMAND)
        or not event.message_id
    ):
        return None
    target = event.target()
    return Target(
        target.platform,
        target.workspace_id,
        target.channel_id,
        reply_to_message_id=target.reply_to_message_id,
        open_thread_on=event.message_id,
    )
