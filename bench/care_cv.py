"""Leave-one-set-out cross-validation of the care check, and the care threshold it measures.

    python -m bench.care_cv [--write] [--write-exemplars]

The dev sets v1 (tests/heldout/*.jsonl) and v2 (tests/heldout/v2) are training data for the
care probe: `--write-exemplars` copies their rows into core/trust/exemplars/care_fans.txt
(positives by category, negatives as `none`). Each set is then held out in turn: the probe is
trained on the exemplars without that set's rows and the whole check (patterns, then meaning)
is measured on it. The cut kept is the lowest at which every held-out set's false handoffs
stay within MAX_FP; `--write` stores it. v3 and later sets are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from core.trust.escalation import classify
from core.trust.meaning import (
    EXEMPLARS,
    THRESHOLDS,
    Bank,
    Detector,
    Meaning,
    Threshold,
    bank_for,
)
from core.trust.meaning_embedder import multilingual_embedder

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "heldout"
DEV_SETS = {"v1": HELDOUT, "v2": HELDOUT / "v2"}
FANS = EXEMPLARS / "care_fans.txt"
MAX_FP = 0.02
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


def _rows(folder: Path, name: str) -> list[Row]:
    lines = (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_exemplars() -> int:
    """Write care_fans.txt from the dev sets, one section per set, label and language."""
    out = [
        "# Fan messages of the dev sets v1 (tests/heldout/*.jsonl) and v2 (tests/heldout/v2), as",
        "# labelled by their writers, who never saw the detector: care training data since the",
        "# care probe learns from them (v3 and later stay held out). Written by",
        "# `python -m bench.care_cv --write-exemplars`; do not edit by hand.",
    ]
    n = 0
    for name, folder in DEV_SETS.items():
        sections: dict[tuple[str, str], list[str]] = {}
        for r in _rows(folder, "care"):
            sections.setdefault((LABELS[r["category"]], r["lang"]), []).append(r["text"])
        for r in _rows(folder, "care_negatives"):
            sections.setdefault(("none", r["lang"]), []).append(r["text"])
        out += ["", f"# {name}"]
        for (label, lang), texts in sections.items():
            out += ["", f"[{label} {lang}]", *(" ".join(t.split()) for t in texts)]
            n += len(texts)
    FANS.write_text("\n".join(out) + "\n", encoding="utf-8")
    return n


def _held_out(meaning: Meaning, full: Bank, name: str) -> tuple[list[Row], list[Row], Bank]:
    """The set's rows and a bank of every exemplar but them."""
    pos, neg = _rows(DEV_SETS[name], "care"), _rows(DEV_SETS[name], "care_negatives")
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


def cross_validate() -> dict[str, tuple[list[Row], np.ndarray, np.ndarray]]:
    """Each dev set scored by a probe trained without it: rows, positive and negative scores."""
    embedder = multilingual_embedder()
    if embedder is None:
        raise SystemExit("multilingual-e5-small is not installed (make installs it)")
    meaning = Meaning(embedder)
    full = bank_for("care", embedder)
    out = {}
    for name in DEV_SETS:
        pos, neg, bank = _held_out(meaning, full, name)
        out[name] = (pos, _verdicts(meaning, full, bank, pos), _verdicts(meaning, full, bank, neg))
    return out


def choose_cut(scored: dict[str, tuple[list[Row], np.ndarray, np.ndarray]]) -> float:
    """The lowest cut at which every held-out set's false handoffs stay within MAX_FP."""
    cuts = np.unique(np.concatenate([s for _, p, n in scored.values() for s in (p, n)]))
    for cut in cuts[(cuts > 0.05) & (cuts <= 1.0)]:
        if all(np.mean(n >= cut) <= MAX_FP for _, _, n in scored.values()):
            return float(cut)
    raise RuntimeError(f"no cut keeps false handoffs within {MAX_FP} on every set")


def report(
    scored: dict[str, tuple[list[Row], np.ndarray, np.ndarray]], cut: float
) -> tuple[str, str]:
    """The figures per held-out set, in full and as a one-line summary."""
    lines, parts = [], []
    for name, (rows, pos, neg) in scored.items():
        hit, fp = pos >= cut, neg >= cut
        other = "+".join(n for n in DEV_SETS if n != name)
        missed = Counter(r["category"] for r, h in zip(rows, hit, strict=True) if not h)
        lines.append(
            f"train exemplars+{other} -> {name}: recall {hit.sum()}/{len(hit)} "
            f"({hit.mean():.1%}), false handoffs {fp.sum()}/{len(fp)} ({fp.mean():.1%}); "
            f"missed {dict(missed)}"
        )
        parts.append(f"{name} {hit.mean():.3f} recall, {fp.mean():.4f} FP")
    lines.append(f"cut {cut:.4f}")
    return "\n".join(lines), "; ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the care threshold")
    parser.add_argument("--write-exemplars", action="store_true", help="rewrite care_fans.txt")
    args = parser.parse_args(argv)
    if args.write_exemplars:
        print(f"wrote {write_exemplars()} rows to {FANS}")
        return 0
    scored = cross_validate()
    cut = choose_cut(scored)
    text, summary = report(scored, cut)
    print(text)
    if args.write:
        stored = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
        stored["care"]["multilingual-e5-small"] = {
            "score": round(cut, 4),
            "margin": 0.0,
            "k": 0,
            "measured": (
                f"probe, leave-one-set-out (patterns, then meaning; each dev set held out of "
                f"the training it is measured on): {summary}; lowest cut with false handoffs "
                f"<= {MAX_FP} on every set"
            ),
        }
        THRESHOLDS.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
