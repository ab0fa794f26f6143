"""Forgetting is complete: after /forget-me in one DM, a fan's words are nowhere, in bytes too.

The fan writes distinct canaries in a DM, two communities and a thread on two platforms. The
person on a platform is that platform user (`platform:user`); nothing links a Telegram account
to a Discord one (docs/trust.md), so the fan runs /forget-me in each platform's DM. Then no
canary is found through the admin API, /my-data, the SQL state (SQLite and PostgreSQL) or a
byte scan of the data folder, once the stated bound has passed. Real bootstrap and stores:
qdrant-edge memory and SQLite or PostgreSQL state.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import sqlalchemy as sa
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bots.admin import AdminServer
from bots.bootstrap import build
from core.config import Settings
from core.llm.generator import LangChainGenerator
from core.state.cached import CachedStateStore
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.sql import SqlStateStore
from core.state.tables import metadata
from core.types import EventKind
from tests.contract.conftest import PgSchemas, pg  # noqa: F401  (the PostgreSQL fixture)
from tests.scenario.harness import EXAMPLE, Chat, FakeClock, RecordingSender

PLATFORMS = ("telegram", "discord")
PLACES = (
    {"dm": True},
    {"community": "g1"},
    {"community": "g2"},
    {"community": "g1", "thread": "t9"},
)
FAN, OTHER = "4242", "777"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.scale)])
async def chat(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Chat]:
    state_url = None
    if request.param == "postgresql":
        schemas: PgSchemas = request.getfixturevalue("pg")
        state_url = schemas.new()
    settings = Settings(
        data_dir=tmp_path,
        memory_backend="edge",
        embedder="hash",
        state_url=state_url,
        forget_purge_seconds=0.3,
    )
    clock = FakeClock()
    runners = {p: RecordingSender(p) for p in PLATFORMS}
    llm = FakeListChatModel(responses=["Rye and patience, mostly."] * 200)
    services = await build(
        EXAMPLE,
        settings,
        generator=LangChainGenerator(llm, name="fake", timeout_seconds=5, retries=0),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(now=lambda: clock.now().timestamp()),
        clock=clock,
        runners=list(runners.values()),
    )
    try:
        yield Chat(services, clock, runners["telegram"])
    finally:
        await services.close()


def canary() -> str:
    return f"cnry{secrets.token_hex(8)}"


async def talk(chat: Chat, user: str) -> list[str]:
    said = []
    for platform in PLATFORMS:
        for where in PLACES:
            word = canary()
            said.append(word)
            await chat.say(
                f"remember my locker code {word}", user=user, platform=platform, **where
            )
            chat.clock.advance(seconds=45)
    return said


def scan(folder: Path, words: list[str]) -> dict[str, list[str]]:
    """Which words appear in which files under `folder`, byte for byte."""
    hits: dict[str, list[str]] = {}
    for file in folder.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for word in words:
                if word.encode() in data:
                    hits.setdefault(word, []).append(str(file.relative_to(folder)))
    return hits


async def sql_text(chat: Chat) -> str:
    state = chat.services.state
    inner = state.inner if isinstance(state, CachedStateStore) else state
    assert isinstance(inner, SqlStateStore)
    if isinstance(state, CachedStateStore):
        await state.flush()
    dump = []
    async with inner.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = await conn.execute(sa.select(table))
            dump += [repr(tuple(r)) for r in rows]
    return "\n".join(dump)


async def admin_export(chat: Chat, person: str) -> str:
    server = AdminServer(clones={chat.services.bot.id: chat.services})
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            url = f"{server.url}/admin/{chat.services.bot.id}/export"
            headers = {"Authorization": f"Bearer {server.token}"}
            async with http.get(url, params={"fan_id": person}, headers=headers) as resp:
                assert resp.status == 200
                return await resp.text()
    finally:
        await server.stop()


async def my_data(chat: Chat, user: str, platform: str, **where: object) -> str:
    [reply] = await chat.say("/my-data", user=user, platform=platform, **where)
    assert reply.attachment is not None, reply.text
    return reply.attachment.data.decode()


async def test_forget_me_in_each_platforms_dm_leaves_no_trace_anywhere(chat: Chat) -> None:
    mine = await talk(chat, FAN)
    theirs = await talk(chat, OTHER)
    data_dir = chat.services.settings.data_dir
    # Everything is there first, or the checks below would prove nothing.
    before = await sql_text(chat)
    assert set(scan(data_dir, mine)) | {w for w in mine if w in before} == set(mine)
    exported = await my_data(chat, FAN, "telegram", community="g2")
    assert [w for w in mine[:4] if w in exported] == mine[:4]
    assert not [w for w in mine[4:] if w in exported], "another platform is another person"

    # Telegram: typed confirmation in the DM. Discord: the button the question came with.
    done = await chat.text("/forget-me yes", user=FAN, platform="telegram", dm=True)
    assert "4 chats" not in done and "3 chats" in done  # DM, g1, g2 (the thread is in g1)
    [ask] = await chat.say("/forget-me", user=FAN, platform="discord", dm=True)
    yes = next(b for b in ask.buttons if b.value.startswith("yes"))
    pressed = await chat.say(
        yes.value, user=FAN, platform="discord", dm=True, kind=EventKind.BUTTON, action=yes.action
    )
    assert "Done" in pressed[0].text

    # The bound, as configured here (forget_purge_seconds=0.3 plus the rewrite): poll for it.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not scan(data_dir, mine):
            break
        await asyncio.sleep(0.2)
    assert scan(data_dir, mine) == {}, "the data folder still holds forgotten words"
    state_dump = await sql_text(chat)
    assert [w for w in mine if w in state_dump] == []
    chat.clock.advance(hours=3)  # /my-data is rate-limited per fan
    for platform in PLATFORMS:
        api = await admin_export(chat, f"{platform}:{FAN}")
        assert [w for w in mine if w in api] == []
        exported = await my_data(chat, FAN, platform, community="g2")
        assert [w for w in mine if w in exported] == []

    # The other fan keeps every word, on disk and in their export: the scan does see words.
    assert set(scan(data_dir, theirs)) | {w for w in theirs if w in state_dump} == set(theirs)
    kept = await admin_export(chat, f"discord:{OTHER}")
    assert [w for w in theirs[4:] if w in kept] == theirs[4:]


async def erased(folder: Path, words: list[str], within: float = 60) -> dict[str, list[str]]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not scan(folder, words):
            break
        await asyncio.sleep(0.2)
    return scan(folder, words)


async def test_a_message_the_fan_deleted_is_erased_from_the_files_too(chat: Chat) -> None:
    word, kept = canary(), canary()
    where = {"user": FAN, "platform": "discord", "community": "g1"}
    await chat.say(f"my address is {word}", message_id="gone1", **where)
    chat.clock.advance(seconds=45)
    await chat.say(f"my dog is {kept}", message_id="stays1", **where)
    data_dir = chat.services.settings.data_dir
    assert set(scan(data_dir, [word, kept])) | {
        w for w in (word, kept) if w in await sql_text(chat)
    } == {word, kept}
    await chat.say("", kind=EventKind.DELETE, message_id="gone1", **where)
    assert await erased(data_dir, [word]) == {}
    assert word not in await sql_text(chat)
    assert kept in await my_data(chat, FAN, "discord", community="g1")
