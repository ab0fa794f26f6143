"""How a Slack adapter runs: one frozen settings object instead of a long constructor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Everything a SlackAdapter needs besides the shared Deduper and RateLimiter.

    Attributes:
        bot_token: the bot token (`xoxb-...`).
        mode: "socket" (default; needs `app_token`) or "http" (needs `signing_secret`).
        app_token: the app-level token (`xapp-...`, scope `connections:write`).
        signing_secret: verifies HTTP-mode requests (signature and 5-minute window).
        http_host: HTTP-mode bind address.
        http_port: HTTP-mode port (0 picks a free one; see `bound_port`).
        http_path: HTTP-mode path for events, commands and interactivity.
        base_url: Web API base, for tests (`http://127.0.0.1:PORT/api/`).
        pace: (messages, seconds) allowed per channel; Slack allows about 1/s.
        reaction_pace: (reactions, seconds) per channel; reactions.add is Tier 3 (50+/min).
        thinking_reaction: emoji added to the message being answered while generating.
        max_429_retries: how often one call is retried after a 429 (honouring Retry-After).
        user_cache_seconds: how long `users.info` and user-group answers (roles) are reused.
        drain_seconds: how long `stop` lets running handlers finish.
        history_limit: how many recent messages `find_post` reads to confirm a cut-off post.
    """

    bot_token: str
    mode: Literal["socket", "http"] = "socket"
    app_token: str | None = None
    signing_secret: str | None = None
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    http_path: str = "/slack/events"
    base_url: str | None = None
    pace: tuple[int, float] = (1, 1.0)
    reaction_pace: tuple[int, float] = (50, 60.0)
    thinking_reaction: str = "eyes"
    max_429_retries: int = 5
    user_cache_seconds: float = 600.0
    drain_seconds: float = 5.0
    history_limit: int = 50

    def __post_init__(self) -> None:
        if self.mode == "socket" and not self.app_token:
            raise ValueError("Socket Mode needs an app-level token (xapp-...)")
        if self.mode == "http" and not self.signing_secret:
            raise ValueError("HTTP mode needs the signing secret")
