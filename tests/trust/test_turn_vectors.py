"""A turn embeds each text once: multilingual-e5 keeps its last texts' vectors (the fan's
message is asked for by the inbound checks, the match against her exchanges and the claim
check), a quote's sentences are embedded once across turns, and none of it changes a verdict
or outlives a forget."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from langchain_core.language_models import FakeListChatModel

from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.memory.memory import Memory
from core.memory.recent_vectors import RecentVectors
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.records import Visibility
from core.trust.meaning import Meaning
from core.trust.meaning_embedder import multilingual_embedder
from core.trust.verify import Mode, Support, Verified, _units, verifier_for

PAIRS = Path(__file__).parent / "support_pairs.json"
PUBLIC = frozenset({Visibility.PUBLIC})


class Counting:
    """A model's embedder, counting every text that reaches the model."""

    def __init__(self, inner: RecentVectors | MiniLMEmbedder | HashEmbedder) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dimension = inner.dimension
        self.texts: list[str] = []

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += texts
        return self.inner.embed_array(texts)


@pytest.fixture
def e5() -> Iterator[tuple[RecentVectors, Counting]]:
    """The process's e5 (its meaning banks already trained), with a counter under its cache;
    both put back afterwards."""
    found = multilingual_embedder()
    if found is None:
        pytest.skip("multilingual-e5-small is not installed")
    model, size = found.inner, found.size
    counting = Counting(model)  # type: ignore[arg-type]
    found.inner, found.size = counting, size
    found.forget()
    try:
        yield found, counting
    finally:
        found.inner, found.size = model, size
        found.forget()


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_a_kept_vector_is_the_one_the_model_makes_again_in_any_batch(e5) -> None:
    cached, counting = e5
    fan = "Mara, how long do you rest the dough? My aunt Petronella says two hours."
    units = _units(fan)
    alone = [cached.inner.embed_array([u])[0] for u in units]  # type: ignore[attr-defined]
    cached.embed_array([fan])
    counting.texts.clear()
    together = cached.embed_array(units)
    assert fan in units and fan not in counting.texts, "the message itself came from the cache"
    assert all(np.array_equal(a, b) for a, b in zip(alone, together, strict=True))
    assert np.array_equal(together, cached.inner.embed_array(units))  # type: ignore[attr-defined]


def _replies() -> list[tuple[str, list[Support], str]]:
    """Replies made of the tuning split's claims (never the held-out split), each with the
    source they were written against, a fact, and a fan message quoting another claim."""
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    by_source: dict[str, list[str]] = {}
    for p in data["pairs"]:
        if p["split"] == "tune":
            by_source.setdefault(p["support"], []).append(p["claim"])
    out = []
    for name, claims in sorted(by_source.items()):
        for at in range(0, len(claims) - 1, 3):
            reply = " ".join(claims[at : at + 3])
            fan = f"Someone told me this: {claims[(at + 3) % len(claims)]} Is that right?"
            support = [
                Support(data["sources"][name], source=1),
                Support("I have baked every day since 2014."),
                Support(fan, from_fan=True),
            ]
            out.append((reply, support, fan))
    return out


def test_the_claim_checks_verdicts_are_the_same_with_and_without_kept_vectors(e5) -> None:
    cached, counting = e5
    replies = _replies()
    assert len(replies) >= 15

    async def verdicts(keep: bool) -> tuple[list[Verified], int]:
        cached.size = 1024 if keep else 0
        cached.forget()
        counting.texts.clear()
        meaning = Meaning(cached)
        verifier = verifier_for(meaning, meaning.embed, cached.model_name)
        out = []
        for reply, support, fan in replies:
            # What a turn asks before its claim check: the inbound checks, her exchanges.
            await meaning.embed_one(fan)
            cached.embed_documents([fan])
            for mode in (Mode.STRICT, Mode.BALANCED):
                out.append(await verifier.verify(reply, support, mode=mode, ignore_names=["Mara"]))
        return out, len(counting.texts)

    without, n_without = run(verdicts(keep=False))
    with_kept, n_with = run(verdicts(keep=True))
    assert [v.verdicts for v in with_kept] == [v.verdicts for v in without]
    assert [v.text for v in with_kept] == [v.text for v in without]
    assert any(v.removed for v in without) and any(v.substantive for v in without)
    assert n_with < n_without, (n_with, n_without)


def test_a_turn_embeds_the_fans_message_with_e5_once(e5) -> None:
    """Through bootstrap: the inbound care and identity check, the match against her
    exchanges in other languages and the claim check's support each asked e5 for the fan's
    message; with its last texts kept the model embeds it once, and fewer texts a turn."""
    from bots import bootstrap
    from tests.scenario.harness import make_chat

    cached, counting = e5
    questions = [
        "Any tips for a first croissant attempt?",
        "How do you shape a batard without it spreading?",
    ]

    async def turn_texts(keep: bool) -> tuple[list[str], list[str]]:
        cached.size = 1024 if keep else 0
        cached.forget()
        replies = ["Keep the butter cold and be patient with the folds."] * 4
        original = bootstrap.multilingual_embedder
        bootstrap.multilingual_embedder = lambda: cached  # type: ignore[assignment]
        try:
            chat = await make_chat(
                FakeListChatModel(responses=replies),
                meaning=Meaning(cached),
                embedder=MiniLMEmbedder(),
                ingest=False,
            )
        finally:
            bootstrap.multilingual_embedder = original  # type: ignore[assignment]
        try:
            assert chat.services.memory.multilingual is cached
            # A first turn embeds her facts' and bio's units; a fan each (no cooldown waits).
            await chat.text("Hello Mara, what bread do you bake on Sundays?", user="warm")
            out = []
            for n, question in enumerate(questions):
                counting.texts.clear()
                assert await chat.text(question, user=f"fan{n}", channel=f"c{n}")
                out.append(list(counting.texts))
            return out[0], out[1]
        finally:
            await chat.services.close()

    without = run(turn_texts(keep=False))
    kept = run(turn_texts(keep=True))
    for question, before, after in zip(questions, without, kept, strict=True):
        assert before.count(question) == 3, before  # inbound, her exchanges, a claim unit
        assert after.count(question) == 1, after
        assert len(after) < len(before)


def test_a_forget_me_empties_the_multilingual_models_kept_vectors() -> None:
    """Fans' words the e5 cache holds go with /forget-me: through the memory that matched
    their question, and through the meaning checks (bootstrap hooks them on the memory)."""
    from bots.bootstrap import build
    from core.config import Settings
    from core.state.memory import InMemoryStateStore

    multilingual = RecentVectors(HashEmbedder(384))
    multilingual.model_name = "multilingual-test"
    memory = Memory(InMemoryMemoryStore(), HashEmbedder(384), multilingual=multilingual)

    async def through_memory() -> tuple[int, int]:
        await memory.match_exchanges("mara", "is my starter dead?", 4, PUBLIC)
        held = len(multilingual)
        await memory.forget_fan("mara", "test:guild:fan")
        return held, len(multilingual)

    assert run(through_memory()) == (1, 0)
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "creators" / "ines"
    checks = RecentVectors(HashEmbedder(384))

    async def through_bootstrap() -> tuple[int, int]:
        services = await build(
            folder,
            Settings(memory_backend="memory", llm_provider="fake"),
            embedder=HashEmbedder(),
            store=InMemoryMemoryStore(),
            state=InMemoryStateStore(),
            meaning=Meaning(checks),
            persistent_jobs=False,
        )
        try:
            checks.embed_array(["my address is 4 Elm Road"])
            held = len(checks)
            await services.memory.forget_fan(services.bot.id, "test:guild:fan")
            return held, len(checks)
        finally:
            await services.close()

    assert run(through_bootstrap()) == (1, 0)


def test_a_quotes_sentences_are_embedded_once_and_score_as_before() -> None:
    """A quote scores every sentence of its sources (her archive's, the same turn after turn):
    kept with the query vectors, the second turn embeds none, and the vectors are the same."""

    class CountingHash(HashEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.texts: list[str] = []

        def embed_array(self, texts: Sequence[str]) -> np.ndarray:
            self.texts += texts
            return super().embed_array(texts)

    embedder = CountingHash()
    memory = Memory(InMemoryMemoryStore(), embedder)
    uncached = Memory(InMemoryMemoryStore(), HashEmbedder(), query_cache=0)
    sentences = ["Bake at 230 for 15 minutes.", "Rye is done at 98 degrees.", "Wait a day."]

    async def scenario() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        first = await memory.embed_texts(sentences)
        made = len(embedder.texts)
        again = await memory.embed_texts([*reversed(sentences), sentences[0]])
        assert len(embedder.texts) == made, "the second call embedded nothing"
        return first, again, await uncached.embed_texts(sentences), made

    first, again, plain, made = run(scenario())
    assert made == len(sentences)
    assert np.array_equal(first, plain)
    assert np.array_equal(again[[2, 1, 0]], plain) and np.array_equal(again[3], plain[0])
    run(memory.forget_fan("mara", "fan"))
    assert not memory._cache


def test_an_empty_vector_cache_is_still_an_embedder() -> None:
    fresh = RecentVectors(HashEmbedder(384))
    assert len(fresh) == 0 and fresh  # `if embedder:` must not switch a meaning check off
