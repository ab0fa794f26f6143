"""Turns one flat record (a CSV row or a JSON line) into an item; shared by those readers."""

from __future__ import annotations

from collections.abc import Mapping

from core.ingest.items import Item, ReadContext, type_name

TEXT_FIELDS = ("text", "content", "body", "message", "full_text", "caption")
_ID_FIELDS = ("id", "item_id", "slug")
# Caption and post exports name the item's own link `permalink` (Instagram) or `link`.
_URL_FIELDS = ("url", "permalink", "link", "post_url")


def item_from_record(
    record: Mapping[str, object],
    location: str,
    fallback_id: str,
    ctx: ReadContext,
    *,
    line: int | None = None,
) -> Item | None:
    """The item a record holds, or None (with the reason logged) when it is not usable."""
    key = next((k for k in TEXT_FIELDS if k in record), None)
    if key is None:
        ctx.log.error(location, f"no text field (expected one of {', '.join(TEXT_FIELDS)})")
        return None
    text = record[key]
    if not isinstance(text, str):
        ctx.log.error(location, f"{key!r} is {type_name(text)}, expected a string; skipped")
        return None
    if not text.strip():
        ctx.log.skip("no text")
        return None
    author = _field(record, "author")
    if author and ctx.source.creator_ids and not ctx.is_creator(author):
        ctx.log.skip("not by the creator")
        return None
    visibility = ctx.visibility(record.get("visibility"), location)
    if visibility is None:
        return None
    item_id = next((v for k in _ID_FIELDS if (v := _field(record, k))), fallback_id)
    return Item(
        item_id=item_id,
        text=text,
        visibility=visibility,
        kind=_field(record, "kind") or "post",
        url=ctx.url(item_id, next((v for k in _URL_FIELDS if (v := _field(record, k))), None)),
        date=_field(record, "date") or _field(record, "timestamp"),
        author=author or next(iter(ctx.source.creator_ids), None),
        title=_field(record, "title"),
        context=_field(record, "context") or _field(record, "in_reply_to"),
        line=line,
    )


def _field(record: Mapping[str, object], key: str) -> str | None:
    value = record.get(key)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None
