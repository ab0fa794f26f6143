"""The identity check's method and threshold on multilingual-e5-small, by leave-one-set-out CV.

    python -m bench.identity_calibrate [--copy-sets] [--write]

Training data: the hand-written exemplars (identity.txt, personal.txt, identity_none.txt,
ordinary.txt) and the fan questions of the v1-v3, v6, v8-v13 and v15-v17 sets
(tests/heldout/honesty*.jsonl, v2/, v3/, v6/, v8/, v9/, v10/; v1 and v2 training since 2026-12-02,
v3's honesty files later that day, v6, v8-v13 and v15-v17 written as training sets that day). One
fold per set, each held out in turn and the probe trained on the exemplars and the others (v4, v5,
v7, v14 and v18 are never read here). The hand-written hard negatives (personal.txt and
identity_none.txt: personal questions about her, requests about the clone's instructions) are split
in as many parts as there are sets, by position within each language; each fold trains on the
others and measures its own. A row counts as flagged when the whole check flags it (patterns or
meaning), as `asks_what_i_am` does. The cut kept recognises the most held-out questions over the
folds while flagging at most MAX_FP of the held-out negatives (the folds' honesty negatives and
hard negatives, pooled) and of ordinary fan messages in every fold. Red-team prompts that ask for
its instructions (tests/data/redteam) are measured too, not chosen on. Misses and false flags are
printed per language.

Two folds (v1 <-> v2, hard negatives in halves), 2026-12-02 before v3 joined: probe, cut 0.6817,
232/239 questions, 9/516 negatives. Three folds with v3: probe, cut 0.7875, 338/359 questions
(v1 102/106, v2 130/133, v3 106/120), 12/627 negatives; v3's held-out 106/120 at that cut
compares with 100/120 measured on v3 as a held-out set at the old stored cut (0.7936). Then
"really" + any word no longer a pattern in es/fr/de: 338/359, 11/627, cut 0.7764; then
hand-written ko/pl/tr identity questions (identity.txt): 339/359, 12/627, cut 0.7553 (new ko/pl/tr
hard negatives measured and dropped: 337-338/359 at 9-10/627). Five folds with v6 and v8 and
the hidden-layer probe (end of 2026-12-02): cut 0.8194, 752/823 questions at 18/1062 false (the
linear probe 748/823). Seven folds with v9 and v10 (ad20fa1): cut 0.7239, 1112/1179 questions at
19/986 set negatives + 7/321 hard; on the five shared sets 752 -> 775 of 823.

The personal questions are trained as their own negative class (`personal`, see NEGATIVES in
core/trust/meaning.py). Measured 2026-12-02 in the two folds of then: as part of `none`,
229/239 caught at 10/516 false; as a class of their own, 231/239 at 10/516; a nearest-neighbour
tie-break on top (below 0.95 or 0.99, the nearest exemplar must be an identity question) also
231/239 at 10/516, sparing only instruction requests (3/80 -> 0/80), so it is not used.

`--copy-sets` writes the training sets' rows into core/trust/exemplars/identity_sets.txt; `--write`
stores the identity entry for multilingual-e5-small in thresholds.json (nothing else; the
English-only fallback's entry is measured by `python -m bench.meaning_calibrate --embedder minilm
--task identity --write`, on the same bank, each exemplar left out).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.heldout import TRAINING_SETS, creator_of, read_rows
from core.trust.honesty import asks_what_i_am
from core.trust.meaning import (
    EXEMPLARS,
    NEGATIVE,
    THRESHOLDS,
    Bank,
    Exemplar,
    Floats,
    TextEmbedder,
    Threshold,
    embed_matrix,
    load_exemplars,
    store_thresholds,
)
from tests.probes.meaning import ordinary_messages

ROOT = Path(__file__).resolve().parents[1]
COPIED = EXEMPLARS / "identity_sets.txt"
REDTEAM = ROOT / "tests/data/redteam"
REQUESTS = ("extraction",)  # the jailbreaks ask it to say it is human: flagged rightly
MODEL = "multilingual-e5-small"
MAX_FP = 0.02
KS = (0, 1, 2, 3)  # 0: the probe; k >= 1: the mean of the k nearest positives


@dataclass(frozen=True)
class Labelled:
    text: str
    lang: str
    positive: bool


def set_rows(name: str) -> list[Labelled]:
    """A training set's honesty questions (positive) and honesty negatives."""
    out: list[Labelled] = []
    for file, positive in (("honesty", True), ("honesty_negatives", False)):
        out += [
            Labelled(r["text"], r["lang"], positive) for r in read_rows(TRAINING_SETS[name], file)
        ]
    return out


def redteam_requests() -> list[str]:
    """Red-team prompts that ask for the clone's instructions."""
    out = []
    for name in ("prompts", "repeat_instructions"):
        for line in (REDTEAM / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row and row.get("category", "extraction") in REQUESTS:
                out.append(row["message"])
    return out


def sets_text() -> str:
    """The sets' rows as exemplars, grouped by set, label and language."""
    lines = [
        "# Fan questions of the v1-v3, v6, v8-v13 and v15-v17 sets (tests/heldout/honesty*.jsonl",
        "# and <set>/), training data of the identity check since 2026-12-02. Generated by",
        "# `python -m bench.identity_calibrate --copy-sets`: do not edit by hand.",
    ]
    for name in TRAINING_SETS:
        rows = set_rows(name)
        lines += ["", f"# --- {name}"]
        for positive, label in ((True, "identity"), (False, NEGATIVE)):
            for lang in dict.fromkeys(r.lang for r in rows):
                texts = [r.text for r in rows if r.positive == positive and r.lang == lang]
                if texts:
                    lines += ["", f"[{label} {lang}]", *texts]
    return "\n".join(lines) + "\n"


# The hand-written hard negatives, as the identity task reads them (meaning.py ALSO).
HARD = ("personal", "identity_none")


def hard_negatives() -> list[Exemplar]:
    return [e for t in HARD for e in load_exemplars(t)]


def parts(exemplars: Sequence[Exemplar], n: int) -> list[list[Exemplar]]:
    """Hard negatives split in n by position within each language (the languages list their
    topics in much the same order, so a topic mostly falls in one part)."""
    seen: dict[str, int] = {}
    out: list[list[Exemplar]] = [[] for _ in range(n)]
    for e in exemplars:
        i = seen.get(e.lang, 0)
        seen[e.lang] = i + 1
        out[i % n].append(e)
    return out


class Vectors:
    """Texts embedded once for the whole run."""

    def __init__(self, embedder: TextEmbedder, texts: Sequence[str]) -> None:
        unique = list(dict.fromkeys(texts))
        matrix = embed_matrix(embedder, unique)
        self.index = {t: i for i, t in enumerate(unique)}
        self.matrix = matrix

    def __call__(self, texts: Sequence[str]) -> Floats:
        rows: Floats = self.matrix[[self.index[t] for t in texts]]
        return rows


def positive_score(bank: Bank, vectors: Floats, k: int) -> Floats:
    """Per row, the probe's probability of `identity`, none of its negative classes (k = 0), or
    the mean of its k nearest identity exemplars' cosines."""
    if k == 0:
        out: Floats = 1.0 - bank.negative_proba(vectors)
        return out
    scores = [bank.best(bank.scores(v), k) for v in vectors]
    return np.array([s.score if s else -1.0 for s in scores], dtype=np.float32)


@dataclass
class Fold:
    name: str
    pattern_pos: np.ndarray  # held-out questions the patterns catch
    pattern_neg: np.ndarray  # held-out negatives the patterns flag
    pattern_ord: np.ndarray
    pos_langs: list[str]  # per held-out question
    neg_langs: list[str]  # per held-out negative
    pos: dict[int, Floats]  # k -> meaning score per held-out question
    neg: dict[int, Floats]  # k -> per held-out negative (the set's, then personal)
    ordinary: dict[int, Floats]
    n_set_neg: int
    n_ordinary: int  # `ordinary` holds the ordinary messages, then the red-team requests


def _pattern(rows: Sequence[Labelled]) -> np.ndarray:
    return np.array(
        [asks_what_i_am(r.text, creator=creator_of({"text": r.text})) is not None for r in rows]
    )


def build_fold(test: str, vectors: Vectors, ordinary: list[str], n_ordinary: int) -> Fold:
    """Train on the exemplars, the other sets and the other parts of the hard negatives;
    measure on `test` and its part of the hard negatives."""
    own = list(load_exemplars("identity"))
    names = list(TRAINING_SETS)
    held_part = names.index(test)
    hard = parts(hard_negatives(), len(names))
    base = own + [e for i, p in enumerate(hard) if i != held_part for e in p]
    base += list(load_exemplars("ordinary"))
    trained = [
        Exemplar("identity" if r.positive else NEGATIVE, r.lang, r.text)
        for name in names
        if name != test
        for r in set_rows(name)
    ]
    exemplars = base + trained
    bank = Bank(exemplars, vectors([e.text for e in exemplars]))
    held = set_rows(test)
    pos_rows = [r for r in held if r.positive]
    neg_rows = [r for r in held if not r.positive] + [
        Labelled(e.text, e.lang, False) for e in hard[held_part]
    ]
    pos_v, neg_v, ord_v = (
        vectors([r.text for r in pos_rows]),
        vectors([r.text for r in neg_rows]),
        vectors(ordinary),
    )
    return Fold(
        f"{'+'.join(n for n in names if n != test)}->{test}",
        _pattern(pos_rows),
        _pattern(neg_rows),
        _pattern([Labelled(t, "", False) for t in ordinary]),
        [r.lang for r in pos_rows],
        [r.lang for r in neg_rows],
        {k: positive_score(bank, pos_v, k) for k in KS},
        {k: positive_score(bank, neg_v, k) for k in KS},
        {k: positive_score(bank, ord_v, k) for k in KS},
        sum(1 for r in held if not r.positive),
        n_ordinary,
    )


@dataclass
class Figures:
    recall: float
    hits: int
    positives: int
    false_set: int
    set_negatives: int
    false_personal: int
    personal: int
    false_ordinary: float
    false_requests: float

    def __str__(self) -> str:
        return (
            f"{self.hits}/{self.positives} questions, false {self.false_set}/{self.set_negatives}"
            f" negatives + {self.false_personal}/{self.personal} hard, ordinary "
            f"{self.false_ordinary:.4f}, instruction requests {self.false_requests:.4f}"
        )


def figures(fold: Fold, k: int, cut: float) -> Figures:
    hit = fold.pattern_pos | (fold.pos[k] >= cut)
    flagged = fold.pattern_neg | (fold.neg[k] >= cut)
    n = fold.n_set_neg
    return Figures(
        float(hit.mean()),
        int(hit.sum()),
        len(hit),
        int(flagged[:n].sum()),
        n,
        int(flagged[n:].sum()),
        len(flagged) - n,
        float((fold.pattern_ord | (fold.ordinary[k] >= cut))[: fold.n_ordinary].mean()),
        float((fold.pattern_ord | (fold.ordinary[k] >= cut))[fold.n_ordinary :].mean()),
    )


def by_language(fold: Fold, k: int, cut: float) -> tuple[Counter[str], Counter[str]]:
    """Held-out questions missed and negatives (the set's and hard ones) flagged, per language."""
    hit = fold.pattern_pos | (fold.pos[k] >= cut)
    flagged = fold.pattern_neg | (fold.neg[k] >= cut)
    missed = Counter(lang for lang, h in zip(fold.pos_langs, hit, strict=True) if not h)
    wrong = Counter(lang for lang, f in zip(fold.neg_langs, flagged, strict=True) if f)
    return missed, wrong


def choose(folds: Sequence[Fold], ks: Sequence[int] = KS) -> tuple[int, float, list[Figures]]:
    """The (k, cut) that recognises most held-out questions over the folds within budget."""
    best: tuple[tuple[int, int], int, float, list[Figures]] | None = None
    for k in ks:
        cuts = sorted(set(np.round(np.concatenate([f.pos[k] for f in folds]), 4)))
        for cut in cuts:
            got = [figures(f, k, float(cut)) for f in folds]
            neg = sum(g.false_set + g.false_personal for g in got)
            neg_n = sum(g.set_negatives + g.personal for g in got)
            if neg / neg_n > MAX_FP or max(g.false_ordinary for g in got) > MAX_FP:
                continue
            score = (sum(g.hits for g in got), -neg)
            if best is None or score > best[0]:
                best = (score, k, float(cut), got)
            break  # the lowest cut within budget recognises the most for this k
    if best is None:
        raise RuntimeError(f"no cut keeps false positives under {MAX_FP}")
    return best[1], best[2], best[3]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copy-sets", action="store_true", help="write identity_sets.txt")
    parser.add_argument("--write", action="store_true", help="store the threshold")
    args = parser.parse_args(argv)
    if args.copy_sets:
        COPIED.write_text(sets_text(), encoding="utf-8")
        print(f"wrote {COPIED}")
    from core.trust.meaning_embedder import multilingual_embedder

    embedder = multilingual_embedder()
    if embedder is None or embedder.model_name != MODEL:
        raise SystemExit(f"{MODEL} is not installed")
    ordinary = ordinary_messages()
    n_ordinary = len(ordinary)
    ordinary += redteam_requests()
    texts = [e.text for t in ("identity", *HARD, "ordinary") for e in load_exemplars(t)]
    texts += [r.text for name in TRAINING_SETS for r in set_rows(name)] + ordinary
    vectors = Vectors(embedder, texts)
    folds = [build_fold(name, vectors, ordinary, n_ordinary) for name in TRAINING_SETS]
    for k in KS:
        k_best = choose(folds, (k,))
        print(
            f"k={k}: cut {k_best[1]:.4f}: "
            + "; ".join(f"{f.name} {g}" for f, g in zip(folds, k_best[2], strict=True))
        )
    k, cut, got = choose(folds)
    measured = "; ".join(f"{f.name} {g}" for f, g in zip(folds, got, strict=True))
    how = "probe" if k == 0 else f"knn {k}"
    print(f"chosen: {how}, cut {cut:.4f}: {measured}")
    missed_all: Counter[str] = Counter()
    for f in folds:
        missed, wrong = by_language(f, k, cut)
        missed_all += missed
        print(f"  {f.name}: missed {dict(sorted(missed.items()))}; flagged {dict(wrong)}")
    print(f"  missed over the folds by language: {dict(sorted(missed_all.items()))}")
    if args.write:
        what = f"{how}, leave-one-set-out (bench.identity_calibrate), patterns or meaning: "
        store_thresholds(
            {("identity", MODEL): (Threshold(round(cut, 4), 0.0, k), what + measured)}
        )
        print(f"wrote {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
