"""Live-mode benchmark: a crowd's burst collected and grouped, beside answering each message.

    python -m bench.live [--messages 500] [--fans 200] [--calibrate]

Same run, in-memory stack, instant fake LLM:
1. the grouping threshold per embedder on the labelled tuning set
   (tests/fixtures/live_questions.py): share of same-question and different-question pairs at
   or above each cosine, and the one chosen: the lowest cosine at which at most 0.1% of
   different-question pairs would merge (one answer for two questions is the worse error).
   `--calibrate` writes the chosen ones to core/conversation/live_thresholds.json, which live
   mode reads for the configured embedder;
2. live mode on: the burst pushed into one channel; questions/s ingested, grouping cost per
   question (embedding + comparing), how pure the groups are, and posts needed (one a round);
3. live mode off, caps lifted: the same burst answered message by message (one post each).
The stack's brain embeds with the hash twin, so the like-for-like ratio is live mode on the
hash embedder; MiniLM grouping is printed too (it is what groups paraphrases well).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import time
from collections import Counter
from typing import Any

import numpy as np
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.conversation.live_board import THRESHOLDS
from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.types import Role
from tests.fixtures.live_questions import QUESTIONS
from tests.scenario.harness import Chat, make_chat

MOD = frozenset({Role.MODERATOR})
COUNTS = [80, 70, 60, 50, 40] + [14] * 14 + [4]


MAX_DIFFERENT = 0.001  # at most this share of different-question pairs may merge
GRID = [round(0.30 + 0.01 * i, 2) for i in range(70)]


def thresholds(embedder: Any) -> dict[str, float]:
    """Print the pair rates on the tuning set; return the chosen threshold and its rates."""
    texts = [t for g in QUESTIONS for t in g]
    labels = [i for i, g in enumerate(QUESTIONS) for _ in g]
    v = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sims = v @ v.T
    same, diff = [], []
    for i, j in itertools.combinations(range(len(texts)), 2):
        (same if labels[i] == labels[j] else diff).append(sims[i, j])
    s, d = np.asarray(same), np.asarray(diff)
    print(f"\n{embedder.model_name}: {len(s)} same-question pairs, {len(d)} different")
    for t in (0.45, 0.55, 0.6, 0.65, 0.7, 0.75):
        print(
            f"  cosine >= {t:.2f}: same {np.mean(s >= t):6.1%}   different {np.mean(d >= t):6.2%}"
        )
    chosen = next(t for t in GRID + [0.999] if np.mean(d >= t) <= MAX_DIFFERENT)
    found = {
        "similarity": chosen,
        "same": round(float(np.mean(s >= chosen)), 4),
        "different": round(float(np.mean(d >= chosen)), 4),
    }
    print(f"  chosen: {chosen:.2f} (same {found['same']:.1%}, different {found['different']:.2%})")
    return found


def burst(messages: int, fans: int) -> list[tuple[str, int, str]]:
    rng = random.Random(25)
    weights = [c / sum(COUNTS) for c in COUNTS]
    picks = rng.choices(range(len(QUESTIONS)), weights=weights, k=messages)
    return [(f"fan{n % fans}", q, rng.choice(QUESTIONS[q])) for n, q in enumerate(picks)]


async def chat_with(embedder: Any, **policies: Any) -> Chat:
    chat = await make_chat(FakeListChatModel(responses=["My answer [1]."] * 2000))
    clone = chat.services.clone
    bot = clone.bot.model_copy(update={"policies": clone.bot.policies.model_copy(update=policies)})
    chat.services.bot = clone.bot = clone.control.bot = clone.brain.bot = bot

    async def embed(text: str) -> list[float]:
        return embedder.embed_query(text)

    clone.live.embed = embed
    clone.live.model_name = embedder.model_name
    return chat


async def live_run(asks: list[tuple[str, int, str]], embedder: Any) -> float:
    chat = await chat_with(embedder, live_round_seconds=3600)
    await chat.say("/clone live on 60", user="mod", roles=MOD)
    live = chat.services.clone.live
    began = time.perf_counter()
    for n, (fan, _, text) in enumerate(asks):
        await chat.say(text, user=fan, message_id=f"q{n}")
    took = time.perf_counter() - began
    session = live.session("test:guild1:general:")
    assert session is not None
    which = {text: q for q, texts in enumerate(QUESTIONS) for text in texts}
    pure = sum(
        Counter(which[m.event.text] for m in g.members).most_common(1)[0][1]
        for g in session.groups
        if g.members
    )
    top5 = [
        Counter(which[m.event.text] for m in g.members).most_common(1)[0][0]
        for g in session.waiting()[:5]
    ]
    print(f"\nlive mode on, {embedder.model_name} ({len(asks)} questions):")
    print(f"  ingested        {len(asks) / took:8.0f} questions/s ({took:.2f} s)")
    print(f"  grouping        {live.grouping_seconds / len(asks) * 1000:8.2f} ms/question")
    print(f"  groups          {len(session.groups):8d} (underlying questions: {len(QUESTIONS)})")
    print(f"  purity          {pure / len(asks):8.1%} of messages in their question's group")
    print(f"  top 5 groups    {top5} (underlying 0-4 are the most asked)")
    print(f"  posts for top 5 {5:8d} (one per round)")
    await chat.say("/clone live off", user="mod", roles=MOD)
    return len(asks) / took


async def each_run(asks: list[tuple[str, int, str]], embedder: Any) -> float:
    chat = await chat_with(
        embedder,
        channel_cooldown_seconds=0.0,
        fan_cooldown_seconds=0.0,
        channel_per_minute=100_000,
        fan_per_minute=100_000,
        community_per_minute=100_000,
        queue_size=100_000,
    )
    began = time.perf_counter()
    replies = await asyncio.gather(
        *(chat.say(text, user=fan, message_id=f"q{n}") for n, (fan, _, text) in enumerate(asks))
    )
    took = time.perf_counter() - began
    posts = sum(len(r) for r in replies)
    print(f"\nanswering each message ({len(asks)} questions, caps lifted):")
    print(f"  handled         {len(asks) / took:8.0f} questions/s ({took:.2f} s)")
    print(f"  posts           {posts:8d} (at 20/min in a Telegram group: {posts / 20:.0f} min)")
    await chat.services.clone.close()
    return len(asks) / took


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--fans", type=int, default=200)
    parser.add_argument("--calibrate", action="store_true", help="write the chosen thresholds")
    args = parser.parse_args()
    minilm, hashed = MiniLMEmbedder(), HashEmbedder()
    measured = {e.model_name: thresholds(e) for e in (minilm, hashed)}
    if args.calibrate:
        THRESHOLDS.write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten: {THRESHOLDS}")
    asks = burst(args.messages, args.fans)
    live = await live_run(asks, minilm)
    live_hash = await live_run(asks, HashEmbedder())
    each = await each_run(asks, minilm)
    # The stack's brain embeds with the hash twin, so the like-for-like ratio is the hash row.
    print(f"\nratio (hash embedder both sides): live mode ingests {live_hash / each:.1f}x")
    print(f"ratio (MiniLM grouping vs hash-embedded answers): {live / each:.1f}x")


if __name__ == "__main__":
    asyncio.run(main())
