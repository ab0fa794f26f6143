"""Every contract the core needs from outside; each has an in-memory twin and a contract test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from langchain_core.messages import BaseMessage

from core.records import (
    AuditEntry,
    Chunk,
    Draft,
    DraftStatus,
    FanMemoryItem,
    FanScope,
    Handoff,
    Mute,
    OutboxEntry,
    OutboxStatus,
    ReplyRecord,
    ScoredChunk,
    ScoredMemory,
    Visibility,
)
from core.types import Reply, SentMessage, Target


@runtime_checkable
class Embedder(Protocol):
    """Text to vectors. Implementations also satisfy LangChain's `Embeddings` interface."""

    model_name: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class ChunkSink(Protocol):
    """Where ingestion puts the creator's archive chunks."""

    async def upsert_chunks(self, chunks: Sequence[Chunk]) -> int:
        """Store chunks (embedding them as needed); returns how many were new."""
        ...

    async def chunk_ids(self, creator_id: str, source: str | None = None) -> set[str]:
        """Ids of the stored chunks of a creator, optionally of one source."""
        ...

    async def delete_chunks(self, creator_id: str, ids: Sequence[str]) -> int: ...

    async def sources(self, creator_id: str) -> set[str]:
        """Names of the sources that have chunks stored for a creator."""
        ...

    async def delete_source(self, creator_id: str, source: str) -> int: ...


class MemoryStore(ChunkSink, Protocol):
    """Vector memory: the creator corpus and per-fan memory, filtered by tenant.

    Vectors are passed in; embedding happens in `core.memory.memory.Memory`, so stores stay dumb.
    """

    async def add_chunks(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]]) -> int: ...

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]: ...

    async def add_fan_memory(
        self, items: Sequence[FanMemoryItem], vectors: Sequence[list[float]]
    ) -> None: ...

    async def search_fan_memory(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]:
        """The one read path: always filtered by creator, fan, and DM-ness."""
        ...

    async def recent_fan_memory(self, scope: FanScope, n: int) -> list[FanMemoryItem]: ...

    async def export_fan(self, creator_id: str, fan_id: str) -> list[FanMemoryItem]: ...

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids (one per community and DM) of one platform user, `platform:user`."""
        ...

    async def delete_fan(self, creator_id: str, fan_id: str) -> int: ...

    async def context_chunks(self, creator_id: str, person: str) -> list[Chunk]:
        """Archive chunks whose context (the fan message answered) `person` wrote."""
        ...

    async def scrub_context(self, creator_id: str, person: str) -> int:
        """Drop that context from them (the creator's answer stays); returns chunks changed."""
        ...

    async def delete_fan_message(self, creator_id: str, fan_id: str, message_id: str) -> int: ...

    async def delete_creator(self, creator_id: str) -> int: ...

    async def purge(self) -> bool:
        """Physically drop deleted points' bytes where the engine allows; True if work ran."""
        ...

    async def close(self) -> None: ...


class Generator(Protocol):
    """An LLM behind LangChain: streams text pieces for a list of chat messages."""

    name: str

    def stream(self, messages: Sequence[BaseMessage]) -> AsyncIterator[str]: ...


class Outbound(Protocol):
    """Core's one way out for what it starts itself: typing signs, moderator notices, review
    drafts, handoff threads, busy notices, live rounds and scheduled posts. Each is a `Reply`;
    the runner of its target's platform sends it (`adapters.common.router.OutboundRouter`)."""

    def reaches(self, platform: str) -> bool:
        """True when a runner for `platform` runs in this process."""
        ...

    async def post(self, reply: Reply) -> SentMessage | None:
        """Send `reply` (one of kind `TYPING` shows the typing sign); the message sent, when
        the platform names it.

        Raises:
            LookupError: no runner for the reply's platform runs in this process.
        """
        ...

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        """Our post with this text in `target`'s channel since `since`; None when the platform
        says it is not there.

        Raises:
            LookupError: the platform cannot search its history (or does not run here).
            Exception: anything else means it could not tell this time.
        """
        ...


class Deduper(Protocol):
    """Drops repeats of platform deliveries (at-least-once everywhere)."""

    async def first_time(self, key: str, ttl_seconds: int = 86_400) -> bool:
        """True the first time `key` is seen within the TTL, False afterwards."""
        ...


class RateLimiter(Protocol):
    async def allow(self, key: str, limit: int, per_seconds: float) -> bool:
        """True if another hit on `key` fits within `limit` per `per_seconds`; counts it if so."""
        ...

    async def acquire(self, key: str, limit: int, per_seconds: float) -> float:
        """Count a hit if it fits and return 0.0; else count nothing and return the seconds
        until the window has room, so a caller that must wait sleeps once instead of polling."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC now."""
        ...


class StateStore(Protocol):
    """Control and trust state every replica must see: switches, mutes, handoffs, drafts, audit."""

    # Switches: kill switch, on/off and mode per scope, budget. Values are short strings.
    async def get_switch(self, creator_id: str, key: str) -> str | None: ...

    async def set_switch(self, creator_id: str, key: str, value: str | None) -> None: ...

    async def switches(self, creator_id: str) -> dict[str, str]: ...

    async def add_mute(self, mute: Mute) -> None: ...

    async def active_mutes(self, creator_id: str, now: datetime) -> list[Mute]: ...

    async def remove_mutes(self, creator_id: str, key: str | None = None) -> int: ...

    async def open_handoff(self, handoff: Handoff) -> None: ...

    async def get_handoff(self, creator_id: str, conversation_id: str) -> Handoff | None:
        """The open handoff of a conversation, if any."""
        ...

    async def close_handoff(self, creator_id: str, conversation_id: str, at: datetime) -> bool: ...

    async def open_handoffs(self, creator_id: str) -> list[Handoff]: ...

    async def add_draft(self, draft: Draft) -> None: ...

    async def get_draft(self, draft_id: str) -> Draft | None: ...

    async def set_draft_status(
        self, draft_id: str, status: DraftStatus, by: str, text: str | None = None
    ) -> bool:
        """Move a draft on; False if it was no longer pending (so it is never sent twice)."""
        ...

    async def drafts(self, creator_id: str, status: DraftStatus | None = None) -> list[Draft]: ...

    async def audit(self, entry: AuditEntry) -> None: ...

    async def audit_log(self, creator_id: str, limit: int = 50) -> list[AuditEntry]: ...

    async def touch_channel(self, creator_id: str, channel_key: str, at: datetime) -> None: ...

    async def channel_activity(self, creator_id: str, channel_key: str) -> datetime | None: ...

    async def fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str
    ) -> datetime | None: ...

    async def set_fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str, at: datetime
    ) -> None: ...

    async def log_reply(self, record: ReplyRecord) -> None: ...

    async def flag_reply(self, creator_id: str, reply_id: str, flag: str) -> bool: ...

    async def replies(
        self, creator_id: str, flag: str | None = None, limit: int = 50
    ) -> list[ReplyRecord]: ...

    async def claim_outbox(self, entry: OutboxEntry) -> bool:
        """Insert an occurrence; False if its (creator_id, key) exists (another replica has it)."""
        ...

    async def update_outbox(
        self,
        creator_id: str,
        key: str,
        expected: frozenset[OutboxStatus],
        status: OutboxStatus,
        at: datetime,
        **fields: str | None,
    ) -> bool:
        """Compare-and-set: move an occurrence on only from an `expected` status.

        `fields` may set text, message_id, draft_id, detail or claimed_by.
        """
        ...

    async def reclaim_outbox(
        self, creator_id: str, key: str, was: str, by: str, at: datetime
    ) -> bool:
        """Take over a claim `was` holds that has no text yet (nothing can have been sent):
        compare-and-set on the holder, so of replicas racing exactly one wins."""
        ...

    async def get_outbox(self, creator_id: str, key: str) -> OutboxEntry | None: ...

    async def outbox(
        self, creator_id: str, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxEntry]:
        """Occurrences, newest claim first."""
        ...

    async def add_usage(self, creator_id: str, day: str, tokens: int) -> int:
        """Add LLM tokens used on `day` (YYYY-MM-DD); returns that day's total."""
        ...

    async def usage(self, creator_id: str, day: str) -> int:
        """LLM tokens used on `day` (YYYY-MM-DD) so far; a read, unlike `add_usage(..., 0)`."""
        ...

    async def add_outcomes(self, creator_id: str, day: str, counts: Mapping[str, int]) -> None:
        """Add message outcome counts (outcome -> n) to `day`'s (YYYY-MM-DD) totals."""
        ...

    async def outcomes(self, creator_id: str, since_day: str) -> dict[str, dict[str, int]]:
        """Outcome totals per day from `since_day` on: {day: {outcome: n}}, oldest day first."""
        ...

    async def export_fan(
        self, creator_id: str, fan_id: str
    ) -> dict[str, list[dict[str, str]]]: ...

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        """The fan ids of one platform user (`platform:user`) that any row names."""
        ...

    async def forget_fan(
        self, creator_id: str, fan_id: str, conversations: Sequence[str] = ()
    ) -> int:
        """Delete the fan's rows and scrub their id and text from logs; returns rows touched.

        Audit entries and handoffs by the fan's platform user (`platform:user`) are scrubbed
        too. `conversations` are the fan's DM conversations: their channel activity, switches
        and closed handoffs name the fan, so they go as well.
        """
        ...

    async def purge(self) -> bool:
        """Physically drop deleted rows' bytes (SQLite VACUUM, PostgreSQL VACUUM)."""
        ...

    async def delete_creator(self, creator_id: str) -> int: ...

    async def close(self) -> None: ...
