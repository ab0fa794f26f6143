"""Telegram: Update -> ChatEvent (events), Reply -> Bot API (render), and the runner.

The runner (and with it python-telegram-bot) loads on first use of `TelegramAdapter`, so the
pure parts (archive, targets, settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.common.lazy import lazy_names
from adapters.telegram.settings import Pacing, TelegramSettings

if TYPE_CHECKING:
    from adapters.telegram.runner import TelegramAdapter

__all__ = ["Pacing", "TelegramAdapter", "TelegramSettings"]
__getattr__ = lazy_names(__name__, "runner", "TelegramAdapter")
