"""Payload codec shared by the Qdrant-backed stores: records to flat payloads and back."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from core.records import Chunk, FanMemoryItem, FanScope, MemoryKind, Visibility

# Payload fields that get keyword indexes. Fan reads are narrowed by fan_id to a handful of
# points first, so the other scope terms need no index (each index costs fsyncs on creation).
CORPUS_KEYWORDS = ("creator_id", "source", "visibility")
# Every term of the fan-memory read filter is indexed: a fan with a long history is read
# without opening each of their points' payloads (recall took 10 ms at 1,000 turns before).
FAN_KEYWORDS = ("creator_id", "fan_id", "community_id", "place")
# Fan memory is read newest-first for "recent turns"; a float index makes order_by possible.
FAN_TIME = "ts"

_CHUNK_FIELDS = tuple(f.name for f in dataclasses.fields(Chunk))


def chunk_payload(chunk: Chunk) -> dict[str, Any]:
    """The stored payload of a chunk: every field, visibility as its string value."""
    payload = {name: getattr(chunk, name) for name in _CHUNK_FIELDS}
    payload["visibility"] = str(chunk.visibility)
    return payload


def chunk_from_payload(payload: Mapping[str, Any]) -> Chunk:
    """Rebuild a chunk; unknown keys (from newer writers) are ignored."""
    values: dict[str, Any] = {name: payload[name] for name in _CHUNK_FIELDS if name in payload}
    values["visibility"] = Visibility(values.get("visibility", "public"))
    return Chunk(**values)


def memory_payload(item: FanMemoryItem) -> dict[str, Any]:
    """The stored payload of a fan-memory item, with a sortable timestamp."""
    return {
        "creator_id": item.creator_id,
        "fan_id": item.fan_id,
        "community_id": item.community_id,
        "is_dm": item.is_dm,
        "place": place(item.is_dm),
        "conversation_id": item.conversation_id,
        "kind": str(item.kind),
        "speaker": item.speaker,
        "text": item.text,
        "created_at": item.created_at.isoformat(),
        FAN_TIME: item.created_at.timestamp(),
        "message_id": item.message_id,
    }


def memory_from_payload(item_id: str, payload: Mapping[str, Any]) -> FanMemoryItem:
    """Rebuild a fan-memory item."""
    return FanMemoryItem(
        id=item_id,
        creator_id=payload["creator_id"],
        fan_id=payload["fan_id"],
        community_id=payload["community_id"],
        is_dm=bool(payload["is_dm"]),
        conversation_id=payload["conversation_id"],
        kind=MemoryKind(payload["kind"]),
        speaker=payload["speaker"],
        text=payload["text"],
        created_at=datetime.fromisoformat(payload["created_at"]),
        message_id=payload.get("message_id"),
    )


def place(is_dm: bool) -> str:
    """DM-ness as a keyword: qdrant-edge 0.9.0 never matches bool payloads (measured)."""
    return "dm" if is_dm else "community"


def scope_terms(scope: FanScope) -> dict[str, str]:
    """The equality terms of the one fan-memory read filter. Every store builds from this.

    creator_id and fan_id keep tenants apart; community_id and place keep memory built in a
    DM out of community channels (and one community's memory out of another's).
    """
    return {
        "creator_id": scope.creator_id,
        "fan_id": scope.fan_id,
        "community_id": scope.community_id,
        "place": place(scope.is_dm),
    }


def point_ids(ids: Iterable[str]) -> list[str]:
    """The ids that can be Qdrant point ids (UUIDs); others cannot be stored, so never match."""
    out = []
    for i in ids:
        try:
            out.append(str(uuid.UUID(i)))
        except ValueError:
            continue
    return out


def check_vectors(vectors: Sequence[Sequence[float]], dimension: int, where: str) -> None:
    """Raise EmbeddingMismatchError when a vector's size is not the store's."""
    from core.memory.stores import EmbeddingMismatchError

    for vector in vectors:
        if len(vector) != dimension:
            raise EmbeddingMismatchError(
                f"{where} holds {dimension}-d vectors, got a {len(vector)}-d one: the embedder "
                "changed. Re-ingest into a fresh store (or delete it) after changing models."
            )
