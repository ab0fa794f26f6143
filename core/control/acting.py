"""A Turn for a person acting outside chat (the dashboard): same roles, handlers and audit."""

from __future__ import annotations

from datetime import datetime

from core.persona.bot import BotConfig
from core.turn import Turn, resolve_role
from core.types import Author, ChatEvent, Command, EventKind, Role

# The "conversation" a dashboard action happens in, as the audit log shows it.
WEB_WORKSPACE = "dashboard"


def role_of(bot: BotConfig, actor: str) -> Role:
    """What `actor` (`platform:user`, as bot.toml writes it) may do for this clone.

    Only bot.toml's ids count here: outside a chat there are no platform permissions to read.
    """
    return resolve_role(_event(actor, "", None), bot)


def acting_turn(bot: BotConfig, actor: str, now: datetime, command: Command | None = None) -> Turn:
    """A Turn that core's command handlers accept, on behalf of `actor`, with its real role."""
    event = _event(actor, " ".join((command.name, *command.args)) if command else "", command)
    return Turn(event=event, role=resolve_role(event, bot), bot=bot, now=now)


def _event(actor: str, text: str, command: Command | None) -> ChatEvent:
    platform, _, user = actor.partition(":")
    if not platform or not user:
        raise ValueError(f"an actor is written platform:user, not {actor!r}")
    return ChatEvent(
        platform=platform,
        workspace_id=WEB_WORKSPACE,
        channel_id="web",
        author=Author(user, user),
        text=text,
        kind=EventKind.COMMAND if command else EventKind.MESSAGE,
        command=command,
        is_dm=True,
    )
