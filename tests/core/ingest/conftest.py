"""Shared helpers for the ingest tests: run one reader on a fixture, build a bot config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.ingest.items import Item, ReadContext, Reader, ReadLog
from core.ingest.text import decode
from core.persona.bot import BotConfig, Source

FIXTURES = Path(__file__).parent / "fixtures"

ReadFn = Callable[..., tuple[list[Item], ReadLog]]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def read() -> ReadFn:
    """`read(reader, text_or_fixture_name, **source_fields)` -> (items, log)."""

    def run(reader: Reader, text: str, **fields: Any) -> tuple[list[Item], ReadLog]:
        fields.setdefault("name", "test")
        fields.setdefault("path", "x")
        fields.setdefault("format", "markdown")
        if "\n" not in text and len(text) < 200 and (FIXTURES / text).is_file():
            file, text = text, decode((FIXTURES / text).read_bytes()).text
        else:
            file = "inline"
        log = ReadLog(file)
        return list(reader(text, ReadContext(Source(**fields), file, log))), log

    return run


def make_bot(*sources: dict[str, Any], bot_id: str = "mara") -> BotConfig:
    return BotConfig.model_validate(
        {
            "id": bot_id,
            "persona": {
                "name": "Mara",
                "handle": "@mara",
                "bio": "baker",
                "disclosure_line": "AI",
            },
            "sources": list(sources),
        }
    )
