"""Reads a DiscordChatExporter JSON: the creator's messages, with the fan message answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from core.ingest import jsondoc
from core.ingest.authors import Attribution, Author, author
from core.ingest.items import Item, ReadContext, type_name

# Joins, pins, boosts, thread notices and the like are the system talking, not people.
_SPOKEN_TYPES = {"Default", "Reply"}


def read_discord(text: str, ctx: ReadContext) -> Iterator[Item]:
    if not ctx.source.creator_ids:
        ctx.log.error("", "a Discord export needs creator_ids (the creator's user id or name)")
        return
    data = jsondoc.load_chat_export(text, ctx.log)
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        ctx.log.error("", "no `messages` array: not a DiscordChatExporter JSON export")
        return
    guild = _id(data.get("guild"))
    channel = _id(data.get("channel"))
    messages = data["messages"]
    who = Attribution(
        ctx.source.creator_ids,
        (_author(m) for m in messages if isinstance(m, dict) and m.get("author")),
    )
    for note in who.notes:
        (ctx.log.error if who.ambiguous else ctx.log.warn)("creator_ids", note)
    by_id: dict[str, dict[str, Any]] = {}
    for index, message in enumerate(messages):
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
        writer = _author(message)
        if not who.is_creator(writer):
            ctx.log.skip("bot message" if _fields(message).get("isBot") else "not by the creator")
            ctx.log.others[writer.label] += 1
            continue
        if not content.strip():
            ctx.log.skip("no text (attachments only)")
            continue
        found_url = None
        if channel and message_id:
            # DMs have no guild; Discord's own link for them uses "@me".
            found_url = f"https://discord.com/channels/{guild or '@me'}/{channel}/{message_id}"
        fields = _fields(message)
        yield Item(
            item_id=message_id or f"#{index + 1}",
            text=content,
            visibility=ctx.source.visibility,
            kind="reply" if message.get("reference") else "message",
            url=ctx.url(message_id, found_url),
            date=message.get("timestamp") if isinstance(message.get("timestamp"), str) else None,
            author=str(fields.get("nickname") or fields.get("name") or "") or None,
            context=_answered(message, by_id, who),
            context_author=_answered_by(message, by_id),
        )


def _answered(message: dict[str, Any], by_id: dict[str, Any], who: Attribution) -> str | None:
    """The fan message this one replies to; the creator's own earlier words are not context."""
    reference = message.get("reference")
    if not isinstance(reference, dict):
        return None
    original = by_id.get(str(reference.get("messageId")))
    if not isinstance(original, dict):
        return None
    if who.is_creator(_author(original)):
        return None
    content = original.get("content")
    return content if isinstance(content, str) and content.strip() else None


def _answered_by(message: dict[str, Any], by_id: dict[str, Any]) -> str | None:
    """Who wrote the message this one replies to, as `discord:<user id>` (for /forget-me)."""
    reference = message.get("reference")
    original = by_id.get(str(reference.get("messageId"))) if isinstance(reference, dict) else None
    user = _id(original.get("author")) if isinstance(original, dict) else None
    return f"discord:{user}" if user else None


def _id(value: object) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("id"), str | int):
        return str(value["id"])
    return None


def _fields(message: dict[str, Any]) -> dict[str, Any]:
    found = message.get("author")
    return found if isinstance(found, dict) else {}


def _author(message: dict[str, Any]) -> Author:
    """Id and username are unique on Discord; a legacy `name#1234` is unique only with its tag."""
    fields = _fields(message)
    name, tag = fields.get("name"), str(fields.get("discriminator") or "0")
    username = name if tag.strip("0") == "" or not isinstance(name, str) else f"{name}#{tag}"
    names = [fields.get("nickname")]
    if username != name:
        names.append(name)
    return author(fields.get("id"), username, *names)
