"""The memory facade: embeds, then recalls or stores the creator corpus and per-fan memory."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from core.ports import Embedder, MemoryStore
from core.records import (
    Chunk,
    FanMemoryItem,
    FanScope,
    MemoryKind,
    ScoredChunk,
    ScoredMemory,
    Visibility,
    stable_id,
)
from core.stores import EmbeddingMismatchError
from core.stores._base import embed_and_add

if TYPE_CHECKING:
    from core.persona import Roles

# A query this short embeds in a few milliseconds; a thread hop would cost about as much.
INLINE_QUERY_CHARS = 1_000
# Query vectors kept for reuse when the same text is remembered a moment later.
RECENT_QUERIES = 256

__all__ = ["EmbeddingMismatchError", "Memory", "visibilities_for"]


def visibilities_for(role_ids: frozenset[str], roles_config: Roles) -> frozenset[Visibility]:
    """Which archive items a fan may be answered from, by their platform roles.

    Args:
        role_ids: The fan's platform role ids, as the adapter read them.
        roles_config: bot.toml's roles: `paid_role_ids` unlock paid items; `private_role_ids`
            unlock private (and paid) items.

    Returns:
        Always PUBLIC, plus PAID and PRIVATE as entitled. NEVER_USE is never returned.
    """
    allowed = {Visibility.PUBLIC}
    if role_ids & set(roles_config.paid_role_ids):
        allowed.add(Visibility.PAID)
    if role_ids & set(roles_config.private_role_ids):
        allowed |= {Visibility.PAID, Visibility.PRIVATE}
    return frozenset(allowed)


class Memory:
    """Creator corpus and per-fan memory behind one object; also the ingest `ChunkSink`.

    Stores take vectors; this class owns the embedder, so every write and read uses the same
    model the store was opened with.
    """

    def __init__(self, store: MemoryStore, embedder: Embedder) -> None:
        """Args: store: an open MemoryStore; embedder: the model the store was opened with."""
        self.store = store
        self.embedder = embedder
        # The fan's message is embedded once for recall and again when it is remembered; the
        # model is deterministic, so the second time reuses the first (a third of the cost).
        self._recent_queries: OrderedDict[str, list[float]] = OrderedDict()

    # -- embedding --------------------------------------------------------------------------

    async def embed_query(self, text: str) -> list[float]:
        """Embed one query without stalling the loop for long.

        A short text on a local model runs inline (about 4 ms for MiniLM); long texts go to a
        worker thread, and providers with native async (HTTP) use it.
        """
        if isinstance(self.embedder, Embeddings) and not _is_local(self.embedder):
            vector = await self.embedder.aembed_query(text)
        elif len(text) <= INLINE_QUERY_CHARS:
            vector = self.embedder.embed_query(text)
        else:
            vector = await asyncio.to_thread(self.embedder.embed_query, text)
        self._recent_queries[text] = vector
        while len(self._recent_queries) > RECENT_QUERIES:
            self._recent_queries.popitem(last=False)
        return vector

    embed_query_async = embed_query

    async def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        if isinstance(self.embedder, Embeddings) and not _is_local(self.embedder):
            return await self.embedder.aembed_documents(texts)
        return await asyncio.to_thread(self.embedder.embed_documents, texts)

    async def _vector(self, query: list[float] | str) -> list[float]:
        return await self.embed_query(query) if isinstance(query, str) else query

    # -- corpus (ChunkSink) -----------------------------------------------------------------

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the chunks not stored yet; re-ingest embeds nothing.

        Returns:
            How many chunks were new.
        """
        return await embed_and_add(self.store, self.embedder, chunks)

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of the stored chunks of a creator, optionally of one source."""
        return await self.store.chunk_ids(creator_id, source)

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete a creator's chunks by id; returns how many were deleted."""
        return await self.store.delete_chunks(creator_id, ids)

    async def sources(self, creator_id: str) -> set[str]:
        """Names of the sources with chunks stored for a creator."""
        return await self.store.sources(creator_id)

    async def delete_source(self, creator_id: str, source: str) -> int:
        """Delete every chunk of one source of a creator; returns how many."""
        return await self.store.delete_source(creator_id, source)

    async def recall_corpus(
        self,
        creator_id: str,
        query: list[float] | str,
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        """The creator's archive chunks nearest the query, among the visibilities allowed.

        Args:
            creator_id: Whose archive.
            query: A vector from `embed_query`, or text to embed.
            k: How many chunks at most.
            visibilities: The asker's entitlement (see `visibilities_for`).
        """
        allowed = visibilities - {Visibility.NEVER_USE}
        return await self.store.search_corpus(creator_id, await self._vector(query), k, allowed)

    # -- fan memory -------------------------------------------------------------------------

    async def recall_fan(
        self, scope: FanScope, query: list[float] | str, k: int
    ) -> list[ScoredMemory]:
        """The one fan-memory read path: filtered by creator, fan, community and DM-ness."""
        return await self.store.search_fan_memory(scope, await self._vector(query), k)

    async def recent_fan(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        """The fan's last n turns in this scope, oldest first."""
        return await self.store.recent_fan_memory(scope, n)

    async def remember_turn(
        self,
        scope: FanScope,
        *,
        conversation_id: str,
        fan_text: str,
        reply_text: str,
        message_id: str | None,
        at: datetime,
    ) -> None:
        """Store a fan message and the clone's reply as two turns in the fan's memory.

        Both carry the fan's `message_id`, so deleting or editing that message forgets the
        reply that quoted it too. The reply is stamped 1 ms later so "recent" keeps the order.
        Ids are deterministic, so a redelivered event overwrites instead of duplicating.
        """
        key = message_id or f"{at.isoformat()}:{fan_text}"
        texts = [fan_text, reply_text]
        items = [
            FanMemoryItem(
                id=stable_id(scope.creator_id, scope.fan_id, conversation_id, key, speaker),
                creator_id=scope.creator_id,
                fan_id=scope.fan_id,
                community_id=scope.community_id,
                is_dm=scope.is_dm,
                conversation_id=conversation_id,
                kind=MemoryKind.TURN,
                speaker=speaker,
                text=text,
                created_at=at + timedelta(milliseconds=offset),
                message_id=message_id,
            )
            for offset, (speaker, text) in enumerate(zip(("fan", "clone"), texts, strict=True))
            if text.strip()
        ]
        if items:
            known = [self._recent_queries.pop(i.text, None) for i in items]
            missing = [i.text for i, v in zip(items, known, strict=True) if v is None]
            fresh = iter(await self._embed_documents(missing) if missing else [])
            vectors = [v if v is not None else next(fresh) for v in known]
            await self.store.add_fan_memory(items, vectors)

    async def remember_note(
        self, scope: FanScope, text: str, *, at: datetime, conversation_id: str = ""
    ) -> FanMemoryItem:
        """Store a durable note about the fan (recalled by similarity, never as a turn)."""
        item = FanMemoryItem(
            id=stable_id(scope.creator_id, scope.fan_id, "note", text),
            creator_id=scope.creator_id,
            fan_id=scope.fan_id,
            community_id=scope.community_id,
            is_dm=scope.is_dm,
            conversation_id=conversation_id,
            kind=MemoryKind.NOTE,
            speaker="fan",
            text=text,
            created_at=at,
        )
        await self.store.add_fan_memory([item], await self._embed_documents([text]))
        return item

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]:
        """Everything remembered about a fan under one creator, oldest first."""
        return await self.store.export_fan(creator_id, fan_id)

    async def forget_fan(self, creator_id: str, fan_id: str) -> int:
        """Delete everything remembered about a fan (`/forget-me`); returns items deleted."""
        return await self.store.delete_fan(creator_id, fan_id)

    async def forget_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        """Forget one fan message (edited or deleted) and the reply tied to it."""
        return await self.store.delete_fan_message(creator_id, fan_id, message_id)

    async def delete_creator(self, creator_id: str) -> int:
        """Delete a creator's corpus and all their fans' memory; returns points deleted."""
        return await self.store.delete_creator(creator_id)

    async def close(self) -> None:
        """Close the store."""
        await self.store.close()


def _is_local(embedder: object) -> bool:
    from core.embeddings import HashEmbedder, MiniLMEmbedder

    return isinstance(embedder, MiniLMEmbedder | HashEmbedder)
