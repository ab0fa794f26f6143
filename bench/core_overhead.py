"""Benchmark: per-message memory overhead on Edge vs LangChain's QdrantVectorStore (local mode)."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from core.memory.embeddings import MiniLMEmbedder
from core.memory.memory import Memory
from core.memory.stores.edge import EdgeMemoryStore
from core.records import (
    Chunk,
    FanMemoryItem,
    FanScope,
    MemoryKind,
    ScoredChunk,
    ScoredMemory,
    Visibility,
)

CACHE = Path(__file__).parent / ".cache"
CREATOR = "bench-creator"
ALLOWED = frozenset({Visibility.PUBLIC, Visibility.PAID})
T0 = datetime(2026, 1, 1, tzinfo=UTC)
# Noise per dimension that puts a synthetic vector at cosine ~0.85 from its real parent.
SIGMA = 0.0316

TOPICS = [
    "sourdough starter",
    "croissant lamination",
    "tour dates",
    "new album",
    "guitar tuning",
    "studio setup",
    "vocal warmups",
    "merch drop",
    "podcast episode",
    "live stream schedule",
    "songwriting process",
    "mixing vocals",
    "rye bread",
    "road trip playlist",
    "fan mail",
    "mental health on tour",
    "practice routine",
    "gear recommendations",
    "collab rumours",
    "behind the scenes",
    "q&a recap",
    "favourite books",
    "coffee order",
    "cat named miso",
]
FRAMES = [
    "Here is what I think about {t}: it took me years to get it right, honestly.",
    "Quick update on {t} — more details next week, thanks for asking so often!",
    "People keep asking about {t}. Short answer: start small and be patient.",
    "My {t} story is a bit embarrassing, but here goes, since you asked nicely.",
    "If you want to get into {t}, the one tip I'd give is to keep notes every day.",
    "Still can't believe how {t} turned out. Thank you all for the support.",
]
QUESTIONS = [
    "hey! how do you keep your {t} going?",
    "any news about {t}??",
    "what's your best tip for {t}",
    "did you ever struggle with {t}?",
    "can you tell me more about {t} please",
    "lol is {t} still a thing for you",
]


def texts(n: int, seed: int, frames: Sequence[str] = FRAMES) -> list[str]:
    """Deterministic chat-like sentences about the creator's topics."""
    rng = random.Random(seed)
    return [rng.choice(frames).format(t=rng.choice(TOPICS)) + f" ({i})" for i in range(n)]


def base_vectors(embedder: MiniLMEmbedder, n: int) -> tuple[list[str], np.ndarray]:
    """Real MiniLM vectors of n texts, cached in bench/.cache/ as .npy."""
    CACHE.mkdir(exist_ok=True)
    file = CACHE / f"minilm_base_{n}.npy"
    base_texts = texts(n, seed=7)
    if file.exists():
        return base_texts, np.load(file)
    t = time.perf_counter()
    vectors = embedder.embed_array(base_texts)
    print(f"  embedded {n} base texts in {time.perf_counter() - t:.1f} s (cached to {file})")
    np.save(file, vectors)
    return base_texts, vectors


def synthesise(base: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n unit vectors near real ones: parent + Gaussian noise (cosine ~0.85 to the parent)."""
    rng = np.random.default_rng(seed)
    parents = base[np.arange(n) % len(base)]
    out = parents + rng.normal(0.0, SIGMA, size=parents.shape).astype(np.float32)
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def make_chunks(base_texts: list[str], n: int) -> list[Chunk]:
    rng = random.Random(11)
    out = []
    for i in range(n):
        roll = rng.random()
        vis = (
            Visibility.PUBLIC
            if roll < 0.8
            else Visibility.PAID
            if roll < 0.95
            else (Visibility.PRIVATE)
        )
        out.append(
            Chunk(
                id=str(uuid.UUID(int=i + 1)),
                creator_id=CREATOR,
                source=f"source-{i % 12}",
                source_file=f"archive/{i % 12}.jsonl",
                text=f"{base_texts[i % len(base_texts)]} [variant {i}]",
                visibility=vis,
                url=f"https://example.com/p/{i}",
                date="2025-06-01",
            )
        )
    return out


def fan_scope(f: int) -> FanScope:
    community = f"discord:guild{f % 20}"
    return FanScope(CREATOR, f"{community}:user{f}", community, is_dm=f % 5 == 0)


def make_fan_items(fans: int, per_fan: int, base_texts: list[str]) -> list[FanMemoryItem]:
    out = []
    for f in range(fans):
        s = fan_scope(f)
        for j in range(per_fan):
            out.append(
                FanMemoryItem(
                    id=str(uuid.UUID(int=(f + 1) * 1000 + j)),
                    creator_id=s.creator_id,
                    fan_id=s.fan_id,
                    community_id=s.community_id,
                    is_dm=s.is_dm,
                    conversation_id=f"{s.community_id}:general",
                    kind=MemoryKind.TURN if j % 4 else MemoryKind.NOTE,
                    speaker="fan" if j % 2 == 0 else "clone",
                    text=base_texts[(f * per_fan + j) % len(base_texts)],
                    created_at=T0 + timedelta(minutes=j),
                    message_id=f"m{f}-{j}",
                )
            )
    return out


def assemble(
    question: str,
    hits: Sequence[ScoredChunk],
    notes: Sequence[ScoredMemory],
    recent: Sequence[FanMemoryItem],
) -> str:
    """A plain prompt build, the same for both sides."""
    sources = "\n".join(f'<source n="{i}">{h.chunk.text}</source>' for i, h in enumerate(hits, 1))
    memory = "\n".join(f"<memory>{n.item.text}</memory>" for n in notes)
    turns = "\n".join(f"{t.speaker}: {t.text}" for t in recent)
    return f"SOURCES:\n{sources}\n{memory}\n{turns}\n<fan>{question}</fan>"


@dataclass
class Stats:
    p50: float
    p95: float
    n: int


def stats(samples: list[float]) -> Stats:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
    return Stats(statistics.median(ms), p95, len(ms))


# Numbers every question asked in this run: Memory caches query vectors by text, so a
# repeated question would cost no embedding (the LangChain baseline embeds every one).
_ASKED = itertools.count()


def new_questions(n: int, seed: int) -> list[str]:
    """n questions no earlier call in this run has asked, as bench.throughput does."""
    return [f"{q} (message {next(_ASKED)})" for q in texts(n, seed=seed, frames=QUESTIONS)]


async def time_messages(
    handle: Callable[[str, FanScope], Awaitable[str]], n: int, fans: int, seed: int
) -> list[float]:
    rng = random.Random(seed)
    warm, questions = new_questions(3, seed + 1), new_questions(n, seed)
    for q in warm:  # warm lazily built structures (not the query cache: new texts follow)
        await handle(q, fan_scope(rng.randrange(fans)))
    samples = []
    for question in questions:
        scope = fan_scope(rng.randrange(fans))
        t = time.perf_counter()
        await handle(question, scope)
        samples.append(time.perf_counter() - t)
    return samples


# -- clonebot on Edge ---------------------------------------------------------------------------


async def build_edge(
    folder: Path,
    embedder: MiniLMEmbedder,
    chunks: list[Chunk],
    chunk_vecs: np.ndarray,
    items: list[FanMemoryItem],
    item_vecs: np.ndarray,
) -> tuple[Memory, float]:
    store = await EdgeMemoryStore.open(folder, embedder)
    t = time.perf_counter()
    step = 4096
    for s in range(0, len(chunks), step):
        await store.add_chunks(chunks[s : s + step], chunk_vecs[s : s + step].tolist())
    for s in range(0, len(items), step):
        await store.add_fan_memory(items[s : s + step], item_vecs[s : s + step].tolist())
    load = time.perf_counter() - t
    return Memory(store, embedder), load


def edge_handler(memory: Memory) -> Callable[[str, FanScope], Awaitable[str]]:
    async def handle(question: str, scope: FanScope) -> str:
        vector = await memory.embed_query(question)
        hits = await memory.recall_corpus(CREATOR, vector, 4, ALLOWED)
        notes = await memory.recall_fan(scope, vector, 3)
        recent = await memory.recent_fan(scope, 6)
        return assemble(question, hits, notes, recent)

    return handle


# -- baseline: LangChain QdrantVectorStore on qdrant-client local mode ---------------------------


def build_baseline(
    embedder: MiniLMEmbedder,
    chunks: list[Chunk],
    chunk_vecs: np.ndarray,
    items: list[FanMemoryItem],
    item_vecs: np.ndarray,
) -> tuple[Callable[[str, FanScope], Awaitable[str]], float]:
    import warnings

    from langchain_qdrant import QdrantVectorStore
    from qdrant_client import QdrantClient
    from qdrant_client import models as qm

    warnings.filterwarnings("ignore", message=".*Local mode is not recommended.*")
    client = QdrantClient(location=":memory:")
    params = qm.VectorParams(size=embedder.dimension, distance=qm.Distance.COSINE)
    client.create_collection("corpus", vectors_config=params)
    client.create_collection("fans", vectors_config=params)
    t = time.perf_counter()
    step = 2048
    for s in range(0, len(chunks), step):
        client.upsert(
            "corpus",
            [
                qm.PointStruct(
                    id=c.id,
                    vector=v,
                    payload={
                        "page_content": c.text,
                        "metadata": {
                            "creator_id": c.creator_id,
                            "visibility": str(c.visibility),
                            "source": c.source,
                        },
                    },
                )
                for c, v in zip(
                    chunks[s : s + step], chunk_vecs[s : s + step].tolist(), strict=True
                )
            ],
        )
    for s in range(0, len(items), step):
        client.upsert(
            "fans",
            [
                qm.PointStruct(
                    id=i.id,
                    vector=v,
                    payload={
                        "page_content": i.text,
                        "metadata": {
                            "creator_id": i.creator_id,
                            "fan_id": i.fan_id,
                            "community_id": i.community_id,
                            "is_dm": i.is_dm,
                            "kind": str(i.kind),
                            "speaker": i.speaker,
                            "ts": i.created_at.timestamp(),
                        },
                    },
                )
                for i, v in zip(items[s : s + step], item_vecs[s : s + step].tolist(), strict=True)
            ],
        )
    load = time.perf_counter() - t
    corpus = QdrantVectorStore(client, "corpus", embedding=embedder)
    fans = QdrantVectorStore(client, "fans", embedding=embedder)

    def eq(key: str, value: object) -> qm.FieldCondition:
        return qm.FieldCondition(key=f"metadata.{key}", match=qm.MatchValue(value=value))  # type: ignore[arg-type]

    async def handle(question: str, scope: FanScope) -> str:
        vector = embedder.embed_query(question)
        corpus_filter = qm.Filter(
            must=[
                eq("creator_id", CREATOR),
                qm.FieldCondition(
                    key="metadata.visibility", match=qm.MatchAny(any=[str(v) for v in ALLOWED])
                ),
            ]
        )
        scope_must = [
            eq("creator_id", scope.creator_id),
            eq("fan_id", scope.fan_id),
            eq("community_id", scope.community_id),
            eq("is_dm", scope.is_dm),
        ]
        docs = corpus.similarity_search_with_score_by_vector(vector, k=4, filter=corpus_filter)
        notes = fans.similarity_search_with_score_by_vector(
            vector, k=3, filter=qm.Filter(must=scope_must)
        )
        recent, _ = client.scroll(
            "fans",
            scroll_filter=qm.Filter(must=[*scope_must, eq("kind", "turn")]),
            limit=6,
            order_by=qm.OrderBy(key="metadata.ts", direction=qm.Direction.DESC),
        )
        sources = "\n".join(f"<source>{d.page_content}</source>" for d, _ in docs)
        memory = "\n".join(f"<memory>{d.page_content}</memory>" for d, _ in notes)
        turns = "\n".join(str((r.payload or {}).get("page_content")) for r in reversed(recent))
        return f"SOURCES:\n{sources}\n{memory}\n{turns}\n<fan>{question}</fan>"

    return handle, load


# -- ingestion throughput -----------------------------------------------------------------


async def ingestion(embedder: MiniLMEmbedder, n: int, rounds: int) -> tuple[float, float]:
    """Best-of-rounds texts/s of the bare embedder and of Memory.upsert_chunks on a fresh Edge."""
    corpus = [
        Chunk(
            id=str(uuid.uuid4()),
            creator_id=CREATOR,
            source="ingest",
            source_file="ingest.jsonl",
            text=t,
        )
        for t in texts(n, seed=99)
    ]
    bare, facade = 0.0, 0.0
    embedder.embed_documents([c.text for c in corpus[:64]])  # warm-up
    for _ in range(rounds):
        t = time.perf_counter()
        embedder.embed_documents([c.text for c in corpus])
        bare = max(bare, n / (time.perf_counter() - t))
        folder = Path(tempfile.mkdtemp(prefix="clonebot-bench-ingest-"))
        try:
            memory = Memory(await EdgeMemoryStore.open(folder, embedder), embedder)
            t = time.perf_counter()
            added = await memory.upsert_chunks(corpus)
            facade = max(facade, n / (time.perf_counter() - t))
            assert added == n
            await memory.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return bare, facade


# -- main ---------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> int:
    sizes = [2_000, 10_000] if args.quick else [10_000, 100_000]
    fans = 1_000 if args.quick else 10_000
    per_fan = 5
    n_base = 512 if args.quick else 4_096
    queries = 60 if args.quick else 300
    baseline_queries = {2_000: 20, 10_000: 15} if args.quick else {10_000: 30, 100_000: 12}
    ingest_n = 256 if args.quick else 1_024

    print(f"clonebot core overhead benchmark ({'quick' if args.quick else 'full'})")
    t = time.perf_counter()
    embedder = MiniLMEmbedder()
    print(f"  MiniLM (int8 ONNX) loaded in {time.perf_counter() - t:.2f} s")
    base_texts, base = base_vectors(embedder, n_base)
    print(
        f"  vectors: {n_base} real MiniLM vectors; larger sets are synthesised by perturbing "
        f"them (cosine ~0.85 to a real parent). Fan memory: {fans} fans x {per_fan} items."
    )
    items = make_fan_items(fans, per_fan, base_texts)
    item_vecs = synthesise(base, len(items), seed=2)

    rows = []
    for size in sizes:
        chunks = make_chunks(base_texts, size)
        chunk_vecs = synthesise(base, size, seed=1)
        folder = Path(tempfile.mkdtemp(prefix="clonebot-bench-edge-"))
        try:
            memory, edge_load = await build_edge(
                folder, embedder, chunks, chunk_vecs, items, item_vecs
            )
            edge = stats(await time_messages(edge_handler(memory), queries, fans, seed=5))
            if args.optimize:
                # What `clonebot ingest` does offline after a large ingest: build HNSW.
                t = time.perf_counter()
                await memory.store.optimize()  # type: ignore[attr-defined]
                built = time.perf_counter() - t
                indexed = stats(await time_messages(edge_handler(memory), queries, fans, seed=5))
                print(
                    f"  edge {size:>7,}: HNSW built in {built:.0f} s; p50/p95 "
                    f"{indexed.p50:.1f} / {indexed.p95:.1f} ms (plain: {edge.p50:.1f} / "
                    f"{edge.p95:.1f} ms)"
                )
                edge = indexed

            async def embed_only(q: str, _s: FanScope, m: Memory = memory) -> str:
                await m.embed_query(q)
                return q

            embed = stats(await time_messages(embed_only, queries, fans, seed=5))
            await memory.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"  edge {size:>7,} chunks: loaded in {edge_load:.1f} s; measuring baseline...")
        handle, base_load = build_baseline(embedder, chunks, chunk_vecs, items, item_vecs)
        baseline = stats(await time_messages(handle, baseline_queries[size], fans, seed=5))
        del handle
        rows.append((size, embed, edge, baseline, edge_load, base_load))

    bare, facade = await ingestion(embedder, ingest_n, rounds=2)

    print()
    print("Per fan message: query embedding + creator-filtered corpus recall (k=4)")
    print("  + fan-filtered memory recall (k=3) + recent turns (6) + prompt assembly")
    header = (
        f"{'corpus':>8} | {'embed only p50/p95':>18} | {'clonebot edge p50/p95':>21} | "
        f"{'LangChain+local p50/p95':>23} | {'speed-up p50/p95':>16}"
    )
    print(header)
    print("-" * len(header))
    for size, embed, edge, baseline, _, _ in rows:
        print(
            f"{size:>8,} | {embed.p50:>7.1f} / {embed.p95:>6.1f} ms | "
            f"{edge.p50:>9.1f} / {edge.p95:>6.1f} ms | "
            f"{baseline.p50:>10.1f} / {baseline.p95:>7.1f} ms | "
            f"{baseline.p50 / edge.p50:>6.0f}x / {baseline.p95 / edge.p95:>5.0f}x"
        )
    print(
        f"(samples: edge {rows[0][2].n} messages per size; baseline "
        + ", ".join(f"{r[3].n} at {r[0]:,}" for r in rows)
        + ")"
    )
    print(
        "load time:  "
        + "; ".join(f"{r[0]:,}: edge {r[4]:.1f} s, baseline {r[5]:.1f} s" for r in rows)
    )
    print()
    ratio = facade / bare
    print(f"Ingestion ({ingest_n} chunks, best of 2):")
    print(f"  bare MiniLM embedder     {bare:>7.0f} texts/s")
    print(f"  Memory.upsert_chunks     {facade:>7.0f} texts/s  (edge store)")
    print(f"  ratio                    {ratio:>7.0%}   goal >= 85%")
    print()
    size, _, edge, baseline, _, _ = rows[-1]
    goals = [
        (f"p95 <= 30 ms at {size:,} on edge", edge.p95 <= 30.0),
        (f">= 50x faster than baseline at {size:,} (p95)", baseline.p95 / edge.p95 >= 50),
        ("ingestion >= 85% of the bare embedder", ratio >= 0.85),
    ]
    for name, ok in goals:
        print(f"  [{'PASS' if ok else 'MISS'}] {name}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a minute or two")
    parser.add_argument(
        "--optimize",
        action="store_true",
        help="also build Edge's HNSW index after loading (as ingest does past 20k points; "
        "about 150 s at 100k) and measure the indexed store",
    )
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
