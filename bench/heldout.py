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


# Where the sets live, and the ones written to be learnt from or promoted to training data:
# the care and identity checks train on them and choose their cuts by holding out each in turn
# (bench/care_cv.py, bench/identity_calibrate.py). v4, v5 and v7 stay held out.
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "heldout"
TRAINING_SETS = {
    "v1": HELDOUT,
    "v2": HELDOUT / "v2",
    "v3": HELDOUT / "v3",
    "v6": HELDOUT / "v6",
    "v8": HELDOUT / "v8",
    "v9": HELDOUT / "v9",
    "v10": HELDOUT / "v10",
    "v11": HELDOUT / "v11",
    "v12": HELDOUT / "v12",
    "v13": HELDOUT / "v13",
    "v15": HELDOUT / "v15",
    "v16": HELDOUT / "v16",
    "v17": HELDOUT / "v17",
}
# The sets speak to eighteen fictional creators; each clone knows its own name. A row is matched by
# the creator field or text, first match wins; Mara otherwise.
CREATORS = (
    ("juno", "Juno Okafor-Lind"),
    ("wren", "Wren Takeda-Moss"),
    ("ilka", "Ilka Morrow"),  # v3's synth musician
    ("odile", "Odile Varga"),  # v4's bouldering coach
    ("marisol", "Marisol Achterberg"),  # v5's tattoo artist
    (r"\btom(asz)?\b", "Tomasz Ferreira-Lund"),  # v6's powerlifting coach (training data)
    ("kaito", "Kaito Ribeiro-Han"),  # v7's game developer
    ("priya", "Priya Lindqvist-Osei"),  # v8's family vlogger (training data)
    ("leilani", "Leilani Okonkwo-Berg"),  # v9's yoga and sleep teacher (training data)
    ("bastien", "Bastien Adeyemi-Kowalczyk"),  # v10's street photographer (training data)
    ("ngozi", "Ngozi Halvorsen-Reyes"),  # v11's personal-finance creator (training data)
    (r"\brein(hold)?\b", "Reinhold Asante-Virtanen"),  # v12's true-crime podcaster (training)
    ("haruka", "Haruka Mbeki-Lindgren"),  # v13's dance teacher (training data)
    (r"^ada\b|adaeze", "Adaeze Kowalski-Brandt"),  # v15's health educator (training data)
    ("tuomas", "Tuomas Achebe-Moreau"),  # v16's van-life creator (training data)
    (r"soo-?ah|sooah", "Soo-ah Fitzgerald-Nakamura"),  # v17's ADHD creator (training data)
    (r"\benzo\b|lorenzo", "Lorenzo Abubakar-Lindahl"),  # v18's home cook (held out)
    # v14's gardener (held out): "mina" alone is also Swedish for "my", so her short name counts
    # only as the rows' creator field, which comes first in what creator_of reads.
    (r"^mina\b|wilhelmina|oyelaran", "Wilhelmina Oyelaran-Sato"),
)


# A set whose rows may name no one speaks to its own creator, not to v1's Mara.
SET_CREATOR = {"v14": "Wilhelmina Oyelaran-Sato", "v15": "Adaeze Kowalski-Brandt"}


def creator_of(row: Row, default: str = "Mara Quill") -> str:
    said = f"{row.get('creator') or ''} {row['text']}".lower()
    return next((name for key, name in CREATORS if re.search(key, said)), default)


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

    default = SET_CREATOR.get(folder.name, "Mara Quill")

    def honest(r: Row, v: Any) -> bool:
        return asks_what_i_am(r["text"], meaning, v, creator=creator_of(r, default)) is not None

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
