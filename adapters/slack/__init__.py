"""Slack: deliveries -> ChatEvent (events), Reply -> Block Kit (render), and the runner.

The runner (and with it slack-bolt) loads on first use of `SlackAdapter` or `SLASH_COMMANDS`,
so the pure parts (settings) import without the SDK.
"""

from typing import TYPE_CHECKING

from adapters.common.lazy import lazy_names
from adapters.slack.settings import SlackSettings

if TYPE_CHECKING:
    from adapters.slack.runner import SLASH_COMMANDS, SlackAdapter

__all__ = ["SLASH_COMMANDS", "SlackAdapter", "SlackSettings"]
__getattr__ = lazy_names(__name__, "runner", "SlackAdapter", "SLASH_COMMANDS")
