"""The archive formats ingest reads, by the name bot.toml gives them: core's own readers, and
the ones the composition root registers (platform export readers live in adapters/)."""

from __future__ import annotations

from dataclasses import dataclass

from core.ingest.csv_file import read_csv
from core.ingest.items import Reader
from core.ingest.jsonl import read_jsonl
from core.ingest.markdown import read_markdown
from core.ingest.transcript import read_transcript
from core.ingest.x_archive import read_x
from core.persona.bot import allow_source_format


@dataclass(frozen=True, slots=True)
class Format:
    """How one format is read, and which files of a folder source are of it."""

    reader: Reader
    suffixes: tuple[str, ...]
    # Only files whose name starts so (an X archive folder holds many .js files; only the
    # tweets are the creator's words).
    name_prefix: str = ""

    def reads(self, file_name: str) -> bool:
        lower = file_name.lower()
        return lower.endswith(self.suffixes) and file_name.startswith(self.name_prefix)


_FORMATS: dict[str, Format] = {
    "markdown": Format(read_markdown, (".md", ".markdown", ".txt")),
    "csv": Format(read_csv, (".csv",)),
    "jsonl": Format(read_jsonl, (".jsonl", ".ndjson")),
    "x": Format(read_x, (".js",), name_prefix="tweets"),
    "transcript": Format(read_transcript, (".vtt", ".srt")),
}


def register_format(name: str, reader: Reader, suffixes: tuple[str, ...]) -> None:
    """Let bot.toml's sources name `name`, read by `reader` (the same again is a no-op).

    Raises:
        ValueError: when another reader already has that name.
    """
    known = _FORMATS.get(name)
    if known is not None and known.reader is not reader:
        raise ValueError(f"archive format {name!r} is already registered")
    _FORMATS[name] = Format(reader, suffixes)
    allow_source_format(name)


def format_named(name: str) -> Format | None:
    """The format bot.toml calls `name`, or None when nothing registered it."""
    return _FORMATS.get(name)


def format_names() -> list[str]:
    """Every name a source may give as its format, sorted."""
    return sorted(_FORMATS)
