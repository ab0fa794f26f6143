"""What live-mode tests share: the crowd (500 questions from 200 fans), the embedder, polling."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

from core.memory.embeddings import MINILM_NAME, MiniLMEmbedder
from tests.fixtures.live_questions import QUESTIONS

# How many of the 500 messages ask each underlying question: five clear favourites.
COUNTS = [80, 70, 60, 50, 40] + [14] * 14 + [4]
WHICH = {text: q for q, texts in enumerate(QUESTIONS) for text in texts}
CRISIS = "honestly I want to kill myself"


@lru_cache(maxsize=1)
def _minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@lru_cache(maxsize=512)
def _vector(text: str) -> tuple[float, ...]:
    return tuple(_minilm().embed_query(text))


async def minilm_embed(text: str) -> list[float]:
    """MiniLM, the default embedder, as `Memory.embed_query` runs it: an exact-text cache, the
    model off the event loop (the stack's hash twin is a bag of words, splits paraphrases)."""
    return list(await asyncio.to_thread(_vector, text))


def use_minilm(clone: Any) -> None:
    """Group this clone's live questions with MiniLM at its measured threshold."""
    clone.live.embed = minilm_embed
    clone.live.model_name = MINILM_NAME


def burst(messages: int = 500, fans: int = 200, seed: int = 25) -> list[tuple[str, int, str]]:
    """`messages` (fan, underlying question, wording) from `fans` fans, shuffled, in the
    proportions of COUNTS."""
    rng = random.Random(seed)
    scale = messages / sum(COUNTS)
    counts = [max(1, round(n * scale)) for n in COUNTS]
    counts[0] += messages - sum(counts)  # exactly `messages`; the favourite absorbs rounding
    asks = [(q, rng.choice(QUESTIONS[q])) for q, n in enumerate(counts) for _ in range(n)]
    rng.shuffle(asks)
    return [(f"fan{i % fans}", q, text) for i, (q, text) in enumerate(asks)]


async def poll(done: Callable[[], bool], deadline: float = 30.0, every: float = 0.1) -> None:
    """Wait until `done()` holds, with a generous deadline."""
    async with asyncio.timeout(deadline):
        for _ in iter(int, 1):  # forever, until done or the deadline
            if done():
                return
            await asyncio.sleep(every)


async def poll_async(done: Callable[[], Awaitable[bool]], deadline: float = 30.0) -> None:
    async with asyncio.timeout(deadline):
        for _ in iter(int, 1):
            if await done():
                return
            await asyncio.sleep(0.1)


def underlying(group: Any) -> int:
    """The underlying question most of a live group's members asked."""
    counts: dict[int, int] = {}
    for m in group.members:
        q = WHICH[m.event.text]
        counts[q] = counts.get(q, 0) + 1
    return max(counts, key=counts.__getitem__)
