"""Slack: deliveries -> ChatEvent (events), Reply -> Block Kit (render), and the runner."""

from adapters.slack.runner import SLASH_COMMANDS, SlackAdapter
from adapters.slack.settings import SlackSettings

__all__ = ["SLASH_COMMANDS", "SlackAdapter", "SlackSettings"]
