"""Measures a quote's relevance floor (core/brain/quote_floor.json): the cosine between the fan's
question and her nearest source sentence below which the brain deflects instead of quoting.

When the generated text is unusable, the brain quotes the archive sentences nearest the
question (core/brain/quote_floor.py `nearest_passage`); before the floor, any source that
retrieval kept was quoted, so "What can I make with sourdough discard?" got "Butter at room
temperature, every time." presented as her answer (issue 21).

Labelled (question, passage) pairs, per creator:
  answers      a grounded probe and the sentence(s) of its expected item holding its fact
               (`expect.source_contains`): a passage that answers.
  absent       an absent probe and the passage the brain would quote for it today (retrieval
               top-k, the quotable sources, the nearest sentence): nothing in her archive
               answers these, so whatever it quotes does not answer.
  wrong item   a grounded probe and the nearest sentence of any quotable item not listed in
               its `acceptable_items` (every item stating the fact): a near passage that
               does not answer.
Both embedders score every pair: the memory's (MiniLM, what the brain scores sentences with)
and multilingual-e5-small where installed. The floor is chosen on Mara's pairs
(bots/example/eval/probes.jsonl, tuning: the threshold with the largest recall minus false
quote rate, the middle of the tied ones) and reported on Juno's (tests/heldout/creators/juno,
held out: scored with the chosen floor, never used to choose it). A third view runs the brain's
own choice on each grounded probe: is today's quote from an item that states the fact, and
does the floor keep it?

The floor kept is the one whose kept quotes answer most often among those keeping 80% of the
answering passages, and only if that beats quoting everything by 0.05 in precision; else 0.0
(no floor). The floor with the largest recall minus false quote rate is printed beside it.
Measured 2026-12-02 (bots/example and juno archives, MiniLM): the sentence cosine does not
separate answering passages from near ones that do not answer (AUC 0.25 on Mara, 0.24 on Juno;
e5 0.26 and 0.29: a wrong item's nearest sentence is usually nearer than the answer), so no
floor is kept; the largest R - FQ floor, 0.78 on Mara, keeps none of Juno's answering passages.
This rule was written after a first run (largest R - FQ) had printed Juno's figures: Juno is
no clean held-out measure of the rule.

`--rules` runs the brain's choice of the piece to quote under rules for the pieces it may be
chosen from (the rule list was written before either creator was run). Measured 2026-12-02,
MiniLM, grounded quotes answering / from another item, absent probes quoted, answering /
other pairs refused: every piece Mara 10/11 (P 0.48), Juno 14/4 (P 0.78); a piece with a word
of letters once hashtags, mentions and links are gone: unchanged, pairs 0/1 and 0/1; 3 words:
unchanged quotes, pairs 2/1 and 1/2 (answers refused: not kept); no link: Mara 12/8 (P 0.60),
Juno 15/3 (P 0.83), pairs 0/4 and 0/3 (kept, core/brain/quote_floor.py `worth_quoting`); a
number for a quantity question (English patterns, core/brain/asked_specific.py) on top: Mara
12/7 (P 0.63), Juno unchanged, pairs 0/7 and 0/4: gains on tuning only, English only, not kept.

Run: `PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python -m bench.quote_floor [--write] [--pairs]`;
`--write` stores the floors in core/brain/quote_floor.json, which the clone reads (bootstrap).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bots.registry import register_platforms
from core.brain.answer_quality import sentences
from core.brain.asked_specific import asked_specific, carries_specific
from core.brain.quote_floor import FLOORS, has_link, nearest_passage, says_something
from core.config import Settings
from core.ingest.pipeline import run_ingest
from core.memory.embeddings import MiniLMEmbedder, cosines
from core.memory.memory import Memory
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.persona.bot import load_bot
from core.records import Chunk, Visibility
from core.trust.meaning_embedder import multilingual_embedder

ROOT = Path(__file__).parents[1]
MARA = (ROOT / "bots" / "example", ROOT / "bots" / "example" / "eval" / "probes.jsonl")
JUNO = (
    ROOT / "tests" / "heldout" / "creators" / "juno",
    ROOT / "tests" / "heldout" / "creators" / "juno" / "probes.jsonl",
)
PUBLIC = frozenset({Visibility.PUBLIC})
# The brain's own settings for the embedded model (bots/bootstrap.py, core/brain/brain.py).
K = Settings(llm_provider="local").prompt_budget()[0]
MIN_SCORE, QUOTE_MIN_SCORE = 0.25, 0.45


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str  # answers | absent | wrong item
    question: str
    passage: str
    item: str
    minilm: float
    e5: float | None = None

    @property
    def answers(self) -> bool:
        return self.kind == "answers"


@dataclass(frozen=True, slots=True)
class Quote:
    """What the brain would quote today for a grounded probe, and whether it answers."""

    question: str
    passage: str
    item: str
    score: float
    answers: bool


@dataclass(frozen=True, slots=True)
class Choice:
    """The brain's quote for a probe under one rule for the pieces it may choose."""

    rule: str
    category: str  # grounded | absent
    question: str
    item: str | None  # None: nothing quoted (she deflects)
    answers: bool


Rule = Callable[[str, str], bool]


def _rules() -> dict[str, Rule]:
    """Rules for the pieces a quote may be chosen from: (question, piece) -> allowed."""
    return {
        "every piece": lambda q, p: True,
        "says something (1 word)": lambda q, p: says_something(p, 1),
        "says something (3 words)": lambda q, p: says_something(p, 3),
        "says something (5 words)": lambda q, p: says_something(p, 5),
        "no link": lambda q, p: says_something(p, 1) and not has_link(p),
        "number when asked": lambda q, p: says_something(p, 1) and carries_specific(q, p),
        "number when asked (numbers only)": lambda q, p: (
            says_something(p, 1) and (asked_specific(q) != "number" or carries_specific(q, p))
        ),
        "no link, number when asked (numbers only)": lambda q, p: (
            says_something(p, 1)
            and not has_link(p)
            and (asked_specific(q) != "number" or carries_specific(q, p))
        ),
    }


def _key(chunk: Chunk) -> str:
    return f"{chunk.source}:{chunk.item_id}"


def _holding(chunks: Sequence[Chunk], fact: str) -> str | None:
    """The fewest consecutive sentences of one of `chunks` whose text holds `fact`."""
    for chunk in chunks:
        parts = [s.strip() for s in sentences(chunk.text)]
        for width in range(1, len(parts) + 1):
            for start in range(len(parts) - width + 1):
                text = " ".join(parts[start : start + width])
                if fact in " ".join(text.split()):
                    return text
    return None


async def creator_pairs(
    folder: Path, probes_file: Path
) -> tuple[list[Pair], list[Quote], list[Choice]]:
    """The labelled pairs of one creator, MiniLM-scored, the brain's grounded quotes, and its
    choice for each grounded and absent probe under each rule of `_rules`."""
    bot = load_bot(folder)
    memory = Memory(InMemoryMemoryStore(), MiniLMEmbedder())
    await run_ingest(bot, folder, memory)
    stored = [
        c
        for c in await memory.store.search_corpus(
            bot.id, await memory.embed_query("bread"), 100_000, PUBLIC
        )
    ]
    chunks = [h.chunk for h in stored]
    quotable = [c for c in chunks if not c.context]
    sentence_rows = [(c, s.strip()) for c in quotable for s in sentences(c.text) if s.strip()]
    sentence_vectors = await memory.embed_texts([s for _, s in sentence_rows])
    text = await asyncio.to_thread(probes_file.read_text, encoding="utf-8")
    probes = [json.loads(line) for line in text.splitlines()]
    pairs: list[Pair] = []
    quotes: list[Quote] = []
    choices: list[Choice] = []
    for probe in probes:
        if probe["category"] not in ("grounded", "absent"):
            continue
        question = probe["message"]
        vector = await memory.embed_query(question)
        hits = await memory.recall_corpus(bot.id, vector, K, PUBLIC)
        chosen = [
            h.chunk
            for h in hits
            if h.score >= max(MIN_SCORE, QUOTE_MIN_SCORE) and not h.chunk.context
        ]
        current = (
            await nearest_passage(memory.embed_texts, chosen, vector, 1, lambda p: True)
            if chosen
            else None
        )
        expect = probe.get("expect") or {}
        acceptable = set(expect.get("acceptable_items") or ())
        if "item_id" in expect:
            acceptable.add(f"{expect['source']}:{expect['item_id']}")
        for rule, allow in _rules().items():

            def keep(p: str, q: str = question, allow: Rule = allow) -> bool:
                return allow(q, p)

            got = (
                await nearest_passage(memory.embed_texts, chosen, vector, 1, keep)
                if chosen
                else None
            )
            item = _key(got[0]) if got is not None else None
            answers = item is not None and item in acceptable
            choices.append(Choice(rule, probe["category"], question, item, answers))
        if probe["category"] == "absent":
            if current is not None and current[2] is not None:
                chunk, text, score = current
                pairs.append(Pair("absent", question, text, _key(chunk), score))
            continue
        own = [c for c in chunks if _key(c) == f"{expect['source']}:{expect['item_id']}"]
        fact = _holding(own, expect["source_contains"])
        if fact is not None:
            [score] = cosines(await memory.embed_texts([fact]), vector)
            pairs.append(Pair("answers", question, fact, _key(own[0]), score))
        others = [i for i, (c, _) in enumerate(sentence_rows) if _key(c) not in acceptable]
        near = cosines(sentence_vectors[others], vector)
        best = max(range(len(others)), key=lambda j: near[j])
        chunk, text = sentence_rows[others[best]]
        pairs.append(Pair("wrong item", question, text, _key(chunk), near[best]))
        if current is not None and current[2] is not None:
            chunk, text, score = current
            quotes.append(Quote(question, text, _key(chunk), score, _key(chunk) in acceptable))
    return pairs, quotes, choices


def with_e5(pairs: list[Pair]) -> list[Pair]:
    """The same pairs scored by multilingual-e5-small (unchanged when it is not installed)."""
    e5 = multilingual_embedder()
    if e5 is None:
        return pairs
    qs = e5.embed_documents([p.question for p in pairs])
    ps = e5.embed_documents([p.passage for p in pairs])
    return [
        Pair(p.kind, p.question, p.passage, p.item, p.minilm, cosines([b], a)[0])
        for p, a, b in zip(pairs, qs, ps, strict=True)
    ]


def rates(scored: Sequence[tuple[float, bool]], floor: float) -> tuple[float, float, float]:
    """(precision of a quote, recall of answering passages, false quote rate) at `floor`."""
    tp = sum(s >= floor and y for s, y in scored)
    fp = sum(s >= floor and not y for s, y in scored)
    pos = sum(y for _, y in scored)
    neg = len(scored) - pos
    return (tp / (tp + fp) if tp + fp else 1.0, tp / pos if pos else 0.0, fp / neg if neg else 0.0)


def choose(scored: Sequence[tuple[float, bool]], min_recall: float = 0.8) -> float:
    """The floor whose kept quotes answer most often, among those keeping `min_recall` of the
    answering passages; 0.0 (no floor) unless that beats quoting everything: a floor that stops
    answers as often as non-answers only turns quotes into deflections."""
    grid = [i / 100 for i in range(0, 100)]
    kept = [t for t in grid if rates(scored, t)[1] >= min_recall]
    best = max(kept, key=lambda t: (rates(scored, t)[0], -t))
    return best if rates(scored, best)[0] > rates(scored, 0.0)[0] + 0.05 else 0.0


def youden(scored: Sequence[tuple[float, bool]]) -> float:
    """The floor with the largest recall minus false quote rate (the middle of the tied)."""
    grid = [i / 100 for i in range(0, 100)]
    gain = {t: rates(scored, t)[1] - rates(scored, t)[2] for t in grid}
    top = max(gain.values())
    return statistics.median_low([t for t in grid if gain[t] == top])


def auc(scored: Sequence[tuple[float, bool]]) -> float:
    """How often an answering passage scores above a non-answering one (0.5: no signal)."""
    pos = [s for s, y in scored if y]
    neg = [s for s, y in scored if not y]
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else 0.5


def _split(pairs: list[Pair], field: str) -> list[tuple[float, bool]]:
    return [(getattr(p, field), p.answers) for p in pairs if getattr(p, field) is not None]


def _counts(pairs: list[Pair]) -> str:
    kinds = ("answers", "absent", "wrong item")
    return ", ".join(f"{sum(p.kind == k for p in pairs)} {k}" for k in kinds)


def report(
    tuning: list[Pair], heldout: list[Pair], quotes: tuple[list[Quote], list[Quote]]
) -> dict[str, float]:
    """Print both splits side by side; return the floor chosen on tuning, per embedder."""
    print(f"pairs: Mara (tuning) {_counts(tuning)}; Juno (held out) {_counts(heldout)}")
    floors: dict[str, float] = {}
    for field, name in (("minilm", "all-MiniLM-L6-v2"), ("e5", "multilingual-e5-small")):
        tune, held = _split(tuning, field), _split(heldout, field)
        if not tune:
            print(f"\n{name}: not installed")
            continue
        floor = floors[name] = choose(tune)
        j = youden(tune)
        print(f"\n{name}  (P: quotes that answer, R: answering passages quoted, FQ: false quotes)")
        print(f"  AUC (answering above not): Mara {auc(tune):.2f}, Juno {auc(held):.2f}")
        print("  floor   Mara P / R / FQ        Juno P / R / FQ")
        for t in sorted({0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, floor, j}):
            mark = "  <- chosen on Mara" if t == floor else ""
            mark += "  <- largest R - FQ on Mara" if t == j else ""
            tp, tr, tf = rates(tune, t)
            hp, hr, hf = rates(held, t)
            mara, juno = f"{tp:.2f} / {tr:.2f} / {tf:.2f}", f"{hp:.2f} / {hr:.2f} / {hf:.2f}"
            print(f"  {t:.2f}    {mara}     {juno}{mark}")
        for kind in ("answers", "absent", "wrong item"):
            cells = []
            for pairs in (tuning, heldout):
                xs = [getattr(p, field) for p in pairs if p.kind == kind]
                cells.append(f"median {statistics.median(xs):.2f}" if xs else "-")
            print(f"  {kind:<10}  Mara {cells[0]}   Juno {cells[1]}")
    tune = _split(tuning, "minilm")
    for floor in sorted({floors["all-MiniLM-L6-v2"], youden(tune)}):
        print(
            f"\nThe brain's own quote for each grounded probe (MiniLM), at the floor {floor:.2f}:"
        )
        for name, rows in zip(("Mara", "Juno"), quotes, strict=True):
            right = [q for q in rows if q.answers]
            wrong = [q for q in rows if not q.answers]
            print(
                f"  {name}: {len(rows)} quoted today; from an item stating the fact "
                f"{len(right)}, kept {sum(q.score >= floor for q in right)}; from another item "
                f"{len(wrong)}, stopped {sum(q.score < floor for q in wrong)}"
            )
    return floors


def show(pairs: list[Pair], quotes: list[Quote]) -> None:
    for p in sorted(pairs, key=lambda p: p.minilm):
        e5 = f"{p.e5:.2f}" if p.e5 is not None else "-"
        print(
            f"  {p.minilm:.2f} {e5}  {p.kind:<10} {p.question!r} -> {p.item}: {p.passage[:90]!r}"
        )
    for q in quotes:
        print(f"  quote {q.score:.2f} {'ok ' if q.answers else 'BAD'} {q.question!r} -> {q.item}")


def write(floors: dict[str, float], tuning: list[Pair], heldout: list[Pair]) -> None:
    out = {}
    for name, floor in floors.items():
        field = "minilm" if name == "all-MiniLM-L6-v2" else "e5"
        tp, tr, tf = rates(_split(tuning, field), floor)
        hp, hr, hf = rates(_split(heldout, field), floor)
        tune, held = _split(tuning, field), _split(heldout, field)
        out[name] = {
            "floor": floor,
            "measured": (
                f"bench.quote_floor: {_counts(tuning)} (Mara, tuning) and {_counts(heldout)} "
                f"(Juno, held out); AUC {auc(tune):.2f} / {auc(held):.2f}; at this floor "
                f"P {tp:.2f} R {tr:.2f} false quotes {tf:.2f} / P {hp:.2f} R {hr:.2f} false "
                f"quotes {hf:.2f}; the largest R - FQ floor on Mara, {youden(tune):.2f}, keeps "
                f"R {rates(tune, youden(tune))[1]:.2f} / {rates(held, youden(tune))[1]:.2f}"
            ),
        }
    FLOORS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS.relative_to(ROOT)}")


def report_rules(runs: Sequence[tuple[str, list[Pair], list[Choice]]]) -> None:
    """Per rule and creator: of the grounded probes' quotes, how many answer (from an item
    stating the fact) and how many quote another item; absent probes quoted at all; and, on
    the labelled pairs, answering passages the rule would refuse against others it refuses."""
    print("\nRules for the pieces a quote is chosen from (grounded: answering / other item /")
    print("nothing quoted; absent: quoted; pairs: answering refused / not answering refused)")
    for rule in _rules():
        cells = []
        for name, pairs, choices in runs:
            mine = [c for c in choices if c.rule == rule]
            grounded = [c for c in mine if c.category == "grounded"]
            right = sum(c.answers for c in grounded)
            other = sum(c.item is not None and not c.answers for c in grounded)
            none = sum(c.item is None for c in grounded)
            absent = sum(c.item is not None for c in mine if c.category == "absent")
            allow = _rules()[rule]
            lost = sum(not allow(p.question, p.passage) for p in pairs if p.answers)
            stopped = sum(not allow(p.question, p.passage) for p in pairs if not p.answers)
            share = right / (right + other) if right + other else 0.0
            cells.append(
                f"{name} {right}/{other}/{none} P {share:.2f} absent {absent} "
                f"pairs {lost}/{stopped}"
            )
        print(f"  {rule:<41} " + "   ".join(cells))


async def main(args: argparse.Namespace) -> None:
    register_platforms()
    tuning, mara_quotes, mara_choices = await creator_pairs(*MARA)
    heldout, juno_quotes, juno_choices = await creator_pairs(*JUNO)
    report_rules([("Mara", tuning, mara_choices), ("Juno", heldout, juno_choices)])
    if args.rules:
        return
    tuning, heldout = with_e5(tuning), with_e5(heldout)
    if args.pairs:
        print("Mara's pairs (tuning):")
        show(tuning, mara_quotes)
    floors = report(tuning, heldout, (mara_quotes, juno_quotes))
    if args.write:
        write(floors, tuning, heldout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the floors the clone reads")
    parser.add_argument("--rules", action="store_true", help="only the piece rules' figures")
    parser.add_argument("--pairs", action="store_true", help="print Mara's pairs (tuning only)")
    asyncio.run(main(parser.parse_args()))
