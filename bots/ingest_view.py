"""Terminal view of an ingest run: a rich progress bar, then a per-source summary table."""

from __future__ import annotations

from pathlib import Path
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

from core.config import Settings
from core.ingest.items import Problem
from core.ingest.pipeline import Prepare, run_ingest
from core.ingest.report import IngestReport
from core.persona.bot import BotConfig

if TYPE_CHECKING:
    from core.memory.memory import Memory
    from core.ports import MemoryStore
    from core.trust.verify import ClaimVerifier

# Beyond this many lines of one kind, the rest is counted (the report keeps them all).
SHOWN = 50


async def open_memory(settings: Settings, creator_id: str) -> tuple[Memory, MemoryStore]:
    """The clone's memory for ingest alone: embedder and store, no LLM, state store or Redis.

    Loading the LLM is what made a no-op ingest take long; it is never needed here.
    """
    from core.memory.embeddings import make_embedder
    from core.memory.memory import Memory
    from core.memory.stores import open_memory_store

    embedder = make_embedder(settings)
    if settings.memory_backend == "server":
        from bots.bootstrap import _guarded_server_store

        store = _guarded_server_store(settings, creator_id, embedder)
    else:
        store = await open_memory_store(settings, creator_id, embedder)
    return Memory(store, embedder), store


def archive_verifier(settings: Settings, creator_id: str, memory: Memory) -> ClaimVerifier:
    """The claim check as the clone builds it, for its vectors of the archive: made at ingest
    and kept beside the clone's data, so no fan's turn embeds them."""
    from core.trust.meaning_embedder import meaning_for
    from core.trust.verify import verifier_for

    keep = settings.memory_backend != "memory"
    return verifier_for(
        meaning_for(memory.embedder),
        memory.embed_texts,
        memory.embedder.model_name,
        vectors=settings.source_vectors_path_for(creator_id) if keep else None,
    )


async def ingest_with_progress(
    bot: BotConfig,
    folder: Path,
    memory: Memory,
    store: MemoryStore,
    console: Console,
    *,
    prepare: Prepare | None = None,
) -> IngestReport:
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

        # The claim check's vectors are made after the sources are stored, under a status line
        # of their own: a one-off that takes the archive's size in e5 time (about 20 ms of CPU
        # a sentence), which the progress bars above would not show.
        texts: list[str] = []

        async def collect(chunks: list[str]) -> int:
            texts.extend(chunks)
            return 0

        report = await run_ingest(
            bot,
            folder,
            memory,
            on_progress=on_progress,
            prepare=collect if prepare is not None else None,
        )
    console.print(render(report))
    print_problems(report, console)
    if prepare is not None and texts:
        await _prepare_checks(prepare, texts, console)
    # Offline moment (the CLI holds the store): build the vector index if it is now worth it.
    optimize = getattr(store, "optimize_if_needed", None)
    if optimize is not None:
        with console.status("building the vector index (large archive; one-off)…"):
            if await optimize():
                console.print("Vector index built.")
    return report


async def _prepare_checks(prepare: Prepare, texts: list[str], console: Console) -> None:
    status = (
        f"preparing the claim check for {len(texts)} archive texts "
        "(one-off: later ingests embed only new text)…"
    )
    try:
        with console.status(status):
            made = await prepare(texts)
    except Exception as exc:  # only speed is lost: a turn embeds what is not kept
        console.print(f"[yellow]Claim check not prepared ({exc}); turns embed as needed.")
        return
    if made:
        console.print(f"Claim check prepared: {made} sentence vectors kept on disk.")


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
    return table


def print_problems(report: IngestReport, console: Console) -> None:
    """Every error, warning and quarantined passage, each with file and location."""
    for title, style, problems in (
        ("error", "red", report.all_errors),
        ("warning", "yellow", report.all_warnings),
        ("quarantined", "magenta", report.all_quarantined),
    ):
        _print_kind(console, title, style, problems)
    if report.all_errors:
        console.print(
            "[red]Ingest finished with errors.[/red] Sources with errors kept what was stored "
            "from them before; fix the files above and run it again."
        )


def _print_kind(console: Console, title: str, style: str, problems: list[Problem]) -> None:
    if not problems:
        return
    console.print(f"[bold {style}]{len(problems)} {title}(s)[/bold {style}]")
    for problem in problems[:SHOWN]:
        # No markup: file names and excerpts may hold square brackets (yt-dlp ids).
        console.print(
            f"  {title}: {problem}", style=style, markup=False, highlight=False, soft_wrap=True
        )
    if len(problems) > SHOWN:
        console.print(f"  … and {len(problems) - SHOWN} more {title}(s)")
