"""How well one cosine threshold tells "the same question" from "another question on the same
topic" for the dashboard's Top questions (bots/dashboard/questions.py), per embedder.

Run: `PYTHONPATH=. .venv/bin/python -m bench.same_question`. The pairs are tuning data written
for this (bench/data/same_question_pairs.tsv); they never come from tests/heldout/.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from bots.dashboard.questions import SAME_QUESTION
from core.config import Settings
from core.memory.embeddings import HashEmbedder, make_embedder

PAIRS = Path(__file__).parent / "data" / "same_question_pairs.tsv"


def cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1.0)


def main() -> None:
    rows = list(csv.DictReader(PAIRS.open(encoding="utf-8"), delimiter="\t"))
    for name, embedder in (("minilm", make_embedder(Settings())), ("hash", HashEmbedder())):
        va = embedder.embed_documents([r["a"] for r in rows])
        vb = embedder.embed_documents([r["b"] for r in rows])
        scored = [(cos(a, b), r["label"] == "1") for a, b, r in zip(va, vb, rows, strict=True)]
        same = sorted(s for s, y in scored if y)
        other = sorted(s for s, y in scored if not y)
        print(f"{name}: same question  min {same[0]:.2f} median {same[len(same) // 2]:.2f}")
        print(f"{name}: other question max {other[-1]:.2f} median {other[len(other) // 2]:.2f}")
        best = max(
            (sum((s >= t) == y for s, y in scored) / len(scored), t)
            for t in [i / 100 for i in range(30, 96)]
        )
        at = sum((s >= SAME_QUESTION) == y for s, y in scored) / len(scored)
        print(
            f"{name}: accuracy {at:.0%} at SAME_QUESTION={SAME_QUESTION}; best {best[0]:.0%} "
            f"at {best[1]:.2f} (chance 50%)"
        )


if __name__ == "__main__":
    main()
