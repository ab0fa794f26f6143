"""Cuts items into chunks: short posts whole, long text by paragraph, transcripts by time."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from core.ingest.items import Cue, Item
from core.records import Chunk, stable_id

MAX_CHARS = 800
OVERLAP = 120
WINDOW_SECONDS = 75.0
# A fast talker fills a window with more than a chunk's worth; cut there too.
WINDOW_MAX_CHARS = 1400

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?…。])\s+|\n")
_SENTENCE_START = re.compile(r"[.!?…]\s+")


@dataclass(frozen=True, slots=True)
class Window:
    start: float
    end: float
    text: str


def split_text(text: str, max_chars: int = MAX_CHARS, overlap: int = OVERLAP) -> list[str]:
    """Text in pieces of at most `max_chars`, cut at paragraphs, then sentences, then words.

    Each piece after the first repeats a short tail of the one before, so an answer that
    straddles a cut is still found whole in one of them.
    """
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    chunks: list[str] = []
    current = ""
    for piece, new_paragraph in _pieces(text, max_chars):
        joiner = "\n\n" if new_paragraph else " "
        if current and len(current) + len(joiner) + len(piece) > max_chars:
            chunks.append(current)
            tail = _tail(current, overlap)
            current = tail if tail and len(tail) + 1 + len(piece) <= max_chars else ""
            joiner = " "
        current = f"{current}{joiner}{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def _pieces(text: str, max_chars: int) -> Iterator[tuple[str, bool]]:
    for paragraph in _PARAGRAPHS.split(text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if len(paragraph) <= max_chars:
            yield paragraph, True
            continue
        first = True
        for sentence in _SENTENCES.split(paragraph):
            for part in _hard_split(sentence.strip(), max_chars):
                yield part, first
                first = False


def _hard_split(text: str, max_chars: int) -> Iterator[str]:
    """A run with no sentence end (a URL list, a 2 MB line): cut at spaces, else anywhere."""
    start = 0
    # Walk by index: re-slicing the rest each time would copy a 2 MB line thousands of times.
    while len(text) - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        piece = text[start:cut].strip()
        if piece:
            yield piece
        start = cut
    rest = text[start:].strip()
    if rest:
        yield rest


def _tail(text: str, overlap: int) -> str:
    if overlap <= 0 or len(text) <= overlap:
        return ""
    tail = text[-overlap:]
    sentence = _SENTENCE_START.search(tail)
    if sentence:
        return tail[sentence.end() :]
    space = tail.find(" ")
    return tail[space + 1 :] if space >= 0 else ""


def time_windows(
    cues: Sequence[Cue], seconds: float = WINDOW_SECONDS, max_chars: int = WINDOW_MAX_CHARS
) -> list[Window]:
    """Consecutive cues grouped into windows of about `seconds`, keeping start and end."""
    windows: list[Window] = []
    group: list[Cue] = []
    size = 0
    for cue in cues:
        if group and (cue.end - group[0].start > seconds or size + len(cue.text) > max_chars):
            windows.append(_window(group))
            group, size = [], 0
        group.append(cue)
        size += len(cue.text) + 1
    if group:
        windows.append(_window(group))
    return windows


def _window(group: list[Cue]) -> Window:
    return Window(group[0].start, group[-1].end, " ".join(c.text for c in group))


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def chunk_item(item: Item, *, creator_id: str, source: str, source_file: str) -> list[Chunk]:
    """The chunks of one item, with provenance; ids are content hashes, so re-ingest is a no-op.

    The id also covers visibility and time, so making a source paid replaces its public chunks
    instead of leaving them behind under the same id.
    """
    pieces: list[tuple[str, str | None, str | None, int]]
    if item.cues:
        pieces = [
            (w.text, clock(w.start), clock(w.end), int(w.start)) for w in time_windows(item.cues)
        ]
    else:
        pieces = [(t, None, None, 0) for t in split_text(item.text)]
    chunks: dict[str, Chunk] = {}
    for text, start, end, offset in pieces:
        chunk_id = stable_id(
            creator_id, source, item.item_id, text, item.visibility.value, start or ""
        )
        url = item.url.replace("{t}", str(offset)) if item.url else None
        chunks[chunk_id] = Chunk(
            id=chunk_id,
            creator_id=creator_id,
            source=source,
            source_file=source_file,
            text=text,
            visibility=item.visibility,
            item_id=item.item_id,
            url=url,
            date=item.date,
            author=item.author,
            kind=item.kind,
            title=item.title,
            context=item.context,
            context_author=item.context_author if item.context else None,
            start=start,
            end=end,
        )
    return list(chunks.values())
