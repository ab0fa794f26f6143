"""How a Telegram adapter runs: one frozen settings object instead of a long constructor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Pacing:
    """Outbound limits as (messages, seconds); Telegram's published ceilings by default."""

    per_chat: tuple[int, float] = (1, 1.0)
    per_group: tuple[int, float] = (20, 60.0)
    overall: tuple[int, float] = (30, 1.0)
    # Reactions per chat: Telegram publishes no figure, so about one a second, apart from
    # the message windows (a live round's pointers must not delay its answers).
    reactions: tuple[int, float] = (1, 1.0)


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """Everything a TelegramAdapter needs besides the shared Deduper and RateLimiter.

    Attributes:
        token: Bot token from BotFather.
        mode: "polling" (one process per token) or "webhook" (our own aiohttp route).
        webhook_secret: Required in webhook mode; compared with the secret header.
        webhook_host: Interface the webhook route listens on.
        webhook_port: Port of the webhook route (0 picks a free one; see `webhook_port`).
        webhook_path: Path of the webhook route.
        base_url: Bot API URL override, e.g. "http://127.0.0.1:PORT/bot" for a fake or a
            self-hosted Bot API server.
        base_file_url: File URL override; derived from base_url when None.
        admin_chat_ids: Private chats (creator, moderators) that get the full command menu.
        pacing: Outbound limits per chat, per group and overall.
        role_ttl_seconds: How long a getChatMember answer is trusted.
        poll_timeout: Long-polling timeout in seconds.
        max_retries: How many 429s in a row one send survives.
        drain_seconds: How long `stop` lets running handlers finish.
        display_name: The bot's name with its AI marker (core.trust.honesty.ai_display_name),
            set with setMyName on start; None leaves BotFather's name alone.
    """

    token: str
    mode: Literal["polling", "webhook"] = "polling"
    webhook_secret: str | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "/telegram/webhook"
    base_url: str | None = None
    base_file_url: str | None = None
    admin_chat_ids: tuple[int, ...] = ()
    pacing: Pacing = Pacing()
    role_ttl_seconds: float = 60.0
    poll_timeout: int = 10
    max_retries: int = 5
    drain_seconds: float = 5.0
    display_name: str | None = None

    def __post_init__(self) -> None:
        if self.mode == "webhook" and not self.webhook_secret:
            raise ValueError("webhook mode needs webhook_secret")

    @property
    def file_url(self) -> str | None:
        """The file download base that goes with `base_url` (".../bot" -> ".../file/bot")."""
        if self.base_file_url or not self.base_url:
            return self.base_file_url
        return self.base_url.replace("/bot", "/file/bot", 1)
