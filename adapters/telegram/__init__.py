"""Telegram: Update -> ChatEvent (events), Reply -> Bot API (render), and the runner."""

from adapters.telegram.runner import TelegramAdapter
from adapters.telegram.settings import Pacing, TelegramSettings

__all__ = ["Pacing", "TelegramAdapter", "TelegramSettings"]
