"""State store, deduper and rate limiter: in-memory twins, SQLite/PostgreSQL and Redis."""

from __future__ import annotations

from core.config import Settings
from core.ports import StateStore


async def open_state_store(settings: Settings, creator_id: str) -> StateStore:
    """Open (and migrate) the creator's state store: SQLite by default, PostgreSQL at scale.

    The store is scoped to `creator_id`, so lookups by draft id alone stay within the tenant,
    and cached for the reply hot path (`CachedStateStore`): control state is at most
    `control_cache_seconds` old, and hot writes go out every `state_flush_seconds`.
    """
    from core.state.cached import CachedStateStore
    from core.state.sql import SqlStateStore

    inner = await SqlStateStore.open(settings.state_url_for(creator_id), creator_id=creator_id)
    store = CachedStateStore(
        inner,
        ttl_seconds=settings.control_cache_seconds,
        flush_seconds=settings.state_flush_seconds,
        close_seconds=settings.state_close_seconds,
        spill_path=settings.data_dir / creator_id / "state-spill.json",
    )
    await store.replay_spill()  # rows the last run could not write, if any
    return store


__all__ = ["open_state_store"]
