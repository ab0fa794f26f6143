"""CLI operations on a clone that may be running: through its admin API, else on its stores."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bots.admin_client import call, running
from bots.logs import setup_logging
from core.config import Settings
from core.persona.bot import load_bot

console = Console()

__all__ = [
    "dashboard_link_cmd",
    "delete_creator_cmd",
    "fan_data_remote",
    "ingest_remote",
    "setup_logging",
    "switch_remote",
]


async def ingest_remote(folder: Path) -> int | None:
    """Ingest through the running clone: its error count; None if none runs (the caller opens
    the stores)."""
    info = running(folder)
    if info is None:
        return None
    console.print(f"The clone runs (pid {info.pid}); ingesting through its admin API...")
    report = await call(info, "POST", "ingest")
    console.print(
        f"Ingested: {report['items_read']} items, {report['chunks_stored']} new chunks, "
        f"{report['chunks_removed']} removed, {report['errors']} problems."
    )
    for kind in ("problems", "warnings", "quarantined"):
        for line in report.get(kind) or []:
            console.print(
                f"  {kind.rstrip('s')}: {line}", markup=False, highlight=False, soft_wrap=True
            )
    return int(report["errors"])


async def switch_remote(folder: Path, key: str, value: str | None) -> bool:
    """Flip the kill switch through the running clone; False if none runs."""
    info = running(folder)
    if info is None or key != "kill":
        return False
    await call(info, "POST", "kill", body={"on": value is not None})
    return True


async def fan_data_remote(folder: Path, fan_id: str, delete: bool) -> bool:
    """Forget or export a fan through the running clone; False if none runs."""
    info = running(folder)
    if info is None:
        return False
    if delete:
        done = await call(info, "POST", "forget", body={"fan_id": fan_id})
        console.print(
            f"Forgot {fan_id} ({done['person']}, {done['places']} places): "
            f"{done['memory_items']} memory items, {done['state_rows']} state rows; "
            f"files erased within {done['erased_within_minutes']} minutes."
        )
    else:
        print(json.dumps(await call(info, "GET", "export", fan_id=fan_id), indent=2))
    return True


async def _delete_creator(folder: Path) -> None:
    from bots.bootstrap import build

    settings = Settings()
    bot = load_bot(folder)
    services = await build(folder, settings, bot=bot)
    try:
        vectors = await services.memory.delete_creator(bot.id)
        rows = await services.state.delete_creator(bot.id)  # drafts, outbox, mutes, logs...
    finally:
        await services.close()
    jobs = await asyncio.to_thread(_drop_schedule_tables, settings, bot.id)
    local = settings.data_dir / bot.id
    removed = local.exists()
    if removed:  # SQLite state, embedded memory, per-replica schedule job stores
        await asyncio.to_thread(shutil.rmtree, local)
    console.print(
        f"Deleted {bot.id}: {vectors} vectors, {rows} state rows, {jobs} schedule job tables"
        + (f", and the folder {local}." if removed else ".")
    )


def _drop_schedule_tables(settings: Settings, bot_id: str) -> int:
    """Drop this creator's APScheduler job tables in PostgreSQL (one per replica)."""
    url = settings.state_url or ""
    if not url.startswith(("postgresql", "postgres:")):
        return 0
    import sqlalchemy as sa

    from core.schedule.scheduler import jobstore_url_for

    sync_url, _ = jobstore_url_for(settings, bot_id, "x")
    slug = re.sub(r"[^a-z0-9_]", "_", f"{bot_id}_".lower())
    engine = sa.create_engine(sync_url)
    try:
        with engine.begin() as conn:
            names = [
                t
                for t in sa.inspect(conn).get_table_names()
                if t.startswith(f"apscheduler_{slug}")
            ]
            for name in names:
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
    finally:
        engine.dispose()
    return len(names)


def delete_creator_cmd(
    folder: Annotated[Path, typer.Argument(help="The clone's folder, e.g. bots/example")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
) -> None:
    """Delete a creator's data everywhere: vectors, state, schedules, drafts, local files."""
    bot = load_bot(folder)
    info = running(folder)
    if info is not None:
        console.print(
            f"[red]{bot.id} is running (pid {info.pid}); stop every replica first.[/red]"
        )
        raise typer.Exit(3)
    if not yes and not typer.confirm(f"Delete all data of {bot.id}? This cannot be undone."):
        raise typer.Exit(1)
    asyncio.run(_delete_creator(folder))


def dashboard_link_cmd(
    folder: Annotated[Path, typer.Argument(help="The clone's folder (bots/<name>)")],
    as_: Annotated[
        str,
        typer.Option("--as", help="Who signs in, platform:user as bot.toml's [roles] names it"),
    ] = "",
    name: Annotated[str, typer.Option(help="Your name as fans see it in handoff replies")] = "",
) -> None:
    """Print a one-time sign-in link to the running clone's web dashboard."""
    from bots.admin_client import AdminError

    info = running(folder)
    if info is None:
        console.print(
            "[red]The clone is not running here.[/red] Start it with `clonebot run "
            f"{folder}`; the dashboard is served by the process that runs it."
        )
        raise typer.Exit(2)
    try:
        answer = asyncio.run(
            call(info, "POST", "dashboard-link", body={"actor": as_, "name": name})
        )
    except AdminError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    print(answer["url"])
    console.print(
        f"One-time link for {answer['actor']}; it expires in "
        f"{answer['expires_minutes']:g} minutes and works once.",
        style="dim",
    )
