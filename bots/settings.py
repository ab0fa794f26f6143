"""What `clonebot run` reads besides core's settings: where each platform's API and HTTP
endpoints are, and Discord's shards. Same prefix (CLONEBOT_) and .env file as core's."""

from __future__ import annotations

from core.config import Settings


class RunSettings(Settings):
    """Core's settings plus the platform runners' deployment settings (only bots reads these)."""

    # Discord sharding: total shards across processes, and the ids this process runs ("0,1").
    discord_shard_count: int | None = None
    discord_shard_ids: str | None = None
    # Discord REST base ("https://discord.com/api/v10" when None) and gateway websocket URL
    # (asked of /gateway/bot when None), for a proxy in front of Discord or a fake in tests.
    discord_api_url: str | None = None
    discord_gateway_url: str | None = None
    # A self-hosted Telegram Bot API server ("http://host:port/bot"); None = api.telegram.org.
    telegram_api_url: str | None = None
    # Slack Web API base ("https://slack.com/api/" when None); tests point it at a fake.
    slack_api_url: str | None = None
    # Where platform HTTP endpoints listen (Slack HTTP mode, Telegram webhook mode).
    http_host: str = "0.0.0.0"
    slack_http_port: int = 3000
    telegram_webhook_port: int = 8443

    @classmethod
    def of(cls, settings: Settings) -> RunSettings:
        """`settings` with the platform settings: itself when it has them, else core's values
        with the platform ones read from the environment (as `RunSettings()` reads them)."""
        if isinstance(settings, cls):
            return settings
        return cls(**{name: getattr(settings, name) for name in type(settings).model_fields})
