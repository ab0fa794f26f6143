"""Direct-reuse hit rate on the held-out paraphrases (tests/heldout/example_paraphrases.jsonl):
run ONCE at the end to report; the thresholds were picked on bench/data/ pairs, never on these.

Two rules side by side, as the clone applies them (core/brain/brain.py): MiniLM alone at
REUSE_THRESHOLD, and the same or, when the fan's language is not her question's, the
multilingual e5 at CROSS_LANGUAGE_REUSE_THRESHOLD. A reuse is right when the reused reply is
the answer of the item the row names (the same reply cross-posted elsewhere counts).

Run: `PYTHONPATH=. .venv/bin/python -m bench.reuse_heldout`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bots.registry import register_platforms
from core.brain.voice import CROSS_LANGUAGE_REUSE_THRESHOLD, REUSE_THRESHOLD
from core.config import Settings
from core.ingest.pipeline import collect_exchanges
from core.memory.embeddings import cosine, make_embedder
from core.memory.exchanges import Exchange
from core.persona.bot import load_bot
from core.trust.language import guess_language
from core.trust.meaning_embedder import multilingual_embedder

ROOT = Path(__file__).parents[1]
HELDOUT = ROOT / "tests" / "heldout" / "example_paraphrases.jsonl"


def _best(
    v: list[float], vectors: list[list[float]], exchanges: list[Exchange]
) -> tuple[float, Exchange]:
    scored = ((cosine(v, q), e) for q, e in zip(vectors, exchanges, strict=True))
    return max(scored, key=lambda x: x[0])


def main() -> None:
    folder = ROOT / "bots" / "example"
    register_platforms()  # the example's Telegram and Discord exports
    bot = load_bot(folder)
    exchanges = [e for s in bot.sources for e in collect_exchanges(bot.id, s, folder)]
    answer_of = {f"{e.source}:{e.item_id}": e.answer for e in exchanges}
    minilm, e5 = make_embedder(Settings()), multilingual_embedder()
    questions = [e.question for e in exchanges]
    mini_q = minilm.embed_documents(questions)
    e5_q = e5.embed_documents(questions) if e5 is not None else []
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
    by_lang: Counter[str] = Counter()
    tallies = {rule: (Counter[str](), Counter[str]()) for rule in ("minilm", "with e5")}
    for row in rows:
        wanted = {f"{row['source']}:{row['answers_item']}", *row.get("also_answered_by", [])}
        right = {answer_of[w] for w in wanted if w in answer_of}
        lang = row.get("lang", "?")
        by_lang[lang] += 1
        score, best = _best(minilm.embed_query(row["text"]), mini_q, exchanges)
        chosen = {"minilm": best if score >= REUSE_THRESHOLD else None}
        chosen["with e5"] = chosen["minilm"]
        if chosen["with e5"] is None and e5 is not None:
            asked = guess_language(row["text"])
            [v] = e5.embed_documents([row["text"]])
            across = [
                (q, e)
                for q, e in zip(e5_q, exchanges, strict=True)
                if guess_language(e.question) != asked
            ]
            if across:
                score, best = _best(v, [q for q, _ in across], [e for _, e in across])
                if score >= CROSS_LANGUAGE_REUSE_THRESHOLD:
                    chosen["with e5"] = best
        for rule, picked in chosen.items():
            hits, wrong = tallies[rule]
            if picked is not None:
                (hits if picked.answer in right else wrong)[lang] += 1
    total = sum(by_lang.values())
    for rule, (hits, wrong) in tallies.items():
        english = by_lang["en"]
        others = total - english
        print(
            f"{rule}: {sum(hits.values())}/{total} reused her answer, {sum(wrong.values())} a "
            f"wrong one; English {hits['en']}/{english}, other languages "
            f"{sum(hits.values()) - hits['en']}/{others}"
        )
        for lang, n in by_lang.most_common():
            print(f"  {lang}: {hits[lang]}/{n} right, {wrong[lang]} wrong")


if __name__ == "__main__":
    main()
