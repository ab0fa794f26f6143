"""Discord: gateway objects -> ChatEvent (events), Reply -> messages (render), the runner."""

from adapters.discord.runner import DiscordAdapter
from adapters.discord.settings import DiscordSettings, Pacing

__all__ = ["DiscordAdapter", "DiscordSettings", "Pacing"]
