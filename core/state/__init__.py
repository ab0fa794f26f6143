"""State store, deduper and rate limiter: in-memory twins, SQLite/PostgreSQL and Redis."""

from __future__ import annotations

from core.config import Settings
from core.ports import StateStore


async def open_state_store(settings: Settings, creator_id: str) -> StateStore:
    """Open (and migrate) the creator's state store: SQLite by default, PostgreSQL at scale.

    The store is scoped to `creator_id`, so lookups by draft id alone stay within the tenant.
    """
    from core.state.sql import SqlStateStore

    return await SqlStateStore.open(settings.state_url_for(creator_id), creator_id=creator_id)


__all__ = ["open_state_store"]
