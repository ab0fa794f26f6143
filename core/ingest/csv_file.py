"""Reads a CSV with a header row: one item per row (text, id, date, url, author, visibility)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from core.ingest.items import Item, ReadContext
from core.ingest.rows import TEXT_FIELDS, item_from_record

# The default 128 KiB field limit rejects long posts; the pipeline caps item size itself.
csv.field_size_limit(64 * 1024 * 1024)


def read_csv(text: str, ctx: ReadContext) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        ctx.log.error("line 1", f"unreadable header: {exc}")
        return
    if not header:
        ctx.log.error("line 1", "no header row")
        return
    reader.fieldnames = [h.strip().lower() for h in header]
    if not any(f in reader.fieldnames for f in TEXT_FIELDS):
        ctx.log.error("line 1", f"no text column (expected one of {', '.join(TEXT_FIELDS)})")
        return
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.log.error(f"line {reader.line_num}", f"bad CSV row: {exc}")
            continue
        row_number += 1
        if None in row:
            ctx.log.warn(f"line {reader.line_num}", "more fields than header; extras ignored")
            del row[None]
        record = {k: v for k, v in row.items() if v is not None}
        item = item_from_record(record, f"line {reader.line_num}", f"row{row_number}", ctx)
        if item is not None:
            yield item
