"""Fans' data rights for the whole person: every chat of one platform user, exported or forgotten.

A fan id is `platform:workspace:user`, one per community and one for DMs. `/my-data` and
`/forget-me` act for the person behind it (`platform:user`): every community and DM of that
platform user under this creator. Each store's share is a `PersonalData`; adding a store or a
memory kind is one more entry in `personal_data`.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from core.control.purge import Purger
from core.memory.memory import Memory
from core.ports import StateStore
from core.records import person_key

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Person:
    """One platform user as this creator's stores know them."""

    creator_id: str
    key: str  # platform:user
    fan_ids: frozenset[str]  # one per community and DM where they spoke
    conversations: frozenset[str]  # their DM conversations (ids that name them)


class PersonalData(Protocol):
    """One store's share of what the clone keeps about people."""

    name: str

    async def find(self, creator_id: str, person: str) -> tuple[set[str], set[str]]:
        """The fan ids and DM conversation ids of `person` (`platform:user`) held here."""
        ...

    async def export(self, person: Person) -> Any:
        """Everything held about the person, JSON-ready."""
        ...

    async def forget(self, person: Person) -> int:
        """Delete (or scrub) it; returns items or rows touched."""
        ...

    async def purge(self) -> bool:
        """Physically erase what was deleted, where the engine allows."""
        ...


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in d.items()}


class FanMemoryData:
    """Fan memory (turns and notes) in every scope, plus the text-keyed caches in process."""

    name = "memory"

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    async def find(self, creator_id: str, person: str) -> tuple[set[str], set[str]]:
        fan_ids = await self.memory.fan_ids(creator_id, person)
        talks: set[str] = set()
        for fan_id in fan_ids:
            items = await self.memory.export_fan(creator_id, fan_id)
            talks |= {i.conversation_id for i in items if i.is_dm}
        return fan_ids, talks

    async def export(self, person: Person) -> Any:
        items = []
        for fan_id in sorted(person.fan_ids):
            items += await self.memory.export_fan(person.creator_id, fan_id)
        return [_jsonable(asdict(i)) for i in sorted(items, key=lambda i: i.created_at)]

    async def forget(self, person: Person) -> int:
        # Memory.forget_fan also empties the query-vector, folding and recent-turns caches.
        return sum([await self.memory.forget_fan(person.creator_id, f) for f in person.fan_ids])

    async def purge(self) -> bool:
        return await self.memory.purge()


class ArchiveContextData:
    """The person's own messages kept in the creator's archive as the context of her replies
    (Telegram and Discord exports name who wrote them). The creator's answer stays."""

    name = "archive_context"

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    async def find(self, creator_id: str, person: str) -> tuple[set[str], set[str]]:
        return set(), set()

    async def export(self, person: Person) -> Any:
        chunks = await self.memory.context_chunks(person.creator_id, person.key)
        return [
            {"source": c.source, "item_id": c.item_id, "url": c.url, "your_message": c.context}
            for c in chunks
        ]

    async def forget(self, person: Person) -> int:
        return await self.memory.scrub_context(person.creator_id, person.key)

    async def purge(self) -> bool:
        return False  # the memory store's purge (FanMemoryData) rewrites the corpus too


class StateData:
    """Reply log, last-seen, drafts, handoffs, audit entries, DM channel activity and switches."""

    name = "state"

    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def find(self, creator_id: str, person: str) -> tuple[set[str], set[str]]:
        return await self.state.fan_ids(creator_id, person), set()

    async def export(self, person: Person) -> Any:
        merged: dict[str, list[dict[str, str]]] = {}
        for fan_id in sorted(person.fan_ids):
            for table, rows in (await self.state.export_fan(person.creator_id, fan_id)).items():
                have = merged.setdefault(table, [])
                have += [r for r in rows if r not in have]  # audit rows can match two fan ids
        return merged

    async def forget(self, person: Person) -> int:
        talks = sorted(person.conversations)
        return sum(
            [
                await self.state.forget_fan(person.creator_id, fan_id, talks)
                for fan_id in sorted(person.fan_ids)
            ]
        )

    async def purge(self) -> bool:
        return await self.state.purge()


def personal_data(memory: Memory, state: StateStore) -> list[PersonalData]:
    """Every store that keeps something about people. A new store or kind is one more line."""
    return [FanMemoryData(memory), ArchiveContextData(memory), StateData(state)]


class FanRights:
    """`/my-data` and `/forget-me` for one creator, over every store in `holders`."""

    def __init__(
        self, creator_id: str, holders: Sequence[PersonalData], *, purge_delay: float = 60.0
    ) -> None:
        self.creator_id = creator_id
        self.holders = list(holders)
        self.purger = Purger([h.purge for h in self.holders], delay=purge_delay)
        for holder in self.holders:
            if isinstance(holder, FanMemoryData):
                # A deleted or edited platform message is erased from the files as a forget is.
                holder.memory.on_erase = self.purger.request

    @property
    def erase_within_minutes(self) -> int:
        """The stated bound: the purge delay plus a generous allowance for the rewrite
        (3 s per 50k fan-memory items on 2 cores, measured; see docs/trust.md)."""
        return math.ceil(self.purger.delay / 60) + 9

    async def person(
        self, key: str, *, fan_ids: Iterable[str] = (), conversations: Iterable[str] = ()
    ) -> Person:
        """Who `key` (`platform:user`) is across every store, plus ids the caller knows."""
        found, talks = set(fan_ids), set(conversations)
        for holder in self.holders:
            more, more_talks = await holder.find(self.creator_id, key)
            found |= more
            talks |= more_talks
        return Person(self.creator_id, key, frozenset(found), frozenset(talks))

    async def named(self, text: str) -> Person:
        """The person an operator names: `platform:user`, or any fan id of theirs."""
        text = text.strip()
        if not text or ":" not in text:
            raise ValueError(f"{text!r} is not a person (platform:user) or fan id")
        return await self.person(person_key(text), fan_ids=[text] if text.count(":") > 1 else [])

    async def export(self, person: Person) -> dict[str, Any]:
        """Everything about the person, by store: what `/my-data` sends."""
        payload: dict[str, Any] = {
            "person": person.key,
            "creator": person.creator_id,
            "fan_ids": sorted(person.fan_ids),
        }
        for holder in self.holders:
            payload[holder.name] = await holder.export(person)
        return payload

    def export_bytes(self, payload: dict[str, Any]) -> bytes:
        return json.dumps(payload, indent=2, ensure_ascii=False, default=str).encode()

    async def forget(self, person: Person) -> dict[str, int]:
        """Delete the person from every store now; files are rewritten by the purger soon."""
        counts = {h.name: await h.forget(person) for h in self.holders}
        log.info(
            "forgot a person of %s in %d places: %s",
            person.creator_id,
            len(person.fan_ids),
            ", ".join(f"{k} {v}" for k, v in counts.items()),
        )
        self.purger.request()
        return counts

    async def close(self) -> None:
        """Run a pending purge before the stores close."""
        await self.purger.close()
