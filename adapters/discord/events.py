"""discord.py objects -> ChatEvent: pure translation, no network."""

from __future__ import annotations

import re
from typing import Any

import discord

from adapters.common.text import clean_text
from core.control.commands import CommandSpec
from core.types import Author, Capabilities, ChatEvent, Command, ContentKind, EventKind, Permission

PLATFORM = "discord"
DM_WORKSPACE = "dm"
BUTTON_PREFIX = "clone"  # custom_id = "clone:{action}:{value}", so clicks survive restarts
# Ephemeral replies exist only as answers to interactions (commands, buttons).
CAPABILITIES = Capabilities.every(channel_posts=(5, 5.0))  # Discord: 5 per 5 s per channel


def to_event(native: Any, *, bot_id: int) -> ChatEvent | None:
    """Translate a native discord.py object into a ChatEvent, or None if core has no use for it.

    Args:
        native: A `Message`, `RawMessageUpdateEvent`, `RawMessageDeleteEvent`,
            `RawReactionActionEvent`, or a button-click `Interaction` (slash commands go through
            `command_event`, which needs the command spec).
        bot_id: Our bot user's id (to see and strip mentions of the clone).
    """
    if isinstance(native, discord.Message):
        return _from_message(native, bot_id=bot_id)
    if isinstance(native, discord.RawMessageUpdateEvent):
        msg = native.message
        if msg.edited_at is None:  # embed unfurls also arrive as MESSAGE_UPDATE
            return None
        return _from_message(msg, bot_id=bot_id, edit=True)
    if isinstance(native, discord.RawMessageDeleteEvent):
        cached = native.cached_message
        channel_id, thread_id = where(cached.channel if cached else None, native.channel_id)
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=str(native.guild_id) if native.guild_id else DM_WORKSPACE,
            channel_id=channel_id,
            thread_id=thread_id,
            # Uncached messages (older than the cache, or sent before a restart) have no author.
            author=_author(cached.author, cached.channel) if cached else Author(id="unknown"),
            message_id=str(native.message_id),
            event_id=f"{native.message_id}:delete",
            kind=EventKind.DELETE,
            is_dm=native.guild_id is None,
            capabilities=CAPABILITIES,
            raw=native,
        )
    if isinstance(native, discord.RawReactionActionEvent):
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=str(native.guild_id) if native.guild_id else DM_WORKSPACE,
            channel_id=str(native.channel_id),
            author=_author(native.member, None) if native.member else Author(str(native.user_id)),
            event_id=f"{native.message_id}:react:{native.user_id}:{native.emoji}",
            kind=EventKind.REACTION,
            is_dm=native.guild_id is None,
            reply_to_bot=native.message_author_id == bot_id,
            action=str(native.emoji),
            target_message_id=str(native.message_id),
            capabilities=CAPABILITIES,
            raw=native,
        )
    if (
        isinstance(native, discord.Interaction)
        and native.type is discord.InteractionType.component
    ):
        data: dict[str, Any] = dict(native.data or {})
        prefix, _, rest = str(data.get("custom_id", "")).partition(":")
        if prefix != BUTTON_PREFIX:
            return None
        action, _, value = rest.partition(":")
        return _from_interaction(native, EventKind.BUTTON, text=value, action=action)
    return None


def command_event(interaction: discord.Interaction, spec: CommandSpec, args: str) -> ChatEvent:
    """Translate a slash-command invocation into a COMMAND event named as core names it."""
    args = clean_text(args)
    return _from_interaction(
        interaction, EventKind.COMMAND, text=args, command=Command(spec.name, tuple(args.split()))
    )


def _from_message(msg: discord.Message, *, bot_id: int, edit: bool = False) -> ChatEvent | None:
    if msg.author.id == bot_id:
        return None  # our own messages: core must never answer itself
    if msg.type not in (discord.MessageType.default, discord.MessageType.reply):
        return None  # joins, pins, thread-created notices...
    guild = msg.guild
    self_role = guild.self_role if guild else None
    mentioned = bot_id in msg.raw_mentions or any(u.id == bot_id for u in msg.mentions)
    # People often pick the bot's managed role from the autocomplete instead of the bot itself.
    role_mentioned = self_role is not None and self_role.id in msg.raw_role_mentions
    pattern = rf"<@!?{bot_id}>" + (rf"|<@&{self_role.id}>" if self_role else "")
    text = re.sub(r"[ \t]{2,}", " ", re.sub(pattern, "", clean_text(msg.content))).strip()
    ref = msg.reference.resolved if msg.reference else None
    channel_id, thread_id = where(msg.channel, msg.channel.id)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(guild.id) if guild else DM_WORKSPACE,
        channel_id=channel_id,
        thread_id=thread_id,
        author=_author(msg.author, msg.channel),
        text=text,
        message_id=str(msg.id),
        # An edit is a new delivery of the same message; keep it apart from the creation.
        event_id=f"{msg.id}:edit:{msg.edited_at.isoformat()}" if edit and msg.edited_at else "",
        kind=EventKind.EDIT if edit else EventKind.MESSAGE,
        content=_content(msg),
        is_dm=guild is None,
        mentions_bot=mentioned or role_mentioned,
        reply_to_bot=isinstance(ref, discord.Message) and ref.author.id == bot_id,
        timestamp=(msg.edited_at if edit and msg.edited_at else msg.created_at),
        capabilities=CAPABILITIES,
        raw=msg,
    )


def _from_interaction(
    it: discord.Interaction,
    kind: EventKind,
    *,
    text: str,
    command: Command | None = None,
    action: str | None = None,
) -> ChatEvent:
    channel_id, thread_id = where(it.channel, it.channel_id or 0)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(it.guild_id) if it.guild_id else DM_WORKSPACE,
        channel_id=channel_id,
        thread_id=thread_id,
        author=_author(it.user, it.channel, it.permissions if it.guild_id else None),
        text=clean_text(text),
        event_id=str(it.id),
        kind=kind,
        is_dm=it.guild_id is None,
        mentions_bot=True,  # an interaction is always addressed to the bot
        command=command,
        action=action,
        target_message_id=str(it.message.id) if it.message else None,
        timestamp=it.created_at,
        capabilities=CAPABILITIES,
        raw=it,
    )


def where(channel: Any, fallback_id: int) -> tuple[str, str | None]:
    """(channel_id, thread_id): a thread's messages belong to its parent channel."""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return str(channel.parent_id), str(channel.id)
    return str(getattr(channel, "id", None) or fallback_id), None


def permissions_of(perms: discord.Permissions) -> frozenset[Permission]:
    """Discord's permission bits as core's neutral permissions."""
    found = set()
    if perms.administrator:
        found.add(Permission.ADMIN)
    if perms.manage_guild:
        found.add(Permission.MANAGE_COMMUNITY)
    if perms.manage_messages:
        found.add(Permission.MANAGE_MESSAGES)
    return frozenset(found)


def _author(
    who: discord.User | discord.Member, channel: Any, perms: discord.Permissions | None = None
) -> Author:
    permissions: frozenset[Permission] = frozenset()
    role_ids: frozenset[str] = frozenset()
    if isinstance(who, discord.Member):
        if perms is None:  # messages carry no permissions: compute them from the cached guild
            if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
                perms = channel.permissions_for(who)
            else:
                perms = who.guild_permissions
        permissions = permissions_of(perms)
        role_ids = frozenset(str(r.id) for r in who.roles if not r.is_default())
    return Author(
        id=str(who.id),
        display_name=clean_text(who.display_name),
        is_bot=who.bot,
        permissions=permissions,
        role_ids=role_ids,
    )


def _content(msg: discord.Message) -> ContentKind:
    if msg.flags.voice:
        return ContentKind.VOICE
    for a in msg.attachments:
        kind = (a.content_type or "").split("/", 1)[0]
        return {"image": ContentKind.IMAGE, "audio": ContentKind.VOICE}.get(kind, ContentKind.FILE)
    if msg.stickers:
        return ContentKind.STICKER
    if msg.content:
        return ContentKind.TEXT
    return ContentKind.OTHER if msg.embeds or msg.poll else ContentKind.TEXT
