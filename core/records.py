"""Records the core stores: corpus chunks, fan memory, mutes, handoffs, drafts, audit, replies."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Visibility(StrEnum):
    """Who an archive item may be used for. never-use items are never stored."""

    PUBLIC = "public"
    PAID = "paid"
    PRIVATE = "private"
    NEVER_USE = "never-use"


def stable_id(*parts: str) -> str:
    """A deterministic UUID (Qdrant point ids must be UUIDs or ints) from content parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return str(uuid.UUID(digest[:32]))


def person_of(fan_id: str) -> str:
    """The platform user behind a fan id, as `platform:user`.

    A fan id is `platform:workspace:user`, one per community and one for DMs; the person is the
    same on every one of them: `telegram:dm:42` and `telegram:-1001:42` are both `telegram:42`.
    """
    platform, _, rest = fan_id.partition(":")
    return f"{platform}:{rest.rsplit(':', 1)[-1]}"


def person_key(text: str) -> str:
    """A person key from what an operator typed: `platform:user`, or any fan id of theirs."""
    text = text.strip()
    return text if text.count(":") == 1 else person_of(text)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of the creator's archive, with its provenance.

    `id` is a content hash of (creator, source, item, text), so re-ingest is idempotent.
    """

    id: str
    creator_id: str
    source: str
    source_file: str
    text: str
    visibility: Visibility = Visibility.PUBLIC
    item_id: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    kind: str = "post"
    title: str | None = None
    # The fan message the creator was answering, kept as context only (never the creator's words).
    context: str | None = None
    # Who wrote that message, `platform:user`, when the export says: /forget-me scrubs it.
    context_author: str | None = None
    # Transcripts: "HH:MM:SS" start and end of the time window.
    start: str | None = None
    end: str | None = None

    def label(self) -> str:
        """A short human title for citations."""
        if self.title:
            return self.title
        snippet = " ".join(self.text.split())
        return snippet[:60] + ("…" if len(snippet) > 60 else "")


@dataclass(frozen=True, slots=True)
class ScoredChunk:
    chunk: Chunk
    score: float


class MemoryKind(StrEnum):
    TURN = "turn"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class FanScope:
    """The only key to a fan's memory. Every fan-memory read is filtered by all of it."""

    creator_id: str
    fan_id: str
    community_id: str
    is_dm: bool


@dataclass(frozen=True, slots=True)
class FanMemoryItem:
    id: str
    creator_id: str
    fan_id: str
    community_id: str
    is_dm: bool
    conversation_id: str
    kind: MemoryKind
    speaker: str  # "fan" or "clone"
    text: str
    created_at: datetime
    message_id: str | None = None


@dataclass(frozen=True, slots=True)
class ScoredMemory:
    item: FanMemoryItem
    score: float


class MuteScope(StrEnum):
    COMMUNITY = "community"
    CHANNEL = "channel"
    USER = "user"


@dataclass(frozen=True, slots=True)
class Mute:
    creator_id: str
    scope: MuteScope
    key: str  # community_id, channel_key or fan_id, matching the scope
    until: datetime | None
    by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Handoff:
    creator_id: str
    conversation_id: str
    opened_by: str
    reason: str
    opened_at: datetime
    expires_at: datetime | None
    link: str = ""
    closed_at: datetime | None = None


class DraftStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SENT = "sent"
    # Nobody decided in time (scheduled posts under review); never sent.
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Draft:
    """A reply or post waiting for the creator: copilot replies and scheduled posts share it."""

    id: str
    creator_id: str
    origin: str  # "copilot" or "schedule"
    target: dict[str, Any]  # a serialised Target
    text: str
    status: DraftStatus
    created_at: datetime
    fan_id: str | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    decided_by: str | None = None
    # Copilot: the fan turn the draft answers, remembered and logged only once approved.
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    creator_id: str
    actor: str
    action: str
    where: str
    result: str
    at: datetime
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReplyRecord:
    """A reply the clone gave, kept for the creator's review list and fans' reports."""

    id: str
    creator_id: str
    fan_id: str
    conversation_id: str
    fan_text: str
    reply_text: str
    at: datetime
    flags: tuple[str, ...] = ()  # "deflected", "flagged", "reported", "escalated"
    message_id: str | None = None


class OutboxStatus(StrEnum):
    """Where one scheduled post occurrence stands. Only `claimed` may still lead to a send."""

    CLAIMED = "claimed"  # one replica owns it and may be sending right now
    DRAFTED = "drafted"  # waiting in the drafts queue for the creator
    SENT = "sent"  # the platform confirmed it
    UNCONFIRMED = "unconfirmed"  # a claim was cut off; it may or may not be out: told creator
    SKIPPED = "skipped"  # decided not to post (quiet hours, duplicate, rejected...): see detail


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One occurrence of a scheduled post for one target, claimed before anything is sent.

    `key` is unique per creator (schedule id, fire time, target): the claim is an INSERT that
    only one replica can win.
    """

    creator_id: str
    key: str
    schedule_id: str
    target: str
    status: OutboxStatus
    claimed_by: str
    claimed_at: datetime
    updated_at: datetime
    text: str = ""
    message_id: str | None = None
    draft_id: str | None = None
    detail: str = ""
