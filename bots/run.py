"""`clonebot run`: start the platform adapters bot.toml allows and tokens unlock, in one loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from pathlib import Path

from bots.admin import AdminServer, RunInfo, write_run_file
from bots.bootstrap import Services, build
from bots.heap import settle_after_startup
from core.config import Settings
from core.conversation.guard import GuardedHandler

log = logging.getLogger(__name__)


def bot_folders(path: Path) -> list[Path]:
    """A clone folder, or a folder of clone folders (`clonebot run bots/`)."""
    if (path / "bot.toml").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "bot.toml").is_file())


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
    started: list[tuple[Services, GuardedHandler]] = []
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
    try:
        await admin.start()
        folders = bot_folders(path)
        for folder in folders:
            # Everything, platform runners and scheduler included, is built here; this
            # function only starts and stops it.
            services = await build(folder, settings, platforms=True, several=len(folders) > 1)
            handle = GuardedHandler(services.clone.handle, services.bot.id)
            clones[services.bot.id] = services
            started.append((services, handle))
            for m in services.missing:
                unset.append(f"{m.platform}: {' and '.join(m.variables)}")
                log.info(
                    "%s: %s not started (set %s)",
                    services.bot.id,
                    m.platform,
                    " and ".join(m.variables),
                )
            for runner in services.runners:
                await runner.start(handle)
                log.info("%s: %s running", services.bot.id, runner.platform)
            if services.runners:  # scheduled posts and re-ingest run where the clone serves
                await services.scheduler.start()
            info = RunInfo(os.getpid(), admin.url, admin.token, services.bot.id)
            run_files.append(write_run_file(settings.data_dir, info))
        if not any(services.runners for services, _ in started):
            log.error("no platform has its tokens set (%s); nothing to run", "; ".join(unset))
            return 2
        ready = True
        settle_after_startup()
        await stop.wait()
        return 0
    finally:
        ready = False
        for services, handle in started:
            if not await handle.drained(settings.shutdown_grace_seconds):
                log.warning(
                    "%s: %d replies still in flight after %.0fs; stopping anyway",
                    services.bot.id,
                    handle.in_flight,
                    settings.shutdown_grace_seconds,
                )
        for services, _ in started:
            try:
                await services.scheduler.stop()  # a no-op where it never started
            except Exception:
                log.exception("%s: stopping the scheduler failed", services.bot.id)
        for services, _ in reversed(started):
            for runner in services.runners:
                try:
                    await runner.stop()
                except Exception:
                    log.exception("%s: stopping %s failed", services.bot.id, runner.platform)
            await services.close()
        for f in run_files:
            f.unlink(missing_ok=True)
        await admin.stop()
