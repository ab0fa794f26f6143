"""Shared helpers for the ingest tests: the fixtures folder and a bot config."""

from __future__ import annotations

from typing import Any

from core.persona.bot import BotConfig
from tests.reading import FIXTURES

__all__ = ["FIXTURES", "make_bot"]


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
