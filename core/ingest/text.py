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
    "[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
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
    """Bytes to text: honour a BOM, prefer UTF-8, fall back to cp1252 then latin-1."""
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        try:
            encoding = "utf-8"
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            # cp1252 first: Windows tools write it, and it is what "latin-1" files usually are.
            try:
                encoding = "cp1252"
                text = data.decode(encoding)
            except UnicodeDecodeError:
                encoding = "latin-1"
                text = data.decode(encoding)
            notes.append(f"not valid UTF-8 (byte {exc.start}); read as {encoding}")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        notes.append(f"removed {nuls} NUL character(s)")
    return Decoded(text, encoding, tuple(notes))


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
