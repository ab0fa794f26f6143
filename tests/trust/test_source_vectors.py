"""The claim check's source vectors kept on disk: made once, read by any later process, never
holding a fan's words, and keyed by text so an edited chunk gets a vector of its own."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from core.memory.embeddings import HashEmbedder
from core.memory.memory import embed_texts
from core.trust.unit_vectors import PROBE, UnitVectors, digest
from core.trust.verify import ClaimVerifier, Mode, Support, _units

CHUNKS = [
    "How I keep him: in the fridge, fed once a week. The night before a bake I take 10 g and "
    "feed it 1:5:5. By breakfast he has tripled and smells like yoghurt.",
    "People ask about flour more than anything else. Everyday loaves: strong white bread flour "
    "around 13% protein. I am not sponsored by any flour brand.",
]
FACT = "I have a ginger cat called Poolish, adopted in 2021."
FAN = "My aunt Petronella in Reykjavik swears by 14% flour, is she right?"
REPLY = "I keep him in the fridge and feed him once a week. My cat is called Poolish."


class Counting:
    """The tests' embedder, counting every text the claim check asks it to embed."""

    def __init__(self) -> None:
        self.embedder = HashEmbedder()
        self.texts: list[str] = []

    async def __call__(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return await embed_texts(self.embedder, texts)


def verifier(path: Path | None) -> tuple[ClaimVerifier, Counting]:
    counting = Counting()
    store = UnitVectors(path) if path is not None else None
    return ClaimVerifier(counting, "hash-bow-256", store=store), counting


def support(chunks: list[str] = CHUNKS) -> list[Support]:
    return [Support(c, source=i) for i, c in enumerate(chunks, 1)] + [
        Support(FACT),
        Support(FAN, from_fan=True),
    ]


def units_of(*texts: str) -> set[str]:
    return {u for t in texts for u in _units(t)}


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_a_second_process_verifies_with_no_archive_unit_embedded(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    ingest, made = verifier(path)
    assert run(ingest.prepare_archive(CHUNKS)) == len(units_of(*CHUNKS))
    assert units_of(*CHUNKS) <= set(made.texts)
    ingest.close()

    later, counting = verifier(path)  # a new process: nothing in memory, the same data folder
    fresh, _ = verifier(None)  # the claim check as it was: embeds everything
    got = run(later.verify(REPLY, support(), mode=Mode.STRICT))
    want = run(fresh.verify(REPLY, support(), mode=Mode.STRICT))
    assert not set(counting.texts) & units_of(*CHUNKS), "no archive unit was embedded again"
    assert units_of(FAN) <= set(counting.texts), "the fan's message is embedded on its turn"
    assert got == want, "kept vectors give the verdicts fresh ones give"
    assert got.text.startswith("I keep him in the fridge and feed him once a week [1].")


def test_the_facts_embedded_on_a_turn_are_kept_for_the_next_process(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    first, _ = verifier(path)
    run(first.prepare(support()))
    first.close()
    later, counting = verifier(path)
    run(later.prepare(support()))
    assert not set(counting.texts) & units_of(*CHUNKS, FACT)


def test_a_fans_words_are_never_kept_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    first, counting = verifier(path)
    run(first.verify(REPLY, support(), mode=Mode.STRICT))
    assert units_of(FAN) <= set(counting.texts)
    first.close()
    store = UnitVectors(path)
    assert all(v is None for v in store.get("hash-bow-256", sorted(units_of(FAN))))
    assert all(v is not None for v in store.get("hash-bow-256", sorted(units_of(FACT))))
    with sqlite3.connect(path) as db:
        kept = {row[0] for row in db.execute("SELECT digest FROM unit_vectors")}
    assert kept == {digest(u) for u in units_of(*CHUNKS, FACT)}, "hers, and only hers"
    raw = path.read_bytes()
    assert b"Petronella" not in raw and b"Reykjavik" not in raw
    later, again = verifier(path)
    run(later.prepare(support()))
    assert units_of(FAN) <= set(again.texts), "a new process embeds the fan's words again"


def test_a_forget_drops_the_fans_words_held_in_the_process(tmp_path: Path) -> None:
    v, counting = verifier(tmp_path / "source-vectors.db")
    run(v.prepare(support()))
    v.forget()
    counting.texts.clear()
    run(v.prepare(support()))
    assert units_of(FAN) <= set(counting.texts)
    assert not set(counting.texts) & units_of(*CHUNKS, FACT), "hers still come from the disk"


def test_an_edited_chunk_gets_vectors_of_its_new_text(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    ingest, _ = verifier(path)
    run(ingest.prepare_archive(CHUNKS))
    edited = CHUNKS[0].replace("fed once a week", "fed twice a week")
    later, counting = verifier(path)
    run(later.prepare_archive([edited, CHUNKS[1]]))
    new = units_of(edited) - units_of(*CHUNKS)
    assert new and set(counting.texts) == new | {PROBE}, "only the changed units are embedded"
    fresh = asyncio.run(embed_texts(HashEmbedder(), sorted(new)))
    kept = UnitVectors(path).get("hash-bow-256", sorted(new))
    assert all(np.array_equal(k, f) for k, f in zip(kept, fresh, strict=True))
    verdict = run(later.verify("I keep him in the fridge, fed twice a week.", support([edited])))
    assert verdict.text.endswith("[1]."), "the edited sentence is supported by its new text"


def test_vectors_of_another_build_of_the_model_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    store = UnitVectors(path)
    store.put("hash-bow-256", [(u, np.ones(256, np.float32) / 16) for u in units_of(*CHUNKS)])
    store.same_model("hash-bow-256", np.eye(256, dtype=np.float32)[0])  # not this build's probe
    store.close()
    later, counting = verifier(path)
    run(later.prepare(support()))
    assert units_of(*CHUNKS) <= set(counting.texts), "kept vectors of another build are unused"
    assert UnitVectors(path).count("hash-bow-256") == len(units_of(*CHUNKS, FACT))


def test_the_store_keeps_at_most_its_limit_dropping_the_oldest(tmp_path: Path) -> None:
    store = UnitVectors(tmp_path / "v.db", limit=5)
    rows = [(f"unit {n}", np.full(4, n, np.float32)) for n in range(12)]
    for at in range(0, 12, 3):
        store.put("m", rows[at : at + 3])
    assert store.count() == 5
    got = store.get("m", [t for t, _ in rows])
    assert [v is not None for v in got] == [False] * 7 + [True] * 5
    assert got[-1] is not None and got[-1][0] == 11


def test_a_damaged_file_costs_only_speed(tmp_path: Path) -> None:
    path = tmp_path / "source-vectors.db"
    path.write_bytes(b"not a database at all" * 100)
    v, counting = verifier(path)
    verified = run(v.verify(REPLY, support(), mode=Mode.STRICT))
    assert verified.text.startswith("I keep him in the fridge and feed him once a week [1].")
    assert units_of(*CHUNKS) <= set(counting.texts)


def test_the_hash_twin_of_tests_keeps_no_vectors(tmp_path: Path) -> None:
    from core.trust.meaning import Meaning
    from core.trust.verify import verifier_for

    path = tmp_path / "mara" / "source-vectors.db"

    async def embed(texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 4), np.float32)

    hashed = verifier_for(Meaning(None), embed, "hash-bow-256", vectors=path)
    assert run(hashed.prepare_archive(CHUNKS)) == 0, "the hash twin keeps nothing"
    named = verifier_for(Meaning(None), embed, "all-MiniLM-L6-v2", vectors=path)
    assert run(named.prepare_archive(CHUNKS)) == len(units_of(*CHUNKS))


# -- through bootstrap: `Services.ingest` makes them, a new process over the folder reads them --

INES = Path(__file__).resolve().parents[1] / "fixtures" / "creators" / "ines"


class CountingE5:
    """multilingual-e5-small, counting the texts it embeds (our own embedder's calls)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.model_name = inner.model_name  # type: ignore[attr-defined]
        self.dimension = inner.dimension  # type: ignore[attr-defined]
        self.texts: list[str] = []

    def embed_array(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return self.inner.embed_array(texts)  # type: ignore[attr-defined,no-any-return]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()  # type: ignore[no-any-return]


async def _clone(data: Path, e5: CountingE5):  # type: ignore[no-untyped-def]
    from bots.bootstrap import build
    from core.config import Settings
    from core.trust.meaning import Meaning

    settings = Settings(data_dir=data, memory_backend="edge", llm_provider="fake")
    return await build(
        INES, settings, embedder=HashEmbedder(), meaning=Meaning(e5), persistent_jobs=False
    )


def test_a_new_process_over_the_data_folder_checks_a_reply_with_no_archive_unit_on_e5(
    tmp_path: Path,
) -> None:
    from core.brain.checks import support_for
    from core.records import Visibility
    from core.trust.meaning_embedder import multilingual_embedder
    from core.trust.verify import chunk_text

    e5 = multilingual_embedder()
    if e5 is None:
        pytest.skip("multilingual-e5-small is not installed")

    async def scenario() -> tuple[set[str], set[str], list[str], str]:
        first = CountingE5(e5)
        services = await _clone(tmp_path, first)
        try:
            report = await services.ingest()
            assert report.chunks_stored
        finally:
            await services.close()
        again = CountingE5(e5)
        services = await _clone(tmp_path, again)  # a new process: a new clone, same folder
        try:
            bot = services.bot
            question = "What temperature do you fire your stoneware glaze to?"
            hits = await services.memory.recall_corpus(
                bot.id, question, 4, frozenset({Visibility.PUBLIC})
            )
            assert hits
            facts = [f.text for f in bot.persona.facts]
            support = support_for(bot.persona, hits, facts, question)
            reply = f"{hits[0].chunk.text.split('.')[0]}. I fire to cone 6 [1]."
            verified = await services.verifier.verify(reply, support, mode="strict")
            assert verified.verdicts
        finally:
            await services.close()
        archive = units_of(*(chunk_text(h.chunk) for h in hits))
        return set(first.texts), set(again.texts), sorted(archive), question

    made, second, archive, question = run(scenario())
    assert set(archive) <= made, "the ingest embedded the archive's units"
    assert not second & set(archive), "the second process embedded none of them"
    assert units_of(question) <= second, "the fan's message is embedded on its turn"


def test_a_forget_me_empties_the_claim_checks_process_cache_of_fan_words() -> None:
    from bots.bootstrap import build
    from core.config import Settings
    from core.memory.stores.inmemory import InMemoryMemoryStore
    from core.state.memory import InMemoryStateStore

    async def scenario() -> tuple[bool, bool]:
        services = await build(
            INES,
            Settings(memory_backend="memory", llm_provider="fake"),
            embedder=HashEmbedder(),
            store=InMemoryMemoryStore(),
            state=InMemoryStateStore(),
            persistent_jobs=False,
        )
        try:
            await services.verifier.prepare(support())
            held = FAN in services.verifier._cache
            await services.memory.forget_fan(services.bot.id, "test:guild:fan")
            return held, FAN in services.verifier._cache
        finally:
            await services.close()

    held, after = run(scenario())
    assert held and not after
