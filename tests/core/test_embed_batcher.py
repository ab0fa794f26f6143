"""Query embedding off the loop: natural batching, errors, cancellation, close, the LRU cache."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import pytest

from core.memory.batcher import EmbedBatcher
from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.memory.memory import Memory
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.records import FanScope
from core.text.fold import fold_for_detection

SCOPE = FanScope("c", "p:w:u", "p:w", False)
AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Gated:
    """A fake model: records each batch and its thread; each batch waits for a permit."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.threads: set[str] = set()
        self._entered = threading.Semaphore(0)
        self._permits = threading.Semaphore(0)
        self.fail_on = fail_on

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.batches.append(list(texts))
        self.threads.add(threading.current_thread().name)
        self._entered.release()
        assert self._permits.acquire(timeout=5), "the test never let the batch run"
        if self.fail_on in texts:
            raise ValueError(f"cannot embed {self.fail_on!r}")
        return [[float(len(t)), float(ord(t[0]))] for t in texts]

    async def running(self) -> None:
        """Wait until the next batch is inside the model."""
        assert await asyncio.to_thread(self._entered.acquire, True, 5)

    def let(self, batches: int = 1) -> None:
        for _ in range(batches):
            self._permits.release()

    def open(self) -> None:
        self.let(1_000)


def expected(text: str) -> list[float]:
    return [float(len(text)), float(ord(text[0]))]


async def queued(batcher: EmbedBatcher, texts: list[str]) -> list[asyncio.Task[list[float]]]:
    tasks = [asyncio.create_task(batcher.embed(t)) for t in texts]
    await asyncio.sleep(0)  # each task runs up to its await: all are queued now
    return tasks


async def test_requests_that_arrive_during_a_batch_form_the_next_batch_and_get_their_own_result():
    model = Gated()
    batcher = EmbedBatcher(model, max_batch=32)
    first = asyncio.create_task(batcher.embed("a"))
    await model.running()
    texts = ["bb", "ccc", "dddd", "e", "ff", "ggg", "hhhh", "i", "jj"]
    rest = await queued(batcher, texts)
    model.open()
    assert await first == expected("a")
    assert await asyncio.gather(*rest) == [expected(t) for t in texts]
    assert [len(b) for b in model.batches] == [1, 9]
    assert model.threads == {"embed-batcher"}, "one dedicated thread, never the loop's"
    batcher.close()


async def test_a_batch_is_capped_and_duplicates_are_embedded_once():
    model = Gated()
    batcher = EmbedBatcher(model, max_batch=4)
    first = asyncio.create_task(batcher.embed("a"))
    await model.running()
    rest = await queued(batcher, ["hi", "hi", "x", "y", "z", "w"])
    model.open()
    await first
    assert await asyncio.gather(*rest) == [expected(t) for t in ["hi", "hi", "x", "y", "z", "w"]]
    assert model.batches == [["a"], ["hi", "x", "y"], ["z", "w"]]
    batcher.close()


async def test_a_failure_reaches_every_caller_of_that_batch_and_the_next_batch_works():
    model = Gated(fail_on="bad")
    batcher = EmbedBatcher(model)
    first = asyncio.create_task(batcher.embed("a"))
    await model.running()
    doomed = await queued(batcher, ["good", "bad", "fine"])
    model.open()
    assert await first == expected("a")
    for outcome in await asyncio.gather(*doomed, return_exceptions=True):
        assert isinstance(outcome, ValueError)
    assert await batcher.embed("later") == expected("later")
    batcher.close()


async def test_cancelling_one_waiter_leaves_the_others_alone():
    model = Gated()
    batcher = EmbedBatcher(model)
    first = asyncio.create_task(batcher.embed("x"))
    await model.running()
    a, b, drop, c = await queued(batcher, ["a", "b", "drop", "c"])
    drop.cancel()  # cancelled while queued: never embedded
    model.let()
    await model.running()  # the second batch is inside the model
    a.cancel()  # cancelled while its batch runs
    model.open()
    assert [await first, await b, await c] == [expected("x"), expected("b"), expected("c")]
    for cancelled in (a, drop):
        with pytest.raises(asyncio.CancelledError):
            await cancelled
    assert model.batches == [["x"], ["a", "b", "c"]]
    assert await batcher.embed("after") == expected("after")
    batcher.close()


async def test_close_finishes_queued_requests_stops_the_thread_and_refuses_new_ones():
    model = Gated()
    batcher = EmbedBatcher(model)
    first = asyncio.create_task(batcher.embed("a"))
    await model.running()
    [second] = await queued(batcher, ["b"])
    closing = asyncio.create_task(asyncio.to_thread(batcher.close))
    model.open()
    await closing
    assert [await first, await second] == [expected("a"), expected("b")]
    assert not batcher.running
    with pytest.raises(RuntimeError, match="closed"):
        await batcher.embed("c")


def test_close_without_use_starts_nothing():
    batcher = EmbedBatcher(Gated())
    batcher.close()
    assert not batcher.running


async def test_callers_on_different_event_loops_each_get_their_result():
    model = Gated()
    model.open()
    batcher = EmbedBatcher(model)

    def other_loop() -> list[float]:
        return asyncio.run(batcher.embed("elsewhere"))

    here, there = await asyncio.gather(batcher.embed("here"), asyncio.to_thread(other_loop))
    assert (here, there) == (expected("here"), expected("elsewhere"))
    batcher.close()


# ---- Memory: the cache, one embedding per turn, MiniLM through the batcher ---------------------


class Counting(HashEmbedder):
    """The hash twin, counting every text it embeds by either path."""

    def __init__(self) -> None:
        super().__init__(64)
        self.texts: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return super().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.texts.append(text)
        return super().embed_query(text)


async def test_a_repeated_question_is_embedded_once_and_the_cache_is_bounded_lru():
    embedder = Counting()
    memory = Memory(InMemoryMemoryStore(embedder), embedder, query_cache=2)
    first = await memory.embed_query("are you real?")
    first.append(99.0)  # a caller editing its list does not poison the cache
    assert await memory.embed_query("are you real?") == embedder.embed_query("are you real?")
    embedder.texts.clear()
    await memory.embed_query("hi")
    await memory.embed_query("are you real?")  # a hit refreshes it
    await memory.embed_query("hello")  # evicts "hi", the least recently used
    await memory.embed_query("are you real?")
    await memory.embed_query("hi")
    assert embedder.texts == ["hi", "hello", "hi"]


async def test_a_turn_costs_one_embedding_and_none_after_recall():
    embedder = Counting()
    memory = Memory(InMemoryMemoryStore(embedder), embedder)
    await memory.remember_turn(
        SCOPE,
        conversation_id="p:w:ch:",
        fan_text="how do you shape a batard?",
        reply_text="Tension first, then a tight roll.",
        message_id="m1",
        at=AT,
    )
    assert embedder.texts == ["how do you shape a batard?"], "the reply is not embedded"
    await memory.embed_query("what flour for rye?")
    embedder.texts.clear()
    await memory.remember_turn(
        SCOPE,
        conversation_id="p:w:ch:",
        fan_text="what flour for rye?",
        reply_text="Dark rye, always.",
        message_id="m2",
        at=AT,
    )
    assert embedder.texts == [], "recall already embedded the fan's message"
    await memory.remember_turn(
        SCOPE,
        conversation_id="p:w:ch:",
        fan_text=" ",
        reply_text="Welcome!",
        message_id="m3",
        at=AT,
    )
    assert embedder.texts == ["Welcome!"], "a blank message leaves the reply to index the turn"
    hits = await memory.recall_fan(SCOPE, "shape a batard", 2)
    assert {h.item.text for h in hits} == {
        "how do you shape a batard?",
        "Tension first, then a tight roll.",
    }


class RecordingMiniLM(MiniLMEmbedder):
    """MiniLM that notes which thread ran each batch."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[tuple[str, int]] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.batches.append((threading.current_thread().name, len(texts)))
        return super().embed_documents(texts)


@pytest.fixture(scope="module")
def minilm() -> RecordingMiniLM:
    return RecordingMiniLM()


async def test_minilm_queries_run_batched_off_the_loop_and_recall_a_past_exchange(minilm):
    minilm.batches.clear()
    memory = Memory(InMemoryMemoryStore(minilm), minilm)
    await memory.remember_turn(
        SCOPE,
        conversation_id="p:w:ch:",
        fan_text="How do you shape a batard?",
        reply_text="Build surface tension, then roll it tight and seam-side up.",
        message_id="m1",
        at=AT,
    )
    await memory.remember_turn(
        SCOPE,
        conversation_id="p:w:ch:",
        fan_text="When is your next tour?",
        reply_text="Autumn, in the north.",
        message_id="m2",
        at=AT,
    )
    questions = [f"question number {i} about bread" for i in range(8)]
    vectors = await asyncio.gather(*(memory.embed_query(q) for q in questions))
    assert vectors == [pytest.approx(minilm.embed_query(q), abs=1e-5) for q in questions]
    assert {name for name, _ in minilm.batches} == {"minilm-queries"}, "never on the loop"
    assert sum(n for _, n in minilm.batches) == 10, "two fan messages and eight questions"
    assert len(minilm.batches) < 10, "concurrent questions shared runs"
    hits = await memory.recall_fan(SCOPE, "any tips for shaping a batard loaf?", 2)
    assert {h.item.text for h in hits} == {
        "How do you shape a batard?",
        "Build surface tension, then roll it tight and seam-side up.",
    }
    await memory.close()
    assert memory._batcher is not None and not memory._batcher.running


async def test_forgetting_a_fan_also_empties_the_query_cache_of_their_words():
    embedder = Counting()
    memory = Memory(InMemoryMemoryStore(embedder), embedder)
    await memory.embed_query("my address is 12 Baker Lane")
    await memory.forget_fan(SCOPE.creator_id, SCOPE.fan_id)
    embedder.texts.clear()
    await memory.embed_query("my address is 12 Baker Lane")
    assert embedder.texts == ["my address is 12 Baker Lane"], "embedded anew, not from cache"


async def test_forgetting_empties_the_detectors_cache_of_fan_words_too():
    embedder = Counting()
    memory = Memory(InMemoryMemoryStore(embedder), embedder)
    for forget in (
        lambda: memory.forget_fan(SCOPE.creator_id, SCOPE.fan_id),
        lambda: memory.forget_message(SCOPE.creator_id, SCOPE.fan_id, "m1"),
        lambda: memory.delete_creator(SCOPE.creator_id),
    ):
        fold_for_detection("my address is 12 Baker Lane")
        assert fold_for_detection.cache_info().currsize > 0
        await forget()
        assert fold_for_detection.cache_info().currsize == 0
