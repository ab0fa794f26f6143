"""Memory stores behind the `MemoryStore` port, the embedding-model guard, and their factory."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.config import Settings
    from core.ports import Embedder, MemoryStore


class EmbeddingMismatchError(RuntimeError):
    """The store was built with another embedding model or dimension than the one given."""


class StoreLockedError(RuntimeError):
    """The embedded store's folder is already open (locked) by another process or handle."""


@dataclass(frozen=True, slots=True)
class ModelRecord:
    """The embedding model a store was created with; recorded next to (or inside) the data."""

    model_name: str
    dimension: int

    @classmethod
    def of(cls, embedder: Embedder) -> ModelRecord:
        """The record for an embedder."""
        return cls(embedder.model_name, int(embedder.dimension))

    def check(self, embedder_record: ModelRecord, where: str) -> None:
        """Raise EmbeddingMismatchError unless `embedder_record` is this record.

        Args:
            embedder_record: The model about to read or write the store.
            where: The store's location, for the message.
        """
        if embedder_record != self:
            raise EmbeddingMismatchError(
                f"{where} was built with embedding model {self.model_name!r} "
                f"({self.dimension}-d), but the configured embedder is "
                f"{embedder_record.model_name!r} ({embedder_record.dimension}-d). Vectors of "
                "different models cannot be mixed: switch the embedder back, or re-ingest into "
                "a fresh store."
            )

    def slug(self) -> str:
        """A collection-name-safe form: `all_minilm_l6_v2_384`."""
        name = re.sub(r"[^a-z0-9]+", "_", self.model_name.lower()).strip("_")
        return f"{name}_{self.dimension}"


async def open_memory_store(
    settings: Settings, creator_id: str, embedder: Embedder
) -> MemoryStore:
    """Open the memory store `settings.memory_backend` names, checked against the embedder.

    Args:
        settings: "edge" (default: Qdrant's engine in-process at
            `settings.memory_path_for(creator_id)`), "server" (qdrant-client against
            `settings.qdrant_url`, shared collections with tenant indexes), "qdrant-local"
            (qdrant-client's local mode in the same folder) or "memory" (the in-memory twin).
        creator_id: Whose data; picks the folder of the embedded backends.
        embedder: The model that will write and query; a store built with another raises
            EmbeddingMismatchError.

    Returns:
        An open MemoryStore; call `close()` when done.
    """
    backend = settings.memory_backend
    if backend == "edge":
        from core.memory.stores.edge import EdgeMemoryStore

        return await EdgeMemoryStore.open(settings.memory_path_for(creator_id), embedder)
    if backend in ("server", "qdrant-local"):
        from qdrant_client import AsyncQdrantClient

        from core.memory.stores.qdrant_client_store import QdrantClientMemoryStore

        if backend == "server":
            if not settings.qdrant_url:
                raise ValueError("memory_backend 'server' needs CLONEBOT_QDRANT_URL")
            key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
            client = AsyncQdrantClient(url=settings.qdrant_url, api_key=key)
        else:
            path = settings.memory_path_for(creator_id).with_name("memory-qdrant-local")
            path.mkdir(parents=True, exist_ok=True)
            client = AsyncQdrantClient(path=str(path))
        store = await QdrantClientMemoryStore.open(client, embedder, creator_id=creator_id)
        if backend == "qdrant-local":
            store.local_path = path
        return store
    if backend == "memory":
        from core.memory.stores.inmemory import InMemoryMemoryStore

        return InMemoryMemoryStore(embedder)
    raise ValueError(f"unknown memory backend {backend!r}")


__all__ = ["EmbeddingMismatchError", "ModelRecord", "StoreLockedError", "open_memory_store"]
