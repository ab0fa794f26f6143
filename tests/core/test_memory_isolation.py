"""Fan memory is isolated by construction: no other fan, community, creator or DM-ness sees it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from core.memory.embeddings import HashEmbedder
from core.memory.memory import Memory, visibilities_for
from core.persona.bot import Roles
from core.records import FanScope, Visibility
from tests.contract.test_memory_store import BACKENDS, Backend, _backend, _cleanup, fast_dir

__all__ = ["fast_dir"]  # the fixture is re-used from the contract module

AT = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
SECRET = "my secret recipe uses cardamom and orange zest"

OWNER = FanScope("mara", "discord:guild1:alice", "discord:guild1", is_dm=False)
NEIGHBOURS = {
    "another fan, same community": FanScope("mara", "discord:guild1:bob", "discord:guild1", False),
    "same fan, another community": FanScope(
        "mara", "discord:guild1:alice", "discord:guild2", False
    ),
    "same fan, in DMs": FanScope("mara", "discord:guild1:alice", "discord:guild1", True),
    "another creator, same fan": FanScope(
        "other-creator", "discord:guild1:alice", "discord:guild1", False
    ),
}


@pytest.fixture(params=[0, 64], ids=["store-only", "recent-cached"])
def recent_scopes(request: pytest.FixtureRequest) -> int:
    """Isolation holds with the in-process recent-turns cache too (core.memory.recent_turns)."""
    return int(request.param)


@pytest.fixture(params=BACKENDS)
async def memory(
    request: pytest.FixtureRequest, fast_dir, recent_scopes: int
) -> AsyncIterator[Memory]:
    embedder = HashEmbedder(64)
    backend: Backend = _backend(request.param, fast_dir)
    store = await backend.open(embedder)
    yield Memory(store, embedder, recent_scopes=recent_scopes)
    await _cleanup(backend)


async def tell(
    memory: Memory, scope: FanScope, text: str = SECRET, message_id: str = "m1"
) -> None:
    await memory.remember_turn(
        scope,
        conversation_id=f"{scope.community_id}:general",
        fan_text=text,
        reply_text="Ooh, noted!",
        message_id=message_id,
        at=AT,
    )


async def test_the_fan_recalls_their_own_memory_in_the_same_place(memory):
    await tell(memory, OWNER)
    hits = await memory.recall_fan(OWNER, "secret recipe cardamom", 5)
    assert hits and hits[0].item.text == SECRET
    recent = await memory.recent_fan(OWNER, 6)
    assert [(i.speaker, i.text) for i in recent] == [("fan", SECRET), ("clone", "Ooh, noted!")]


@pytest.mark.parametrize("who", list(NEIGHBOURS))
async def test_nobody_else_and_no_other_place_sees_the_memory(memory, who):
    other = NEIGHBOURS[who]
    assert await memory.recent_fan(other, 6) == []  # read first: a cache then holds this scope
    await tell(memory, OWNER)
    assert await memory.recall_fan(other, "secret recipe cardamom", 10) == []
    assert await memory.recent_fan(other, 6) == []
    assert await memory.recent_fan(other, 10) == []


async def test_memory_built_in_dms_stays_in_dms(memory):
    dm = NEIGHBOURS["same fan, in DMs"]
    await tell(memory, dm, "I told you this only in private", message_id="d1")
    assert [h.item.text for h in await memory.recall_fan(dm, "private", 5)][0].startswith("I told")
    assert await memory.recall_fan(OWNER, "told you this only in private", 5) == []


async def test_export_and_forget_touch_only_that_fan_of_that_creator(memory):
    await tell(memory, OWNER)
    for scope in NEIGHBOURS.values():
        await tell(memory, scope, "something else entirely", message_id="n1")
    exported = await memory.export_fan("mara", OWNER.fan_id)
    # Export is per fan across their places (DM + both communities) under one creator.
    assert {i.creator_id for i in exported} == {"mara"}
    assert {i.fan_id for i in exported} == {OWNER.fan_id}
    assert await memory.forget_fan("mara", OWNER.fan_id) == len(exported)
    assert await memory.recall_fan(NEIGHBOURS["another fan, same community"], "else", 5)
    assert await memory.recall_fan(NEIGHBOURS["another creator, same fan"], "else", 5)


async def test_deleting_a_message_forgets_it_and_the_reply_to_it(memory):
    await tell(memory, OWNER, message_id="m1")
    await tell(memory, OWNER, "a later, unrelated message", message_id="m2")
    assert len(await memory.recent_fan(OWNER, 6)) == 4
    assert await memory.forget_message("mara", OWNER.fan_id, "m1") == 2
    for n in (6, 10):
        assert [i.text for i in await memory.recent_fan(OWNER, n)] == [
            "a later, unrelated message",
            "Ooh, noted!",
        ]


async def test_a_redelivered_turn_is_stored_once(memory):
    await tell(memory, OWNER)
    await tell(memory, OWNER)
    assert len(await memory.export_fan("mara", OWNER.fan_id)) == 2


def test_entitlement_public_always_paid_and_private_by_role():
    roles = Roles(paid_role_ids=["discord:patron"], private_role_ids=["discord:inner"])
    assert visibilities_for(frozenset(), roles) == {Visibility.PUBLIC}
    assert visibilities_for(frozenset({"discord:patron"}), roles) == {
        Visibility.PUBLIC,
        Visibility.PAID,
    }
    assert visibilities_for(frozenset({"discord:inner"}), roles) == {
        Visibility.PUBLIC,
        Visibility.PAID,
        Visibility.PRIVATE,
    }
    assert Visibility.NEVER_USE not in visibilities_for(frozenset({"discord:inner"}), roles)


async def test_remembering_a_turn_reuses_the_query_vector_of_the_fan_message():
    from datetime import UTC, datetime

    from core.memory.embeddings import HashEmbedder
    from core.memory.memory import Memory
    from core.memory.stores.inmemory import InMemoryMemoryStore
    from core.records import FanScope

    class Counting(HashEmbedder):
        documents = 0

        def embed_documents(self, texts):
            Counting.documents += len(texts)
            return super().embed_documents(texts)

    embedder = Counting()
    memory = Memory(InMemoryMemoryStore(embedder), embedder)
    scope = FanScope("c", "p:w:u", "p:w", False)
    await memory.embed_query("how do you shape a batard?")
    await memory.remember_turn(
        scope,
        conversation_id="p:w:ch:",
        fan_text="how do you shape a batard?",
        reply_text="Tension first.",
        message_id="m1",
        at=datetime.now(UTC),
    )
    assert Counting.documents == 0, "the reply shares the fan message's vector"
    hits = await memory.recall_fan(scope, "shape a batard", 2)
    assert {h.item.text for h in hits} == {"how do you shape a batard?", "Tension first."}
