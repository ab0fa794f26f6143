"""Direct-reuse hit rate on the held-out paraphrases (tests/heldout/example_paraphrases.jsonl):
run ONCE at the end to report; the threshold was picked on bench/data/ pairs, never on these.

Run: `PYTHONPATH=. .venv/bin/python -m bench.reuse_heldout`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bots.registry import register_platforms
from core.brain.voice import REUSE_THRESHOLD
from core.config import Settings
from core.ingest.pipeline import collect_exchanges
from core.memory.embeddings import cosine, make_embedder
from core.persona.bot import load_bot

ROOT = Path(__file__).parents[1]
HELDOUT = ROOT / "tests" / "heldout" / "example_paraphrases.jsonl"


def main() -> None:
    folder = ROOT / "bots" / "example"
    register_platforms()  # the example's Telegram and Discord exports
    bot = load_bot(folder)
    exchanges = [e for s in bot.sources for e in collect_exchanges(bot.id, s, folder)]
    embedder = make_embedder(Settings())
    qv = embedder.embed_documents([e.question for e in exchanges])
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
    by_lang: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for row in rows:
        v = embedder.embed_query(row["text"])
        score, best = max(
            ((cosine(v, q), e) for q, e in zip(qv, exchanges, strict=True)), key=lambda x: x[0]
        )
        wanted = {f"{row['source']}:{row['answers_item']}", *row.get("also_answered_by", [])}
        lang = row.get("lang", "?")
        by_lang[lang] += 1
        if score >= REUSE_THRESHOLD:
            if f"{best.source}:{best.item_id}" in wanted:
                hits[lang] += 1
            else:
                wrong[lang] += 1
    total = sum(by_lang.values())
    print(
        f"threshold {REUSE_THRESHOLD}: {sum(hits.values())}/{total} reused her answer, "
        f"{sum(wrong.values())} reused a wrong one"
    )
    for lang, n in by_lang.most_common():
        print(f"  {lang}: {hits[lang]}/{n} right, {wrong[lang]} wrong")


if __name__ == "__main__":
    main()
