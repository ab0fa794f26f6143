"""Reads a CSV with a header row: one item per row (text, id, date, url, author, visibility).

Records are found by quote parity before they are parsed, so a broken row is reported and
skipped on its own: an unclosed quote never swallows the rows after it into one caption.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from core.ingest.items import Item, ReadContext
from core.ingest.rows import TEXT_FIELDS, item_from_record

# The default 128 KiB field limit rejects long posts; the pipeline caps item size itself.
csv.field_size_limit(64 * 1024 * 1024)
# A quoted field longer than this many lines is an unclosed quote, not a caption.
MAX_RECORD_LINES = 200
_LINE_ENDS = re.compile(r"(?<=\n)")


def read_csv(text: str, ctx: ReadContext) -> Iterator[Item]:
    lines = [line for line in _LINE_ENDS.split(text) if line]
    header: list[str] | None = None
    number = 0
    row_number = 0
    while number < len(lines):
        start = number
        record, number = _record(lines, start)
        location = f"line {start + 1}"
        if record is None and header is None:
            ctx.log.error(location, "unreadable header: unclosed quote")
            return
        if record is None:
            # Re-read from the next line: the rows after a broken one are still good.
            ctx.log.error(location, "unclosed quote; row skipped (it ends nowhere)")
            number = start + 1
            row_number += header is not None
            continue
        if not record.strip():
            continue
        try:
            rows = list(csv.reader(io.StringIO(record, newline=""), strict=True))
        except csv.Error as exc:
            rows, problem = [], str(exc)
        else:
            problem = "not one row" if len(rows) != 1 else ""
        if header is None:
            if problem or not rows:
                ctx.log.error(location, f"unreadable header: {problem}")
                return
            header = [h.strip().lower() for h in rows[0]]
            if not any(f in header for f in TEXT_FIELDS):
                expected = ", ".join(TEXT_FIELDS)
                ctx.log.error(location, f"no text column (expected one of {expected})")
                return
            continue
        row_number += 1
        spans = number - start > 1
        if not problem and spans and len(rows[0]) > len(header):
            # A quoted field over several lines that also has too many fields has eaten the
            # rows after it.
            problem = "more fields than the header across several lines"
        if problem:
            ctx.log.error(location, f"bad CSV row ({problem}); row skipped")
            if spans:
                number = start + 1
            continue
        values = rows[0]
        if len(values) > len(header):
            ctx.log.warn(location, "more fields than header; extras ignored")
        record_map = dict(zip(header, values, strict=False))
        item = item_from_record(record_map, location, f"row{row_number}", ctx, line=start + 1)
        if item is not None:
            yield item


def _record(lines: list[str], start: int) -> tuple[str | None, int]:
    """The record starting at `start` and the index after it; None if its quote never closes.

    A record ends at the first line end outside quotes, i.e. when it holds an even number of
    `"` (RFC 4180 doubles quotes inside quoted fields).
    """
    quotes, end = 0, start
    while end < len(lines) and end - start < MAX_RECORD_LINES:
        quotes += lines[end].count('"')
        end += 1
        if quotes % 2 == 0:
            return "".join(lines[start:end]), end
    return None, end
