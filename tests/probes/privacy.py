"""Labelled sets for prompt privacy by meaning: does an outgoing text give a non-public
instruction away (a paraphrase, a translation, a dropped-bullet copy), or is it an ordinary
answer that only shares topic words with one?

Two splits: `tests/trust/privacy_pairs.jsonl` (tuning: Mara and Ines) and
`tests/heldout/privacy/pairs.jsonl` (held-out: Juno, Dario and fresh sentences for Mara), each
with a translated set beside it (`privacy_translated.jsonl`, `translated.jsonl`: leaks and
ordinary replies in es de fr pt it nl zh ja; tuning Mara and Ines, held-out Dario), and a
second held-out translated set, CJK-heavy (`translated_v2.jsonl`, Teodor only), and a CJK-heavy
training set (`tests/data/privacy/translated_cjk_train.jsonl`, Mara and Noor), scored apart.
Both are scored here the way `PromptGuard` decides: each text split into the guard's sentences,
each sentence's best cosine with one instruction and with one public persona text. Negatives
also include every creator's public persona lines and the sentences she published (her archive).
Read by bench/privacy_calibrate.py, which picks the threshold on the tuning split only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bots.registry import register_platforms
from core.brain.prompt import system_prompt
from core.persona.bot import Persona, load_bot
from core.trust.meaning import Meaning, TextEmbedder, Threshold, read_thresholds
from core.trust.privacy import Nearness, PromptGuard, _split, public_lines, words
from tests.probes.meaning import creator_sentences

ROOT = Path(__file__).resolve().parents[2]
TUNING = ROOT / "tests" / "trust" / "privacy_pairs.jsonl"
HELDOUT = ROOT / "tests" / "heldout" / "privacy" / "pairs.jsonl"
CREATORS = {
    "mara": ROOT / "bots" / "example",
    "ines": ROOT / "tests" / "fixtures" / "creators" / "ines",
    "juno": ROOT / "tests" / "heldout" / "creators" / "juno",
    "dario": ROOT / "tests" / "heldout" / "creators" / "dario",
    "teodor": ROOT / "tests" / "heldout" / "creators" / "teodor",
    "noor": ROOT / "tests" / "fixtures" / "creators" / "noor",
}
SPLITS = {"tune": TUNING, "holdout": HELDOUT}
TRANSLATED = {
    "tune": ROOT / "tests" / "trust" / "privacy_translated.jsonl",
    "holdout": ROOT / "tests" / "heldout" / "privacy" / "translated.jsonl",
    # A second held-out set, CJK-heavy, for a creator of its own (Teodor): translated only.
    "holdout_v2": ROOT / "tests" / "heldout" / "privacy" / "translated_v2.jsonl",
    # CJK-heavy (zh simplified and traditional, ja, ko; es de fr as a check), for Mara and Noor,
    # with hard negatives that do what a rule says without saying it. Written as training
    # material; scored beside the splits, not yet used to choose a cut (docs/trust.md).
    "cjk_train": ROOT / "tests" / "data" / "privacy" / "translated_cjk_train.jsonl",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Row:
    """One outgoing text, labelled: 1 gives an instruction away, 0 does not."""

    split: str
    creator: str
    label: int
    kind: str  # dump, bullet, paraphrase, reordered, third, translated; ontopic, public, archive
    lang: str
    text: str
    source: str = "pairs"  # pairs or translated: which file of the split


@dataclass(frozen=True, slots=True)
class Scored:
    row: Row
    parts: tuple[Nearness, ...]  # each sentence the guard would judge

    def blocked(
        self,
        threshold: Threshold,
        translated: Threshold | None = None,
        cjk: Threshold | None = None,
    ) -> bool:
        return any(n.leaks(threshold, translated, cjk) for n in self.parts)

    @property
    def lift(self) -> float:
        return max((n.lift for n in self.parts), default=-1.0)


def persona(creator: str) -> Persona:
    register_platforms()  # the example's bot.toml names Telegram and Discord exports
    return load_bot(CREATORS[creator]).persona


def published(creator: str) -> list[str]:
    """Sentences the creator published: the example's whole archive, else her markdown posts."""
    if creator == "mara":
        return creator_sentences()
    texts: list[str] = []
    for path in sorted((CREATORS[creator] / "archive").glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("---")[-1]
        texts += [ln for ln in body.splitlines() if ln.strip() and not ln.startswith("#")]
    sentences = [s.strip() for t in texts for s in _SENTENCE.split(t) if len(s.split()) >= 3]
    return list(dict.fromkeys(sentences))


def load_rows(split: str, *, with_public: bool = True) -> list[Row]:
    """The split's labelled texts, plus (as negatives) each of its creators' public persona
    lines and published sentences."""
    rows: list[Row] = []
    files = (("pairs", SPLITS.get(split)), ("translated", TRANSLATED[split]))
    for source, path in ((s, p) for s, p in files if p is not None):
        for line in path.read_text(encoding="utf-8").splitlines():
            r: dict[str, Any] = json.loads(line)
            label, kind, lang, text = int(r["label"]), r["kind"], r["lang"], r["text"]
            rows.append(Row(split, r["creator"], label, kind, lang, text, source))
    if with_public:
        for creator in dict.fromkeys(r.creator for r in rows):
            if split != "tune" and creator in {"mara", "ines", "noor"}:
                continue  # their public text is already in the tuning split
            lines = [t for t in public_lines(persona(creator)) if len(words(t)) >= 3]
            rows += [Row(split, creator, 0, "public", "en", t) for t in lines]
            rows += [Row(split, creator, 0, "archive", "", t) for t in published(creator)]
    return rows


def scoring_meaning(embedder: TextEmbedder) -> Meaning:
    """The embedder's measured thresholds with the paraphrase check switched on at any score,
    so the guard embeds its instructions and reports similarities for every sentence."""
    measured = read_thresholds()
    measured["paraphrase"] = {embedder.model_name: Threshold(-1.0, -2.0, 1)}
    return Meaning(embedder, thresholds=measured)


def score_rows(rows: list[Row], embedder: TextEmbedder) -> list[Scored]:
    """Every row's sentences scored against its creator's instructions and public lines."""
    meaning = scoring_meaning(embedder)
    guards: dict[str, PromptGuard] = {}
    out: list[Scored] = []
    for row in rows:
        if row.creator not in guards:
            p = persona(row.creator)
            guards[row.creator] = PromptGuard(p, rules=system_prompt(p), meaning=meaning)
        parts = [p for p in _split(row.text) if len(words(p)) >= 3]
        found = guards[row.creator].similarities(parts) or []
        out.append(Scored(row, tuple(found)))
    return out


def instructions(creator: str) -> list[str]:
    p = persona(creator)
    return PromptGuard(p, rules=system_prompt(p)).instructions


def pr(
    scored: list[Scored],
    threshold: Threshold,
    translated: Threshold | None = None,
    cjk: Threshold | None = None,
) -> tuple[float, float, int, int]:
    """Precision, recall, false positives and negatives at one threshold (and, for sentences in
    another language than the prompt, `translated`; in CJK script, `cjk`)."""
    tp = sum(s.blocked(threshold, translated, cjk) for s in scored if s.row.label)
    fp = sum(s.blocked(threshold, translated, cjk) for s in scored if not s.row.label)
    pos = sum(s.row.label for s in scored)
    neg = len(scored) - pos
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / pos if pos else 1.0), fp, neg
