"""The MemoryStore contract, run against every implementation (server only with QDRANT_URL)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from qdrant_client import AsyncQdrantClient

from core.memory.embeddings import HashEmbedder
from core.memory.memory import Memory
from core.memory.stores import EmbeddingMismatchError, StoreLockedError
from core.memory.stores.edge import EdgeMemoryStore
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.memory.stores.qdrant_client_store import QdrantClientMemoryStore
from core.ports import Embedder, MemoryStore
from core.records import Chunk, FanMemoryItem, FanScope, MemoryKind, Visibility, stable_id

CREATOR = "mara"
OTHER = "other-creator"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Backend:
    """Opens a store of one implementation at one fixed location (per test)."""

    name: str
    opener: Callable[[Embedder], Awaitable[MemoryStore]]
    reopenable: bool  # data survives close() and a new open at the same location
    opened: list[MemoryStore] = field(default_factory=list)

    async def open(self, embedder: Embedder) -> MemoryStore:
        store = await self.opener(embedder)
        self.opened.append(store)
        return store


def _backend(name: str, tmp_path: Path) -> Backend:
    if name == "memory":
        return Backend(name, _async(lambda e: InMemoryMemoryStore(e)), reopenable=False)
    if name == "edge":
        return Backend(name, lambda e: EdgeMemoryStore.open(tmp_path / "edge", e), reopenable=True)
    if name == "qdrant-memory":
        client = AsyncQdrantClient(location=":memory:")
        return Backend(
            name,
            lambda e: QdrantClientMemoryStore.open(client, e, creator_id=CREATOR),
            reopenable=False,
        )
    if name == "qdrant-path":
        path = str(tmp_path / "qdrant")
        return Backend(
            name,
            lambda e: QdrantClientMemoryStore.open(
                AsyncQdrantClient(path=path), e, creator_id=CREATOR
            ),
            reopenable=True,
        )
    if name == "qdrant-server":
        url = os.environ["QDRANT_URL"]
        prefix = f"t{uuid.uuid4().hex[:10]}"
        return Backend(
            name,
            lambda e: QdrantClientMemoryStore.open(
                AsyncQdrantClient(url=url), e, creator_id=CREATOR, prefix=prefix
            ),
            reopenable=True,
        )
    raise ValueError(name)


def _async(fn: Callable[[Embedder], MemoryStore]) -> Callable[[Embedder], Awaitable[MemoryStore]]:
    async def opener(embedder: Embedder) -> MemoryStore:
        return fn(embedder)

    return opener


_NO_SERVER = pytest.mark.skipif(
    not os.environ.get("QDRANT_URL"),
    reason="no Qdrant server here: set QDRANT_URL to run the server path",
)
BACKENDS = [
    "memory",
    "edge",
    "qdrant-memory",
    "qdrant-path",
    pytest.param("qdrant-server", marks=_NO_SERVER),
]


async def _cleanup(backend: Backend) -> None:
    for store in backend.opened:
        if backend.name == "qdrant-server" and isinstance(store, QdrantClientMemoryStore):
            for name in (store.corpus, store.fans, store.registry):
                if await store.client.collection_exists(name):
                    await store.client.delete_collection(name)
        await store.close()


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A RAM-backed folder when there is one: Edge fsyncs every index and segment it creates,
    which costs ~0.2 s each on this disk and would make the suite slow, not more truthful."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="clonebot-test-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest, fast_dir: Path) -> AsyncIterator[Backend]:
    made = _backend(request.param, fast_dir)
    yield made
    await _cleanup(made)


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder(64)


@pytest.fixture
async def store(backend: Backend, embedder: HashEmbedder) -> MemoryStore:
    return await backend.open(embedder)


def chunk(
    text: str, *, creator: str = CREATOR, source: str = "blog", vis: str = "public"
) -> Chunk:
    return Chunk(
        id=stable_id(creator, source, text),
        creator_id=creator,
        source=source,
        source_file=f"{source}.md",
        text=text,
        visibility=Visibility(vis),
        url=f"https://example.com/{source}",
        date="2025-05-01",
        title=text[:20],
    )


def scope(fan: str = "discord:g1:u1", *, creator: str = CREATOR, dm: bool = False) -> FanScope:
    community = ":".join(fan.split(":")[:2])
    return FanScope(creator, fan, community, dm)


def item(
    s: FanScope,
    text: str,
    minutes: int,
    *,
    message_id: str | None = None,
    kind: MemoryKind = MemoryKind.TURN,
    speaker: str = "fan",
) -> FanMemoryItem:
    return FanMemoryItem(
        id=stable_id(s.creator_id, s.fan_id, text, str(minutes)),
        creator_id=s.creator_id,
        fan_id=s.fan_id,
        community_id=s.community_id,
        is_dm=s.is_dm,
        conversation_id=f"{s.community_id}:c1",
        kind=kind,
        speaker=speaker,
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        message_id=message_id,
    )


async def add(store: MemoryStore, embedder: Embedder, chunks: list[Chunk]) -> int:
    return await store.add_chunks(chunks, embedder.embed_documents([c.text for c in chunks]))


async def remember(store: MemoryStore, embedder: Embedder, items: list[FanMemoryItem]) -> None:
    await store.add_fan_memory(items, embedder.embed_documents([i.text for i in items]))


CORPUS = [
    chunk("my sourdough starter is named Gerald and lives in the fridge"),
    chunk("tour dates for the spring tour are announced next week", source="news"),
    chunk("the paid tutorial covers lamination of croissant dough", vis="paid"),
    chunk("a private note about the new album title", vis="private", source="notes"),
]


async def test_search_returns_the_nearest_chunk_with_its_provenance(store, embedder):
    assert await add(store, embedder, CORPUS) == 4
    hits = await store.search_corpus(
        CREATOR, embedder.embed_query("sourdough starter Gerald"), 2, frozenset(Visibility)
    )
    assert hits[0].chunk == CORPUS[0]
    assert hits[0].score > hits[1].score
    assert 0.2 < hits[0].score <= 1.0001


async def test_search_never_crosses_creators(store, embedder):
    await add(store, embedder, [*CORPUS, chunk("Gerald the sourdough starter", creator=OTHER)])
    hits = await store.search_corpus(
        OTHER, embedder.embed_query("sourdough starter Gerald"), 10, frozenset(Visibility)
    )
    assert [h.chunk.creator_id for h in hits] == [OTHER]


async def test_visibility_filter_hides_paid_and_private_items(store, embedder):
    await add(store, embedder, CORPUS)
    query = embedder.embed_query("paid tutorial croissant private album")
    public = await store.search_corpus(CREATOR, query, 10, frozenset({Visibility.PUBLIC}))
    paid = await store.search_corpus(
        CREATOR, query, 10, frozenset({Visibility.PUBLIC, Visibility.PAID})
    )
    assert {h.chunk.visibility for h in public} == {Visibility.PUBLIC}
    assert {h.chunk.visibility for h in paid} == {Visibility.PUBLIC, Visibility.PAID}
    assert await store.search_corpus(CREATOR, query, 10, frozenset()) == []


async def test_re_adding_the_same_chunks_counts_nothing_new(store, embedder):
    assert await add(store, embedder, CORPUS) == 4
    assert await add(store, embedder, CORPUS) == 0
    assert len(await store.chunk_ids(CREATOR)) == 4


async def test_memory_facade_embeds_only_new_chunks_on_re_ingest(store, embedder):
    calls: list[int] = []

    class Counting(HashEmbedder):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            calls.append(len(texts))
            return super().embed_documents(texts)

    counting = Counting(64)
    memory = Memory(store, counting)
    assert await memory.upsert_chunks(CORPUS[:2]) == 2
    assert await memory.upsert_chunks(CORPUS) == 2
    assert await memory.upsert_chunks(CORPUS) == 0
    assert calls == [2, 2]


async def test_chunk_ids_and_sources_are_per_creator(store, embedder):
    await add(store, embedder, [*CORPUS, chunk("elsewhere", creator=OTHER, source="zine")])
    assert await store.sources(CREATOR) == {"blog", "news", "notes"}
    assert await store.sources(OTHER) == {"zine"}
    assert await store.chunk_ids(CREATOR, "news") == {CORPUS[1].id}
    assert len(await store.chunk_ids(CREATOR)) == 4


async def test_delete_source_and_delete_chunks(store, embedder):
    other = chunk("elsewhere", creator=OTHER)
    await add(store, embedder, [*CORPUS, other])
    assert await store.delete_source(CREATOR, "blog") == 2
    assert await store.sources(CREATOR) == {"news", "notes"}
    # Another creator's id is not deletable through this creator.
    assert await store.delete_chunks(CREATOR, [CORPUS[1].id, other.id, "missing"]) == 1
    assert await store.chunk_ids(CREATOR) == {CORPUS[3].id}
    assert await store.chunk_ids(OTHER) == {other.id}


async def test_fan_memory_search_and_recent_turns(store, embedder):
    s = scope()
    items = [
        item(s, "my dog is called Pretzel", 1),
        item(s, "what a lovely name", 2, speaker="clone"),
        item(s, "I am learning to bake bread", 3),
        item(s, "fan prefers short answers", 4, kind=MemoryKind.NOTE),
    ]
    await remember(store, embedder, items)
    hits = await store.search_fan_memory(s, embedder.embed_query("dog called Pretzel"), 2)
    assert hits[0].item == items[0]
    recent = await store.recent_fan_memory(s, 2)
    assert [i.text for i in recent] == [items[1].text, items[2].text]  # oldest first, no notes
    assert await store.recent_fan_memory(s, 0) == []


async def test_export_and_forget_a_fan(store, embedder):
    s, other_fan = scope(), scope("discord:g1:u2")
    mine = [item(s, "my dog is Pretzel", 1), item(s, "I love rye", 2, message_id="m2")]
    await remember(store, embedder, [*mine, item(other_fan, "my cat is Miso", 1)])
    exported = await store.export_fan(CREATOR, s.fan_id)
    assert exported == mine
    assert await store.delete_fan(CREATOR, s.fan_id) == 2
    assert await store.export_fan(CREATOR, s.fan_id) == []
    assert len(await store.export_fan(CREATOR, other_fan.fan_id)) == 1


async def test_delete_one_fan_message(store, embedder):
    s = scope()
    await remember(
        store,
        embedder,
        [
            item(s, "old message", 1, message_id="m1"),
            item(s, "reply to old", 2, message_id="m1", speaker="clone"),
            item(s, "kept", 3, message_id="m2"),
        ],
    )
    assert await store.delete_fan_message(CREATOR, s.fan_id, "m1") == 2
    assert [i.text for i in await store.export_fan(CREATOR, s.fan_id)] == ["kept"]
    assert await store.delete_fan_message(CREATOR, s.fan_id, "m1") == 0


async def test_delete_creator_removes_corpus_and_fan_memory_only_of_that_creator(store, embedder):
    await add(store, embedder, [*CORPUS, chunk("elsewhere", creator=OTHER)])
    await remember(store, embedder, [item(scope(), "hi", 1), item(scope(creator=OTHER), "yo", 1)])
    assert await store.delete_creator(CREATOR) == 5
    assert await store.chunk_ids(CREATOR) == set()
    assert await store.export_fan(CREATOR, scope().fan_id) == []
    assert len(await store.chunk_ids(OTHER)) == 1
    assert len(await store.export_fan(OTHER, scope().fan_id)) == 1


async def test_vectors_of_another_size_are_refused(store, embedder):
    wrong = HashEmbedder(32)
    with pytest.raises(EmbeddingMismatchError):
        await store.add_chunks([CORPUS[0]], wrong.embed_documents([CORPUS[0].text]))
    with pytest.raises(EmbeddingMismatchError):
        await store.search_corpus(CREATOR, wrong.embed_query("x"), 3, frozenset(Visibility))


class RenamedHash(HashEmbedder):
    """Same dimension, another model: vectors would be incomparable."""

    def __init__(self) -> None:
        super().__init__(64)
        self.model_name = "another-model"


@pytest.mark.parametrize("other", [HashEmbedder(32), RenamedHash()], ids=["dimension", "name"])
async def test_opening_with_another_model_is_a_clear_error(backend, embedder, other):
    if backend.name == "memory":
        pytest.skip("the in-memory twin has nothing to reopen; the size guard covers it")
    store = await backend.open(embedder)
    await add(store, embedder, CORPUS)
    if backend.reopenable and backend.name != "qdrant-server":
        await store.close()  # embedded stores lock their folder
    with pytest.raises(EmbeddingMismatchError, match="another-model|32-d|64-d"):
        await backend.opener(other)


async def test_reopening_keeps_everything(backend, embedder):
    if not backend.reopenable:
        pytest.skip(f"{backend.name} does not persist")
    store = await backend.open(embedder)
    await add(store, embedder, CORPUS)
    await remember(store, embedder, [item(scope(), "my dog is Pretzel", 1)])
    await store.close()
    again = await backend.open(embedder)
    assert len(await again.chunk_ids(CREATOR)) == 4
    assert len(await again.export_fan(CREATOR, scope().fan_id)) == 1
    hits = await again.search_corpus(
        CREATOR, embedder.embed_query("sourdough Gerald"), 1, frozenset(Visibility)
    )
    assert hits[0].chunk == CORPUS[0]


async def test_edge_folder_is_locked_to_one_opener(fast_dir, embedder):
    first = await EdgeMemoryStore.open(fast_dir / "m", embedder)
    try:
        with pytest.raises(StoreLockedError, match="already open"):
            await EdgeMemoryStore.open(fast_dir / "m", embedder)
    finally:
        await first.close()


async def test_fan_ids_are_every_scope_of_one_platform_user(store, embedder):
    places = [scope("discord:g1:u1"), scope("discord:g2:u1"), scope("discord:dm:u1", dm=True)]
    others = [scope("discord:g1:xu1"), scope("slack:g1:u1"), scope("discord:g1:u1", creator=OTHER)]
    await remember(store, embedder, [item(s, f"hi {n}", n) for n, s in enumerate(places + others)])
    assert await store.fan_ids(CREATOR, "discord:u1") == {s.fan_id for s in places}
    assert await store.fan_ids(CREATOR, "discord:nobody") == set()


async def test_purge_keeps_every_live_item_and_the_store_still_serves(store, embedder):
    s, other = scope(), scope("discord:g1:u2")
    await add(store, embedder, CORPUS)
    await remember(store, embedder, [item(s, "forget me", 1), item(other, "keep me", 1)])
    await store.delete_fan(CREATOR, s.fan_id)
    await store.purge()
    assert await store.export_fan(CREATOR, s.fan_id) == []
    assert [i.text for i in await store.export_fan(CREATOR, other.fan_id)] == ["keep me"]
    assert len(await store.chunk_ids(CREATOR)) == len(CORPUS)
    await remember(store, embedder, [item(other, "and this", 2)])  # writes after a rewrite
    hits = await store.search_fan_memory(other, embedder.embed_query("and this"), 1)
    assert hits[0].item.text == "and this"
    assert await store.purge() is False  # nothing erased since


def _bytes_under(folder: Path, word: str) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and word.encode() in p.read_bytes()]


@pytest.mark.parametrize("kind", ["edge", "qdrant-local"])
async def test_purge_erases_a_deleted_fans_words_from_the_files(kind, fast_dir, embedder):
    word = f"canary{uuid.uuid4().hex}"
    if kind == "edge":
        store: MemoryStore = await EdgeMemoryStore.open(fast_dir / "m", embedder)
    else:
        qstore = await QdrantClientMemoryStore.open(
            AsyncQdrantClient(path=str(fast_dir / "m")), embedder, creator_id=CREATOR
        )
        qstore.local_path = fast_dir / "m"
        store = qstore
    try:
        s = scope()
        from dataclasses import replace

        asked = replace(chunk("Mine is 75%."), context=f"q {word}", context_author="discord:u1")
        await add(store, embedder, [asked, *CORPUS])
        await store.scrub_context(CREATOR, "discord:u1")
        await remember(store, embedder, [item(s, f"my code is {word}", 1)])
        await remember(
            store, embedder, [item(scope("discord:g1:u2"), "filler", n) for n in range(9)]
        )
        assert _bytes_under(fast_dir, word), "written somewhere first"
        await store.delete_fan(CREATOR, s.fan_id)
        assert await store.purge() is True
        assert _bytes_under(fast_dir, word) == []
    finally:
        await store.close()
    assert _bytes_under(fast_dir, word) == []


async def test_edge_finishes_or_drops_a_rewrite_a_crash_interrupted(fast_dir, embedder):
    store = await EdgeMemoryStore.open(fast_dir / "m", embedder)
    await remember(store, embedder, [item(scope(), "hello", 1)])
    await store.delete_fan(CREATOR, scope().fan_id)
    await store.close()
    # A crash mid-copy leaves a half-built shard and the pending mark; neither survives open.
    (fast_dir / "m" / "fans.new").mkdir()
    (fast_dir / "m" / "fans.new" / "junk").write_text("x")
    store = await EdgeMemoryStore.open(fast_dir / "m", embedder)
    try:
        assert not (fast_dir / "m" / "fans.new").exists()
        assert (fast_dir / "m" / "purge.pending").exists()
        assert await store.purge() is True
        assert not (fast_dir / "m" / "purge.pending").exists()
    finally:
        await store.close()


async def test_a_persons_words_kept_as_archive_context_are_scrubbed_and_the_answer_stays(
    store, embedder
):
    from dataclasses import replace

    theirs = replace(
        chunk("Mine is 75% hydration."), context="what hydration?", context_author="discord:9"
    )
    other = replace(chunk("Rye, always."), context="which flour?", context_author="discord:8")
    await add(store, embedder, [theirs, other, chunk("plain post")])
    [found] = await store.context_chunks(CREATOR, "discord:9")
    assert found.context == "what hydration?" and found.text == theirs.text
    assert await store.context_chunks(OTHER, "discord:9") == []
    assert await store.scrub_context(CREATOR, "discord:9") == 1
    assert await store.context_chunks(CREATOR, "discord:9") == []
    hits = await store.search_corpus(
        CREATOR, embedder.embed_query("75% hydration"), 3, frozenset({Visibility.PUBLIC})
    )
    kept = {h.chunk.text: h.chunk.context for h in hits}
    assert kept[theirs.text] is None and kept[other.text] == "which flour?"
    assert len(await store.context_chunks(CREATOR, "discord:8")) == 1


async def test_exchanges_are_found_by_question_apart_from_the_archive(store, embedder):
    from core.memory.exchanges import Exchange, exchange_tenant

    memory = Memory(store, embedder)
    await memory.upsert_chunks(CORPUS)
    public = Exchange(
        CREATOR,
        question="what is your sourdough starter called",
        answer="Gerald! He lives in my fridge.",
        source="discord",
        source_file="d.json",
        url="https://example.test/m/1",
        date="2023-02-01",
        asker="discord:42",
    )
    paid = Exchange(
        CREATOR,
        question="how do you laminate croissant dough",
        answer="Cold butter, three folds.",
        source="discord",
        source_file="d.json",
        visibility=Visibility.PAID,
    )
    assert await memory.upsert_exchanges([public, paid]) == 2
    assert await memory.upsert_exchanges([public, paid]) == 0
    hits = await memory.recall_exchanges(
        CREATOR, "what's the name of your starter?", 4, frozenset({Visibility.PUBLIC})
    )
    # Every field comes back, the paid exchange stays hidden from a public asker.
    assert [h.exchange for h in hits] == [public]
    both = await memory.recall_exchanges(
        CREATOR, "croissant lamination", 4, frozenset({Visibility.PUBLIC, Visibility.PAID})
    )
    assert both[0].exchange == paid
    # The archive's search never returns an exchange; another creator sees none.
    corpus = await store.search_corpus(
        CREATOR, embedder.embed_query("sourdough starter called"), 10, frozenset(Visibility)
    )
    assert all(h.chunk.creator_id == CREATOR and h.chunk.context is None for h in corpus)
    assert await memory.recall_exchanges(OTHER, "starter", 4, frozenset(Visibility)) == []
    # /my-data lists the asker's question (shaped like archive context); /forget-me takes the
    # exchange whole, since it is indexed by their words.
    [mine] = await memory.context_chunks(CREATOR, "discord:42")
    assert mine.context == public.question and mine.text == public.answer
    assert await memory.scrub_context(CREATOR, "discord:42") == 1
    assert await memory.context_chunks(CREATOR, "discord:42") == []
    assert await memory.upsert_exchanges([public]) == 1
    assert await memory.delete_exchanges(CREATOR, [public.id]) == 1
    assert await store.chunk_ids(exchange_tenant(CREATOR)) == {paid.id}
    await memory.delete_creator(CREATOR)
    assert await store.chunk_ids(exchange_tenant(CREATOR)) == set()


class _Multilingual(HashEmbedder):
    """Stands in for the multilingual model: another model name, the store's dimension, and
    Spanish words folded onto English ones, so a question matches across the two."""

    SPANISH = {"gato": "cat", "nombre": "name", "llama": "name", "masa": "dough"}

    def __init__(self, dimension: int) -> None:
        super().__init__(dimension)
        self.model_name = "fake-multilingual"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        folded = [" ".join(self.SPANISH.get(w, w) for w in t.lower().split()) for t in texts]
        return super().embed_documents(folded)


async def test_exchanges_get_a_multilingual_copy_that_leaves_with_them(store, embedder):
    from core.memory.exchanges import Exchange, copy_id, exchange_tenant, multilingual_tenant

    memory = Memory(store, embedder, multilingual=_Multilingual(embedder.dimension))
    copies = multilingual_tenant(exchange_tenant(CREATOR))
    public = Exchange(
        CREATOR, "what is your cat name", "Poolish!", "discord", "d.json", asker="discord:42"
    )
    paid = Exchange(
        CREATOR, "how long do you rest dough", "An hour.", "club", "c.json", Visibility.PAID
    )
    assert await memory.upsert_exchanges([public, paid]) == 2
    hits = await memory.match_exchanges(CREATOR, "gato nombre", 4, frozenset({Visibility.PUBLIC}))
    assert [h.exchange for h in hits] == [public]  # paid stays hidden, fields come back whole
    assert (await memory.match_exchanges(OTHER, "gato", 4, frozenset(Visibility))) == []
    # /forget-me by the asker, deleting by id, and deleting the creator take the copies too.
    assert await memory.scrub_context(CREATOR, "discord:42") == 1
    assert await store.chunk_ids(copies) == {copy_id(paid.id)}
    await memory.delete_exchanges(CREATOR, [paid.id])
    assert await store.chunk_ids(copies) == set()
    await memory.upsert_exchanges([public])
    await memory.delete_creator(CREATOR)
    assert await store.chunk_ids(copies) == set()
    # Without a multilingual model nothing is copied, and nothing is matched.
    plain = Memory(store, embedder)
    await plain.upsert_exchanges([public])
    assert await store.chunk_ids(copies) == set()
    assert await plain.match_exchanges(CREATOR, "gato", 4, frozenset(Visibility)) == []
    # Exchanges stored before the model was on count as not stored, so ingest copies them.
    late = Memory(store, embedder, multilingual=_Multilingual(embedder.dimension))
    assert await late.chunk_ids(exchange_tenant(CREATOR)) == set()
    await late.upsert_chunks([public.to_chunk()])
    assert await late.chunk_ids(exchange_tenant(CREATOR)) == {public.id}
