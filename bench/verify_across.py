"""Measure the claim verifier's cross-language rule on labelled pairs, beside the old rule.

    python -m bench.verify_across [--min-precision 0.95]

The cross-language tuning pairs (tests/trust/support_pairs_xl.json: Mara's and Ines's English
sources, claims in es de fr pt it nl sv zh ja) choose the thresholds of a sentence whose unit is
in another language (`CROSS_THRESHOLDS`): the best F1 whose tuning precision is at least
--min-precision, the most demanding within 0.01 of it. The held-out pairs (Juno's and Dario's
sources, tests/heldout/support_xl/pairs.json; Tamsin's, pairs_v2.json) are scored once at the
chosen thresholds, never used to choose. It prints precision and recall on tuning and
held-out, same language (tests/trust/support_pairs.json) and across languages, for the old rule
(every unit held to the same-language thresholds and content-word overlap) and the new one,
side by side.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bench.verify_tune import f1
from core.trust.verify import CROSS_THRESHOLDS, SUPPORT_THRESHOLDS, Thresholds
from tests.probes.support import PAIRS, Scored, pr, score, supported

ROOT = Path(__file__).resolve().parents[1]
ACROSS_TUNE = ROOT / "tests" / "trust" / "support_pairs_xl.json"
ACROSS_HELD = ROOT / "tests" / "heldout" / "support_xl" / "pairs.json"
ACROSS_HELD_V2 = ROOT / "tests" / "heldout" / "support_xl" / "pairs_v2.json"


def grid() -> list[Thresholds]:
    sims = [s / 100 for s in range(84, 97)]
    return [
        Thresholds(similar=s, paraphrase=p, overlap=1.0, contradicts=c)
        for s in sims
        for p in [*sims, 0.99]
        for c in (0.9, 0.93, 0.95, 0.99)
        if p >= s
    ]


def choose(tune: list[Scored], same: Thresholds, min_precision: float) -> Thresholds:
    labels = [r.label for r in tune]
    scored = []
    for t in grid():
        p, r = pr([supported(x, same, t) for x in tune], labels)
        if p >= min_precision:
            scored.append((f1(p, r), t))
    if not scored:
        raise SystemExit(f"no cross thresholds reach precision {min_precision} on tuning")
    top = max(f for f, _ in scored)
    return max(
        (t for f, t in scored if f >= top - 0.01),
        key=lambda t: (t.similar, t.paraphrase, -t.contradicts),
    )


def table(sets: dict[str, list[Scored]], same: Thresholds, cross: Thresholds) -> None:
    print(f"{'set':34} {'pairs':>5} {'supp':>4}   old P / R    new P / R")
    for name, rows in sets.items():
        labels = [r.label for r in rows]
        po, ro = pr([supported(r, same) for r in rows], labels)
        pn, rn = pr([supported(r, same, cross) for r in rows], labels)
        print(
            f"{name:34} {len(rows):5d} {sum(labels):4d}   {po:.2f} / {ro:.2f}  {pn:.2f} / {rn:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-precision", type=float, default=0.95)
    parser.add_argument(
        "--tune-only", action="store_true", help="score no held-out pair (while choosing)"
    )
    args = parser.parse_args()
    from core.memory.e5_small import E5SmallEmbedder

    e5 = E5SmallEmbedder()
    same_rows = asyncio.run(score(e5, PAIRS))
    tune = asyncio.run(score(e5, ACROSS_TUNE))
    held = [] if args.tune_only else asyncio.run(score(e5, ACROSS_HELD))
    held_v2 = [] if args.tune_only else asyncio.run(score(e5, ACROSS_HELD_V2))
    same = SUPPORT_THRESHOLDS[e5.model_name]
    chosen = choose(tune, same, args.min_precision)
    print(f"chosen on the cross-language tuning pairs: {chosen}")
    print(f"in force (core/trust/verify.py CROSS_THRESHOLDS): {CROSS_THRESHOLDS[e5.model_name]}")
    sets: dict[str, list[Scored]] = {
        "tuning, same language": [
            r for r in same_rows if r.split == "tune" and r.note != "other-language"
        ],
        "tuning, across (xl pairs)": tune,
        "tuning, across (support_pairs)": [
            r for r in same_rows if r.split == "tune" and r.note == "other-language"
        ],
        "held-out, same language": [
            r for r in same_rows if r.split == "holdout" and r.note != "other-language"
        ],
        "held-out, across (Juno, Dario)": held,
        "held-out v2, across (Tamsin)": held_v2,
        "held-out, across (support_pairs)": [
            r for r in same_rows if r.split == "holdout" and r.note == "other-language"
        ],
    }
    if args.tune_only:
        sets = {k: v for k, v in sets.items() if k.startswith("tuning")}
    print("in force:")
    table(sets, same, CROSS_THRESHOLDS[e5.model_name])
    if chosen != CROSS_THRESHOLDS[e5.model_name]:
        print("chosen:")
        table(sets, same, chosen)
    cross = CROSS_THRESHOLDS[e5.model_name]
    for r in held + held_v2:
        if supported(r, same, cross) and not r.label:
            print(f"  false support on held-out ({r.note}): {r.claim!r}")


if __name__ == "__main__":
    main()
