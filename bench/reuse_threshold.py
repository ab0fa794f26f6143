"""Measures the cosine threshold at which a fan's question counts as one the creator already
answered (core/brain/voice.py REUSE_THRESHOLD), and prints the precision/recall curve.

Run: `PYTHONPATH=. .venv/bin/python -m bench.reuse_threshold`. The labelled pairs are tuning
data written for this (bench/data/exchange_reuse_pairs.tsv: a paraphrase of a question the
example creator answered, or another question on the same topic); never tests/heldout/.
A false reuse puts her real words under the wrong question, so the pick favours precision
(F0.5) over recall.
"""

from __future__ import annotations

import csv
from pathlib import Path

from core.brain.voice import REUSE_THRESHOLD
from core.config import Settings
from core.memory.embeddings import HashEmbedder, cosine, make_embedder

PAIRS = Path(__file__).parent / "data" / "exchange_reuse_pairs.tsv"


def curve(scored: list[tuple[float, bool]], t: float) -> tuple[float, float, float]:
    """(precision, recall, F0.5) of `score >= t` as "same question"."""
    tp = sum(s >= t and y for s, y in scored)
    fp = sum(s >= t and not y for s, y in scored)
    fn = sum(s < t and y for s, y in scored)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    rows = list(csv.DictReader(PAIRS.open(encoding="utf-8"), delimiter="\t"))
    for name, embedder in (("minilm", make_embedder(Settings())), ("hash", HashEmbedder())):
        va = embedder.embed_documents([r["fan"] for r in rows])
        vb = embedder.embed_documents([r["exchange"] for r in rows])
        scored = [(cosine(a, b), r["label"] == "1") for a, b, r in zip(va, vb, rows, strict=True)]
        print(
            f"{name}: {sum(y for _, y in scored)} paraphrases, {sum(not y for _, y in scored)} "
            "other questions"
        )
        print("  threshold precision recall F0.5")
        for t in [i / 100 for i in range(50, 96, 5)]:
            p, r, f = curve(scored, t)
            print(f"  {t:.2f}      {p:.2f}      {r:.2f}   {f:.2f}")
        grid = [i / 100 for i in range(40, 100)]
        best = max((curve(scored, t)[2], t) for t in grid)
        safe = next((t for t in grid if curve(scored, t)[0] >= 0.95), 1.0)
        print(
            f"  lowest threshold with precision >= 0.95: {safe:.2f} "
            f"(recall {curve(scored, safe)[1]:.2f})"
        )
        p, r, f = curve(scored, REUSE_THRESHOLD)
        print(
            f"  best F0.5 {best[0]:.2f} at {best[1]:.2f}; at REUSE_THRESHOLD={REUSE_THRESHOLD}: "
            f"precision {p:.2f} recall {r:.2f}"
        )


if __name__ == "__main__":
    main()
