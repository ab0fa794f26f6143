"""Leave-one-set-out cross-validation of the care check, and the care threshold it measures.

    python -m bench.care_cv [--parts [--move-cut]] [--write] [--write-exemplars]

The dev sets v1 (tests/heldout/*.jsonl, a baker), v2 (tests/heldout/v2, a runner), v3
(tests/heldout/v3, a synth musician), v6 (a powerlifting and nutrition coach), v8 (a family
and travel vlogger), v9 (a yoga, breathwork and sleep teacher) and v10 (a street photographer)
are training data for the care probe, each written by someone who never saw the detector:
`--write-exemplars` copies their rows into core/trust/exemplars/care_fans.txt (positives by
category, negatives as `none`). Each set is then held out in turn (one fold per set):
the probe is trained on the exemplars and the other sets' rows and the whole check (patterns,
then meaning) is measured on it. The cut kept is the lowest at which the held-out sets' false
handoffs, pooled, stay within MAX_FP; `--write` stores it. v4, v5 and v7 are never read here.

`--parts` also scores the parts of long messages (core/trust/escalation.py `parts`): for each
rule tried (how long, which parts) the parts' own cut is chosen, the message's cut staying the
one measured alone, or, with `--move-cut` (how the stored cuts were chosen since 2026-12-02,
ad20fa1), both together: the pair with the most handoffs pooled over the held-out sets at
pooled false handoffs within MAX_FP; it prints what each rule gains and what the parts cost
on the sets' fan-like negatives. With `--write` it stores both cuts of the rule escalation.py
runs in core/trust/exemplars/thresholds.json (`care`, `care-parts`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bench.heldout import TRAINING_SETS, read_rows
from core.trust.escalation import (
    LONG_CHARS,
    PARTS,
    SEVERE,
    SEVERE_LABEL,
    WINDOWS,
    classify,
    in_parts,
    parts,
)
from core.trust.meaning import (
    EXEMPLARS,
    THRESHOLDS,
    Bank,
    Detector,
    Meaning,
    Threshold,
    bank_for,
    embed_matrix,
    store_thresholds,
)
from core.trust.meaning_embedder import multilingual_embedder

FANS = EXEMPLARS / "care_fans.txt"
# False handoffs allowed, pooled over the held-out sets. Their negatives are nearly all hard
# ones (idioms of dying, settled health, prices, ages with no risk, written to sit next to a
# care need), which real chat rarely is: the 2% bar is on ordinary fan messages and is
# tested on those (tests/trust: 500 of the example's). On five niches' hard negatives a 2% cut
# cost a tenth of the distress caught (CV 2026-12-02: 0.94 recall at 2.5% pooled, 0.86 at
# 1.7%), and a missed fan in crisis costs more than a person reading an idiom: 3%, pooled.
# Per set it was 2% on each while the sets were three similar ones; a nutrition coach's
# protein questions (v6) alone sit at 4-8% at any cut that keeps recall.
MAX_FP = 0.03
MODEL = "multilingual-e5-small"
# False handoffs the self-harm cut may add on its own, pooled over the held-out sets, beyond
# MAX_FP: a fan in suicidal distress left unanswered costs more than any other miss. Ten folds
# (probe alone): at 1% more false handoffs about 19 of the 33 missed self-harm messages are
# caught; every other label gains far fewer per false handoff (eating disorders 7 for 37).
SEVERE_FP = 0.01
# The sets' categories as the detector's labels (exemplars/care.txt): treatment for the mind
# is handed off like any other treatment question.
LABELS = {
    "self_harm": "self-harm",
    "eating_disorder": "eating-disorder",
    "abuse": "abuse",
    "medical": "medical",
    "mental_health": "medical",
    "money": "money",
    "meeting": "meeting",
    "minors": "minor",
    "threat": "threat",
}

Row = dict[str, str]
Scored = dict[str, tuple[list[Row], np.ndarray, np.ndarray]]
# Per held-out set: each positive's and each negative's probability of self-harm alone.
Severe = dict[str, tuple[np.ndarray, np.ndarray]]
# Per held-out set: each positive's and each negative's parts, each part's score.
PartScores = dict[str, tuple[list[dict[str, float]], list[dict[str, float]]]]
# Rules tried for what is long (characters, at least two sentences) and which parts are scored.
RULES = [(c, w) for c in (0, 80, 120, 160, 200, 280) for w in ((1,), (2,), (1, 2))]


def write_exemplars() -> int:
    """Write care_fans.txt from the dev sets, one section per set, label and language."""
    out = [
        "# Fan messages of the sets v1 (tests/heldout/*.jsonl), v2, v3, v6, v8-v13 and v15-v17",
        "# (tests/heldout/<set>), as labelled by their writers, who never saw the detector: care",
        "# training data (v4, v5, v7, v14 and v18 stay held out). Written by",
        "# `python -m bench.care_cv --write-exemplars`; do not edit by hand.",
    ]
    n = 0
    for name, folder in TRAINING_SETS.items():
        sections: dict[tuple[str, str], list[str]] = {}
        for r in read_rows(folder, "care"):
            sections.setdefault((LABELS[r["category"]], r["lang"]), []).append(r["text"])
        for r in read_rows(folder, "care_negatives"):
            sections.setdefault(("none", r["lang"]), []).append(r["text"])
        out += ["", f"# {name}"]
        for (label, lang), texts in sections.items():
            out += ["", f"[{label} {lang}]", *(" ".join(t.split()) for t in texts)]
            n += len(texts)
    FANS.write_text("\n".join(out) + "\n", encoding="utf-8")
    return n


def _held_out(meaning: Meaning, full: Bank, name: str) -> tuple[list[Row], list[Row], Bank]:
    """The set's rows and a bank of every exemplar but them."""
    pos, neg = (
        read_rows(TRAINING_SETS[name], "care"),
        read_rows(TRAINING_SETS[name], "care_negatives"),
    )
    held = {" ".join(r["text"].split()) for r in pos + neg}
    keep = [i for i, e in enumerate(full.exemplars) if e.text not in held]
    return pos, neg, Bank([full.exemplars[i] for i in keep], full.matrix[keep])


def _verdicts(meaning: Meaning, full: Bank, bank: Bank, rows: list[Row]) -> np.ndarray:
    """Per row: 2.0 if a pattern catches it, else the meaning score (-1.0 if never)."""
    index = {e.text: i for i, e in enumerate(full.exemplars)}
    embedder = meaning.embedder
    assert embedder is not None
    meaning.detectors["care"] = Detector("care", bank, Threshold(0.0), embedder)
    out = []
    for r in rows:
        care = classify(r["text"], meaning, full.matrix[index[" ".join(r["text"].split())]])
        if care is None:
            out.append(-1.0)
        else:
            out.append(2.0 if care.score is None else care.score)
    return np.array(out)


def _part_verdicts(
    meaning: Meaning, rows: list[Row], vectors: dict[str, np.ndarray]
) -> list[dict[str, float]]:
    """Per row: each of its parts (the widest rule's) and the score the real check gives it
    alone, at a parts cut of 0 (-1.0 where it finds nothing)."""
    out = []
    for r in rows:
        mine = {}
        for part in parts(r["text"], 0, (1, 2)):
            care = in_parts(r["text"], meaning, vectors[part][None, :])
            mine[part] = -1.0 if care is None or care.score is None else care.score
        out.append(mine)
    return out


def cross_validate(with_parts: bool = False) -> tuple[Scored, PartScores, Severe]:
    """Each dev set scored by a probe trained without it: rows, positive and negative scores;
    with `with_parts`, also each part's score of every long-enough row; and each row's
    probability of self-harm alone (the severe cut is off while the others are measured)."""
    embedder = multilingual_embedder()
    if embedder is None:
        raise SystemExit("multilingual-e5-small is not installed (make installs it)")
    meaning = Meaning(embedder)
    meaning._measured.pop(SEVERE, None)
    full = bank_for("care", embedder)
    vectors: dict[str, np.ndarray] = {}
    if with_parts:
        rows = [
            r
            for f in TRAINING_SETS.values()
            for n in ("care", "care_negatives")
            for r in read_rows(f, n)
        ]
        texts = list(dict.fromkeys(p for r in rows for p in parts(r["text"], 0, (1, 2))))
        vectors = dict(zip(texts, embed_matrix(embedder, texts), strict=True))
        meaning._measured[PARTS] = {embedder.model_name: Threshold(0.0)}
    out, out_parts, severe = {}, {}, {}
    index = {e.text: i for i, e in enumerate(full.exemplars)}
    for name in TRAINING_SETS:
        pos, neg, bank = _held_out(meaning, full, name)
        out[name] = (pos, _verdicts(meaning, full, bank, pos), _verdicts(meaning, full, bank, neg))
        pos_p, neg_p = (
            bank.label_proba(
                full.matrix[[index[" ".join(r["text"].split())] for r in rows]], SEVERE_LABEL
            )
            for rows in (pos, neg)
        )
        severe[name] = (pos_p, neg_p)
        if with_parts:
            out_parts[name] = (
                _part_verdicts(meaning, pos, vectors),
                _part_verdicts(meaning, neg, vectors),
            )
    return out, out_parts, severe


def _rule_scores(found: list[dict[str, float]], rows: list[Row], rule: tuple) -> np.ndarray:
    """Per row, its best part's score under `rule` (-1.0 if the row is not long)."""
    chars, windows = rule
    return np.array(
        [
            max((mine[p] for p in parts(r["text"], chars, windows)), default=-1.0)
            for r, mine in zip(rows, found, strict=True)
        ]
    )


def choose_cuts(
    scored: Scored, part: dict[str, tuple[np.ndarray, np.ndarray]], keep: float | None = None
) -> tuple[float, float, int]:
    """The message's cut (`keep`, if given) and the parts' cut with the most handoffs pooled
    over the held-out sets while their false handoffs, pooled, stay within MAX_FP; and how many."""
    whole = np.unique(np.concatenate([s for _, p, n in scored.values() for s in (p, n)]))
    every = np.unique(np.concatenate([s for p, n in part.values() for s in (p, n)]))
    if keep is not None:
        whole = np.array([keep])
    best = (0.0, 0.0, -1, 0)
    negatives = np.concatenate([n for _, _, n in scored.values()])
    allowed = int(np.floor(MAX_FP * len(negatives) + 1e-9))
    parts_of_negatives = np.concatenate([part[name][1] for name in scored])
    for cut in whole[(whole > 0.05) & (whole <= 1.0)]:
        # The parts' cut: just above the score that would take the pool past its budget.
        budget = allowed - int((negatives >= cut).sum())
        if budget < 0:
            continue
        left = np.sort(parts_of_negatives[negatives < cut])[::-1]
        floor = float(left[budget]) + 1e-9 if budget < len(left) else 0.05
        above = every[every >= floor]
        if floor > 1.0 or not above.size:
            continue
        # Never under the message's own cut: a sentence is no more a need for standing in a
        # long message than when sent alone. Without this floor ten folds chose parts 0.7404
        # under a message cut of 0.9121 for 18 more pooled handoffs, and long harmless messages
        # full of idioms ("me mató la vía", "me muero de hambre") went to a human by a part.
        part_cut = max(float(above[0]), float(cut))
        hits = sum(
            int(((p >= cut) | (part[name][0] >= part_cut)).sum())
            for name, (_, p, _) in scored.items()
        )
        fps = sum(
            int(((n >= cut) | (part[name][1] >= part_cut)).sum())
            for name, (_, _, n) in scored.items()
        )
        if hits > best[2] or (hits == best[2] and fps < best[3]):
            best = (float(cut), part_cut, hits, fps)
    return best[0], best[1], best[2]


def report_parts(
    scored: Scored, part: dict[str, tuple[np.ndarray, np.ndarray]], cut: float, part_cut: float
) -> tuple[str, str]:
    """The figures per held-out set with the parts scored too."""
    lines, summary = [], []
    for name, (rows, p, n) in scored.items():
        hit = (p >= cut) | (part[name][0] >= part_cut)
        fp = (n >= cut) | (part[name][1] >= part_cut)
        by_part = int((hit & (p < cut)).sum())
        missed = Counter(r["category"] for r, h in zip(rows, hit, strict=True) if not h)
        lines.append(
            f"  -> {name}: recall {hit.sum()}/{len(hit)} ({hit.mean():.1%}, {by_part} by a part), "
            f"false handoffs {fp.sum()}/{len(fp)} ({fp.mean():.1%}); missed {dict(missed)}; "
            f"false {_kinds(name, fp)}"
        )
        summary.append(f"{name} {hit.mean():.3f} recall, {fp.mean():.4f} FP")
    return "\n".join(lines), "; ".join(summary)


def _timed(meaning: Meaning, text: str, found: list[str]) -> tuple[float, float]:
    """Wall and CPU ms of scoring a long message's parts as a turn does: the message's own
    vector is kept, its parts are new texts embedded in one batch."""
    embedder = meaning.embedder
    assert embedder is not None
    forget = getattr(embedder, "forget", None)
    if forget is not None:
        forget()
    started, used = time.perf_counter(), time.process_time()
    in_parts(text, meaning, embed_matrix(embedder, found))
    return (time.perf_counter() - started) * 1000, (time.process_time() - used) * 1000


def measure_cost(rule: tuple, repeats: int = 5) -> str:
    """What scoring parts adds: the share of fan-like messages (the dev sets' care negatives)
    that are long and the extra per message there; and per long message, timed `repeats`
    times over every long dev row (the negatives alone hold too few for a stable figure)."""
    embedder = multilingual_embedder()
    assert embedder is not None
    meaning = Meaning(embedder)
    if meaning.threshold(PARTS) is None:
        meaning._measured[PARTS] = {embedder.model_name: Threshold(0.95)}
    embed_matrix(embedder, ["warm up"])
    negatives = [r["text"] for f in TRAINING_SETS.values() for r in read_rows(f, "care_negatives")]
    every = [r["text"] for f in TRAINING_SETS.values() for r in read_rows(f, "care")] + negatives
    wall, cpu = [], []
    for text in negatives:
        found = parts(text, *rule)
        w, c = _timed(meaning, text, found) if found else (0.0, 0.0)
        wall.append(w)
        cpu.append(c)
    share = float(np.mean([bool(parts(t, *rule)) for t in negatives]))
    long = [(t, found) for t in every if (found := parts(t, *rule))]
    timed = np.array([_timed(meaning, t, found) for t, found in long for _ in range(repeats)])
    w_all, c_all = np.array(wall), np.array(cpu)
    return (
        f"cost: {share:.1%} of {len(negatives)} fan-like messages ({'+'.join(TRAINING_SETS)} care "
        f"negatives) are "
        f"long; extra per message there: median {np.median(w_all):.1f} ms wall / "
        f"{np.median(c_all):.1f} ms CPU, p95 {np.percentile(w_all, 95):.1f} / "
        f"{np.percentile(c_all, 95):.1f}, mean {w_all.mean():.2f} / {c_all.mean():.2f}; per long "
        f"message ({len(long)} long dev rows, {np.mean([len(f) for _, f in long]):.1f} parts "
        f"each, x{repeats}): median {np.median(timed[:, 0]):.1f} ms wall / "
        f"{np.median(timed[:, 1]):.1f} ms CPU, p95 {np.percentile(timed[:, 0], 95):.1f} / "
        f"{np.percentile(timed[:, 1], 95):.1f}"
    )


def choose_severe(
    scored: Scored,
    part: dict[str, tuple[np.ndarray, np.ndarray]],
    severe: Severe,
    cut: float,
    part_cut: float,
) -> tuple[float, str]:
    """The lowest self-harm cut whose false handoffs beyond the other cuts' stay within
    SEVERE_FP pooled, and what it adds per set."""
    missed_neg = np.concatenate(
        [severe[n][1][(s < cut) & (part[n][1] < part_cut)] for n, (_, _, s) in scored.items()]
    )
    allowed = int(np.floor(SEVERE_FP * sum(len(n) for _, _, n in scored.values()) + 1e-9))
    ranked = np.sort(missed_neg)[::-1]
    floor = float(ranked[allowed]) + 1e-6 if allowed < len(ranked) else 0.05
    best = round(max(floor, 0.05), 4)
    lines = []
    for name, (rows, p, n) in scored.items():
        caught = (p >= cut) | (part[name][0] >= part_cut)
        false = (n >= cut) | (part[name][1] >= part_cut)
        more = ~caught & (severe[name][0] >= best)
        harm = np.array([LABELS[r["category"]] == SEVERE_LABEL for r in rows])
        lines.append(
            f"  -> {name}: self-harm {int((caught & harm).sum())} -> "
            f"{int(((caught | more) & harm).sum())}/{int(harm.sum())}, other needs "
            f"+{int((more & ~harm).sum())}, false handoffs {int(false.sum())} -> "
            f"{int((false | (severe[name][1] >= best)).sum())}/{len(n)}"
        )
    return best, "\n".join(lines)


def run_parts(
    scored: Scored, found: PartScores, severe: Severe, write: bool, move_cut: bool
) -> None:
    """Each rule's best pair of cuts, the best rule's figures, and its cost."""
    base = choose_cut(scored)
    pooled = sum(int((p >= base).sum()) for _, p, _ in scored.values())
    print(f"message only: {pooled} handed off pooled at cut {base:.4f}")
    results = []
    for rule in RULES:
        part = {
            name: (
                _rule_scores(found[name][0], scored[name][0], rule),
                _rule_scores(found[name][1], _negread_rows(name), rule),
            )
            for name in scored
        }
        # The message's cut stays the one measured alone, so a short message (most of them)
        # is checked as before; moving both together (`--move-cut`) was measured too.
        cut, part_cut, hits = choose_cuts(scored, part, None if move_cut else base)
        # Among rules that hand off as many, the cheapest: fewer messages long, fewer parts.
        results.append((hits, rule[0], -len(rule[1]), -max(rule[1]), rule, cut, part_cut, part))
        print(
            f"rule >= {rule[0]} chars, parts of {rule[1]} sentences: {hits} pooled "
            f"(cut {cut:.4f}, parts {part_cut:.4f})"
        )
    best = max(results, key=lambda x: x[:4])
    print(f"best: >= {best[4][0]} chars, windows {best[4][1]}, {best[0]} pooled")
    if best[4] != (LONG_CHARS, WINDOWS):
        print(
            f"escalation.py has LONG_CHARS={LONG_CHARS}, WINDOWS={WINDOWS}: the figures below "
            "and --write are its rule's; to ship the best rule, set them to it first"
        )
    # The cuts stored are for the rule escalation.py runs: another rule's parts cut would be
    # applied to parts it was not measured on.
    rule, cut, part_cut, part = next(x for x in results if x[4] == (LONG_CHARS, WINDOWS))[4:]
    text, summary = report_parts(scored, part, cut, part_cut)
    print(f"shipped: >= {rule[0]} chars, windows {rule[1]}, cut {cut:.4f}, parts {part_cut:.4f}")
    print(text)
    severe_cut, severe_text = choose_severe(scored, part, severe, cut, part_cut)
    print(f"self-harm alone at >= {severe_cut:.4f} (within {SEVERE_FP:.0%} more false, pooled):")
    print(severe_text)
    print(measure_cost(rule))
    if write:
        how = (
            f"probe, leave-one-set-out (patterns, then meaning, then the parts of messages of "
            f">= {rule[0]} characters and 2+ sentences, windows {rule[1]}): {summary}; "
            + (
                "the pair of cuts with the most handoffs"
                if move_cut
                else "the message's cut as measured alone, the parts' lowest"
            )
            + f" at false handoffs <= {MAX_FP} pooled"
        )
        store_thresholds(
            {
                ("care", MODEL): (Threshold(round(cut, 4)), how),
                (PARTS, MODEL): (Threshold(round(part_cut, 4)), how),
                (SEVERE, MODEL): (
                    Threshold(severe_cut),
                    f"the probe's probability of self-harm alone, {len(severe)} folds, the "
                    f"lowest cut adding at most {SEVERE_FP} false handoffs pooled beyond the "
                    "care cuts",
                ),
            }
        )
        print(f"wrote {THRESHOLDS}")


def _negread_rows(name: str) -> list[Row]:
    return read_rows(TRAINING_SETS[name], "care_negatives")


def _kinds(name: str, fp: np.ndarray) -> dict[str, int]:
    """The false handoffs by the negatives' kind (idiom, money...; v1's rows have none)."""
    rows = _negread_rows(name)
    return dict(Counter(r.get("kind", "-") for r, f in zip(rows, fp, strict=True) if f))


def choose_cut(scored: Scored) -> float:
    """The lowest cut at which the held-out sets' false handoffs, pooled, stay within MAX_FP."""
    cuts = np.unique(np.concatenate([s for _, p, n in scored.values() for s in (p, n)]))
    negatives = np.concatenate([n for _, _, n in scored.values()])
    for cut in cuts[(cuts > 0.05) & (cuts <= 1.0)]:
        if np.mean(negatives >= cut) <= MAX_FP:
            return float(cut)
    raise RuntimeError(f"no cut keeps pooled false handoffs within {MAX_FP}")


def report(
    scored: dict[str, tuple[list[Row], np.ndarray, np.ndarray]], cut: float
) -> tuple[str, str]:
    """The figures per held-out set, in full and as a one-line summary."""
    lines, parts = [], []
    for name, (rows, pos, neg) in scored.items():
        hit, fp = pos >= cut, neg >= cut
        other = "+".join(n for n in TRAINING_SETS if n != name)
        missed = Counter(r["category"] for r, h in zip(rows, hit, strict=True) if not h)
        lines.append(
            f"train exemplars+{other} -> {name}: recall {hit.sum()}/{len(hit)} "
            f"({hit.mean():.1%}), false handoffs {fp.sum()}/{len(fp)} ({fp.mean():.1%}); "
            f"missed {dict(missed)}; false {_kinds(name, fp)}"
        )
        parts.append(f"{name} {hit.mean():.3f} recall, {fp.mean():.4f} FP")
    lines.append(f"cut {cut:.4f}")
    return "\n".join(lines), "; ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the care threshold")
    parser.add_argument("--write-exemplars", action="store_true", help="rewrite care_fans.txt")
    parser.add_argument("--parts", action="store_true", help="also score long messages' parts")
    parser.add_argument(
        "--move-cut", action="store_true", help="with --parts: choose the message's cut too"
    )
    args = parser.parse_args(argv)
    if args.write_exemplars:
        print(f"wrote {write_exemplars()} rows to {FANS}")
        return 0
    scored, found, severe = cross_validate(with_parts=args.parts)
    if args.parts:
        run_parts(scored, found, severe, args.write, args.move_cut)
        return 0
    cut = choose_cut(scored)
    text, summary = report(scored, cut)
    print(text)
    if args.write:
        how = (
            f"probe, leave-one-set-out (patterns, then meaning; each dev set held out of "
            f"the training it is measured on): {summary}; lowest cut with false handoffs "
            f"<= {MAX_FP} pooled over the sets"
        )
        store_thresholds({("care", MODEL): (Threshold(round(cut, 4)), how)})
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
