"""`clonebot run`: start the platform adapters bot.toml allows and tokens unlock, in one loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from bots.admin import AdminServer, RunInfo, write_run_file
from bots.bootstrap import Services, build
from bots.heap import settle_after_startup
from core.config import Settings, secret_from_env
from core.conversation.guard import GuardedHandler
from core.ingest.pipeline import run_ingest
from core.persona.bot import BotConfig, PlatformConfig
from core.schedule.scheduler import Scheduler
from core.trust.honesty import ai_display_name
from core.types import Handler

log = logging.getLogger(__name__)


class Runner(Protocol):
    platform: str

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
    services: Services, *, several: bool = False
) -> tuple[list[Runner], list[Missing]]:
    """Build each platform bot.toml allows and whose tokens are set; report the missing."""
    bot, settings = services.bot, services.settings
    cfg = wanted_platforms(bot, several=several)
    runners: list[Runner] = []
    missing: list[Missing] = []
    common: dict[str, Any] = {"deduper": services.deduper, "rate_limiter": services.limiter}

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
            webhook_host=settings.http_host,
            webhook_port=settings.telegram_webhook_port,
            admin_chat_ids=tuple(_ids(bot.roles.creators + bot.roles.moderators, "telegram")),
            base_url=settings.telegram_api_url,
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
            http_host=settings.http_host,
            http_port=settings.slack_http_port,
            base_url=settings.slack_api_url,
        )
        runners.append(SlackAdapter(sl_settings, **common))
    elif sl is not None:
        missing.append(Missing("slack", (sl_var, app_var if sl_mode == "socket" else secret_var)))

    dc = cfg.get("discord")
    dc_var = (dc and dc.token_env) or "DISCORD_BOT_TOKEN"
    if dc is not None and (token := secret_from_env(dc_var)):
        from adapters.discord import DiscordAdapter, DiscordSettings

        ids = settings.discord_shard_ids
        dc_settings = DiscordSettings(
            token=token,
            shard_count=settings.discord_shard_count,
            shard_ids=tuple(int(i) for i in ids.split(",")) if ids else None,
            display_name=ai_display_name(bot.persona),  # fits Discord's 32-character nick
            api_url=settings.discord_api_url,
            gateway_url=settings.discord_gateway_url,
        )
        runners.append(DiscordAdapter(dc_settings, **common))
    elif dc is not None:
        missing.append(Missing("discord", (dc_var,)))
    return runners, missing


def bot_folders(path: Path) -> list[Path]:
    """A clone folder, or a folder of clone folders (`clonebot run bots/`)."""
    if (path / "bot.toml").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "bot.toml").is_file())


async def start_scheduler(services: Services, settings: Settings) -> Scheduler:
    """Scheduled posts and the nightly re-ingest, in the process that owns the clone's store."""
    bot, folder, memory = services.bot, services.folder, services.memory

    async def reingest() -> object:
        return await run_ingest(bot, folder, memory)

    scheduler = Scheduler.for_clone(
        bot=bot,
        brain=services.clone.brain,
        state=services.state,
        senders=services.senders,
        clock=services.clock,
        settings=settings,
        reingest=reingest,
        live=services.clone.start_live,
    )
    services.clone.control.schedule = scheduler
    await scheduler.start()
    return scheduler


async def run_clones(path: Path, settings: Settings, stop: asyncio.Event | None = None) -> int:
    """Run every clone under `path` until SIGINT/SIGTERM (or `stop`). Returns an exit code.

    Also serves the admin API (`bots.admin`) and announces it in each clone's `run.json`, so
    the CLI can act on a running clone. Shutdown turns /readyz to 503, waits up to
    `shutdown_grace_seconds` for replies in flight, then stops the adapters and stores.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    started: list[tuple[Services, list[Runner], GuardedHandler]] = []
    clones: dict[str, Services] = {}
    unset: list[str] = []
    ready = False
    token = settings.admin_token.get_secret_value() if settings.admin_token else None
    from bots.dashboard import Dashboard

    admin = AdminServer(
        clones=clones,
        dashboard=Dashboard(clones, settings),
        token=token,
        host=settings.admin_host,
        port=settings.admin_port,
        ready=lambda: ready,
    )
    run_files: list[Path] = []
    schedulers: list[Scheduler] = []
    try:
        await admin.start()
        folders = bot_folders(path)
        for folder in folders:
            services = await build(folder, settings)
            handle = GuardedHandler(services.clone.handle, services.bot.id)
            clones[services.bot.id] = services
            runners, missing = make_adapters(services, several=len(folders) > 1)
            started.append((services, runners, handle))
            for m in missing:
                unset.append(f"{m.platform}: {' and '.join(m.variables)}")
                log.info(
                    "%s: %s not started (set %s)",
                    services.bot.id,
                    m.platform,
                    " and ".join(m.variables),
                )
            for runner in runners:
                services.senders[runner.platform] = runner  # type: ignore[assignment]
                await runner.start(handle)
                log.info("%s: %s running", services.bot.id, runner.platform)
            if runners:
                schedulers.append(await start_scheduler(services, settings))
            info = RunInfo(os.getpid(), admin.url, admin.token, services.bot.id)
            run_files.append(write_run_file(settings.data_dir, info))
        if not any(runners for _, runners, _ in started):
            log.error("no platform has its tokens set (%s); nothing to run", "; ".join(unset))
            return 2
        ready = True
        settle_after_startup()
        await stop.wait()
        return 0
    finally:
        ready = False
        for services, _, handle in started:
            if not await handle.drained(settings.shutdown_grace_seconds):
                log.warning(
                    "%s: %d replies still in flight after %.0fs; stopping anyway",
                    services.bot.id,
                    handle.in_flight,
                    settings.shutdown_grace_seconds,
                )
        for scheduler in schedulers:
            try:
                await scheduler.stop()
            except Exception:
                log.exception("stopping a scheduler failed")
        for services, runners, _ in reversed(started):
            for runner in runners:
                try:
                    await runner.stop()
                except Exception:
                    log.exception("%s: stopping %s failed", services.bot.id, runner.platform)
            await services.close()
        for f in run_files:
            f.unlink(missing_ok=True)
        await admin.stop()
