"""Telegram: Update -> ChatEvent (events), Reply -> Bot API (render), and the runner.

The runner (and with it python-telegram-bot) loads on first use of `TelegramAdapter`, so the
pure parts (archive, targets, settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.telegram.settings import Pacing, TelegramSettings

if TYPE_CHECKING:
    from adapters.telegram.runner import TelegramAdapter

__all__ = ["Pacing", "TelegramAdapter", "TelegramSettings"]


def __getattr__(name: str) -> object:
    if name == "TelegramAdapter":
        from adapters.telegram.runner import TelegramAdapter

        return TelegramAdapter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
