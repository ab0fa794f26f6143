"""Initial state schema: switches, mutes, handoffs, drafts, audit, activity, fans, replies."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of the types in core/state/tables.py: a revision never imports live models.
RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "switches",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("creator_id", "key", name="pk_switches"),
    )
    op.create_table(
        "mutes",
        sa.Column("id", RowId, autoincrement=True, nullable=False),
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("until", Stamp, nullable=True),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("created_at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mutes"),
    )
    op.create_index("ix_mutes_creator_id_key", "mutes", ["creator_id", "key"])
    op.create_table(
        "handoffs",
        sa.Column("id", RowId, autoincrement=True, nullable=False),
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("conversation_id", sa.Text, nullable=False),
        sa.Column("opened_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("opened_at", Stamp, nullable=False),
        sa.Column("expires_at", Stamp, nullable=True),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("closed_at", Stamp, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_handoffs"),
    )
    op.create_index(
        "ix_handoffs_creator_id_conversation_id", "handoffs", ["creator_id", "conversation_id"]
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("target", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("fan_id", sa.Text, nullable=True),
        sa.Column("citations", sa.JSON, nullable=False),
        sa.Column("decided_by", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )
    op.create_index("ix_drafts_creator_id_status", "drafts", ["creator_id", "status"])
    op.create_table(
        "audit",
        sa.Column("id", RowId, autoincrement=True, nullable=False),
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("where", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("at", Stamp, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )
    op.create_index("ix_audit_creator_id_at", "audit", ["creator_id", "at"])
    op.create_table(
        "channel_activity",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("channel_key", sa.Text, nullable=False),
        sa.Column("at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("creator_id", "channel_key", name="pk_channel_activity"),
    )
    op.create_table(
        "fan_seen",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("fan_id", sa.Text, nullable=False),
        sa.Column("community_id", sa.Text, nullable=False),
        sa.Column("at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("creator_id", "fan_id", "community_id", name="pk_fan_seen"),
    )
    op.create_table(
        "replies",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("fan_id", sa.Text, nullable=False),
        sa.Column("conversation_id", sa.Text, nullable=False),
        sa.Column("fan_text", sa.Text, nullable=False),
        sa.Column("reply_text", sa.Text, nullable=False),
        sa.Column("at", Stamp, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("message_id", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("creator_id", "id", name="pk_replies"),
    )
    op.create_index("ix_replies_creator_id_at", "replies", ["creator_id", "at"])
    op.create_index("ix_replies_creator_id_fan_id", "replies", ["creator_id", "fan_id"])
    op.create_table(
        "usage",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("day", sa.Text, nullable=False),
        sa.Column("tokens", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("creator_id", "day", name="pk_usage"),
    )


def downgrade() -> None:
    for index, table in (
        ("ix_replies_creator_id_fan_id", "replies"),
        ("ix_replies_creator_id_at", "replies"),
        ("ix_audit_creator_id_at", "audit"),
        ("ix_drafts_creator_id_status", "drafts"),
        ("ix_handoffs_creator_id_conversation_id", "handoffs"),
        ("ix_mutes_creator_id_key", "mutes"),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        "usage",
        "replies",
        "fan_seen",
        "channel_activity",
        "audit",
        "drafts",
        "handoffs",
        "mutes",
        "switches",
    ):
        op.drop_table(table)
