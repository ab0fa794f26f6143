"""Run one archive reader on a fixture file or inline text, as the ingest pipeline would; write
a small DiscordChatExporter file (core's pipeline tests and the Discord reader's use it)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.ingest.items import Item, ReadContext, Reader, ReadLog
from core.ingest.text import decode
from core.persona.bot import Source

FIXTURES = Path(__file__).parent / "core" / "ingest" / "fixtures"

ReadFn = Callable[..., tuple[list[Item], ReadLog]]


def read_source(reader: Reader, text: str, **fields: Any) -> tuple[list[Item], ReadLog]:
    """`read_source(reader, text_or_fixture_name, **source_fields)` -> (items, log)."""
    fields.setdefault("name", "test")
    fields.setdefault("path", "x")
    fields.setdefault("format", "markdown")
    if "\n" not in text and len(text) < 200 and (FIXTURES / text).is_file():
        file, text = text, decode((FIXTURES / text).read_bytes()).text
    else:
        file = "inline"
    log = ReadLog(file)
    return list(reader(text, ReadContext(Source(**fields), file, log))), log


# A creator, someone who copied her nickname, and a fan, as DiscordChatExporter writes authors.
PIA = {"id": "501", "name": "piarowe", "nickname": "Pia"}
FAKE_PIA = {"id": "666", "name": "pia_rowe_official", "nickname": "Pia"}
FAN = {"id": "900", "name": "clayfan", "nickname": "Sam"}


def discord_export(*authors: dict[str, Any]) -> str:
    """A DiscordChatExporter JSON with one message by each author, in order."""
    messages = [
        {"id": str(100 + n), "type": "Default", "content": f"message {n}", "author": a}
        for n, a in enumerate(authors)
    ]
    return json.dumps(
        {"guild": {"id": "7"}, "channel": {"id": "8"}, "messages": messages}, ensure_ascii=False
    )
