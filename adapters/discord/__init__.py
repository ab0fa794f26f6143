"""Discord: gateway objects -> ChatEvent (events), Reply -> messages (render), the runner.

The runner (and with it discord.py) loads on first use of `DiscordAdapter`, so the pure parts
(archive, settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.common.lazy import lazy_names
from adapters.discord.settings import DiscordSettings, Pacing

if TYPE_CHECKING:
    from adapters.discord.runner import DiscordAdapter

__all__ = ["DiscordAdapter", "DiscordSettings", "Pacing"]
__getattr__ = lazy_names(__name__, "runner", "DiscordAdapter")
