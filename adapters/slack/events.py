"""Slack deliveries (events, slash commands, block actions) -> ChatEvent: pure, no network."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from adapters.common.text import clean_text
from core.control.commands import parse_command
from core.types import Author, Capabilities, ChatEvent, ContentKind, EventKind, Permission

PLATFORM = "slack"
CAPABILITIES = Capabilities.every(channel_posts=(1, 1.0))  # Slack: about 1/s per channel
# Message subtypes that are things people (or other bots) said; joins, topics etc. are not.
_SAID = {None, "file_share", "thread_broadcast", "bot_message", "me_message"}


def delivery_id(body: Mapping[str, Any]) -> str:
    """Slack's id for one delivery: `event_id` for events (same on every retry), else trigger."""
    return str(body.get("event_id") or body.get("trigger_id") or "")


def user_id_of(body: Mapping[str, Any]) -> str:
    """The acting user's id in any delivery, or "" for bots and system events."""
    if "command" in body:
        return str(body.get("user_id", ""))
    if body.get("type") == "block_actions":
        return str(body.get("user", {}).get("id", ""))
    ev = body.get("event", {})
    nested = ev.get("message") or ev.get("previous_message") or {}
    return str(ev.get("user") or nested.get("user") or "")


def permissions_of(user: Mapping[str, Any]) -> frozenset[Permission]:
    """A `users.info` record's flags as core's neutral permissions."""
    found = set()
    if user.get("is_owner") or user.get("is_primary_owner"):
        found.add(Permission.OWNER)
    if user.get("is_admin"):
        found.add(Permission.ADMIN)
    return frozenset(found)


def _author(
    uid: str,
    user: Mapping[str, Any] | None,
    is_bot: bool = False,
    groups: frozenset[str] = frozenset(),
) -> Author:
    user = user or {}
    profile = user.get("profile", {})
    return Author(
        id=uid,
        display_name=clean_text(
            str(profile.get("display_name") or profile.get("real_name") or user.get("name") or uid)
        ),
        is_bot=is_bot or bool(user.get("is_bot")),
        permissions=permissions_of(user),
        role_ids=groups,
    )


class _Who(Protocol):
    def __call__(self, uid: str, is_bot: bool = False) -> Author: ...


def _when(ts: Any) -> datetime:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError):
        return datetime.now(UTC)


def _content(ev: Mapping[str, Any]) -> ContentKind:
    files = ev.get("files") or []
    if not files:
        return ContentKind.TEXT
    mime = str(files[0].get("mimetype", ""))
    if mime.startswith("audio/") or files[0].get("subtype") == "slack_audio":
        return ContentKind.VOICE
    return ContentKind.IMAGE if mime.startswith("image/") else ContentKind.FILE


def is_dm_channel(channel_id: str) -> bool:
    """Slack's DM channel ids start with D."""
    return channel_id.startswith("D")


def to_event(
    body: Mapping[str, Any],
    *,
    bot_user_id: str,
    user: Mapping[str, Any] | None = None,
    groups: frozenset[str] = frozenset(),
) -> ChatEvent | None:
    """Translate one Bolt body (event, slash command or block action) into a ChatEvent.

    Args:
        body: the request body Bolt parsed (Events API envelope, command form, or action payload).
        bot_user_id: our bot's user id, to strip its mention and spot replies to it.
        user: the acting user's `users.info` record, for display name and admin/owner roles.
        groups: the acting user's user-group (subteam) ids, matched by core against bot.toml.

    Returns:
        The event, or None for deliveries that are not conversation (joins, topic changes...).
    """

    def who(uid: str, is_bot: bool = False) -> Author:
        return _author(uid, user, is_bot, groups)

    if "command" in body:
        return _from_command(body, who)
    if body.get("type") == "block_actions":
        return _from_action(body, who)
    if body.get("type") == "event_callback":
        return _from_event(body, bot_user_id, who)
    return None


def _from_command(body: Mapping[str, Any], who: _Who) -> ChatEvent | None:
    # With `should_escape`, Slack sends "<@U123|bob>"; "<@U123>" is the form every platform uses.
    raw_text = clean_text(str(body.get("text", "")))
    text = re.sub(r"<@([UW][A-Z0-9]+)\|[^>]*>", r"<@\1>", raw_text).strip()
    command = parse_command(f"{body['command']} {text}")
    if command is None:
        return None
    channel = str(body.get("channel_id", ""))
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(body.get("team_id", "")),
        channel_id=channel,
        author=who(str(body.get("user_id", ""))),
        text=text,
        event_id=delivery_id(body),
        kind=EventKind.COMMAND,
        command=command,
        is_dm=is_dm_channel(channel) or body.get("channel_name") == "directmessage",
        capabilities=CAPABILITIES,
        raw=body,
    )


def _from_action(body: Mapping[str, Any], who: _Who) -> ChatEvent | None:
    actions = body.get("actions") or []
    if not actions:
        return None
    action = actions[0]
    message = body.get("message") or {}
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id", ""))
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str((body.get("team") or {}).get("id", "")),
        channel_id=channel,
        thread_id=message.get("thread_ts"),
        author=who(user_id_of(body)),
        # Action ids are made unique per message with "#n"; the part before is core's action.
        action=str(action.get("action_id", "")).split("#", 1)[0],
        text=clean_text(str(action.get("value", ""))),
        target_message_id=container.get("message_ts") or message.get("ts"),
        event_id=delivery_id(body),
        kind=EventKind.BUTTON,
        is_dm=is_dm_channel(channel),
        capabilities=CAPABILITIES,
        raw=body,
    )


def _from_event(body: Mapping[str, Any], bot_user_id: str, who: _Who) -> ChatEvent | None:
    ev = body.get("event") or {}
    team = str(body.get("team_id") or ev.get("team") or "")
    common: dict[str, Any] = {
        "platform": PLATFORM,
        "workspace_id": team,
        "event_id": delivery_id(body),
        "capabilities": CAPABILITIES,
        "raw": body,
    }
    if ev.get("type") == "reaction_added":
        item = ev.get("item") or {}
        if item.get("type") != "message":
            return None
        return ChatEvent(
            channel_id=str(item.get("channel", "")),
            author=who(str(ev.get("user", ""))),
            kind=EventKind.REACTION,
            action=ev.get("reaction"),
            target_message_id=item.get("ts"),
            is_dm=is_dm_channel(str(item.get("channel", ""))),
            timestamp=_when(ev.get("event_ts")),
            **common,
        )
    if ev.get("type") not in ("message", "app_mention"):
        return None
    channel = str(ev.get("channel", ""))
    is_dm = ev.get("channel_type") == "im" or is_dm_channel(channel)
    subtype = ev.get("subtype")
    if subtype == "message_deleted":
        prev = ev.get("previous_message") or {}
        return ChatEvent(
            channel_id=channel,
            author=who(str(prev.get("user", ""))),
            message_id=str(ev.get("deleted_ts", "")),
            thread_id=prev.get("thread_ts"),
            kind=EventKind.DELETE,
            is_dm=is_dm,
            timestamp=_when(ev.get("event_ts")),
            **common,
        )
    kind = EventKind.MESSAGE
    msg = ev
    if subtype == "message_changed":
        kind, msg = EventKind.EDIT, ev.get("message") or {}
    elif subtype not in _SAID:
        return None
    raw_text = clean_text(str(msg.get("text", "")))
    # The bot's own mention (with or without a |label) is addressing, not content.
    text = re.sub(rf" ?<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", "", raw_text).strip()
    thread = msg.get("thread_ts")
    return ChatEvent(
        channel_id=channel,
        author=who(
            str(msg.get("user") or msg.get("bot_id") or ""),
            bool(msg.get("bot_id")) or msg.get("subtype") == "bot_message",
        ),
        text=_unescape(text),
        message_id=str(msg.get("ts", "")),
        thread_id=thread,
        kind=kind,
        content=_content(msg),
        is_dm=is_dm,
        mentions_bot=ev.get("type") == "app_mention" or f"<@{bot_user_id}" in raw_text,
        reply_to_bot=bool(thread) and msg.get("parent_user_id") == bot_user_id,
        timestamp=_when(msg.get("ts")),
        **common,
    )


def _unescape(text: str) -> str:
    """Slack sends `&`, `<`, `>` typed by people as entities; core reads plain text."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
