"""Measures the cosine threshold at which a fan's question counts as one the creator already
answered (core/brain/voice.py REUSE_THRESHOLD, CROSS_LANGUAGE_REUSE_THRESHOLD), and prints the
precision/recall curve per embedder: MiniLM (the memory's) and multilingual-e5-small (the
meaning checks').

Run: `PYTHONPATH=. .venv/bin/python -m bench.reuse_threshold`. The labelled pairs are tuning
data written for this: bench/data/exchange_reuse_pairs.tsv (English: a paraphrase of a question
the example creator answered, or another question on the same topic) and
bench/data/exchange_reuse_pairs_multilingual.tsv (the same in es, fr, de, it, pt, nl, pl, sv,
ja, zh, against her English questions); never tests/heldout/. A false reuse puts her real words
under the wrong question, so the pick favours precision (F0.5) over recall.
"""

from __future__ import annotations

import csv
from pathlib import Path

from core.brain.voice import CROSS_LANGUAGE_REUSE_THRESHOLD, REUSE_THRESHOLD
from core.config import Settings
from core.memory.embeddings import HashEmbedder, cosine, make_embedder
from core.trust.language import guess_language
from core.trust.meaning import TextEmbedder
from core.trust.meaning_embedder import multilingual_embedder

DATA = Path(__file__).parent / "data"
PAIRS = DATA / "exchange_reuse_pairs.tsv"
MULTILINGUAL = DATA / "exchange_reuse_pairs_multilingual.tsv"


def curve(scored: list[tuple[float, bool]], t: float) -> tuple[float, float, float]:
    """(precision, recall, F0.5) of `score >= t` as "same question"."""
    tp = sum(s >= t and y for s, y in scored)
    fp = sum(s >= t and not y for s, y in scored)
    fn = sum(s < t and y for s, y in scored)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return p, r, f


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))


def scores(embedder: TextEmbedder, pairs: list[dict[str, str]]) -> list[tuple[float, bool]]:
    va = embedder.embed_documents([r["fan"] for r in pairs])
    vb = embedder.embed_documents([r["exchange"] for r in pairs])
    return [(cosine(a, b), r["label"] == "1") for a, b, r in zip(va, vb, pairs, strict=True)]


def safe_threshold(scored: list[tuple[float, bool]]) -> float:
    """The lowest threshold whose precision is at least 0.95 (1.0: none)."""
    grid = [i / 100 for i in range(40, 100)]
    return next((t for t in grid if curve(scored, t)[0] >= 0.95), 1.0)


def report(name: str, embedder: TextEmbedder, current: float) -> None:
    english, other = scores(embedder, rows(PAIRS)), scores(embedder, rows(MULTILINGUAL))
    both = english + other
    print(
        f"{name}: {sum(y for _, y in english)} + {sum(y for _, y in other)} paraphrases "
        f"(English + other languages), {sum(not y for _, y in both)} other questions"
    )
    print("  threshold  English P / R   other languages P / R   all P / R / F0.5")
    for t in [i / 100 for i in range(70, 98, 2)]:
        pe, re_, _ = curve(english, t)
        po, ro, _ = curve(other, t)
        pa, ra, fa = curve(both, t)
        print(
            f"  {t:.2f}       {pe:.2f} / {re_:.2f}     {po:.2f} / {ro:.2f}"
            f"             {pa:.2f} / {ra:.2f} / {fa:.2f}"
        )
    safe = safe_threshold(both)
    p, r, _ = curve(both, safe)
    print(f"  lowest threshold with precision >= 0.95 on all: {safe:.2f} (recall {r:.2f})")
    for label, scored in (("English", english), ("other languages", other), ("all", both)):
        p, r, _ = curve(scored, current)
        print(f"  at the clone's {current}: {label} precision {p:.2f} recall {r:.2f}")


def combined(minilm: TextEmbedder, e5: TextEmbedder) -> None:
    """The clone's rule: MiniLM at REUSE_THRESHOLD, or, when the fan's language is not her
    question's, e5 at a threshold picked here on the cross-language pairs."""
    pairs = rows(PAIRS) + rows(MULTILINGUAL)
    mini, multi = scores(minilm, pairs), scores(e5, pairs)
    across = [guess_language(r["fan"]) != guess_language(r["exchange"]) for r in pairs]
    english = len(rows(PAIRS))
    print(
        f"language gate: {sum(across[:english])} of {english} English fan questions taken "
        f"for another language; {sum(across[english:])} of {len(pairs) - english} others "
        "told apart from her English questions"
    )
    cross = [m for m, a in zip(multi, across, strict=True) if a]
    pick = safe_threshold(cross)
    print(f"  e5 across languages: lowest threshold with precision >= 0.95: {pick:.2f}")
    for t in sorted({pick, CROSS_LANGUAGE_REUSE_THRESHOLD}):
        rule = [
            (1.0 if m >= REUSE_THRESHOLD or (a and e >= t) else 0.0, y)
            for (m, y), (e, _), a in zip(mini, multi, across, strict=True)
        ]
        for label, part in (("English", rule[:english]), ("other", rule[english:])):
            p, r, _ = curve(part, 0.5)
            print(f"  MiniLM {REUSE_THRESHOLD} or e5 {t:.2f} across: {label} P {p:.2f} R {r:.2f}")


def main() -> None:
    minilm = make_embedder(Settings())
    report("minilm", minilm, REUSE_THRESHOLD)
    e5 = multilingual_embedder()
    if e5 is None:
        print("multilingual-e5-small is not installed: no e5 figures")
    else:
        report("e5", e5, CROSS_LANGUAGE_REUSE_THRESHOLD)
        combined(minilm, e5)
    report("hash", HashEmbedder(), REUSE_THRESHOLD)


if __name__ == "__main__":
    main()
