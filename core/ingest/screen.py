"""Applies the quarantine to read items: hidden spans cut, text addressed to an AI kept out.

Units: a transcript's cue; a paragraph of a long post (the rest of the post is still hers);
a whole record otherwise (a tweet, a chat message, a caption, a one-paragraph post). Hidden
text in a short record quarantines the record: cutting only the invisible characters would
turn a hidden instruction into readable text. A quarantined unit is never stored, so it never
reaches a prompt and never supports a claim; the report lists each with file and line.
"""

from __future__ import annotations

import dataclasses
import re

from core.ingest.items import Cue, Item, ReadLog
from core.ingest.quarantine import Finding, addressed_to_ai, hidden_spans, is_quiet

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def screen(item: Item, log: ReadLog) -> Item | None:
    """The item without quarantined text, or None when nothing of it may be stored."""
    if item.cues:
        return _screen_cues(item, log)
    text = _screen_text(item, log)
    if text is None:
        return None
    title, context = item.title, item.context
    if title and _flagged(title):
        _report(log, _where(item, None), _first(title), "title")
        title = None
    if context and _flagged(context):
        # The fan message she answered is context for retrieval; an injection in it is not.
        _report(log, _where(item, None), _first(context), "answered fan message")
        context = None
    return dataclasses.replace(item, text=text, title=title, context=context)


def _screen_text(item: Item, log: ReadLog) -> str | None:
    spans = hidden_spans(item.text)
    # Blank the spans but keep their line breaks, so later line numbers still match the file.
    visible = _blank(item.text, spans)
    paragraphs = [(m, p) for m, p in _paragraphs(visible) if p.strip()]
    long_form = len(paragraphs) > 1
    loud = [s for s in spans if not is_quiet(s)]
    for span in loud:
        _report(log, _where(item, item.text[: span.start].count("\n")), span)
    if loud and not long_form:
        log.skip("quarantined (hidden text)")
        return None
    kept: list[str] = []
    for offset, paragraph in paragraphs:
        found = addressed_to_ai(paragraph)
        if found is None:
            kept.append(paragraph.strip())
            continue
        _report(log, _where(item, visible[:offset].count("\n")), found)
        if not long_form:
            log.skip("quarantined (addressed to an AI)")
            return None
        log.skip("quarantined paragraph")
    if not kept:
        return None
    return "\n\n".join(kept)


def _screen_cues(item: Item, log: ReadLog) -> Item | None:
    kept: list[Cue] = []
    for cue in item.cues:
        finding = _first(cue.text)
        if finding is None:
            kept.append(cue)
            continue
        where = f"line {cue.line}" if cue.line else ""
        where = f"{where} (cue {_clock(cue.start)})".strip()
        _report(log, where, finding)
        log.skip("quarantined transcript line")
    if not kept:
        return None
    text = "\n".join(c.text for c in kept)
    return dataclasses.replace(item, cues=tuple(kept), text=text)


def _first(text: str) -> Finding | None:
    loud = [s for s in hidden_spans(text) if not is_quiet(s)]
    return loud[0] if loud else addressed_to_ai(text)


def _flagged(text: str) -> bool:
    return _first(text) is not None


def _report(log: ReadLog, where: str, finding: Finding | None, part: str = "") -> None:
    if finding is None:
        return
    kind = finding.kind
    label = "addressed to an AI" if kind == "addressed-to-ai" else kind.replace("-", " ")
    part = f" {part}" if part else ""
    log.quarantine(where, f"quarantined{part} ({label}): {finding.excerpt!r}")


def _where(item: Item, lines_in: int | None) -> str:
    if item.line is not None:
        return f"line {item.line + (lines_in or 0)}"
    return f"{item.kind} {item.item_id}"


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        out.append((pos, text[pos : brk.start()]))
        pos = brk.end()
    out.append((pos, text[pos:]))
    return out


def _blank(text: str, spans: list[Finding]) -> str:
    out, pos = [], 0
    for span in spans:
        out.append(text[pos : span.start])
        out.append("\n" * text[span.start : span.end].count("\n") or " ")
        pos = max(pos, span.end)
    out.append(text[pos:])
    return "".join(out)


def _clock(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"
