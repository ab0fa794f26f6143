"""Reads a DiscordChatExporter JSON: the creator's messages, with the fan message answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from core.ingest import jsondoc
from core.ingest.items import Item, ReadContext, type_name

# Joins, pins, boosts, thread notices and the like are the system talking, not people.
_SPOKEN_TYPES = {"Default", "Reply"}


def read_discord(text: str, ctx: ReadContext) -> Iterator[Item]:
    if not ctx.source.creator_ids:
        ctx.log.error("", "a Discord export needs creator_ids (the creator's user id or name)")
        return
    data = jsondoc.load(text, ctx.log)
    if data is None:
        data = jsondoc.salvage_messages(text)
        if data is None:
            return
        ctx.log.warn("", f"kept the {len(data['messages'])} complete messages before the break")
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        ctx.log.error("", "no `messages` array: not a DiscordChatExporter JSON export")
        return
    guild = _id(data.get("guild"))
    channel = _id(data.get("channel"))
    by_id: dict[str, dict[str, Any]] = {}
    for index, message in enumerate(data["messages"]):
        location = f"message #{index + 1}"
        if not isinstance(message, dict):
            ctx.log.error(location, f"expected a message object, found {type_name(message)}")
            continue
        message_id = str(message.get("id", ""))
        location = f"message {message_id or f'#{index + 1}'}"
        content = message.get("content")
        if not isinstance(content, str):
            kind = type_name(content)
            ctx.log.error(location, f"content is {kind}, expected a string; skipped")
            continue
        by_id[message_id] = message
        if message.get("type", "Default") not in _SPOKEN_TYPES:
            ctx.log.skip("system message")
            continue
        author = _author(message)
        names = (author.get("id"), author.get("name"), author.get("nickname"))
        if not ctx.is_creator(*names):
            ctx.log.skip("bot message" if author.get("isBot") else "not by the creator")
            continue
        if not content.strip():
            ctx.log.skip("no text (attachments only)")
            continue
        found_url = None
        if guild and channel and message_id:
            found_url = f"https://discord.com/channels/{guild}/{channel}/{message_id}"
        yield Item(
            item_id=message_id or f"#{index + 1}",
            text=content,
            visibility=ctx.source.visibility,
            kind="reply" if message.get("reference") else "message",
            url=ctx.url(message_id, found_url),
            date=message.get("timestamp") if isinstance(message.get("timestamp"), str) else None,
            author=str(author.get("nickname") or author.get("name") or "") or None,
            context=_answered(message, by_id, ctx),
        )


def _answered(message: dict[str, Any], by_id: dict[str, Any], ctx: ReadContext) -> str | None:
    """The fan message this one replies to; the creator's own earlier words are not context."""
    reference = message.get("reference")
    if not isinstance(reference, dict):
        return None
    original = by_id.get(str(reference.get("messageId")))
    if not isinstance(original, dict):
        return None
    author = _author(original)
    if ctx.is_creator(author.get("id"), author.get("name"), author.get("nickname")):
        return None
    content = original.get("content")
    return content if isinstance(content, str) and content.strip() else None


def _id(value: object) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("id"), str | int):
        return str(value["id"])
    return None


def _author(message: dict[str, Any]) -> dict[str, Any]:
    author = message.get("author")
    return author if isinstance(author, dict) else {}
