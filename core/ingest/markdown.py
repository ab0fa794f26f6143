"""Reads one Markdown or text file: YAML front matter as metadata, the body as the item."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import yaml

from core.ingest.items import Item, ReadContext

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def read_markdown(text: str, ctx: ReadContext) -> Iterator[Item]:
    meta: dict[str, Any] = {}
    body = text
    first_line = 1
    found = _FRONT_MATTER.match(text)
    if found:
        body = text[found.end() :]
        first_line += text[: found.end()].count("\n")
        try:
            loaded = yaml.safe_load(found.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 2}" if mark is not None else "front matter"
            # Without its metadata we cannot know the post's visibility, so it is not used.
            ctx.log.error(where, f"invalid YAML front matter: {getattr(exc, 'problem', exc)}")
            return
        if loaded is not None and not isinstance(loaded, dict):
            ctx.log.error("line 1", "front matter is not a mapping; file skipped")
            return
        meta = loaded or {}
    if meta.get("draft") is True:
        ctx.log.skip("draft")
        return
    visibility = ctx.visibility(meta.get("visibility"), "front matter")
    if visibility is None:
        return
    if not body.strip():
        ctx.log.skip("no text")
        return
    item_id = _scalar(meta.get("id")) or _scalar(meta.get("slug")) or PurePosixPath(ctx.file).stem
    title = _scalar(meta.get("title"))
    if not title:
        heading = _HEADING.search(body)
        title = heading.group(1) if heading else ctx.source.title
    yield Item(
        item_id=item_id,
        text=body,
        visibility=visibility,
        kind="article",
        url=ctx.url(item_id, _scalar(meta.get("url"))),
        date=_scalar(meta.get("date")),
        author=_scalar(meta.get("author")) or next(iter(ctx.source.creator_ids), None),
        title=title,
        line=first_line,
    )


def _scalar(value: object) -> str | None:
    """YAML gives dates and numbers as objects; provenance keeps them as strings."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value).strip() or None
