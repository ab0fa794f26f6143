"""Decoding archive bytes and normalising text, so every reader sees clean Unicode."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass

# UTF-32 BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Zero-width and bidi controls: invisible to a reader, but they can hide or reorder words
# (a favourite trick of prompt injections). Soft hyphens go too.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    # Tag characters and the supplementary variation selectors spell text invisibly; spans of
    # them are quarantined before this (core.ingest.screen), stray ones simply go.
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
# The zero-width joiner is kept only inside emoji sequences (woman + ZWJ + cooking pot),
# where it carries meaning.
_EMOJI = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_STRAY_ZWJ = re.compile(f"(?<![{_EMOJI}])\u200d|\u200d(?![{_EMOJI}])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    # Human-readable notes on what was repaired (fallback encoding, NUL bytes).
    notes: tuple[str, ...] = ()


def decode(data: bytes) -> Decoded:
    """Bytes to text: honour a BOM, prefer UTF-8, else decode line by line.

    A UTF-8 file with one pasted cp1252 line (or a download cut mid-character) keeps its good
    lines as UTF-8: only the lines that are not valid UTF-8 fall back, to cp1252 then latin-1,
    each with a note naming its line. Reading the whole file as cp1252 would turn every
    "£" into "Â£" and every emoji into mojibake.
    """
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        try:
            encoding = "utf-8"
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text, encoding, fallbacks = _decode_lines(data)
            notes += fallbacks
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        notes.append(f"removed {nuls} NUL character(s)")
    return Decoded(text, encoding, tuple(notes))


def _decode_lines(data: bytes) -> tuple[str, str, list[str]]:
    """Each line as UTF-8 if it is, else cp1252, else latin-1; notes name the lines."""
    lines = data.split(b"\n")
    out: list[str] = []
    fallen: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            if number == len(lines) and exc.reason == "unexpected end of data":
                # A file cut off inside its last character: keep what is whole.
                out.append(line[: exc.start].decode("utf-8", errors="replace"))
                fallen.setdefault("cut", []).append(number)
                continue
        try:
            out.append(line.decode("cp1252"))
            fallen.setdefault("cp1252", []).append(number)
        except UnicodeDecodeError:
            out.append(line.decode("latin-1"))
            fallen.setdefault("latin-1", []).append(number)
    notes = []
    for encoding, numbers in fallen.items():
        shown = ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")
        which = "line" if len(numbers) == 1 else "lines"
        if encoding == "cut":
            notes.append(f"{which} {shown}: cut off inside a character; kept what is whole")
        else:
            notes.append(f"not valid UTF-8 ({which} {shown}); read as {encoding}")
    recoded = [e for e in fallen if e != "cut"]
    # Named after what the non-ASCII lines were: all fallen back is a cp1252 file, a mix is not.
    utf8_lines = any(
        not line.isascii() for i, line in enumerate(lines, 1) if _kept_utf8(i, fallen)
    )
    if not recoded:
        encoding = "utf-8"
    elif not utf8_lines:
        encoding = recoded[-1]
    else:
        encoding = "+".join(["utf-8", *recoded])
    return "\n".join(out), encoding, notes


def _kept_utf8(number: int, fallen: dict[str, list[int]]) -> bool:
    return not any(number in numbers for numbers in fallen.values())


def normalize(text: str) -> str:
    """One canonical form: LF newlines, HTML entities unescaped, no invisible controls, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # X and Telegram exports escape &, < and > as entities.
    text = html.unescape(text)
    text = _INVISIBLE.sub("", text)
    text = _STRAY_ZWJ.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUN.sub("\n\n", text).strip()
