"""The memory facade: embeds, then recalls or stores the creator corpus and per-fan memory."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

from core.memory.batcher import EmbedBatcher
from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.memory.exchanges import (
    Exchange,
    ScoredExchange,
    copy_id,
    exchange_tenant,
    is_exchange_tenant,
    multilingual_tenant,
)
from core.memory.recent_turns import RecentTurns
from core.memory.stores import EmbeddingMismatchError
from core.memory.stores._base import embed_and_add
from core.ops.model_pool import run_model
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
from core.text.fold import fold_for_detection

if TYPE_CHECKING:
    from core.persona.bot import Roles

# Query vectors kept by exact text: "hi" and "are you real?" come back all day, a fan's message
# is remembered a moment after it was embedded for recall, and the models are deterministic.
# As float32 arrays 4096 MiniLM vectors take 6 MB (as Python float lists they would take 50).
QUERY_CACHE = 4_096

__all__ = ["EmbeddingMismatchError", "Memory", "visibilities_for"]


async def embed_texts(embedder: Embedder, texts: list[str]) -> npt.NDArray[np.float32]:
    """Embed `texts` as an (n, d) float32 array of unit vectors; the event loop runs no model.

    MiniLM runs one batch on a worker thread; the hash twin inline (microseconds); providers
    through their async path.
    """
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    if isinstance(embedder, HashEmbedder):
        matrix = embedder.embed_array(texts)
    elif isinstance(embedder, MiniLMEmbedder):
        matrix = await run_model(embedder.embed_array, texts)
    elif isinstance(embedder, Embeddings):
        matrix = np.asarray(await embedder.aembed_documents(texts), dtype=np.float32)
    else:
        matrix = np.asarray(await run_model(embedder.embed_documents, texts), dtype=np.float32)
    return _unit_rows(matrix)


def _unit_rows(matrix: npt.NDArray[np.floating]) -> npt.NDArray[np.float32]:
    """Each row scaled to length 1 (a zero row stays zero), as float32."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


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

    def __init__(
        self,
        store: MemoryStore,
        embedder: Embedder,
        *,
        query_cache: int = QUERY_CACHE,
        recent_scopes: int = 0,
        multilingual: Embedder | None = None,
    ) -> None:
        """Open the facade.

        Args:
            store: An open MemoryStore.
            embedder: The model the store was opened with.
            query_cache: How many query vectors to keep, by exact text (0 keeps none).
            recent_scopes: How many scopes' last turns to keep in this process (0 keeps none).
                Only for a store this process alone writes (see `core.memory.recent_turns`).
            multilingual: A multilingual embedder for matching fans' questions to her
                exchanges in any language (`match_exchanges`); used only if its vectors have
                the store's dimension and it is another model than `embedder`.
        """
        self.store = store
        self.embedder = embedder
        same_shape = multilingual is not None and multilingual.dimension == embedder.dimension
        self.multilingual = (
            multilingual
            if same_shape
            and multilingual is not None
            and multilingual.model_name != embedder.model_name
            else None
        )
        self._cache_size = query_cache
        self._cache: OrderedDict[str, npt.NDArray[np.floating]] = OrderedDict()
        # Local models return float32, so keeping float32 loses nothing; providers may not.
        self._cache_dtype = np.float32 if _is_local(embedder) else np.float64
        self._recent = RecentTurns(recent_scopes) if recent_scopes > 0 else None
        # Called after anything people wrote was deleted, so the files get purged too
        # (set by core.control.fan_rights.FanRights to its purger).
        self.on_erase: Callable[[], None] | None = None
        # Called whenever a forget or an edit drops what people wrote: other holders of their
        # words in this process (the claim check's source vectors) drop them too.
        self.on_forget: list[Callable[[], None]] = []
        # MiniLM costs ~10 ms a text but little more for a batch: concurrent queries share runs
        # on one worker thread, and the loop keeps serving (onnxruntime releases the GIL).
        self._batcher = (
            EmbedBatcher(embedder.embed_documents, name="minilm-queries")
            if isinstance(embedder, MiniLMEmbedder)
            else None
        )

    # -- embedding --------------------------------------------------------------------------

    async def embed_query(self, text: str) -> list[float]:
        """Embed one query; the event loop never runs a model.

        A text seen recently comes from the cache. MiniLM queries are batched on one worker
        thread (`EmbedBatcher`); the hash twin runs inline (microseconds); LangChain providers
        use their async path (native for HTTP); any other embedder runs in a thread.
        """
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached.tolist()  # type: ignore[no-any-return]
        if self._batcher is not None:
            vector = await self._batcher.embed(text)
        elif isinstance(self.embedder, HashEmbedder):
            vector = self.embedder.embed_query(text)
        elif isinstance(self.embedder, Embeddings):
            vector = await self.embedder.aembed_query(text)
        else:
            vector = await run_model(self.embedder.embed_query, text)
        if self._cache_size > 0:
            # A copy, so a caller editing its list cannot change what the next caller gets.
            self._cache[text] = np.asarray(vector, dtype=self._cache_dtype)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    embed_query_async = embed_query

    async def embed_texts(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of several texts in one run, off the event loop (a quote's sentences;
        claim verification when the meaning checks use this embedder).

        A local model's vectors are kept by text with the query vectors: a quote scores every
        sentence of its sources, her archive's sentences, the same turn after turn (28 MiniLM
        texts a quoted turn, 185 ms of CPU, in bench/turn_profile.py). Models are deterministic
        and a text's vector does not depend on its batch, so what is returned is unchanged.
        """
        if not (texts and self._cache_size > 0 and _is_local(self.embedder)):
            return await embed_texts(self.embedder, texts)
        found: dict[str, npt.NDArray[np.floating]] = {}
        for text in texts:
            kept = self._cache.get(text)
            if kept is not None:
                self._cache.move_to_end(text)
                found[text] = kept
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            made = await self._embed_array(missing)
            for text, row in zip(missing, made, strict=True):
                found[text] = self._cache[text] = row.astype(self._cache_dtype)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return _unit_rows(np.stack([found[t] for t in texts]).astype(np.float32))

    async def _embed_array(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """A local model's vectors as it makes them (as `embed_query` keeps them)."""
        if isinstance(self.embedder, HashEmbedder):
            return self.embedder.embed_array(texts)
        assert isinstance(self.embedder, MiniLMEmbedder)
        return await run_model(self.embedder.embed_array, texts)

    async def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        if isinstance(self.embedder, Embeddings) and not _is_local(self.embedder):
            return await self.embedder.aembed_documents(texts)
        return await run_model(self.embedder.embed_documents, texts)

    async def _vector(self, query: list[float] | str) -> list[float]:
        return await self.embed_query(query) if isinstance(query, str) else query

    # -- corpus (ChunkSink) -----------------------------------------------------------------

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Embed and store the chunks not stored yet; re-ingest embeds nothing.

        Returns:
            How many chunks were new.
        """
        added = await embed_and_add(self.store, self.embedder, chunks)
        if self.multilingual is not None:
            # Exchanges are kept a second time, embedded by the multilingual model.
            copies = [
                replace(c, id=copy_id(c.id), creator_id=multilingual_tenant(c.creator_id))
                for c in chunks
                if is_exchange_tenant(c.creator_id)
            ]
            await embed_and_add(self.store, self.multilingual, copies)
        return added

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of the stored chunks of a creator, optionally of one source.

        For exchanges, only those also in the multilingual copy count as stored: ingest then
        re-sends the others, and the copy fills in (the first run after it was turned on).
        """
        ids = await self.store.chunk_ids(creator_id, source)
        if self.multilingual is not None and is_exchange_tenant(creator_id):
            copied = await self.store.chunk_ids(multilingual_tenant(creator_id), source)
            ids = {i for i in ids if copy_id(i) in copied}
        return ids

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete a creator's chunks by id; returns how many were deleted."""
        if is_exchange_tenant(creator_id):
            # The copy goes too, even with the multilingual model off now: nothing stays.
            copies = [copy_id(i) for i in ids]
            await self.store.delete_chunks(multilingual_tenant(creator_id), copies)
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

    # -- exchanges (a fan's question and the creator's answer) -------------------------------

    async def upsert_exchanges(self, exchanges: Sequence[Exchange]) -> int:
        """Store exchanges, embedded by their question; returns how many were new."""
        return await self.upsert_chunks([e.to_chunk() for e in exchanges])

    async def recall_exchanges(
        self,
        creator_id: str,
        query: list[float] | str,
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredExchange]:
        """The exchanges whose questions are nearest the query, within the asker's entitlement.

        The creator's own revisions (corrections, edited drafts) come first among equals.
        """
        allowed = visibilities - {Visibility.NEVER_USE}
        hits = await self.store.search_corpus(
            exchange_tenant(creator_id), await self._vector(query), k, allowed
        )
        found = [ScoredExchange(Exchange.from_chunk(h.chunk), h.score) for h in hits]
        return sorted(found, key=lambda h: (-round(h.score, 3), not h.exchange.priority))

    async def match_exchanges(
        self,
        creator_id: str,
        question: str,
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredExchange]:
        """The exchanges whose questions are nearest `question` by the multilingual model,
        within the asker's entitlement; none without one."""
        if self.multilingual is None:
            return []
        [vector] = await run_model(self.multilingual.embed_documents, [question])
        allowed = visibilities - {Visibility.NEVER_USE}
        tenant = multilingual_tenant(exchange_tenant(creator_id))
        hits = await self.store.search_corpus(tenant, vector, k, allowed)
        return [ScoredExchange(Exchange.from_chunk(h.chunk), h.score) for h in hits]

    async def delete_exchanges(self, creator_id: str, ids: Sequence[str]) -> int:
        """Delete exchanges by id; returns how many."""
        self._forget_texts()
        return await self.delete_chunks(exchange_tenant(creator_id), ids)

    # -- fan memory -------------------------------------------------------------------------

    async def recall_fan(
        self, scope: FanScope, query: list[float] | str, k: int
    ) -> list[ScoredMemory]:
        """The one fan-memory read path: filtered by creator, fan, community and DM-ness.

        A message and the reply to it share a vector, so they tie: the older (the fan's) first.
        """
        hits = await self.store.search_fan_memory(scope, await self._vector(query), k)
        return sorted(hits, key=lambda h: (-h.score, h.item.created_at))

    async def recent_fan(self, scope: FanScope, n: int) -> list[FanMemoryItem]:
        """The fan's last n turns in this scope, oldest first."""
        if self._recent is None or n > self._recent.keep:
            return await self.store.recent_fan_memory(scope, n)
        kept = self._recent.get(scope, n)
        if kept is not None:
            return kept
        token = self._recent.begin_read(scope)
        try:
            turns = await self.store.recent_fan_memory(scope, self._recent.keep)
        except BaseException:
            self._recent.abandon(scope, token)
            raise
        self._recent.fill(scope, token, turns)
        return turns[-n:] if n > 0 else []

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

        Both are stored under the vector of the fan's message (of the reply when the message is
        blank): a later, similar question recalls the whole exchange. Both carry the fan's
        `message_id`, so deleting or editing that message forgets the reply that quoted it too.
        The reply is stamped 1 ms later so "recent" keeps the order.
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
            # The exchange is indexed by what the fan said (the reply shares that vector): one
            # embedding per turn at most, none when the message was just embedded for recall.
            vector = await self.embed_query(items[0].text)
            await self.store.add_fan_memory(items, [vector] * len(items))
            if self._recent is not None:
                self._recent.add(scope, items)

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

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids (one per community and DM) of one platform user, `platform:user`."""
        return await self.store.fan_ids(creator_id, person)

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        """Archive chunks whose context (the fan message answered) `person` wrote.

        Exchanges with their question are included, shaped like archive chunks (`context` is
        the fan's message, `text` her answer); one already listed from the archive is not
        listed twice.
        """
        chunks = await self.store.context_chunks(creator_id, person)
        seen = {(c.source, c.item_id, c.context) for c in chunks}
        for c in await self.store.context_chunks(exchange_tenant(creator_id), person):
            shaped = replace(c, creator_id=creator_id, text=c.context or "", context=c.text)
            if (shaped.source, shaped.item_id, shaped.context) not in seen:
                seen.add((shaped.source, shaped.item_id, shaped.context))
                chunks.append(shaped)
        return chunks

    async def scrub_context(self, creator_id: str, person: str) -> int:
        """Drop that context; the creator's answer stays. Text caches are emptied too."""
        self._forget_texts()
        changed = await self.store.scrub_context(creator_id, person)
        # An exchange is indexed by the fan's question: it goes whole. Her answer stands alone
        # in the archive chunk scrubbed above, so nothing of hers is lost.
        tenant = exchange_tenant(creator_id)
        theirs = [c.id for c in await self.store.context_chunks(tenant, person)]
        if theirs:
            changed += await self.store.delete_chunks(tenant, theirs)
        copies = multilingual_tenant(tenant)
        copied = [c.id for c in await self.store.context_chunks(copies, person)]
        if copied:
            await self.store.delete_chunks(copies, copied)
        self._erased(changed)
        return changed

    async def purge(self) -> bool:
        """Erase deleted items' bytes from the store's files (see each store's `purge`)."""
        return await self.store.purge()

    async def forget_fan(self, creator_id: str, fan_id: str) -> int:
        """Delete everything remembered about a fan (`/forget-me`); returns items deleted."""
        self._forget_texts()
        deleted = await self.store.delete_fan(creator_id, fan_id)
        # After the delete: a read that ran while it was under way may have kept old turns.
        self._forget_recent(creator_id, fan_id)
        self._erased(deleted)
        return deleted

    async def forget_message(self, creator_id: str, fan_id: str, message_id: str) -> int:
        """Forget one fan message (edited or deleted) and the reply tied to it."""
        self._forget_texts()
        deleted = await self.store.delete_fan_message(creator_id, fan_id, message_id)
        self._forget_recent(creator_id, fan_id)
        self._erased(deleted)
        return deleted

    async def delete_creator(self, creator_id: str) -> int:
        """Delete a creator's corpus and all their fans' memory; returns points deleted."""
        self._forget_texts()
        deleted = await self.store.delete_creator(creator_id)
        deleted += await self.store.delete_creator(exchange_tenant(creator_id))
        await self.store.delete_creator(multilingual_tenant(exchange_tenant(creator_id)))
        self._forget_recent(creator_id)
        return deleted

    def _erased(self, count: int) -> None:
        if count and self.on_erase is not None:
            self.on_erase()

    def _forget_texts(self) -> None:
        # The vector caches and the detectors' folding cache are keyed by the texts people
        # wrote, and forgotten words must not stay in this process either (forgets are rare;
        # refilling is cheap), so both are emptied whole.
        self._cache.clear()
        fold_for_detection.cache_clear()
        # The multilingual model keeps its last texts' vectors (fans' questions among them).
        multilingual = getattr(self.multilingual, "forget", None)
        if multilingual is not None:
            multilingual()
        for forget in self.on_forget:
            forget()

    def _forget_recent(self, creator_id: str, fan_id: str | None = None) -> None:
        if self._recent is None:
            return
        if fan_id is None:
            self._recent.drop_creator(creator_id)
        else:
            self._recent.drop_fan(creator_id, fan_id)

    async def close(self) -> None:
        """Stop the query worker thread (after the queries queued), then close the store."""
        if self._batcher is not None:
            await asyncio.to_thread(self._batcher.close)
        await self.store.close()


def _is_local(embedder: object) -> bool:
    return isinstance(embedder, MiniLMEmbedder | HashEmbedder)
