"""Reads a Telegram Desktop export `result.json`: the creator's messages, fans' as context."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from core.ingest import jsondoc
from core.ingest.authors import Attribution, author
from core.ingest.items import Item, ReadContext, type_name

_CHANNEL_TYPES = {"public_channel", "private_channel"}
# Chats whose messages have t.me/c/<chat>/<message> links (members can open them).
_LINKED_TYPES = _CHANNEL_TYPES | {"public_supergroup", "private_supergroup"}


def read_telegram(text: str, ctx: ReadContext) -> Iterator[Item]:
    data = jsondoc.load_chat_export(text, ctx.log)
    if data is None:
        return
    if not isinstance(data, dict):
        ctx.log.error("", f"expected a Telegram export object, found {type_name(data)}")
        return
    # A single-chat export holds `messages`; a whole-account export holds `chats.list`.
    chats = data.get("chats", {}).get("list") if isinstance(data.get("chats"), dict) else None
    if chats is None:
        chats = [data]
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            ctx.log.error("", "no `messages` array: not a Telegram Desktop export")
            continue
        yield from _chat(chat, len(chats) > 1, ctx)


def _chat(chat: dict[str, Any], prefixed: bool, ctx: ReadContext) -> Iterator[Item]:
    is_channel = chat.get("type") in _CHANNEL_TYPES
    if not is_channel and not ctx.source.creator_ids:
        ctx.log.error("", "a group export needs creator_ids to tell the creator from fans")
        return
    others: dict[object, str] = {}
    # Who wrote each fan message, as the person key /forget-me uses (`telegram:<user id>`).
    writers: dict[object, str] = {}
    # from_id is unique; `from` is a display name anyone can copy (see core.ingest.authors).
    messages = [m for m in chat["messages"] if isinstance(m, dict)]
    who = Attribution(
        ctx.source.creator_ids,
        (author(m.get("from_id"), None, m.get("from")) for m in messages if "from" in m),
    )
    if not is_channel:
        for note in who.notes:
            (ctx.log.error if who.ambiguous else ctx.log.warn)("creator_ids", note)
    for index, message in enumerate(chat["messages"]):
        location = f"message #{index + 1}"
        if not isinstance(message, dict):
            ctx.log.error(location, f"expected a message object, found {type_name(message)}")
            continue
        location = f"message {message.get('id', f'#{index + 1}')}"
        if message.get("type") != "message":
            ctx.log.skip("service message")
            continue
        text = _flatten(message.get("text", ""))
        if text is None:
            kind = type_name(message.get("text"))
            ctx.log.error(location, f"text is {kind}, expected a string or a list; skipped")
            continue
        # Everything posted in a channel is the channel owner's.
        writer = author(message.get("from_id"), None, message.get("from"))
        mine = is_channel or who.is_creator(writer)
        if not mine:
            others[message.get("id")] = text
            from_id = str(message.get("from_id") or "")
            if from_id.startswith("user") and from_id[4:].isdigit():
                writers[message.get("id")] = f"telegram:{from_id[4:]}"
            ctx.log.skip("not by the creator")
            ctx.log.others[writer.label] += 1
            continue
        if message.get("forwarded_from"):
            ctx.log.skip("forwarded (someone else's words)")
            continue
        if not text.strip():
            ctx.log.skip("no text (media only)")
            continue
        message_id = str(message.get("id"))
        item_id = f"{chat.get('id')}/{message_id}" if prefixed else message_id
        yield Item(
            item_id=item_id,
            text=text,
            visibility=ctx.source.visibility,
            kind="message",
            url=ctx.url(message_id) or _link(chat, message_id),
            date=str(message["date"]) if message.get("date") else None,
            author=str(message.get("from") or chat.get("name") or "") or None,
            context=others.get(message.get("reply_to_message_id")),
            context_author=writers.get(message.get("reply_to_message_id")),
        )


def _link(chat: dict[str, Any], message_id: str) -> str | None:
    """Telegram's own message link. The export has no public @username, so this is the
    members' form; a `url_template` such as `https://t.me/<username>/{id}` gives public links.
    """
    chat_id = chat.get("id")
    if chat.get("type") not in _LINKED_TYPES or not isinstance(chat_id, int | str):
        return None
    return f"https://t.me/c/{str(chat_id).removeprefix('-100')}/{message_id}"


def _flatten(value: object) -> str | None:
    """`text` is a string, or a list of strings and entity objects ({"type", "text", "href"})."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return None
    parts: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            href = part.get("href")
            # A text link hides its target; keep it, since links are provenance fans ask for.
            parts.append(f"{part['text']} ({href})" if isinstance(href, str) else part["text"])
        else:
            return None
    return "".join(parts)
