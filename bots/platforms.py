"""The platform runners a clone may start: bot.toml's `enabled`, then the tokens it finds."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from adapters.common.router import PlatformSender
from bots.settings import RunSettings
from core.config import Settings, secret_from_env
from core.persona.bot import BotConfig, PlatformConfig
from core.ports import Deduper, RateLimiter
from core.trust.honesty import ai_display_name
from core.types import Handler

log = logging.getLogger(__name__)


class Runner(PlatformSender, Protocol):
    """A platform adapter's runner: started with core's handler, stopped at shutdown, and
    the sender of what core posts to its platform (through the OutboundRouter)."""

    async def start(self, handle: Handler) -> None: ...

    async def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Missing:
    platform: str
    variables: tuple[str, ...]


def _ids(values: list[str], platform: str) -> list[int]:
    out = []
    for v in values:
        prefix, _, rest = v.partition(":")
        if prefix == platform and rest.lstrip("-").isdigit():
            out.append(int(rest))
    return out


def wanted_platforms(bot: BotConfig, *, several: bool) -> dict[str, PlatformConfig]:
    """The platforms this clone may start, by bot.toml's `enabled`.

    Unset means "if its tokens are set", but only when one clone runs: with `clonebot run
    bots/`, one bot token cannot serve every clone in the folder, so each clone starts only
    the platforms its bot.toml enables.
    """
    wanted = {}
    for name in ("telegram", "slack", "discord"):
        cfg = bot.platforms.get(name, PlatformConfig())
        if cfg.enabled or (cfg.enabled is None and not several):
            wanted[name] = cfg
        else:
            why = "disabled in bot.toml" if cfg.enabled is False else "not enabled in bot.toml"
            log.info("%s: %s %s; not started", bot.id, name, why)
    return wanted


def make_adapters(
    bot: BotConfig,
    settings: Settings,
    *,
    deduper: Deduper,
    limiter: RateLimiter,
    several: bool = False,
) -> tuple[list[Runner], list[Missing]]:
    """Build each platform bot.toml allows and whose tokens are set; report the missing."""
    run = RunSettings.of(settings)  # each platform's endpoints (CLONEBOT_TELEGRAM_API_URL, ...)
    cfg = wanted_platforms(bot, several=several)
    runners: list[Runner] = []
    missing: list[Missing] = []
    common: dict[str, Any] = {"deduper": deduper, "rate_limiter": limiter}

    tg = cfg.get("telegram")
    tg_var = (tg and tg.token_env) or "TELEGRAM_BOT_TOKEN"
    if tg is not None and (token := secret_from_env(tg_var)):
        from adapters.telegram import TelegramAdapter, TelegramSettings

        mode: Literal["polling", "webhook"] = "webhook" if tg.mode == "webhook" else "polling"
        secret_var = tg.signing_secret_env or "TELEGRAM_WEBHOOK_SECRET"
        tg_settings = TelegramSettings(
            token=token,
            mode=mode,
            webhook_secret=secret_from_env(secret_var),
            webhook_host=run.http_host,
            webhook_port=run.telegram_webhook_port,
            admin_chat_ids=tuple(_ids(bot.roles.creators + bot.roles.moderators, "telegram")),
            base_url=run.telegram_api_url,
            display_name=ai_display_name(bot.persona, limit=64),  # Telegram's name limit
        )
        runners.append(TelegramAdapter(tg_settings, **common))
    elif tg is not None:
        missing.append(Missing("telegram", (tg_var,)))

    sl = cfg.get("slack")
    sl_var = (sl and sl.token_env) or "SLACK_BOT_TOKEN"
    sl_mode: Literal["socket", "http"] = "http" if sl and sl.mode == "http" else "socket"
    app_var = (sl and sl.app_token_env) or "SLACK_APP_TOKEN"
    secret_var = (sl and sl.signing_secret_env) or "SLACK_SIGNING_SECRET"
    sl_token = secret_from_env(sl_var)
    app_token = secret_from_env(app_var)
    signing = secret_from_env(secret_var)
    if sl is not None and sl_token and (app_token if sl_mode == "socket" else signing):
        from adapters.slack import SlackAdapter, SlackSettings

        sl_settings = SlackSettings(
            bot_token=sl_token,
            mode=sl_mode,
            app_token=app_token,
            signing_secret=signing,
            http_host=run.http_host,
            http_port=run.slack_http_port,
            base_url=run.slack_api_url,
        )
        runners.append(SlackAdapter(sl_settings, **common))
    elif sl is not None:
        missing.append(Missing("slack", (sl_var, app_var if sl_mode == "socket" else secret_var)))

    dc = cfg.get("discord")
    dc_var = (dc and dc.token_env) or "DISCORD_BOT_TOKEN"
    if dc is not None and (token := secret_from_env(dc_var)):
        from adapters.discord import DiscordAdapter, DiscordSettings

        ids = run.discord_shard_ids
        dc_settings = DiscordSettings(
            token=token,
            shard_count=run.discord_shard_count,
            shard_ids=tuple(int(i) for i in ids.split(",")) if ids else None,
            display_name=ai_display_name(bot.persona),  # fits Discord's 32-character nick
            api_url=run.discord_api_url,
            gateway_url=run.discord_gateway_url,
        )
        runners.append(DiscordAdapter(dc_settings, **common))
    elif dc is not None:
        missing.append(Missing("discord", (dc_var,)))
    return runners, missing
