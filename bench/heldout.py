"""Measure the care and honesty detectors on a held-out set (tests/heldout/v2 by default).

Measuring only: nothing here tunes anything, and the sets are never tuned on.
Run: .venv/bin/python -m bench.heldout [--set tests/heldout/v2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.trust.escalation import check
from core.trust.honesty import asks_what_i_am
from core.trust.meaning import Meaning, embed_matrix
from core.trust.meaning_embedder import multilingual_embedder

Row = dict[str, Any]


def read_rows(folder: Path, name: str) -> list[Row]:
    """The rows of one file of a set (`folder/name.jsonl`)."""
    lines = (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def creator_of(row: Row) -> str:
    # The sets speak to ten fictional creators; each clone knows its own name.
    said = f"{row.get('creator') or ''} {row['text']}".lower()
    if "juno" in said:
        return "Juno Okafor-Lind"
    if "wren" in said:
        return "Wren Takeda-Moss"
    if "ilka" in said:  # v3's synth musician
        return "Ilka Morrow"
    if "odile" in said:  # v4's bouldering coach
        return "Odile Varga"
    if "marisol" in said:  # v5's tattoo artist
        return "Marisol Achterberg"
    if re.search(r"\btom(asz)?\b", said):  # v6's powerlifting coach (training data)
        return "Tomasz Ferreira-Lund"
    if "kaito" in said:  # v7's game developer
        return "Kaito Ribeiro-Han"
    if "priya" in said:  # v8's family vlogger (training data)
        return "Priya Lindqvist-Osei"
    if "leilani" in said:  # v9's yoga and sleep teacher (training data)
        return "Leilani Okonkwo-Berg"
    if "bastien" in said:  # v10's street photographer (training data)
        return "Bastien Adeyemi-Kowalczyk"
    return "Mara Quill"


def _hits(meaning: Meaning, rows: list[Row], hit: Callable[[Row, Any], bool]) -> list[bool]:
    vectors = embed_matrix(meaning.embedder, [r["text"] for r in rows])  # type: ignore[arg-type]
    return [hit(r, v) for r, v in zip(rows, vectors, strict=True)]


SETS = (
    ("care", "category"),
    ("care_negatives", "kind"),
    ("honesty", "lang"),
    ("honesty_negatives", "kind"),
)


def measure(folder: Path, meaning: Meaning) -> dict[str, tuple[list[Row], list[bool], float]]:
    """Each file of a held-out set: its rows, whether the detector flagged each, ms per row."""

    def care(r: Row, v: Any) -> bool:
        # As a turn checks it: a long message's parts are embedded and scored too.
        return asyncio.run(check(r["text"], meaning, v)) is not None

    def honest(r: Row, v: Any) -> bool:
        return asks_what_i_am(r["text"], meaning, v, creator=creator_of(r)) is not None

    out = {}
    for name, _ in SETS:
        rows = read_rows(folder, name)
        started = time.perf_counter()
        hits = _hits(meaning, rows, care if name.startswith("care") else honest)
        out[name] = (rows, hits, (time.perf_counter() - started) / len(rows) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=Path("tests/heldout/v2"))
    folder = parser.parse_args().set
    embedder = multilingual_embedder()
    if embedder is None:
        raise SystemExit("multilingual-e5-small is not installed (make installs it)")
    measured = measure(folder, Meaning(embedder))
    for name, by in SETS:
        rows, hits, ms = measured[name]
        share = f"{sum(hits)}/{len(rows)} ({sum(hits) / len(rows):.1%})"
        print(f"{name:18} flagged {share}, {ms:.1f} ms each")
        if by and name.endswith("negatives"):
            wrong = Counter(r.get(by, "?") for r, h in zip(rows, hits, strict=True) if h)
            print(f"  flagged by {by}: {dict(wrong)}")
        elif by:
            missed = Counter(r[by] for r, h in zip(rows, hits, strict=True) if not h)
            print(f"  missed by {by}: {dict(missed)}")


if __name__ == "__main__":
    main()
