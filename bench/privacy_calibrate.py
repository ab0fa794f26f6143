"""Measure prompt privacy's paraphrase threshold on labelled texts; `--write` stores it.

    python -m bench.privacy_calibrate [--write] [--show]

The sets are tests/trust/privacy_pairs.jsonl (tuning) and tests/heldout/privacy/pairs.jsonl
(held-out), scored by tests/probes/privacy.py as `PromptGuard` judges: a text is blocked when
one of its sentences leaks (core.trust.privacy.Nearness). Precision comes first, since a false
block costs a sentence of a real answer: the threshold kept is the one that catches the most
leaks of the tuning split while its precision there stays at least MIN_PRECISION and at most
MAX_FP of its negatives are blocked. The held-out split is scored once, at that threshold, and
printed beside the tuning figures; it never takes part in the choice.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from core.trust.meaning import THRESHOLDS, TextEmbedder, Threshold
from tests.probes.privacy import Scored, load_rows, pr, score_rows

TASK = "paraphrase"
MIN_PRECISION = 0.98
MAX_FP = 0.005
MARGINS = (-2.0, 0.0, 0.02, 0.04)


def choose(tune: list[Scored]) -> Threshold:
    """The threshold with the best tuning recall within the precision and false-block budget;
    among equals, the most demanding one."""
    best: tuple[float, float, float, Threshold] | None = None
    lifts = sorted({round(n.lift, 4) for s in tune for n in s.parts})
    for margin in MARGINS:
        for cut in lifts:
            t = Threshold(cut, margin, 1)
            p, r, fp, neg = pr(tune, t)
            if p < MIN_PRECISION or fp > MAX_FP * neg:
                continue
            key = (r, margin, cut, t)
            if best is None or key[:3] > best[:3]:
                best = key
            break  # the lowest cut within budget is the best for this margin
    if best is None:
        raise SystemExit(f"no threshold reaches precision {MIN_PRECISION} on the tuning split")
    return best[3]


def by(scored: list[Scored], t: Threshold, field: str) -> str:
    """Recall of the leaks per value of `field` (lang, kind, creator)."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for s in scored:
        if s.row.label:
            groups[getattr(s.row, field)].append(s.blocked(t))
    return " ".join(f"{k}:{sum(v)}/{len(v)}" for k, v in sorted(groups.items()))


def blocked_negatives(scored: list[Scored], t: Threshold) -> dict[str, str]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for s in scored:
        if not s.row.label:
            groups[s.row.kind].append(s.blocked(t))
    return {k: f"{sum(v)}/{len(v)}" for k, v in sorted(groups.items())}


def show(scored: list[Scored], t: Threshold) -> None:
    """The tuning split's false blocks and misses (never the held-out's)."""
    for s in sorted(scored, key=lambda s: -s.lift):
        if s.blocked(t) != bool(s.row.label):
            what = "FALSE BLOCK" if s.blocked(t) else "missed"
            print(f"  {what:11} {s.lift:+.3f} {s.row.kind:10} {s.row.lang:3} {s.row.text[:90]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the threshold")
    parser.add_argument("--show", action="store_true", help="list the tuning split's errors")
    parser.add_argument("--tuning-only", action="store_true", help="do not score the held-out")
    args = parser.parse_args(argv)
    from core.trust.meaning_embedder import multilingual_embedder

    embedder: TextEmbedder | None = multilingual_embedder()
    if embedder is None:
        raise SystemExit("no multilingual embedder installed (Makefile installs it)")
    started = time.perf_counter()
    tune = score_rows(load_rows("tune"), embedder)
    t = choose(tune)
    print(f"{embedder.model_name}: lift >= {t.score:.4f}, margin {t.margin:+.2f}")
    print("tuning split, precision / recall / false blocks by cut (margin as chosen):")
    for cut in np.round(np.arange(t.score - 0.04, t.score + 0.05, 0.01), 3):
        p, r, fp, neg = pr(tune, Threshold(float(cut), t.margin, 1))
        print(f"  {cut:+.3f}  P {p:.3f}  R {r:.3f}  false blocks {fp}/{neg}")
    if args.show:
        print("\ntuning split errors:")
        show(tune, t)
    if args.tuning_only:
        p, r, fp, neg = pr(tune, t)
        print(f"tuning: P {p:.3f} R {r:.3f}, {fp}/{neg} negatives blocked")
        print(f"tuning: recall by language  {by(tune, t, 'lang')}")
        print(f"tuning: recall by kind      {by(tune, t, 'kind')}")
        return 0
    held = score_rows(load_rows("holdout"), embedder)
    print("\n| split | leaks | negatives | precision | recall | false blocks |")
    print("|---|---|---|---|---|---|")
    figures = {}
    for name, scored in (("tuning", tune), ("held-out", held)):
        p, r, fp, neg = pr(scored, t)
        figures[name] = (p, r, fp, neg, len(scored) - neg)
        print(f"| {name} | {len(scored) - neg} | {neg} | {p:.3f} | {r:.3f} | {fp}/{neg} |")
    for name, scored in (("tuning", tune), ("held-out", held)):
        print(f"\n{name}: recall by language  {by(scored, t, 'lang')}")
        print(f"{name}: recall by kind      {by(scored, t, 'kind')}")
        print(f"{name}: recall by creator   {by(scored, t, 'creator')}")
        print(f"{name}: blocked negatives   {blocked_negatives(scored, t)}")
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.write:
        stored = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
        (pt, rt, fpt, nt, post), (ph, rh, fph, nh, posh) = figures["tuning"], figures["held-out"]
        stored.setdefault(TASK, {})[embedder.model_name] = {
            "score": t.score,
            "margin": t.margin,
            "k": t.k,
            "measured": (
                f"lift: tuning precision {pt:.3f} recall {rt:.3f} on {post} leaks, "
                f"{fpt}/{nt} negatives blocked; held-out precision {ph:.3f} recall {rh:.3f} "
                f"on {posh} leaks, {fph}/{nh} negatives blocked"
            ),
        }
        THRESHOLDS.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
