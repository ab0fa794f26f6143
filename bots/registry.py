"""What core learns about the platforms from the composition root, by the names bot.toml uses:
their archive export formats (readers in adapters/<platform>/archive.py) and how their
conversations are written as schedule targets (adapters/telegram/targets.py)."""

from __future__ import annotations

from adapters.discord.archive import read_discord
from adapters.telegram.archive import read_telegram
from adapters.telegram.targets import ChatIdForm
from core.ingest.formats import register_format
from core.persona.targets import TargetForm, register_target_form


def register_platforms() -> None:
    """Register every platform's formats and target forms (again is a no-op)."""
    # bot.toml: format = "telegram" (Telegram Desktop's result.json) or "discord"
    # (DiscordChatExporter's JSON).
    register_format("telegram", read_telegram, (".json",))
    register_format("discord", read_discord, (".json",))
    # The order is the one error messages list them in.
    register_target_form("telegram", ChatIdForm())
    register_target_form("slack", TargetForm(hint="slack:<team>:<channel>"))
    register_target_form("discord", TargetForm(hint="discord:<guild>:<channel>"))
