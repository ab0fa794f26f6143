"""Terminal view of an ingest run: a rich progress bar, then a per-source summary table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from core.ingest.pipeline import run_ingest
from core.ingest.report import IngestReport

if TYPE_CHECKING:
    from bots.bootstrap import Services


async def ingest_with_progress(services: Services, console: Console) -> IngestReport:
    """Ingest the clone's sources with a live progress bar and print the summary."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def on_progress(source: str, done: int) -> None:
            if source not in tasks:
                tasks[source] = progress.add_task(source, total=None)
            progress.update(tasks[source], completed=done)

        report = await run_ingest(
            services.bot, services.folder, services.memory, on_progress=on_progress
        )
    console.print(render(report))
    # Offline moment (the CLI holds the store): build the vector index if it is now worth it.
    optimize = getattr(services.store, "optimize_if_needed", None)
    if optimize is not None:
        with console.status("building the vector index (large archive; one-off)…"):
            if await optimize():
                console.print("Vector index built.")
    return report


def render(report: IngestReport) -> Table:
    table = Table(title=f"ingest {report.creator_id}", title_justify="left")
    for col in ("source", "format", "items read", "chunks", "new", "removed", "skipped"):
        table.add_column(col, justify="left" if col in ("source", "format") else "right")
    for s in report.sources:
        skipped = ", ".join(f"{n} {why}" for why, n in s.skipped.most_common()) or "0"
        table.add_row(
            s.name + (" [red](missing)[/red]" if s.missing else ""),
            s.format,
            str(s.items_read),
            str(s.chunks),
            str(s.chunks_stored),
            str(s.chunks_removed),
            skipped,
        )
    for name, removed in report.removed_sources.items():
        table.add_row(
            f"{name} [dim](no longer in bot.toml)[/dim]", "", "", "", "", str(removed), ""
        )
    table.add_row(
        "[bold]total",
        "",
        str(report.items_read),
        str(report.chunks),
        str(report.chunks_stored),
        str(report.chunks_removed),
        "",
    )
    problems = report.all_errors
    if problems:
        table.caption = f"{len(problems)} problem(s):\n" + "\n".join(str(p) for p in problems[:20])
    return table
