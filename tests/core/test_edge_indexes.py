"""Edge fan shards index every term of the fan-memory filter, old stores included."""

from pathlib import Path

from qdrant_edge import (
    Distance,
    EdgeConfig,
    EdgeShard,
    EdgeVectorParams,
    PayloadSchemaType,
    UpdateOperation,
)

from core.memory.embeddings import HashEmbedder
from core.memory.stores._codec import FAN_KEYWORDS, FAN_TIME
from core.memory.stores.edge import EdgeMemoryStore


async def test_a_store_from_an_older_release_gets_the_fan_indexes_it_lacks(tmp_path: Path):
    embedder = HashEmbedder()
    store = await EdgeMemoryStore.open(tmp_path, embedder)
    await store.close()
    # Recreate the fans shard as an older release left it: no community_id index.
    fans = tmp_path / "fans"
    for child in sorted(fans.rglob("*"), reverse=True):
        if child.is_file():
            child.unlink()
        else:
            child.rmdir()
    config = EdgeConfig(
        vectors=EdgeVectorParams(size=embedder.dimension, distance=Distance.Cosine)
    )
    old = EdgeShard.create(str(fans), config)
    for key in ("creator_id", "fan_id", "place"):
        old.update(UpdateOperation.create_field_index(key, PayloadSchemaType.Keyword))
    old.close()

    store = await EdgeMemoryStore.open(tmp_path, embedder)
    try:
        indexed = set(store._fans.info().payload_schema)
        assert {*FAN_KEYWORDS, FAN_TIME} <= indexed
        assert "community_id" in indexed
    finally:
        await store.close()
