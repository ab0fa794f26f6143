"""Knowledge page helpers: the archive sources behind an answer, and re-ingest with progress."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bots.bootstrap import Services
from core.records import ScoredChunk, Visibility

log = logging.getLogger(__name__)
LAST_REPORT = "last-ingest.json"


async def sources_of(services: Services, question: str, k: int = 3) -> list[ScoredChunk]:
    """The public archive items nearest a fan's question: what the answer could cite."""
    try:
        return await services.memory.recall_corpus(
            services.bot.id, question, k, frozenset({Visibility.PUBLIC})
        )
    except Exception:  # a degraded store shows no sources rather than no page
        log.exception("recalling sources for a report failed")
        return []


@dataclass(slots=True)
class IngestRun:
    """A re-ingest started from the page; the page polls it until `running` is false."""

    started_at: datetime
    running: bool = True
    progress: dict[str, int] = field(default_factory=dict)
    report: dict[str, Any] | None = None
    error: str = ""
    task: asyncio.Task[None] | None = None


def summary(report: Any) -> dict[str, Any]:
    """A JSON-able summary of an IngestReport, per source, as the page shows it."""
    return {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "items_read": report.items_read,
        "sources": [
            {
                "name": s.name,
                "format": s.format,
                "items_read": s.items_read,
                "chunks": s.chunks,
                "chunks_stored": s.chunks_stored,
                "chunks_removed": s.chunks_removed,
                "missing": s.missing,
                "errors": [str(e) for e in s.errors][:20],
                "warnings": len(s.warnings),
            }
            for s in report.sources
        ],
        "errors": [str(e) for e in report.errors][:20],
    }


def last_report(services: Services) -> dict[str, Any] | None:
    path = services.settings.data_dir / services.bot.id / LAST_REPORT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def start_ingest(services: Services) -> IngestRun:
    """Re-read bot.toml's sources into the running clone's store, in the background."""
    from core.persona.bot import load_bot

    run = IngestRun(started_at=datetime.now(UTC))

    def progress(source: str, items: int) -> None:
        run.progress[source] = items

    async def go() -> None:
        try:
            bot = load_bot(services.folder)  # the sources list may have changed since start
            report = await services.ingest(bot, on_progress=progress)
            run.report = summary(report)
            path = services.settings.data_dir / services.bot.id / LAST_REPORT
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(run.report, indent=1), encoding="utf-8")
        except Exception as exc:
            log.exception("%s: re-ingest from the dashboard failed", services.bot.id)
            run.error = f"{type(exc).__name__}: {exc}"
        finally:
            run.running = False

    run.task = asyncio.create_task(go())
    return run
