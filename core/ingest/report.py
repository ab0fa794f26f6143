"""What an ingest run did, per source: items read, chunks stored and removed, skips, errors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.ingest.items import Problem


@dataclass(slots=True)
class SourceReport:
    name: str
    format: str
    path: str
    files: int = 0
    items_read: int = 0
    # Chunks the source yields now, and how many of them were not stored before.
    chunks: int = 0
    chunks_stored: int = 0
    chunks_removed: int = 0
    # Exchanges found: a fan's message and the creator's reply to it (kept for her voice).
    exchanges: int = 0
    # Chunks no longer produced but kept, because errors made this read untrustworthy.
    stale_kept: int = 0
    # The source's file or folder is not there (an error; its stored chunks are kept).
    missing: bool = False
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Text kept out of the store: addressed to an AI, or hidden from readers.
    quarantined: list[Problem] = field(default_factory=list)

    @property
    def items_skipped(self) -> int:
        return sum(self.skipped.values())


@dataclass(slots=True)
class IngestReport:
    creator_id: str
    sources: list[SourceReport] = field(default_factory=list)
    # Sources that had chunks stored but are no longer in bot.toml, with chunks removed.
    removed_sources: dict[str, int] = field(default_factory=dict)
    # Problems not tied to one source (duplicate names, paths that escape into eval/).
    errors: list[Problem] = field(default_factory=list)

    def source(self, name: str) -> SourceReport:
        return next(s for s in self.sources if s.name == name)

    @property
    def items_read(self) -> int:
        return sum(s.items_read for s in self.sources)

    @property
    def chunks(self) -> int:
        return sum(s.chunks for s in self.sources)

    @property
    def exchanges(self) -> int:
        return sum(s.exchanges for s in self.sources)

    @property
    def chunks_stored(self) -> int:
        return sum(s.chunks_stored for s in self.sources)

    @property
    def chunks_removed(self) -> int:
        return sum(s.chunks_removed for s in self.sources) + sum(self.removed_sources.values())

    @property
    def all_errors(self) -> list[Problem]:
        return self.errors + [p for s in self.sources for p in s.errors]

    @property
    def all_warnings(self) -> list[Problem]:
        return [p for s in self.sources for p in s.warnings]

    @property
    def all_quarantined(self) -> list[Problem]:
        return [p for s in self.sources for p in s.quarantined]

    @property
    def ok(self) -> bool:
        return not self.all_errors

    def summary(self) -> str:
        """A plain-text table for logs and the CLI."""
        lines = [f"ingest {self.creator_id}: {self.items_read} items, {self.chunks} chunks"]
        for s in self.sources:
            lines.append(
                f"  {s.name} ({s.format}): {s.items_read} read, {s.chunks_stored} stored, "
                f"{s.chunks_removed} removed, {s.items_skipped} skipped, "
                f"{s.exchanges} exchange(s)" + (f", {len(s.errors)} error(s)" if s.errors else "")
            )
            lines.extend(f"      skipped {n}: {why}" for why, n in s.skipped.most_common())
            lines.extend(f"      error: {p}" for p in s.errors)
            lines.extend(f"      warning: {p}" for p in s.warnings)
            lines.extend(f"      quarantined: {p}" for p in s.quarantined)
            if s.stale_kept:
                lines.append(f"      kept {s.stale_kept} older chunk(s) because of errors")
        for name, count in self.removed_sources.items():
            lines.append(f"  removed source {name}: {count} chunk(s)")
        lines.extend(f"  error: {p}" for p in self.errors)
        return "\n".join(lines)
