"""SQLAlchemy table definitions of the state store (the live schema; migrations freeze it)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from core.state.common import utc


class UtcDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC in and out. SQLite keeps no offset, so it stores naive UTC text and we re-add it.

    Naive UTC text in one fixed format also keeps SQLite's string comparisons (`until > now`)
    in time order.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Fixed constraint names, so migrations name things the same on SQLite and PostgreSQL.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Row ids that grow without bound are 64-bit on PostgreSQL; SQLite autoincrements INTEGER only.
RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

switches = sa.Table(
    "switches",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

mutes = sa.Table(
    "mutes",
    metadata,
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("creator_id", sa.Text, nullable=False),
    sa.Column("scope", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("until", UtcDateTime, nullable=True),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index(None, "creator_id", "key"),
)

handoffs = sa.Table(
    "handoffs",
    metadata,
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("creator_id", sa.Text, nullable=False),
    sa.Column("conversation_id", sa.Text, nullable=False),
    sa.Column("opened_by", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("opened_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=True),
    sa.Column("link", sa.Text, nullable=False),
    sa.Column("closed_at", UtcDateTime, nullable=True),
    sa.Index(None, "creator_id", "conversation_id"),
)

drafts = sa.Table(
    "drafts",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("creator_id", sa.Text, nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("target", sa.JSON, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("fan_id", sa.Text, nullable=True),
    sa.Column("citations", sa.JSON, nullable=False),
    sa.Column("decided_by", sa.Text, nullable=True),
    sa.Column("context", sa.JSON, nullable=True),
    sa.Index(None, "creator_id", "status"),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", RowId, primary_key=True, autoincrement=True),
    sa.Column("creator_id", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("where", sa.Text, nullable=False),
    sa.Column("result", sa.Text, nullable=False),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Index(None, "creator_id", "at"),
)

channel_activity = sa.Table(
    "channel_activity",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("channel_key", sa.Text, primary_key=True),
    sa.Column("at", UtcDateTime, nullable=False),
)

fan_seen = sa.Table(
    "fan_seen",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("fan_id", sa.Text, primary_key=True),
    sa.Column("community_id", sa.Text, primary_key=True),
    sa.Column("at", UtcDateTime, nullable=False),
)

replies = sa.Table(
    "replies",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("fan_id", sa.Text, nullable=False),
    sa.Column("conversation_id", sa.Text, nullable=False),
    sa.Column("fan_text", sa.Text, nullable=False),
    sa.Column("reply_text", sa.Text, nullable=False),
    sa.Column("at", UtcDateTime, nullable=False),
    # ",flag,flag," so one portable LIKE finds a flag on SQLite and PostgreSQL alike.
    sa.Column("flags", sa.Text, nullable=False),
    sa.Column("message_id", sa.Text, nullable=True),
    sa.Index(None, "creator_id", "at"),
    sa.Index(None, "creator_id", "fan_id"),
)

usage = sa.Table(
    "usage",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("day", sa.Text, primary_key=True),
    sa.Column("tokens", sa.BigInteger, nullable=False),
)

# Inbound messages per day and outcome (answered, coalesced, dropped...): `clonebot stats`.
message_outcomes = sa.Table(
    "message_outcomes",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("day", sa.Text, primary_key=True),
    sa.Column("outcome", sa.Text, primary_key=True),
    sa.Column("count", sa.BigInteger, nullable=False),
)

# Scheduled post occurrences. The primary key is the claim: of two replicas inserting the
# same (creator_id, key), exactly one succeeds, so exactly one may send.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("creator_id", sa.Text, primary_key=True),
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("schedule_id", sa.Text, nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("claimed_by", sa.Text, nullable=False),
    sa.Column("claimed_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("message_id", sa.Text, nullable=True),
    sa.Column("draft_id", sa.Text, nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Index(None, "creator_id", "status"),
)

# Every table carries creator_id: tenancy filters and delete_creator walk this list.
ALL_TABLES = (
    switches,
    mutes,
    handoffs,
    drafts,
    audit,
    channel_activity,
    fan_seen,
    replies,
    usage,
    outbox,
    message_outcomes,
)
