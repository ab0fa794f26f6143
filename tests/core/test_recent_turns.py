"""The in-process cache of a fan's last turns (core.memory.recent_turns) behind Memory.recent_fan.

It must answer exactly what the store would, never serve a forgotten turn, never let one
fan's turns reach another scope, and never cache a read that a write overtook.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.memory.embeddings import HashEmbedder
from core.memory.memory import Memory
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.records import FanScope

AT = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
ALICE = FanScope("mara", "tg:alice", "tg:group1", is_dm=False)
ALICE_DM = FanScope("mara", "tg:alice", "tg:group1", is_dm=True)
BOB = FanScope("mara", "tg:bob", "tg:group1", is_dm=False)


class CountingStore(InMemoryMemoryStore):
    """Counts recent reads; `hold` pauses the next read, `hold_delete` the next fan delete."""

    def __init__(self, embedder: HashEmbedder) -> None:
        super().__init__(embedder)
        self.recent_reads = 0
        self.hold: asyncio.Event | None = None
        self.reading = asyncio.Event()
        self.hold_delete: asyncio.Event | None = None
        self.deleting = asyncio.Event()
        self.fail_reads = 0

    async def delete_fan(self, creator_id: str, fan_id: str) -> int:
        if self.hold_delete is not None:
            self.deleting.set()
            await self.hold_delete.wait()
        return await super().delete_fan(creator_id, fan_id)

    async def recent_fan_memory(self, scope: FanScope, n: int) -> Any:
        self.recent_reads += 1
        if self.fail_reads:
            self.fail_reads -= 1
            raise ConnectionError("store down")
        items = await super().recent_fan_memory(scope, n)
        if self.hold is not None:
            self.reading.set()
            await self.hold.wait()
        return items


@pytest.fixture
def store() -> CountingStore:
    return CountingStore(HashEmbedder(64))


@pytest.fixture
def cached(store: CountingStore) -> Memory:
    return Memory(store, store.embedder, recent_scopes=100)


async def say(memory: Memory, scope: FanScope, i: int, text: str | None = None) -> None:
    await memory.remember_turn(
        scope,
        conversation_id="c",
        fan_text=text or f"question {i}",
        reply_text=f"answer {i}",
        message_id=f"m{i}",
        at=AT + timedelta(seconds=i),
    )


def texts(items: list[Any]) -> list[str]:
    return [i.text for i in items]


async def test_answers_what_the_store_answers_and_reads_it_once(store, cached):
    plain = Memory(store, store.embedder)
    for i in range(3):
        await say(cached, ALICE, i)
    first = await cached.recent_fan(ALICE, 4)
    assert texts(first) == texts(await plain.recent_fan(ALICE, 4))
    reads = store.recent_reads
    for i in range(3, 9):
        await say(cached, ALICE, i)
        assert texts(await cached.recent_fan(ALICE, 6)) == texts(await plain.recent_fan(ALICE, 6))
    assert store.recent_reads == reads + 6, "only the uncached twin read the store"
    assert texts(await cached.recent_fan(ALICE, 2)) == ["question 8", "answer 8"]


async def test_a_redelivered_turn_is_not_doubled(store, cached):
    await say(cached, ALICE, 1)
    await cached.recent_fan(ALICE, 6)
    await say(cached, ALICE, 1)
    assert texts(await cached.recent_fan(ALICE, 6)) == ["question 1", "answer 1"]


async def test_scopes_never_share_turns(store, cached):
    await say(cached, ALICE, 1, "alice's secret")
    for scope in (ALICE, ALICE_DM, BOB):
        await cached.recent_fan(scope, 6)
    await say(cached, ALICE, 2, "alice again")
    assert texts(await cached.recent_fan(BOB, 6)) == []
    assert texts(await cached.recent_fan(ALICE_DM, 6)) == []
    assert "alice again" in texts(await cached.recent_fan(ALICE, 6))


async def test_forgetting_a_fan_drops_their_cached_turns_only(store, cached):
    await say(cached, ALICE, 1)
    await say(cached, BOB, 2)
    await cached.recent_fan(ALICE, 6)
    await cached.recent_fan(BOB, 6)
    await cached.forget_fan("mara", "tg:alice")
    assert await cached.recent_fan(ALICE, 6) == []
    assert texts(await cached.recent_fan(BOB, 6)) == ["question 2", "answer 2"]


async def test_forgetting_a_message_drops_it_from_recent(store, cached):
    await say(cached, ALICE, 1)
    await say(cached, ALICE, 2)
    await cached.recent_fan(ALICE, 6)
    await cached.forget_message("mara", "tg:alice", "m1")
    assert texts(await cached.recent_fan(ALICE, 6)) == ["question 2", "answer 2"]


async def test_deleting_the_creator_empties_recent(store, cached):
    await say(cached, ALICE, 1)
    await cached.recent_fan(ALICE, 6)
    await cached.delete_creator("mara")
    assert await cached.recent_fan(ALICE, 6) == []


async def test_a_read_overtaken_by_a_write_is_not_cached(store, cached):
    await say(cached, ALICE, 1)
    store.hold = asyncio.Event()
    reading = asyncio.create_task(cached.recent_fan(ALICE, 6))
    await store.reading.wait()  # the read has its (old) answer and is paused
    await say(cached, ALICE, 2)
    store.hold.set()
    store.hold = None
    assert texts(await reading) == ["question 1", "answer 1"], "the read itself may be old"
    assert texts(await cached.recent_fan(ALICE, 6))[-2:] == ["question 2", "answer 2"]


async def test_a_read_overtaken_by_a_forget_is_not_cached(store, cached):
    await say(cached, ALICE, 1)
    store.hold = asyncio.Event()
    reading = asyncio.create_task(cached.recent_fan(ALICE, 6))
    await store.reading.wait()
    await cached.forget_fan("mara", "tg:alice")
    store.hold.set()
    store.hold = None
    await reading
    assert await cached.recent_fan(ALICE, 6) == [], "the forgotten turn never comes back"


async def test_a_read_during_a_forget_does_not_bring_turns_back(store, cached):
    await say(cached, ALICE, 1)
    store.hold_delete = asyncio.Event()
    forgetting = asyncio.create_task(cached.forget_fan("mara", "tg:alice"))
    await store.deleting.wait()  # the delete is under way, the turn still stored
    assert texts(await cached.recent_fan(ALICE, 6)) == ["question 1", "answer 1"]
    store.hold_delete.set()
    await forgetting
    assert await cached.recent_fan(ALICE, 6) == []


async def test_a_failed_read_is_raised_and_leaves_nothing_behind(store, cached):
    await say(cached, ALICE, 1)
    store.fail_reads = 1
    with pytest.raises(ConnectionError):
        await cached.recent_fan(ALICE, 6)
    assert cached._recent is not None and not cached._recent._reading
    assert texts(await cached.recent_fan(ALICE, 6)) == ["question 1", "answer 1"]
    reads = store.recent_reads
    await cached.recent_fan(ALICE, 6)
    assert store.recent_reads == reads, "the retry's answer was kept"


async def test_longer_asks_than_kept_go_to_the_store(store, cached):
    for i in range(10):
        await say(cached, ALICE, i)
    reads = store.recent_reads
    got = await cached.recent_fan(ALICE, 20)
    assert len(got) == 20 and store.recent_reads == reads + 1
    assert await cached.recent_fan(ALICE, 0) == []


async def test_only_so_many_scopes_are_kept(store):
    memory = Memory(store, store.embedder, recent_scopes=2)
    fans = [FanScope("mara", f"tg:{i}", "tg:group1", False) for i in range(3)]
    for i, scope in enumerate(fans):
        await say(memory, scope, i)
        await memory.recent_fan(scope, 6)
    reads = store.recent_reads
    await memory.recent_fan(fans[2], 6)
    await memory.recent_fan(fans[1], 6)
    assert store.recent_reads == reads, "the two newest are kept"
    await memory.recent_fan(fans[0], 6)
    assert store.recent_reads == reads + 1, "the oldest was let go"
