"""Labelled sets for the meaning checks: ordinary fan messages, the creator's own sentences, typos.

Read by the meaning tests and by bench/meaning_calibrate.py. Tuning data only: tests/heldout/
is never read here; it is evaluated once, at the end, by tests/core/trust/test_meaning_heldout.py.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

from core.trust.meaning import Exemplar, parse_exemplars

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "bots" / "example"
DATA = ROOT / "tests" / "data" / "meaning"
CREATOR_DISCORD = "730000000000000001"
# Absent-fact probes that ask where she lives or how to reach her are care cases, not ordinary.
_NOT_ORDINARY_NOTES = ("address", "location", "contact")


def own_ordinary() -> list[Exemplar]:
    """The hand-written ordinary fan messages, with their language."""
    path = DATA / "ordinary.txt"
    return list(parse_exemplars(path.read_text(encoding="utf-8"), str(path)))


def archive_fan_messages() -> list[str]:
    """What fans wrote in the example's archive (Discord and Telegram exports)."""
    out: list[str] = []
    discord = json.loads((EXAMPLE / "archive/discord/ask-mara.json").read_text(encoding="utf-8"))
    for m in discord["messages"]:
        text = m.get("content", "")
        if m["author"]["id"] != CREATOR_DISCORD and text and not text.startswith("GG "):
            out.append(text)
    telegram = json.loads((EXAMPLE / "archive/telegram/result.json").read_text(encoding="utf-8"))
    for m in telegram["messages"]:
        text = m.get("text")
        if m.get("from") not in (None, "Mara Quill") and isinstance(text, str) and text:
            out.append(text)
    return out


def eval_fan_messages() -> list[str]:
    """The example's eval questions a fan would ask that need no human."""
    out: list[str] = []
    for line in (EXAMPLE / "eval/probes.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["category"] == "grounded" or (
            row["category"] == "absent"
            and not str(row.get("note", "")).startswith(_NOT_ORDINARY_NOTES)
        ):
            out.append(row["message"])
    for line in (EXAMPLE / "eval/heldout.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["prompt"])
    return out


def ordinary_messages() -> list[str]:
    """Ordinary fan messages: the archive's, the eval's and the hand-written ones, deduplicated."""
    texts = archive_fan_messages() + eval_fan_messages() + [e.text for e in own_ordinary()]
    return list(dict.fromkeys(texts))


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def creator_sentences() -> list[str]:
    """Sentences the creator published (blog, Instagram, Telegram, Discord): what she says."""
    texts: list[str] = []
    for path in sorted((EXAMPLE / "archive/blog").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---")[-1]
        texts += [ln for ln in body.splitlines() if ln.strip() and not ln.startswith("#")]
    with (EXAMPLE / "archive/instagram.csv").open(encoding="utf-8") as f:
        texts += [row["text"] for row in csv.DictReader(f)]
    discord = json.loads((EXAMPLE / "archive/discord/ask-mara.json").read_text(encoding="utf-8"))
    texts += [m["content"] for m in discord["messages"] if m["author"]["id"] == CREATOR_DISCORD]
    telegram = json.loads((EXAMPLE / "archive/telegram/result.json").read_text(encoding="utf-8"))
    texts += [
        m["text"]
        for m in telegram["messages"]
        if m.get("from") == "Mara Quill" and isinstance(m.get("text"), str)
    ]
    sentences = [s.strip() for t in texts for s in _SENTENCE.split(t) if len(s.split()) >= 3]
    return list(dict.fromkeys(sentences))


def typo(text: str, seed: int) -> str:
    """A deterministic typo'd variant: a dropped, doubled or swapped letter, and lower case."""
    rng = random.Random(seed)
    chars = list(text.lower())
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    for _ in range(max(1, len(letters) // 15)):
        if len(letters) < 4:
            break
        i = rng.choice(letters[1:-1])
        kind = rng.randrange(3)
        if kind == 0:
            chars[i] = ""
        elif kind == 1:
            chars[i] = chars[i] * 2
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars).rstrip("?!. ")
