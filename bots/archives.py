"""The platform export formats bot.toml's sources may name, registered with core's ingest.

Their readers live in adapters/<platform>/archive.py; each is imported when a source of its
format is read, so loading a clone does not load the platform SDKs the adapter package pulls in.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.ingest.formats import register_format
from core.ingest.items import Item, ReadContext


def read_telegram_export(text: str, ctx: ReadContext) -> Iterator[Item]:
    """A Telegram Desktop export's `result.json` (bot.toml: format = "telegram")."""
    from adapters.telegram.archive import read_telegram

    return read_telegram(text, ctx)


def read_discord_export(text: str, ctx: ReadContext) -> Iterator[Item]:
    """A DiscordChatExporter JSON file (bot.toml: format = "discord")."""
    from adapters.discord.archive import read_discord

    return read_discord(text, ctx)


def register_archive_formats() -> None:
    """Let bot.toml name the platform export formats (again is a no-op)."""
    register_format("telegram", read_telegram_export, (".json",))
    register_format("discord", read_discord_export, (".json",))
