"""Loading JSON exports, and salvaging the complete records of a truncated one."""

from __future__ import annotations

import json
import re
from typing import Any

from core.ingest.items import ReadLog

_GAP = re.compile(r"[\s,]*")


def load(text: str, log: ReadLog) -> Any | None:
    """Parse JSON; on failure, log an error with line and column and return None."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        log.error(f"line {exc.lineno} col {exc.colno}", f"invalid JSON: {exc.msg}")
        return None


def salvage_array(text: str, start: int) -> list[Any]:
    """The values of a JSON array starting at `start` (just past `[`), up to the first break.

    A cut-off export still holds every record before the cut; reading them keeps the rest
    ingested while the error is reported.
    """
    decoder = json.JSONDecoder()
    values: list[Any] = []
    pos = start
    while True:
        gap = _GAP.match(text, pos)
        pos = gap.end() if gap else pos
        if pos >= len(text) or text[pos] == "]":
            return values
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return values
        values.append(value)


def load_chat_export(text: str, log: ReadLog) -> Any | None:
    """A chat export's JSON; one cut off inside its `messages` array is rebuilt from the
    complete messages (with a warning saying how many), so a partial copy still ingests."""
    data = load(text, log)
    if data is None:
        data = salvage_messages(text)
        if data is None:
            return None
        log.warn("", f"kept the {len(data['messages'])} complete messages before the break")
    return data


def salvage_messages(text: str) -> dict[str, Any] | None:
    """A chat export cut off inside its `messages` array, rebuilt from what is complete."""
    found = re.search(r'"messages"\s*:\s*\[', text)
    if not found:
        return None
    try:
        head = json.loads(text[: found.end()] + "]}")
    except json.JSONDecodeError:
        head = {}
    if not isinstance(head, dict):
        return None
    head["messages"] = salvage_array(text, found.end())
    return head
