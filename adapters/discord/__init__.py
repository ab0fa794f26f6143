"""Discord: gateway objects -> ChatEvent (events), Reply -> messages (render), the runner.

The runner (and with it discord.py) loads on first use of `DiscordAdapter`, so the pure parts
(archive, settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.discord.settings import DiscordSettings, Pacing

if TYPE_CHECKING:
    from adapters.discord.runner import DiscordAdapter

__all__ = ["DiscordAdapter", "DiscordSettings", "Pacing"]


def __getattr__(name: str) -> object:
    if name == "DiscordAdapter":
        from adapters.discord.runner import DiscordAdapter

        return DiscordAdapter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
