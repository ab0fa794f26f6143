"""Two replicas behind CachedStateStore on one database: a command holds at once where it was
taken, and on the other replica once its control snapshot is older than the ttl."""

from pathlib import Path

from core.state.cached import CachedStateStore
from core.state.sql import SqlStateStore
from core.types import Role
from tests.scenario.harness import Chat, replica_chat

TTL = 0.5


class Mono:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


async def replica(url: str, mono: Mono, *, migrate: bool) -> Chat:
    inner = await SqlStateStore.open(url, creator_id="example", run_migrations=migrate)
    state = CachedStateStore(inner, ttl_seconds=TTL, clock=mono, flush_seconds=0.01)
    return await replica_chat(state)


async def test_kill_and_mute_hold_at_once_here_and_within_the_ttl_there(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'state.db'}"
    mono = Mono()
    a = await replica(url, mono, migrate=True)
    b = await replica(url, mono, migrate=False)
    try:
        assert await b.say("hello?", dm=True) != []
        assert "Kill switch on" in await a.text("/clone kill", user="creator")
        assert await a.say("anyone?", dm=True) == [], "the replica that took it: at once"
        mono.t += TTL
        b.clock.advance(seconds=30)
        assert await b.say("still there?", dm=True) == [], "the other: within the ttl"
        await b.text("/clone revive", user="creator")
        assert await b.say("back?", dm=True) != []

        mod = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
        await a.text("/clone mute 10m here", **mod)
        assert await a.say("hi", channel="general") == []
        mono.t += TTL
        b.clock.advance(seconds=30)
        assert await b.say("hi", channel="general") == []
        # The reply log is written behind, and read after a flush.
        logged = await b.services.state.replies("example")
        assert [r.fan_text for r in logged][:2] == ["back?", "hello?"]
    finally:
        await a.services.state.close()
        await b.services.state.close()
