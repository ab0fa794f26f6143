"""Slack: deliveries -> ChatEvent (events), Reply -> Block Kit (render), and the runner.

The runner (and with it slack-bolt) loads on first use of `SlackAdapter` or `SLASH_COMMANDS`,
so the pure parts (settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.slack.settings import SlackSettings

if TYPE_CHECKING:
    from adapters.slack.runner import SLASH_COMMANDS, SlackAdapter

__all__ = ["SLASH_COMMANDS", "SlackAdapter", "SlackSettings"]


def __getattr__(name: str) -> object:
    if name in ("SlackAdapter", "SLASH_COMMANDS"):
        from adapters.slack import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
