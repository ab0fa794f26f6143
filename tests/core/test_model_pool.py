"""Embedding runs on the model pool: the loop's default executor stays free for the small
blocking calls a model request makes (the OpenAI client's platform probe, DNS lookups), so a
clone busy embedding never misses a healthy provider's first-text deadline."""

from __future__ import annotations

import asyncio
import platform
import threading
from collections.abc import AsyncIterator, Sequence

import numpy as np

from core.llm.breaker import CircuitBreakerGenerator
from core.memory.memory import embed_texts
from core.trust.meaning import Meaning

# More jobs than the default executor has threads (min(32, cores + 4)): were they run there,
# nothing else could run in it until they end.
JOBS = 40


class GatedEmbedder:
    """A model whose every call blocks until `gate` opens: embedding that takes forever."""

    model_name = "gated-test-model"
    dimension = 4

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.started += 1
        self.gate.wait(60)
        return [[1.0, 0.0, 0.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class ProbingModel:
    """A provider client that, like the OpenAI one before its first request, runs a blocking
    probe in the default executor, then answers at once."""

    name = "probing"

    async def stream(self, messages: Sequence[object]) -> AsyncIterator[str]:
        await asyncio.to_thread(platform.platform)
        yield "Rye gives tang."


async def test_embedding_jobs_never_fill_the_loops_default_executor() -> None:
    model = GatedEmbedder()
    jobs = [asyncio.ensure_future(embed_texts(model, [f"text {n}"])) for n in range(JOBS)]
    await asyncio.sleep(0)  # every job is handed to its threads first
    try:
        async with asyncio.timeout(30):
            assert await asyncio.to_thread(lambda: "free") == "free"
        assert not any(j.done() for j in jobs), "the embedding jobs were still blocked"
    finally:
        model.gate.set()
        await asyncio.gather(*jobs)


async def test_meaning_checks_embed_on_the_model_pool_too() -> None:
    model = GatedEmbedder()
    meaning = Meaning(model, thresholds={})
    jobs = [asyncio.ensure_future(meaning.embed([f"source {n}"])) for n in range(JOBS)]
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(30):
            assert await asyncio.to_thread(lambda: "free") == "free"
    finally:
        model.gate.set()
        matrices = await asyncio.gather(*jobs)
    assert all(np.asarray(m).shape == (1, 4) for m in matrices)


async def test_a_healthy_provider_answers_in_time_while_the_clone_is_busy_embedding() -> None:
    model = GatedEmbedder()
    jobs = [asyncio.ensure_future(embed_texts(model, [f"text {n}"])) for n in range(JOBS)]
    generator = CircuitBreakerGenerator(ProbingModel(), first_text_seconds=5.0)  # type: ignore[arg-type]
    try:
        text = "".join([piece async for piece in generator.stream([])])
    finally:
        model.gate.set()
        await asyncio.gather(*jobs)
    assert text == "Rye gives tang."
    assert generator.state == "closed" and generator.breaker.failures == 0
