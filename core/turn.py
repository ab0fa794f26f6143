"""A Turn: one event on its way through policies and the brain, with what core knows about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.persona import BotConfig
from core.records import FanScope
from core.types import ChatEvent, Role


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

    @property
    def creator_id(self) -> str:
        return self.bot.id

    @property
    def scope(self) -> FanScope:
        e = self.event
        return FanScope(self.bot.id, e.fan_id, e.community_id, e.is_dm)


def resolve_role(event: ChatEvent, bot: BotConfig) -> Role:
    """Platform permissions (read by the adapter) merged with the ids named in bot.toml."""
    roles = bot.roles
    if event.user_key in roles.creators:
        return Role.CREATOR
    best = max(event.author.platform_roles, default=Role.FAN)
    if event.user_key in roles.moderators or event.author.role_ids & set(roles.moderator_role_ids):
        best = max(best, Role.MODERATOR)
    return best
