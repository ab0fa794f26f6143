"""Ingests the sources bot.toml lists into a ChunkSink, idempotently, reporting what happened."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from core.ingest.chunking import chunk_item
from core.ingest.formats import Format, format_named
from core.ingest.items import Cue, Item, Problem, ReadContext, ReadLog
from core.ingest.report import IngestReport, SourceReport
from core.ingest.screen import screen
from core.ingest.text import decode, normalize
from core.memory.exchanges import REVIEW_SOURCE, Exchange, exchange_tenant
from core.persona.bot import BotConfig, Source
from core.records import Chunk, Visibility
from core.trust.verify import chunk_text

if TYPE_CHECKING:
    # The port drags in LangChain; ingest only needs its shape.
    from core.ports import ChunkSink

log = logging.getLogger(__name__)

# Eval sets live next to the archive and must never become the clone's memory.
EVAL_DIR = "eval"
# Far beyond any real post; a bigger "item" is a pasted blob, and would flood the store.
MAX_ITEM_CHARS = 200_000
BATCH = 256

Progress = Callable[[str, int], None]
# The claim check's vectors of archive texts, made once here rather than on a fan's turn.
Prepare = Callable[[list[str]], Awaitable[object]]


async def run_ingest(
    bot: BotConfig,
    folder: Path,
    sink: ChunkSink,
    *,
    on_progress: Progress | None = None,
    prepare: Prepare | None = None,
) -> IngestReport:
    """Read every source listed in `bot.toml` and bring the sink in line with it.

    New chunks are upserted; chunks of sources no longer listed and of changed items are
    removed. A source whose read had errors (a malformed file, a missing path, no items by
    its creator_ids) keeps its older chunks, so bad input never loses what was stored:
    removing a source from bot.toml is what removes its chunks.

    Args:
        bot: the clone definition; only `bot.sources` are read, relative to `folder`.
        folder: the bot folder holding `bot.toml`.
        sink: where chunks go.
        on_progress: called as `(source name, chunks handled so far in it)`.
        prepare: given each source's chunk texts as the claim check reads them (all of them,
            so an archive ingested before is prepared too; what is kept already costs a
            lookup): `ClaimVerifier.prepare_archive`.

    Returns:
        What happened, per source.
    """
    report = IngestReport(bot.id)
    listed = [s.name for s in bot.sources]
    for name in sorted(await sink.sources(bot.id) - set(listed)):
        report.removed_sources[name] = await sink.delete_source(bot.id, name)
    tenant = exchange_tenant(bot.id)
    for name in sorted(await sink.sources(tenant) - set(listed)):
        # Exchanges from the review flow are the creator's own, not a bot.toml source.
        if name != REVIEW_SOURCE:
            await sink.delete_source(tenant, name)
    seen: set[str] = set()
    for source in bot.sources:
        if source.name in seen:
            problem = Problem("bot.toml", source.name, "duplicate source name; skipped")
            report.errors.append(problem)
            continue
        seen.add(source.name)
        report.sources.append(
            await _ingest_source(bot.id, source, folder, sink, on_progress, prepare)
        )
    return report


async def _ingest_source(
    creator_id: str,
    source: Source,
    folder: Path,
    sink: ChunkSink,
    on_progress: Progress | None,
    prepare: Prepare | None,
) -> SourceReport:
    stored = await sink.chunk_ids(creator_id, source.name)
    # Reading and parsing are blocking file work; keep the event loop (and a running clone) free.
    sr, chunks, exchanges = await asyncio.to_thread(_collect, creator_id, source, folder)
    if sr.missing:
        # A typo in a path must not wipe the source; deleting it from bot.toml does that.
        sr.stale_kept = len(stored)
        return sr
    await _store_exchanges(creator_id, source.name, exchanges, sink, keep_stale=bool(sr.errors))
    new = [c for c in chunks.values() if c.id not in stored]
    for start in range(0, len(new), BATCH):
        batch = new[start : start + BATCH]
        sr.chunks_stored += await sink.upsert_chunks(batch)
        if on_progress:
            on_progress(source.name, start + len(batch))
    if on_progress:
        on_progress(source.name, len(chunks))
    if prepare is not None and chunks:
        try:
            await prepare([chunk_text(c) for c in chunks.values()])
        except Exception as exc:  # only speed is lost: a turn embeds what is not kept
            log.warning("%s: preparing the claim check's vectors failed: %s", source.name, exc)
    stale = sorted(stored - chunks.keys())
    if sr.errors:
        sr.stale_kept = len(stale)
    elif stale:
        sr.chunks_removed = await sink.delete_chunks(creator_id, stale)
    return sr


async def _store_exchanges(
    creator_id: str, source: str, exchanges: list[Exchange], sink: ChunkSink, *, keep_stale: bool
) -> None:
    """Bring the source's exchanges in line with this read, as for its chunks."""
    tenant = exchange_tenant(creator_id)
    stored = await sink.chunk_ids(tenant, source)
    wanted = {e.id: e.to_chunk() for e in exchanges}
    new = [c for i, c in wanted.items() if i not in stored]
    for start in range(0, len(new), BATCH):
        await sink.upsert_chunks(new[start : start + BATCH])
    stale = sorted(stored - wanted.keys())
    if stale and not keep_stale:
        await sink.delete_chunks(tenant, stale)


def collect(
    creator_id: str, source: Source, folder: Path
) -> tuple[SourceReport, dict[str, Chunk]]:
    """Read one source into chunks by id, without touching any store."""
    sr, chunks, _ = _collect(creator_id, source, folder)
    return sr, chunks


def collect_exchanges(creator_id: str, source: Source, folder: Path) -> list[Exchange]:
    """The source's exchanges (a fan message and the creator's reply to it)."""
    return _collect(creator_id, source, folder)[2]


def _collect(
    creator_id: str, source: Source, folder: Path
) -> tuple[SourceReport, dict[str, Chunk], list[Exchange]]:
    sr = SourceReport(source.name, source.format, source.path)
    chunks: dict[str, Chunk] = {}
    exchanges: dict[str, Exchange] = {}
    root = folder.resolve()
    path = (folder / source.path).resolve()
    if path.is_relative_to(root / EVAL_DIR):
        sr.errors.append(Problem(source.path, "", f"sources may not point into {EVAL_DIR}/"))
        return sr, chunks, []
    fmt = format_named(source.format)
    if fmt is None:  # bot.toml validated it, so only a format nothing registered in this process
        sr.errors.append(Problem(source.path, "format", f"no reader for {source.format!r}"))
        return sr, chunks, []
    if not path.exists():
        sr.missing = True
        sr.errors.append(
            Problem(
                source.path,
                "",
                "not found; what was stored from it is kept (remove the source from bot.toml "
                "to drop it)",
            )
        )
        return sr, chunks, []
    others: Counter[str] = Counter()
    for file in _files(path, fmt):
        sr.files += 1
        name = _display(file, root)
        log = ReadLog(name)
        for item in _read(file, source, fmt, log):
            screened = screen(item, log)
            cleaned = _clean(screened, log) if screened is not None else None
            if cleaned is None:
                continue
            if cleaned.visibility is Visibility.NEVER_USE:
                log.skip("never-use")
                continue
            sr.items_read += 1
            if cleaned.context:
                exchange = _exchange(cleaned, creator_id, source.name, name)
                exchanges[exchange.id] = exchange
            for chunk in chunk_item(
                cleaned, creator_id=creator_id, source=source.name, source_file=name
            ):
                chunks[chunk.id] = chunk
        sr.errors += log.errors
        sr.warnings += log.warnings
        sr.skipped.update(log.skipped)
        sr.quarantined += log.quarantined
        others.update(log.others)
    if sr.files == 0:
        sr.warnings.append(Problem(source.path, "", f"no {source.format} files found"))
    elif sr.items_read == 0 and others:
        sr.errors.append(_nobody(source, others))
    sr.chunks = len(chunks)
    sr.exchanges = len(exchanges)
    return sr, chunks, list(exchanges.values())


def _exchange(item: Item, creator_id: str, source: str, file: str) -> Exchange:
    return Exchange(
        creator_id=creator_id,
        question=item.context or "",
        answer=item.text,
        source=source,
        source_file=file,
        visibility=item.visibility,
        item_id=item.item_id,
        url=item.url,
        date=item.date,
        asker=item.context_author,
    )


def _nobody(source: Source, others: Counter[str]) -> Problem:
    """creator_ids matched nobody: say who the export does contain, so the fix is one copy."""
    authors = ", ".join(f"{who} x{n}" for who, n in others.most_common(8))
    more = f" and {len(others) - 8} more" if len(others) > 8 else ""
    return Problem(
        source.path,
        "creator_ids",
        f"no items by creator_ids {source.creator_ids}; the file's authors are: "
        f"{authors}{more}. Put the creator's id or username in creator_ids.",
    )


def _files(path: Path, fmt: Format) -> list[Path]:
    if path.is_file():
        return [path]
    found = []
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path).parts
        if not file.is_file() or any(p.startswith(".") for p in relative) or EVAL_DIR in relative:
            continue
        if fmt.reads(file.name):
            found.append(file)
    return found


def _read(file: Path, source: Source, fmt: Format, log: ReadLog) -> Iterator[Item]:
    try:
        data = file.read_bytes()
    except OSError as exc:
        log.error("", f"cannot read: {exc.strerror or exc}")
        return
    decoded = decode(data)
    for note in decoded.notes:
        log.warn("", note)
    if not decoded.text.strip():
        # Often a copy that failed half-way: an error, so nothing stored from it is dropped.
        log.error("", "empty file")
        return
    ctx = ReadContext(source, log.file, log, functools.partial(_companions, file, log))
    yield from fmt.reader(decoded.text, ctx)


def _companions(file: Path, log: ReadLog, pattern: str) -> list[str]:
    """The decoded text of the files beside `file` matching `pattern` (unreadable: a warning)."""
    out = []
    for other in sorted(file.parent.glob(pattern)):
        if other == file or not other.is_file():
            continue
        try:
            out.append(decode(other.read_bytes()).text)
        except OSError as exc:
            log.warn("", f"cannot read {other.name}: {exc.strerror or exc}")
    return out


def _clean(item: Item, log: ReadLog) -> Item | None:
    text = normalize(item.text)
    if len(text) > MAX_ITEM_CHARS:
        log.warn(f"item {item.item_id}", f"{len(text)} chars; kept the first {MAX_ITEM_CHARS}")
        text = text[:MAX_ITEM_CHARS]
    cues = tuple(Cue(c.start, c.end, t) for c in item.cues if (t := normalize(c.text)))
    if not text:
        log.skip("no text")
        return None
    context = normalize(item.context) if item.context else None
    return dataclasses.replace(item, text=text, cues=cues, context=context or None)


def _display(file: Path, root: Path) -> str:
    """The file as the creator would name it: relative to the bot folder when inside it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
