"""Two replicas of `clonebot run` behind one fake Slack (HTTP mode), real Redis and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest

from bots.run import run_clones
from bots.settings import RunSettings
from tests.fakes.slack_server import (
    BOT_TOKEN,
    BOT_USER,
    SECRET,
    FakeSlack,
    command_body,
    event_body,
    message,
    post_signed,
)
from tests.scenario.harness import EXAMPLE

pytestmark = pytest.mark.scale
PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_clone(root: Path, bot_id: str, env_prefix: str) -> Path:
    """A clone folder: the example persona under another id, Slack tokens in its own vars."""
    folder = root / bot_id
    folder.mkdir(parents=True)
    toml = (EXAMPLE / "bot.toml").read_text(encoding="utf-8")
    toml = toml.replace('id = "example"', f'id = "{bot_id}"', 1)
    toml += (
        '\n[platforms.slack]\nenabled = true\nmode = "http"\n'
        f'token_env = "{env_prefix}_SLACK_TOKEN"\n'
        f'signing_secret_env = "{env_prefix}_SLACK_SECRET"\n'
    )
    (folder / "bot.toml").write_text(toml, encoding="utf-8")
    return folder


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    try:
        conn = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    schema = f"clonebot_rep_{uuid.uuid4().hex[:10]}"
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield (
        "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        f"?options=-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"
    )
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    redis = pytest.importorskip("redis.asyncio")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        await client.ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-rep-{uuid.uuid4().hex}:"
    yield prefix
    keys = [k async for k in client.scan_iter(match=prefix + "*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def admin_of(data_dir: Path, bot_id: str, within: float = 20) -> dict[str, Any]:
    """Wait for the replica's run.json and a ready /readyz; returns run.json."""
    deadline = time.monotonic() + within
    path = data_dir / bot_id / "run.json"
    async with aiohttp.ClientSession() as http:
        while True:
            assert time.monotonic() < deadline, f"replica in {data_dir} never became ready"
            if path.exists():
                info = json.loads(path.read_text())
                async with http.get(info["url"] + "/readyz") as r:
                    if r.status == 200:
                        return dict(info)
            await asyncio.sleep(0.05)


async def test_two_replicas_answer_a_redelivered_event_once_and_share_a_mute(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pg_url: str,
    redis_prefix: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO")
    fake = await FakeSlack().start()
    bot_id = f"rep{uuid.uuid4().hex[:8]}"
    clones = tmp_path / "bots"
    write_clone(clones, bot_id, "ACME")
    write_clone(clones, f"{bot_id}b", "OTHER")  # a second creator whose tokens are not set
    monkeypatch.setenv("ACME_SLACK_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("ACME_SLACK_SECRET", SECRET)
    for var in ("OTHER_SLACK_TOKEN", "TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    ports = [free_port(), free_port()]
    stops = [asyncio.Event(), asyncio.Event()]
    tasks = []
    for n in range(2):
        settings = RunSettings(
            data_dir=tmp_path / f"replica{n}",
            memory_backend="memory",
            embedder="hash",
            llm_provider="fake",
            state_url=pg_url,
            redis_url="redis://127.0.0.1:6379/0",
            redis_prefix=redis_prefix,
            http_host="127.0.0.1",
            slack_http_port=ports[n],
            slack_api_url=fake.api_url,
        )
        tasks.append(asyncio.create_task(run_clones(clones, settings, stops[n])))
    try:
        admins = [await admin_of(tmp_path / f"replica{n}", bot_id) for n in range(2)]
        assert "OTHER_SLACK_TOKEN" in caplog.text, "each clone's tokens come from its own vars"
        urls = [f"http://127.0.0.1:{p}/slack/events" for p in ports]

        # Slack retries one event; the load balancer sends each try to another replica.
        mention = message(f"<@{BOT_USER}> what flour do you use?", kind="app_mention")
        body = event_body(mention, event_id=f"Ev{uuid.uuid4().hex[:10]}")
        statuses = [
            (await post_signed(urls[n % 2], "events_api", body, retry_num=n or None))[0]
            for n in range(4)
        ]
        assert statuses == [200] * 4
        [post] = await fake.wait_for("chat.postMessage", within=10)
        assert "AI clone" in post["text"] or "AI clone" in repr(post.get("blocks"))
        await asyncio.sleep(0.5)
        assert len(fake.sent("chat.postMessage")) == 1, "one event, one reply, two replicas"

        # A moderator mutes the channel through replica 0; replica 1 honours it.
        cmd = command_body(
            "/clone", "mute 1h here", user="UADMIN", response_url=fake.response_url()
        )
        assert (await post_signed(urls[0], "slash_commands", cmd))[0] == 200
        [muted] = await fake.wait_for("response_url", within=10)
        assert "Muted" in muted["text"]
        later = message(f"<@{BOT_USER}> still there?", kind="app_mention", user="UFAN2")
        assert (await post_signed(urls[1], "events_api", event_body(later)))[0] == 200
        await asyncio.sleep(1.0)
        assert len(fake.sent("chat.postMessage")) == 1, "muted on every replica"

        async with aiohttp.ClientSession() as http, http.get(admins[1]["url"] + "/metrics") as r:
            metrics = await r.text()
        assert "clonebot_dedup_hits_total" in metrics and "clonebot_replies_total" in metrics
    finally:
        for stop in stops:
            stop.set()
        codes = [await asyncio.wait_for(t, 30) for t in tasks]
        await fake.stop()
    assert codes == [0, 0]
    assert not (tmp_path / "replica0" / bot_id / "run.json").exists(), "run.json removed on exit"
