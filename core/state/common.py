"""Helpers both state stores share, so their answers match field for field."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from core.records import DraftStatus, Handoff, Mute, ReplyRecord

# What replaces a forgotten fan's id or text wherever a log row has to stay.
FORGOTTEN = "[forgotten]"
# The outbox columns `update_outbox` may set besides status and updated_at.
OUTBOX_FIELDS = frozenset({"text", "message_id", "draft_id", "detail", "claimed_by"})


@dataclass(frozen=True, slots=True)
class ControlSnapshot:
    """What every turn checks, read in one go: see `control_snapshot` on the stores."""

    switches: Mapping[str, str]
    # Mutes not yet expired at the `now` the snapshot was read for (`until` None or later).
    mutes: tuple[Mute, ...]
    # Open handoffs, oldest row first (so the last match of a conversation is its newest).
    handoffs: tuple[Handoff, ...]
    day: str
    usage: int


@dataclass(frozen=True, slots=True)
class StateBatch:
    """Hot-path writes gathered for one transaction (see `write_batch` on the stores)."""

    # (creator_id, channel_key, at): the last activity never moves backwards.
    activity: tuple[tuple[str, str, datetime], ...] = ()
    # (creator_id, fan_id, community_id, at): overwrites, as `set_fan_last_seen` does.
    fan_seen: tuple[tuple[str, str, str, datetime], ...] = ()
    # Upserts by (creator_id, id), as `log_reply` does.
    replies: tuple[ReplyRecord, ...] = ()
    # (creator_id, day, tokens): added to the day's total.
    usage: tuple[tuple[str, str, int], ...] = ()


def utc(value: datetime) -> datetime:
    """The same instant in UTC; naive datetimes are refused so no local time slips in."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"timestamps must be timezone-aware UTC, got naive {value!r}")
    return value.astimezone(UTC)


def opt_utc(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def expected_draft_states(status: DraftStatus) -> frozenset[DraftStatus]:
    """The states a draft may move to `status` from: decided once, sent once."""
    if status is DraftStatus.SENT:
        return frozenset({DraftStatus.PENDING, DraftStatus.APPROVED})
    if status in (DraftStatus.APPROVED, DraftStatus.REJECTED, DraftStatus.EXPIRED):
        return frozenset({DraftStatus.PENDING})
    return frozenset()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def export_row(record: Any) -> dict[str, str]:
    """A record (dataclass or mapping) as strings only, ready for JSON."""
    fields = (
        asdict(record) if is_dataclass(record) and not isinstance(record, type) else dict(record)
    )
    return {key: _text(value) for key, value in fields.items()}
