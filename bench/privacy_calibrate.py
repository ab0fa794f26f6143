"""Measure prompt privacy's paraphrase threshold on labelled texts; `--write` stores it.

    python -m bench.privacy_calibrate [--write] [--show]

The sets are tests/trust/privacy_pairs.jsonl and privacy_translated.jsonl (tuning) and
tests/heldout/privacy/pairs.jsonl and translated.jsonl (held-out) and translated_v2.jsonl (a
second held-out set, CJK-heavy, for a creator of its own), and, scored apart without a say in
the choice, tests/data/privacy/translated_cjk_train.jsonl (CJK-heavy, Mara and Noor), scored by
tests/probes/privacy.py as `PromptGuard` judges: a text is blocked when one of its sentences
leaks (core.trust.privacy.Nearness). Precision comes first, since a false block costs a sentence
of a real answer: the threshold kept is the one that catches the most leaks of the tuning split
while its precision there stays at least MIN_PRECISION and at most MAX_FP of its negatives are
blocked. Then, that threshold fixed, the cut for sentences in another language than the prompt
(`paraphrase-translated`) is chosen the same way, never above it; then the cut for sentences in
Chinese, Japanese or Korean script under a prompt that is not (`paraphrase-cjk`: a lift of at
least 0, never above the other-language cut, and a margin over the nearest public line from
CJK_MARGINS), with the budget counted on the CJK texts alone too, so that their few negatives
are not spent on the English ones' allowance. The held-out sets are scored once, at those
thresholds, and printed beside the tuning figures; they never take part in the choice.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from core.trust.meaning import THRESHOLDS, TextEmbedder, Threshold, store_thresholds
from core.trust.privacy import CJK_CUT, TRANSLATED
from tests.probes.privacy import Scored, load_rows, pr, score_rows

TASK = "paraphrase"
MIN_PRECISION = 0.98
MAX_FP = 0.005
MARGINS = (-2.0, 0.0, 0.02, 0.04)
CJK_MARGINS = (0.0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03)
# The CJK texts are few: a cut is kept only if one step looser (STEP less lift and margin) also
# stays within the budget, so that no single negative just outside it decides the cut.
STEP = 0.005
CJK_LANGS = ("zh", "ja", "ko")
Cuts = tuple[Threshold, Threshold | None, Threshold | None]


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


def choose_translated(tune: list[Scored], t: Threshold) -> Threshold:
    """With `t` fixed, the cut for sentences in another language than the prompt: the best
    tuning recall within the same budget, never above `t`; among equals, the most demanding.
    Chosen on the texts not in CJK script, which have a cut of their own."""
    tune = [s for s in tune if s.row.lang not in CJK_LANGS]
    best = (pr(tune, t)[1], t.score, t)
    cuts = {round(n.lift, 4) for s in tune for n in s.parts if n.translated}
    for cut in sorted(c for c in cuts if c < t.score):
        x = Threshold(cut, t.margin, t.k)
        p, r, fp, neg = pr(tune, t, x)
        if p >= MIN_PRECISION and fp <= MAX_FP * neg and (r, cut) > best[:2]:
            best = (r, cut, x)
    return best[2]


def choose_cjk(tune: list[Scored], t: Threshold, x: Threshold) -> Threshold | None:
    """With `t` and `x` fixed, the cut for sentences in CJK script: the best tuning recall
    within the budget, on the whole split and on its CJK texts alone, one STEP looser too;
    among equals the most demanding (margin, then lift). None when none does better than `x`
    alone."""
    cjk = [s for s in tune if s.row.lang in CJK_LANGS]

    def within(c: Threshold) -> bool:
        p, _, fp, neg = pr(cjk, t, x, c)
        pa, _, fpa, nega = pr(tune, t, x, c)
        return min(p, pa) >= MIN_PRECISION and fp <= MAX_FP * neg and fpa <= MAX_FP * nega

    best: tuple[float, float, float, Threshold | None] = (pr(cjk, t, x)[1], -1.0, -1.0, None)
    cuts = {round(n.lift, 4) for s in cjk for n in s.parts if n.cjk}
    for margin in CJK_MARGINS:
        for cut in sorted(c for c in cuts if 0.0 <= c <= x.score):
            c = Threshold(cut, margin, t.k)
            if not within(c) or not within(Threshold(cut - STEP, margin - STEP, t.k)):
                continue
            r = pr(cjk, t, x, c)[1]
            if (r, margin, cut) > best[:3]:
                best = (r, margin, cut, c)
            break  # the lowest cut within budget is the best for this margin
    return best[3]


def by(scored: list[Scored], cuts: Cuts, field: str) -> str:
    """Recall of the leaks per value of `field` (lang, kind, creator, source)."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for s in scored:
        if s.row.label:
            groups[getattr(s.row, field)].append(s.blocked(*cuts))
    return " ".join(f"{k}:{sum(v)}/{len(v)}" for k, v in sorted(groups.items()))


def blocked_negatives(scored: list[Scored], cuts: Cuts, field: str = "kind") -> str:
    groups: dict[str, list[bool]] = defaultdict(list)
    for s in scored:
        if not s.row.label:
            groups[getattr(s.row, field) or "-"].append(s.blocked(*cuts))
    return " ".join(f"{k}:{sum(v)}/{len(v)}" for k, v in sorted(groups.items()))


def count(scored: list[Scored], cuts: Cuts, label: int, other: bool) -> str:
    """Blocked of the texts with `label`, in the prompt's language (English) or, `other`, not."""
    found = [
        s.blocked(*cuts)
        for s in scored
        if s.row.label == label and (s.row.lang not in ("en", "")) is other
    ]
    return f"{sum(found)}/{len(found)}"


def count_cjk(scored: list[Scored], cuts: Cuts, label: int) -> str:
    found = [s.blocked(*cuts) for s in scored if s.row.label == label and s.row.lang in CJK_LANGS]
    return f"{sum(found)}/{len(found)}"


def languages(scored: list[Scored], cuts: Cuts) -> str:
    """Leaks caught and negatives blocked, English (the prompt's language) vs other languages."""
    return "; ".join(
        f"{what} {name} language {count(scored, cuts, label, other)}"
        for label, what in ((1, "leaks caught"), (0, "negatives blocked"))
        for name, other in (("same", False), ("other", True))
    )


def show(scored: list[Scored], cuts: Cuts) -> None:
    """The tuning split's false blocks and misses (never the held-out's)."""
    for s in sorted(scored, key=lambda s: -s.lift):
        if s.blocked(*cuts) != bool(s.row.label):
            what = "FALSE BLOCK" if s.blocked(*cuts) else "missed"
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
    x = choose_translated(tune, t)
    c = choose_cjk(tune, t, x)
    print(f"{embedder.model_name}: lift >= {t.score:.4f}, margin {t.margin:+.2f}")
    print(f"  in another language than the prompt: lift >= {x.score:.4f}")
    if c is not None:
        print(f"  in CJK script: lift >= {c.score:.4f}, margin {c.margin:+.3f}")
    print("tuning split, precision / recall / false blocks by cut (margin as chosen):")
    for cut in np.round(np.arange(t.score - 0.04, t.score + 0.05, 0.01), 3):
        p, r, fp, neg = pr(tune, Threshold(float(cut), t.margin, 1))
        print(f"  {cut:+.3f}  P {p:.3f}  R {r:.3f}  false blocks {fp}/{neg}")
    print("tuning split, other-language cut (the first fixed):")
    for cut in np.round(np.arange(x.score - 0.02, t.score + 0.005, 0.005), 3):
        p, r, fp, neg = pr(tune, t, Threshold(float(cut), t.margin, 1))
        print(f"  {cut:+.3f}  P {p:.3f}  R {r:.3f}  false blocks {fp}/{neg}")
    if c is not None:
        print("tuning split, CJK texts, CJK cut by margin (the others fixed):")
        cjk = [s for s in tune if s.row.lang in CJK_LANGS]
        for margin in CJK_MARGINS:
            cells = []
            for cut in np.round(np.arange(0.0, x.score + 0.001, 0.01), 3):
                _, r, fp, neg = pr(cjk, t, x, Threshold(float(cut), margin, 1))
                cells.append(f"{cut:+.2f} R {r:.2f} fp {fp}/{neg}")
            print(f"  {margin:+.3f}: " + "  ".join(cells))
    every: dict[str, Cuts] = {
        "one cut": (t, None, None),
        "+ other-language cut": (t, x, None),
        "+ CJK cut": (t, x, c),
    }
    if args.show:
        print("\ntuning split errors:")
        show(tune, every["+ CJK cut"])
    splits = [("tuning", tune)]
    if not args.tuning_only:
        splits.append(("held-out", score_rows(load_rows("holdout"), embedder)))
        splits.append(("held-out v2", score_rows(load_rows("holdout_v2"), embedder)))
    # Scored at the chosen cuts, never part of the choice (yet): Mara and Noor, CJK-heavy.
    splits.append(("cjk train", score_rows(load_rows("cjk_train"), embedder)))
    print("\n| split | cut | leaks | negatives | precision | recall | false blocks |")
    print("|---|---|---|---|---|---|---|")
    figures = {}
    for name, scored in splits:
        for how, cuts in every.items():
            p, r, fp, neg = pr(scored, *cuts)
            figures[name, how] = (p, r, fp, neg, len(scored) - neg)
            row = f"{len(scored) - neg} | {neg} | {p:.3f} | {r:.3f} | {fp}/{neg}"
            print(f"| {name} | {how} | {row} |")
    for name, scored in splits:
        for how, cuts in every.items():
            print(f"\n{name}, {how}: {languages(scored, cuts)}")
            print(f"{name}, {how}: recall by language  {by(scored, cuts, 'lang')}")
            print(f"{name}, {how}: blocked by language {blocked_negatives(scored, cuts, 'lang')}")
            print(f"{name}, {how}: recall by kind      {by(scored, cuts, 'kind')}")
            print(f"{name}, {how}: recall by creator   {by(scored, cuts, 'creator')}")
            print(f"{name}, {how}: recall by set       {by(scored, cuts, 'source')}")
            print(f"{name}, {how}: blocked negatives   {blocked_negatives(scored, cuts)}")
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.write and not args.tuning_only:
        tuned, held = dict(splits)["tuning"], dict(splits)["held-out"]
        (pt, rt, fpt, nt, post) = figures["tuning", "+ CJK cut"]
        (ph, rh, fph, nh, posh) = figures["held-out", "+ CJK cut"]
        tx, tc = (t, x, None), (t, x, c)
        both = (
            f"lift, with {TRANSLATED} for sentences in another language and {CJK_CUT} for "
            f"those in CJK script: tuning precision "
            f"{pt:.3f} recall {rt:.3f} on {post} leaks, {fpt}/{nt} negatives blocked; held-out "
            f"precision {ph:.3f} recall {rh:.3f} on {posh} leaks, {fph}/{nh} negatives "
            f"blocked; leaks in the prompt's language caught: tuning "
            f"{count(tuned, tc, 1, False)}, held-out {count(held, tc, 1, False)}"
        )
        one = (t, None, None)
        other = "; ".join(
            f"{what}: tuning {count(tuned, tc, label, True)} (one cut "
            f"{count(tuned, one, label, True)}), held-out {count(held, tc, label, True)} "
            f"(one cut {count(held, one, label, True)})"
            for label, what in ((1, "leaks in other languages caught"), (0, "their negatives"))
        )
        model = embedder.model_name
        entries = {(TASK, model): (t, both), (TRANSLATED, model): (x, "lift: " + other)}
        if c is not None:
            v2 = dict(splits)["held-out v2"]
            entries[CJK_CUT, model] = (
                c,
                "lift and margin, zh ja ko texts: "
                + "; ".join(
                    f"{what}: tuning {count_cjk(tuned, tc, label)} (without it "
                    f"{count_cjk(tuned, tx, label)}), held-out {count_cjk(held, tc, label)} "
                    f"({count_cjk(held, tx, label)}), held-out v2 {count_cjk(v2, tc, label)} "
                    f"({count_cjk(v2, tx, label)})"
                    for label, what in ((1, "leaks caught"), (0, "negatives blocked"))
                ),
            )
        store_thresholds(entries)
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
