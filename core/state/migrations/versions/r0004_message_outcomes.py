"""Message outcomes per day (answered, coalesced, dropped...), for `clonebot stats`."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "message_outcomes",
        sa.Column("creator_id", sa.Text, nullable=False),
        sa.Column("day", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("creator_id", "day", "outcome", name="pk_message_outcomes"),
    )


def downgrade() -> None:
    op.drop_table("message_outcomes")
