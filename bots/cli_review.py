"""`clonebot review` and `clonebot correct`: the creator's corrections loop from the terminal."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from core.config import Settings
from core.persona.bot import BotConfigError, load_bot
from core.ports import StateStore
from core.trust import corrections

console = Console()
T = TypeVar("T")
BotDir = Annotated[Path, typer.Argument(help="The clone's folder, e.g. bots/example")]

correct_app = typer.Typer(help="Turn a wrong answer into a fact, a never-say rule or an answer.")


def _with_state(folder: Path, fn: Callable[[StateStore, str], Awaitable[T]]) -> T:
    """Run `fn` on the clone's state store. SQLite and PostgreSQL take a second process, so
    this works while the clone runs; the running clone reads the change on its next turn."""
    from core.state import open_state_store

    async def go() -> T:
        bot = load_bot(folder)
        state = await open_state_store(Settings(), bot.id)
        try:
            return await fn(state, bot.id)
        finally:
            await state.close()

    try:
        return asyncio.run(go())
    except BotConfigError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


def review_cmd(
    folder: BotDir,
    flagged: Annotated[bool, typer.Option("--flagged", help="Gated or reported replies")] = False,
    reported: Annotated[bool, typer.Option("--reported", help="Replies fans reported")] = False,
    deflected: Annotated[bool, typer.Option("--deflected", help="Deflected replies")] = False,
    limit: Annotated[int, typer.Option(help="How many replies")] = 20,
) -> None:
    """List the clone's recent replies, newest first, with their ids for corrections."""
    chosen = [
        n
        for n, on in (("flagged", flagged), ("reported", reported), ("deflected", deflected))
        if on
    ]
    if len(chosen) > 1:
        console.print("[red]Pick one of --flagged, --reported, --deflected.[/red]")
        raise typer.Exit(2)
    which = chosen[0] if chosen else None

    async def go(state: StateStore, creator: str) -> str:
        records = await corrections.review(state, creator, which, limit)
        return corrections.render_review(records, await corrections.load(state, creator))

    text = _with_state(folder, go)
    print(
        text.replace("/clone fact", "clonebot correct fact")
        .replace("/clone never", "clonebot correct never")
        .replace("/clone prefer", "clonebot correct prefer")
    )


@correct_app.command("fact")
def fact_cmd(
    folder: BotDir, text: Annotated[str, typer.Argument(help="A first-person fact")]
) -> None:
    """Add a verified fact; grounding accepts it on the next turn."""
    key = _with_state(folder, lambda s, c: corrections.add_fact(s, c, text))
    console.print(f"Fact {key} is live.")


@correct_app.command("never")
def never_cmd(folder: BotDir, text: Annotated[str, typer.Argument(help="A phrase")]) -> None:
    """Add a never-say rule; replies containing it are deflected from the next turn."""
    key = _with_state(folder, lambda s, c: corrections.add_never(s, c, text))
    console.print(f"Never-say rule {key} is live.")


@correct_app.command("prefer")
def prefer_cmd(
    folder: BotDir,
    reply_id: Annotated[str, typer.Argument(help="An id from `clonebot review`")],
    text: Annotated[str, typer.Argument(help="Your answer")],
) -> None:
    """Answer that reply's question (and near-identical ones) with your own words from now on."""
    record = _with_state(folder, lambda s, c: corrections.add_preferred(s, c, reply_id, text))
    if record is None:
        console.print(f"[red]No reply {reply_id}; `clonebot review` lists the ids.[/red]")
        raise typer.Exit(1)
    console.print(f"Preferred answer is live for: {record.fan_text[:80]!r}")


@correct_app.command("remove")
def remove_cmd(
    folder: BotDir, key: Annotated[str, typer.Argument(help="fact:…/never:…/prefer:…")]
) -> None:
    """Remove one correction by its key."""
    ok = _with_state(folder, lambda s, c: corrections.remove(s, c, key))
    console.print("Removed." if ok else f"[yellow]No correction {key}.[/yellow]")


OUTCOME_COLUMNS = (
    "answered",
    "coalesced",
    "deferred",
    "notice_sent",
    "ignored_by_rule",
    "dropped",
)


def stats_cmd(
    folder: BotDir,
    days: Annotated[int, typer.Option(help="How many days back, today included")] = 7,
) -> None:
    """What became of every fan message, per day: answered, coalesced, deferred, told to wait,
    ignored by a rule or dropped (the reasons are in the logs and /metrics)."""
    from datetime import UTC, datetime, timedelta

    from rich.table import Table

    since = (datetime.now(UTC) - timedelta(days=max(days, 1) - 1)).date().isoformat()
    per_day = _with_state(folder, lambda state, bot_id: state.outcomes(bot_id, since))
    table = Table("day", *OUTCOME_COLUMNS, "total", title="Fan messages by outcome")
    for day, counts in per_day.items():
        cells = [str(counts.get(o, 0)) for o in OUTCOME_COLUMNS]
        table.add_row(day, *cells, str(sum(counts.values())))
    if not per_day:
        console.print(f"No messages counted since {since}.")
        return
    # Wide enough for every column even where the terminal's width is unknown (pipes, CI).
    Console(width=max(console.width, 110)).print(table)
