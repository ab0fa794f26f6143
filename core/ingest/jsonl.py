"""Reads JSON lines: one object per line, with the same fields as the CSV reader."""

from __future__ import annotations

import json
from collections.abc import Iterator

from core.ingest.items import Item, ReadContext, type_name
from core.ingest.rows import item_from_record


def read_jsonl(text: str, ctx: ReadContext) -> Iterator[Item]:
    # Not splitlines(): JSON strings may hold U+2028 and friends, which it would split on.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            ctx.log.error(f"{location} col {exc.colno}", f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            ctx.log.error(location, f"expected an object, found {type_name(record)}")
            continue
        item = item_from_record(record, location, f"line{number}", ctx, line=number)
        if item is not None:
            yield item
