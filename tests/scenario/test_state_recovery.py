"""PostgreSQL back after a cut: the very first command works (no stale pooled connection)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.conversation.guard import STATE_DOWN_TEXT, GuardedHandler
from core.state.cached import CachedStateStore
from core.state.sql import SqlStateStore
from core.types import Role
from tests.fakes.tcp_proxy import TcpProxy
from tests.scenario.harness import make_chat
from tests.scenario.test_degradation import pg_proxy  # noqa: F401  (the fixture)

MOD = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}


@pytest.mark.scale
async def test_first_command_after_postgres_returns_is_not_refused(
    pg_proxy: tuple[TcpProxy, str],  # noqa: F811
) -> None:
    proxy, url = pg_proxy
    # As `clonebot run` opens it: control snapshots cached, hot rows written behind.
    state = CachedStateStore(await SqlStateStore.open(url, creator_id="example"))
    chat = await make_chat(FakeListChatModel(responses=["Rye [1]."] * 20), state=state)
    guarded = GuardedHandler(chat.clone.handle, "example")

    async def say(text: str, **kw: Any) -> str:
        chat.clock.advance(seconds=30)
        return "\n".join(r.text for r in await guarded(chat.event(text, **kw)))

    try:
        # Several pooled connections in use before the cut, as a busy replica has.
        assert "Muted" in await say("/clone mute 1h here", **MOD)
        assert await say("/clone status", **MOD) != STATE_DOWN_TEXT
        await proxy.cut()
        assert await say("/clone unmute here", **MOD) == STATE_DOWN_TEXT
        await proxy.restore()
        assert "lifted" in await say("/clone unmute here", **MOD)
        assert await say("and now?") != ""
    finally:
        await state.delete_creator("example")
        await state.close()


@pytest.mark.scale
async def test_first_command_after_a_silent_cut_is_not_refused(
    pg_proxy: tuple[TcpProxy, str],  # noqa: F811
) -> None:
    # The connections die while idle and nobody asks until the database is back.
    proxy, url = pg_proxy
    state = await SqlStateStore.open(url, creator_id="example")
    chat = await make_chat(FakeListChatModel(responses=["Rye [1]."] * 20), state=state)
    guarded = GuardedHandler(chat.clone.handle, "example")
    try:
        event = chat.event("/clone mute 1h here", **MOD)
        assert "Muted" in "\n".join(r.text for r in await guarded(event))
        await proxy.cut()
        await proxy.restore()
        chat.clock.advance(seconds=30)
        event = chat.event("/clone unmute here", **MOD)
        assert "lifted" in "\n".join(r.text for r in await guarded(event))
    finally:
        await state.delete_creator("example")
        await state.close()


@pytest.mark.scale
async def test_first_command_after_postgres_restarts_its_backends_is_not_refused(
    pg_proxy: tuple[TcpProxy, str],  # noqa: F811
) -> None:
    # A restart (or failover) ends every session server-side: the pool holds dead
    # connections that only a use would show.
    import uuid

    import psycopg

    from tests.scenario.test_degradation import PG_DSN

    _, url = pg_proxy
    app = f"clonebot_restart_{uuid.uuid4().hex[:8]}"
    state = CachedStateStore(
        await SqlStateStore.open(f"{url}&application_name={app}", creator_id="example")
    )
    chat = await make_chat(FakeListChatModel(responses=["Rye [1]."] * 20), state=state)
    guarded = GuardedHandler(chat.clone.handle, "example")

    async def say(text: str, **kw: Any) -> str:
        chat.clock.advance(seconds=30)
        return "\n".join(r.text for r in await guarded(chat.event(text, **kw)))

    try:
        assert "Muted" in await say("/clone mute 1h here", **MOD)
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            ended = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (app,),
            ).fetchone()
        assert ended and ended[0] >= 1
        assert "lifted" in await say("/clone unmute here", **MOD)
    finally:
        await state.delete_creator("example")
        await state.close()
