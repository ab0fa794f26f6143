"""How a Discord adapter runs: one frozen settings object instead of a long constructor."""

from __future__ import annotations

from dataclasses import dataclass

MAX_NICK = 32


@dataclass(frozen=True, slots=True)
class Pacing:
    """Outbound limits as (messages, seconds): Discord's per-channel and per-token ceilings."""

    per_channel: tuple[int, float] = (5, 5.0)
    overall: tuple[int, float] = (50, 1.0)
    # Adding reactions has its own route limit: about one per 0.25 s per channel.
    reactions: tuple[int, float] = (1, 0.25)


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """Everything a DiscordAdapter needs besides the shared Deduper and RateLimiter.

    Attributes:
        token: The bot token (Developer Portal -> Bot).
        shard_count: Total shards across all processes; None asks Discord (/gateway/bot).
        shard_ids: The shards this process runs; None runs all of them.
        sync_commands: Overwrite the global slash commands on start (`tree.sync()`).
        pacing: Outbound limits per channel and per token.
        thread_name: Name of a thread opened on a message when a reply asks for one.
        guild_ready_timeout: discord.py's wait for GUILD_CREATEs after READY.
        identify_delay: Pause between shard IDENTIFYs (Discord allows one per 5 s).
        ready_timeout: How long `start` waits for every shard to be ready.
        max_retries: How many rate-limit failures in a row one send survives.
        drain_seconds: How long `stop` lets running handlers finish.
        display_name: The bot's nickname with its AI marker (honesty.ai_display_name), set in
            each guild as it becomes available; None leaves nicknames alone.
        api_url: REST base ("https://discord.com/api/v10" when None), for a proxy or a fake.
            discord.py keeps it per process, so every Discord adapter in a process shares it.
        gateway_url: Gateway websocket URL when `shard_count` is set (else /gateway/bot says).
        history_limit: How many recent messages `find_post` reads to confirm a cut-off post.
    """

    token: str
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    sync_commands: bool = True
    pacing: Pacing = Pacing()
    thread_name: str = "Conversation with the clone"
    guild_ready_timeout: float = 2.0
    identify_delay: float = 5.0
    ready_timeout: float = 60.0
    max_retries: int = 5
    drain_seconds: float = 5.0
    display_name: str | None = None
    api_url: str | None = None
    gateway_url: str | None = None
    history_limit: int = 50

    def __post_init__(self) -> None:
        if self.shard_ids is not None and self.shard_count is None:
            raise ValueError("shard_ids needs shard_count")
        if self.display_name and len(self.display_name) > MAX_NICK:
            # Cutting here could cut the AI marker; core.trust.honesty.ai_display_name fits it.
            raise ValueError(f"display_name over {MAX_NICK} characters: {self.display_name!r}")
