"""Embedders: MiniLM behaves like a sentence model, the hash twin is stable, providers wrap."""

from __future__ import annotations

import numpy as np
import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from core.config import Settings
from core.memory.embeddings import HashEmbedder, MiniLMEmbedder, ProviderEmbedder, make_embedder
from core.ports import Embedder


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def cos(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b))


def test_minilm_is_a_langchain_embeddings_and_an_embedder_port(minilm):
    assert isinstance(minilm, Embeddings)
    assert isinstance(minilm, Embedder)
    assert (minilm.model_name, minilm.dimension) == ("all-MiniLM-L6-v2", 384)


def test_minilm_ranks_paraphrases_above_unrelated_sentences(minilm):
    a, b, c = minilm.embed_documents(
        [
            "How do I tune my guitar?",
            "What's the best way to tune a guitar?",
            "Quarterly revenue grew by ten percent.",
        ]
    )
    assert cos(a, b) > 0.7
    assert cos(a, c) < 0.2
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)


def test_minilm_batches_match_single_queries_and_long_text_is_truncated(minilm):
    texts = ["short", "a somewhat longer sentence about sourdough bread", "word " * 2000]
    batch = minilm.embed_documents(texts)
    for text, vector in zip(texts, batch, strict=True):
        assert cos(minilm.embed_query(text), vector) > 0.999
    assert minilm.embed_documents([]) == []


def test_hash_embedder_is_deterministic_normalised_and_word_sensitive():
    e = HashEmbedder(128)
    a, b, c = e.embed_documents(["Gerald the sourdough", "sourdough Gerald", "tour dates"])
    assert a == HashEmbedder(128).embed_query("Gerald the sourdough")
    assert len(a) == e.dimension == 128
    assert np.linalg.norm(a) == pytest.approx(1.0)
    assert cos(a, b) > cos(a, c)
    assert np.linalg.norm(e.embed_query("")) == pytest.approx(1.0)


def test_provider_embedder_probes_its_dimension_once_and_lazily():
    calls: list[str] = []

    class Recording(DeterministicFakeEmbedding):
        def embed_query(self, text: str) -> list[float]:
            calls.append(text)
            return super().embed_query(text)

    wrapped = ProviderEmbedder(Recording(size=12), "fake/model")
    assert calls == []
    assert wrapped.dimension == 12
    assert wrapped.dimension == 12
    assert len(calls) == 1
    assert isinstance(wrapped, Embedder)


def test_factory_builds_each_kind_without_touching_the_network():
    assert isinstance(make_embedder(Settings(embedder="hash")), HashEmbedder)
    openai = make_embedder(
        Settings(
            embedder="openai",
            embed_base_url="http://127.0.0.1:9/v1",
            embed_api_key="k",
            embed_model="nomic",
        )
    )
    assert openai.model_name == "openai/nomic"
    ollama = make_embedder(Settings(embedder="ollama", embed_model="all-minilm"))
    assert ollama.model_name == "ollama/all-minilm"
