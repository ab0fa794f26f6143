"""Two app instances of one clone on the real PostgreSQL: control set on one holds on the other."""

import uuid

import psycopg
import pytest

from core.state.sql import SqlStateStore
from core.types import Role
from tests.scenario.harness import replica_chat

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
pytestmark = pytest.mark.scale


@pytest.fixture
async def pg_url():
    schema = f"clonebot_replicas_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


async def replica(url: str):
    return await replica_chat(await SqlStateStore.open(url, creator_id="example"))


async def test_kill_switch_set_on_one_replica_silences_the_other(pg_url):
    a, b = await replica(pg_url), await replica(pg_url)
    try:
        assert await b.say("hello?", dm=True) != []
        assert "Kill switch on" in await a.text("/clone kill", user="creator")
        b.clock.advance(seconds=30)
        assert await b.say("still there?", dm=True) == []
        await b.text("/clone revive", user="creator")
        a.clock.advance(seconds=30)
        assert await a.say("and now?", dm=True) != []
    finally:
        await a.services.state.close()
        await b.services.state.close()


async def test_mute_and_handoff_set_on_one_replica_hold_on_the_other(pg_url):
    a, b = await replica(pg_url), await replica(pg_url)
    mod = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
    try:
        await a.text("/clone mute 10m here", **mod)
        assert await b.say("hi", channel="general") == []
        await b.text("/clone handoff", channel="other", **mod)
        assert await a.say("hi", channel="other") == []
        status = await a.text("/clone status", **mod)
        assert "Mutes: 1" in status and "Open handoffs: 1" in status
    finally:
        await a.services.state.close()
        await b.services.state.close()
