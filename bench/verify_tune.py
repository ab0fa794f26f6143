"""Measure the claim verifier's support threshold on labelled (claim, source, supported?) pairs.

    python -m bench.verify_tune [--embedder minilm|hash] [--pairs tests/trust/support_pairs.json]

For each threshold it prints precision and recall of "supported" on the tuning split, with the
similarity alone and with the full check (similarity AND numbers, names, negation agree), and the
ROC AUC of the similarity. The chosen threshold is the one with the best F1 whose precision on
the tuning split is at least --min-precision; the held-out split is scored once, at that
threshold, and never used to choose it.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.ports import Embedder
from core.trust.verify import Support, Thresholds, in_her_words
from tests.probes.support import PAIRS, Scored, pr, score, supported


def auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a supported pair outscores an unsupported one (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def grid() -> list[Thresholds]:
    # Steps of 0.01 above 0.8: multilingual-e5 puts most sentence pairs between 0.75 and 0.95.
    sims = [s / 100 for s in range(30, 80, 5)] + [s / 100 for s in range(80, 99)]
    return [
        Thresholds(similar=s, paraphrase=p, overlap=o / 10, contradicts=c)
        for s in sims
        for p in sims + [0.99]
        for o in range(0, 11)
        for c in (0.85, 0.9, 0.95)
        if p > s
    ]


def report(rows: list[Scored], min_precision: float) -> Thresholds:
    tune = [r for r in rows if r.split == "tune"]
    held = [r for r in rows if r.split == "holdout"]
    labels = [r.label for r in tune]
    held_labels = [r.label for r in held]
    print(
        f"pairs: tuning {len(tune)} ({sum(labels)} supported), held-out {len(held)} "
        f"({sum(held_labels)} supported)"
    )
    tune_auc = auc([r.similarity for r in tune], labels)
    held_auc = auc([r.similarity for r in held], held_labels)
    print(f"ROC AUC of the best similarity alone: tuning {tune_auc:.3f}, held-out {held_auc:.3f}")
    print("similarity alone (tuning): threshold  P / R")
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        p, r = pr([x.similarity >= t for x in tune], labels)
        print(f"  {t:.2f}  {p:.2f} / {r:.2f}")
    scored = []
    for t in grid():
        p, r = pr([supported(x, t) for x in tune], labels)
        if p >= min_precision:
            scored.append((f1(p, r), t))
    if not scored:
        raise SystemExit(f"no thresholds reach precision {min_precision} on the tuning split")
    # Within 0.01 F1 of the best, the most demanding thresholds: the verifier guards a name.
    top = max(f for f, _ in scored)
    chosen = max(
        (t for f, t in scored if f >= top - 0.01),
        key=lambda t: (t.similar, t.paraphrase, t.overlap, -t.contradicts),
    )
    pt, rt = pr([supported(x, chosen) for x in tune], labels)
    ph, rh = pr([supported(x, chosen) for x in held], held_labels)
    print(f"full check (similarity + overlap + numbers/names/negation), chosen {chosen}:")
    print(f"  tuning   P {pt:.2f} R {rt:.2f} F1 {f1(pt, rt):.2f}")
    print(f"  held-out P {ph:.2f} R {rh:.2f} F1 {f1(ph, rh):.2f}")
    # Strict mode also holds a supported sentence to her words (core/trust/verify.py).
    for name, sub in (("tuning", tune), ("held-out", held)):
        p, r = pr(
            [supported(x, chosen) and in_her_words(x.claim, [Support(x.source)]) for x in sub],
            [x.label for x in sub],
        )
        print(f"  strict (her words only) {name}: P {p:.2f} R {r:.2f}")
    for note in sorted({r.note for r in held}):
        sub = [r for r in held if r.note == note]
        ok = sum(supported(r, chosen) == bool(r.label) for r in sub)
        print(f"    held-out {note:26} {ok}/{len(sub)} right")
    for r in held:
        if supported(r, chosen) and not r.label:
            print(f"    false support on held-out: {r.claim!r}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["minilm", "e5", "hash"], default="minilm")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--min-precision", type=float, default=0.95)
    args = parser.parse_args()
    embedder: Embedder
    if args.embedder == "e5":
        from core.memory.e5_small import E5SmallEmbedder

        embedder = E5SmallEmbedder()
    else:
        embedder = MiniLMEmbedder() if args.embedder == "minilm" else HashEmbedder()
    rows = asyncio.run(score(embedder, args.pairs))
    report(rows, args.min_precision)


if __name__ == "__main__":
    main()
