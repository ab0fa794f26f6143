"""Reads SRT and WebVTT transcripts: timed cues, keeping the creator's lines when tagged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from core.ingest.items import Cue, Item, ReadContext

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_META = re.compile(r"^(title|date|url|id|visibility)\s*:\s*(.+)$", re.I)
# yt-dlp names files "<title> [<video id>].<lang>.vtt"; the id is what a link needs.
_YTDLP = re.compile(r"^(.*?)\s*\[([A-Za-z0-9_-]{4,})\](?:\.[\w-]+)*$")


def read_transcript(text: str, ctx: ReadContext) -> Iterator[Item]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    meta: dict[str, str] = {}
    if lines and lines[0].startswith("WEBVTT"):
        # "WEBVTT - Title" is the one standard place a VTT names itself.
        header = lines[0][6:].strip(" -\t")
        if header:
            meta["title"] = header
    cues: list[tuple[Cue, str | None]] = []
    tagged = False
    speaker: str | None = None
    number = 0
    while number < len(lines):
        block_start = number
        block: list[str] = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        number += 1
        if not block:
            continue
        if block[0].startswith("NOTE"):
            # Metadata convention: a NOTE block of `key: value` lines (title, date, url, id...).
            for line in block[1:] if block[0].strip() == "NOTE" else block:
                found = _META.match(line.removeprefix("NOTE").strip())
                if found:
                    meta[found.group(1).lower()] = found.group(2).strip()
            continue
        timing_at = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing_at is None:
            continue  # header, STYLE, REGION or a stray index
        timing = _TIMING.match(block[timing_at])
        location = f"line {block_start + timing_at + 1}"
        if not timing:
            ctx.log.error(location, f"bad cue timing {block[timing_at].strip()!r}; cue skipped")
            continue
        start, end = _seconds(timing.groups()[:4]), _seconds(timing.groups()[4:])
        raw = "\n".join(block[timing_at + 1 :])
        voice = _VOICE.search(raw)
        if voice:
            tagged = True
            speaker = voice.group(1).strip()
        line_text = " ".join(_TAG.sub("", raw).split())
        if line_text:
            text_line = block_start + timing_at + 2
            cues.append((Cue(start, max(end, start), line_text, text_line), speaker))
    if not cues:
        ctx.log.error("", "no cues found: not an SRT or WebVTT transcript")
        return
    if tagged and ctx.source.creator_ids:
        kept = [cue for cue, who in cues if who is not None and ctx.is_creator(who)]
        if len(kept) < len(cues):
            ctx.log.skip("transcript line by another speaker", len(cues) - len(kept))
            for _, who in cues:
                if who is None or not ctx.is_creator(who):
                    ctx.log.others[f"speaker {who or '(untagged)'}"] += 1
    else:
        if tagged:
            ctx.log.warn("", "speakers are tagged but creator_ids is empty; kept every line")
        kept = [cue for cue, _ in cues]
    if not kept:
        ctx.log.skip("no lines by the creator")
        return
    visibility = ctx.visibility(meta.get("visibility"), "NOTE")
    if visibility is None:
        return
    stem = PurePosixPath(ctx.file).stem
    named = _YTDLP.match(PurePosixPath(ctx.file).name.rsplit(".", 1)[0])
    item_id = meta.get("id") or (named.group(2) if named else stem)
    if named and named.group(1) and "title" not in meta:
        meta["title"] = named.group(1)
    yield Item(
        item_id=item_id,
        text="\n".join(cue.text for cue in kept),
        visibility=visibility,
        kind="transcript",
        url=ctx.url(item_id, meta.get("url")),
        date=meta.get("date"),
        author=next(iter(ctx.source.creator_ids), None),
        title=meta.get("title") or ctx.source.title,
        cues=tuple(kept),
    )


def _seconds(parts: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = parts
    return (
        int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + int(seconds or 0)
        + int((millis or "0").ljust(3, "0")) / 1000
    )
