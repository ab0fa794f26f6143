"""Measure the meaning checks' thresholds on labelled data, per embedder; `--write` stores them.

    python -m bench.meaning_calibrate [--write] [--embedder minilm|multilingual]

Positives are the exemplars themselves, each scored with itself left out (so it must be
recognised from the *other* phrasings), plus a typo'd variant of each (its source left out).
Negatives are the hard negatives (left out likewise) and ordinary text: fan messages for the
inbound checks, the creator's own published sentences for the outgoing one. The threshold kept
is the one that recognises the most positives while letting at most MAX_FP of negatives through.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from core.trust.meaning import (
    NEGATIVE,
    THRESHOLDS,
    Bank,
    Floats,
    Probe,
    TextEmbedder,
    Threshold,
    bank_for,
    embed_matrix,
    store_thresholds,
)
from tests.probes.meaning import creator_sentences, ordinary_messages, typo

# Identity answers are cheap when wrong ("I am an AI clone" to a question that was not about
# it) and a miss is a lie by omission, so that check may trade more false positives for recall.
MAX_FP = {"care": 0.01, "identity": 0.02, "claims": 0.005}
KS = (1, 2, 3)
MARGINS = (-0.1, -0.05, 0.0, 0.03, 0.06, 0.1)


@dataclass
class Scored:
    """Per text: best positive score, best negative score, its label and the gold label."""

    score: Floats
    negative: Floats
    label: list[str]
    gold: list[str]


def _score_all(
    bank: Bank, vectors: Floats, excludes: Sequence[int | None], gold: Sequence[str], k: int
) -> Scored:
    s, n, lab = [], [], []
    for v, ex in zip(vectors, excludes, strict=True):
        found = bank.best(bank.scores(v, exclude=ex), k)
        s.append(found.score if found else -1.0)
        n.append(found.negative if found else -1.0)
        lab.append(found.label if found else NEGATIVE)
    return Scored(np.array(s), np.array(n), lab, list(gold))


@dataclass
class Result:
    threshold: Threshold
    recall: float
    typo_recall: float
    fp: float
    label_accuracy: float
    positives: int
    negatives: int
    hits: dict[int, bool] = field(default_factory=dict)  # exemplar index -> meaning caught it


def _rank(r: Result) -> tuple[float, float, float]:
    return (r.recall + r.typo_recall, -r.fp, r.threshold.score)


def calibrate(task: str, embedder: TextEmbedder, negatives_text: Sequence[str]) -> Result:
    """Nearest-neighbour thresholds (k >= 1), measured leave-one-out."""
    bank = bank_for(task, embedder)
    pos_idx = [i for i, e in enumerate(bank.exemplars) if e.label in bank.labels]
    neg_idx = [i for i, e in enumerate(bank.exemplars) if e.label not in bank.labels]
    typos = [typo(bank.exemplars[i].text, i) for i in pos_idx]
    typo_vecs = embed_matrix(embedder, typos)
    other_vecs = embed_matrix(embedder, list(negatives_text))
    best: Result | None = None
    for k in KS:
        pos = _score_all(
            bank, bank.matrix[pos_idx], pos_idx, [bank.exemplars[i].label for i in pos_idx], k
        )
        pty = _score_all(bank, typo_vecs, pos_idx, pos.gold, k)
        neg_ex = _score_all(bank, bank.matrix[neg_idx], neg_idx, [NEGATIVE] * len(neg_idx), k)
        neg_other = _score_all(bank, other_vecs, [None] * len(other_vecs), [], k)
        neg_s = np.concatenate([neg_ex.score, neg_other.score])
        neg_n = np.concatenate([neg_ex.negative, neg_other.negative])
        for margin in MARGINS:
            ok_neg = neg_s - neg_n >= margin
            for cut in sorted(set(np.round(np.concatenate([pos.score, pty.score]), 4))):
                fp = float(np.mean((neg_s >= cut) & ok_neg))
                if fp > MAX_FP[task]:
                    continue
                hit = (pos.score >= cut) & (pos.score - pos.negative >= margin)
                hit_t = (pty.score >= cut) & (pty.score - pty.negative >= margin)
                correct = [
                    g == lab for g, lab, h in zip(pos.gold, pos.label, hit, strict=True) if h
                ]
                r = Result(
                    Threshold(float(cut), margin, k),
                    float(np.mean(hit)),
                    float(np.mean(hit_t)),
                    fp,
                    float(np.mean(correct)) if correct else 0.0,
                    len(pos_idx),
                    len(neg_s),
                    dict(zip(pos_idx, (bool(h) for h in hit), strict=True)),
                )
                if best is None or _rank(r) > _rank(best):
                    best = r
                break  # the lowest cut within the FP budget is the best for this (k, margin)
    if best is None:
        raise RuntimeError(f"{task}: no threshold keeps false positives under {MAX_FP[task]}")
    return best


FOLDS = 5


def calibrate_probe(task: str, embedder: TextEmbedder, negatives_text: Sequence[str]) -> Result:
    """The probe's probability cut (k = 0), measured by 5-fold cross-validation.

    Each exemplar, and a typo'd variant of it, is scored by a probe trained without its fold;
    the negatives that are not exemplars (the example's fans, the creator's sentences) by the
    probe trained on all. The cut kept is the lowest whose false positives stay in budget.
    """
    bank = bank_for(task, embedder)
    n = len(bank.exemplars)
    folds = np.arange(n) % FOLDS
    np.random.default_rng(0).shuffle(folds)
    typo_vecs = embed_matrix(embedder, [typo(e.text, i) for i, e in enumerate(bank.exemplars)])
    p_pos, p_typo = np.zeros(n), np.zeros(n)
    predicted = [""] * n
    neg = len(bank.negatives)  # `none`, then any other negative classes (personal)
    for f in range(FOLDS):
        train = folds != f
        probe = Probe(bank.matrix[train], bank.classes[train], neg + len(bank.labels))
        test = np.flatnonzero(~train)
        probs = probe.proba(bank.matrix[test])
        p_pos[test] = 1.0 - probs[:, :neg].sum(axis=1)
        p_typo[test] = 1.0 - probe.proba(typo_vecs[test])[:, :neg].sum(axis=1)
        for row, i in enumerate(test):
            predicted[i] = bank.labels[int(np.argmax(probs[row, neg:]))]
    other = 1.0 - bank.negative_proba(embed_matrix(embedder, list(negatives_text)))
    positive = bank.classes >= neg
    negatives = np.concatenate([p_pos[~positive], other])
    best: Result | None = None
    for cut in sorted(set(np.round(p_pos[positive], 4)) | {0.5}):
        fp = float(np.mean(negatives >= cut))
        if fp > MAX_FP[task]:
            continue
        hit = p_pos[positive] >= cut
        gold = [e.label for e in bank.exemplars if e.label in bank.labels]
        labels = [predicted[i] for i in np.flatnonzero(positive)]
        correct = [g == p for g, p, h in zip(gold, labels, hit, strict=True) if h]
        best = Result(
            Threshold(float(cut), 0.0, 0),
            float(np.mean(hit)),
            float(np.mean(p_typo[positive] >= cut)),
            fp,
            float(np.mean(correct)) if correct else 0.0,
            int(positive.sum()),
            len(negatives),
            {int(i): bool(p_pos[i] >= cut) for i in np.flatnonzero(positive)},
        )
        break
    if best is None:
        raise RuntimeError(f"{task}: no cut keeps false positives under {MAX_FP[task]}")
    return best


def embedders(which: str | None) -> list[TextEmbedder]:
    from core.memory.embeddings import MiniLMEmbedder

    out: list[TextEmbedder] = []
    if which in (None, "minilm"):
        out.append(MiniLMEmbedder())
    if which in (None, "multilingual"):
        from core.trust.meaning_embedder import multilingual_embedder

        found = multilingual_embedder()
        if found is not None:
            out.append(found)
        elif which == "multilingual":
            raise SystemExit("no multilingual embedder installed")
    return out


def combined_recall(task: str, embedder: TextEmbedder, result: Result) -> dict[str, float]:
    """Per language, the share of positives the whole check (patterns or meaning) catches, the
    meaning part judged without the exemplar itself (left out, or out of fold)."""
    from core.text.fold import fold_for_detection
    from core.trust.escalation import detect
    from core.trust.honesty import _COMPILED, claims_to_be_human

    bank = bank_for(task, embedder)
    by_lang: dict[str, list[bool]] = {}
    for i, e in enumerate(bank.exemplars):
        if e.label not in bank.labels:
            continue
        if task == "care":
            pattern = detect(e.text) is not None
        elif task == "identity":
            pattern = any(
                p.search(v) for v in fold_for_detection(e.text) for p in _COMPILED.values()
            )
        else:
            pattern = claims_to_be_human(e.text, "Mara Quill")
        by_lang.setdefault(e.lang, []).append(pattern or result.hits.get(i, False))
    return {lang: sum(v) / len(v) for lang, v in sorted(by_lang.items())}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the thresholds")
    parser.add_argument("--embedder", choices=("minilm", "multilingual"))
    parser.add_argument("--task", choices=("care", "identity", "claims"), action="append")
    args = parser.parse_args(argv)
    ordinary = ordinary_messages()
    sentences = creator_sentences()
    chosen: dict[tuple[str, str], tuple[Threshold, str]] = {}
    print(f"ordinary fan messages: {len(ordinary)}, creator sentences: {len(sentences)}")
    print(
        "| embedder | task | k | score | margin | meaning recall (LOO) | typo recall | FP "
        "| label acc | patterns or meaning, per language |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for embedder in embedders(args.embedder):
        started = time.perf_counter()
        for task in args.task or ("care", "identity", "claims"):
            negatives = sentences if task == "claims" else ordinary
            results = {
                "knn": calibrate(task, embedder, negatives),
                "probe": calibrate_probe(task, embedder, negatives),
            }
            for how, r in results.items():
                t = r.threshold
                per_lang = combined_recall(task, embedder, r)
                langs = " ".join(f"{k}:{v:.2f}" for k, v in per_lang.items())
                print(
                    f"| {embedder.model_name} | {task} | {how} {t.k} | {t.score:.3f} "
                    f"| {t.margin:+.2f} | {r.recall:.3f} of {r.positives} "
                    f"| {r.typo_recall:.3f} | {r.fp:.4f} of {r.negatives} "
                    f"| {r.label_accuracy:.3f} | {langs} |"
                )
            if task == "identity" and embedder.model_name == "multilingual-e5-small":
                continue  # chosen by leave-one-set-out CV: python -m bench.identity_calibrate
            # The way that recognises more (false positives are within budget for both).
            how, r = max(results.items(), key=lambda kv: _rank(kv[1]))
            t = r.threshold
            chosen[(task, embedder.model_name)] = (
                replace(t, score=round(t.score, 4)),
                f"{how}: recall {r.recall:.3f} (each held out of its own bank), typo "
                f"recall {r.typo_recall:.3f} on {r.positives} positives; false positives "
                f"{r.fp:.4f} on {r.negatives} negatives",
            )
        print(f"({embedder.model_name}: {time.perf_counter() - started:.1f} s)")
    if args.write:
        store_thresholds(chosen)
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
