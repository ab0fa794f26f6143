"""The admin server of `clonebot run`: health, metrics, the token-protected API, the CLI through
it, graceful shutdown, JSON logs and delete-creator."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from typer.testing import CliRunner

import bots.run
from bots.cli import app
from bots.logs import JsonFormatter
from core.config import Settings
from core.llm.generator import LangChainGenerator
from tests.fakes.llms import SlowLLM
from tests.fakes.telegram_server import FakeTelegram, private_chat, user
from tests.scenario.harness import EXAMPLE, run_settings, telegram_only_env


@pytest.fixture
async def fake_tg(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeTelegram]:
    fake = await FakeTelegram().start()
    telegram_only_env(monkeypatch)
    yield fake
    await fake.stop()


def settings_for(tmp_path: Path, fake: FakeTelegram, **kw: Any) -> Settings:
    return run_settings(tmp_path, fake.base_url, **kw)


async def run_info(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "example" / "run.json"
    for _ in range(400):
        if path.exists():
            return dict(json.loads(path.read_text()))
        await asyncio.sleep(0.05)
    raise AssertionError("run.json never written")


async def get(url: str, token: str | None = None, **kw: Any) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers, **kw) as r:
        return r.status, await r.text()


async def test_health_ready_metrics_and_a_token_protected_admin_api(
    tmp_path: Path, fake_tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones_ready(tmp_path, fake_tg, stop))
    try:
        info = await run_info(tmp_path)
        assert info["pid"] == os.getpid() and info["url"].startswith("http://127.0.0.1:")
        assert oct((tmp_path / "example" / "run.json").stat().st_mode)[-3:] == "600"
        assert (await get(info["url"] + "/healthz"))[0] == 200
        await fake_tg.wait_for("getUpdates", within=20)
        for _ in range(100):
            if (await get(info["url"] + "/readyz"))[0] == 200:
                break
            await asyncio.sleep(0.05)
        assert (await get(info["url"] + "/readyz"))[0] == 200

        await fake_tg.push(fake_tg.message(private_chat(5), user(5), "hello Mara!"))
        await fake_tg.wait_for("sendMessage", within=20)
        status, metrics = await get(info["url"] + "/metrics")
        assert status == 200
        # The fake provider's stock text is no claim of hers: counted, under its outcome.
        assert 'clonebot_replies_total{creator="example",outcome=' in metrics
        assert 'clonebot_stage_seconds_count{stage="generate"}' in metrics

        assert (await get(info["url"] + "/admin/example/export?fan_id=x"))[0] == 401
        assert (await get(info["url"] + "/admin/example/export?fan_id=x", "wrong"))[0] == 401
        status, body = await get(
            info["url"] + "/admin/example/export", info["token"], params={"fan_id": "telegram:5"}
        )
        exported = json.loads(body)
        assert status == 200 and exported["person"] == "telegram:5"
        assert "hello Mara!" in json.dumps(exported["memory"])
        status, body = await get(
            info["url"] + "/admin/example/export", info["token"], params={"fan_id": "x"}
        )
        assert status == 400 and json.loads(body)["error"]
        status, body = await get(info["url"] + "/admin/example/export", info["token"])
        assert status == 400 and json.loads(body) == {"error": "fan_id is required"}

        # The CLI finds the running clone by run.json and acts through the admin API.
        monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path))
        cli = CliRunner()
        killed = await asyncio.to_thread(cli.invoke, app, ["kill", str(EXAMPLE)])
        assert killed.exit_code == 0, killed.output
        sent = len(fake_tg.calls_to("sendMessage"))
        await fake_tg.push(fake_tg.message(private_chat(6), user(6), "anyone there?"))
        await asyncio.sleep(0.8)
        assert len(fake_tg.calls_to("sendMessage")) == sent, "killed through the admin API"
        fan = "telegram:dm:5"
        forgot = await asyncio.to_thread(cli.invoke, app, ["forget", str(EXAMPLE), "--fan", fan])
        assert forgot.exit_code == 0 and "Forgot telegram:dm:5" in forgot.output
        ingested = await asyncio.to_thread(cli.invoke, app, ["ingest", str(EXAMPLE)])
        assert ingested.exit_code == 0 and "admin API" in ingested.output
        assert "new chunks" in ingested.output
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 20) == 0
    assert not (tmp_path / "example" / "run.json").exists()


async def run_clones_ready(tmp_path: Path, fake: FakeTelegram, stop: asyncio.Event) -> int:
    return await bots.run.run_clones(EXAMPLE, settings_for(tmp_path, fake), stop)


# Adapters themselves let handlers run 5 s after stop; run_clones waits first, for up to
# shutdown_grace_seconds, so a reply slower than that (a local model) still goes out.
@pytest.mark.parametrize("delay", [1.5, pytest.param(6.5, marks=pytest.mark.slow)])
async def test_shutdown_finishes_the_reply_in_flight(
    tmp_path: Path, fake_tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch, delay: float
) -> None:
    slow = LangChainGenerator(
        SlowLLM(delay, reply="I buy my own flour."), name="slow", timeout_seconds=20, retries=0
    )
    monkeypatch.setattr(bots.run, "build", partial(bots.run.build, generator=slow))
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones_ready(tmp_path, fake_tg, stop))
    await fake_tg.wait_for("getUpdates", within=20)
    await fake_tg.push(fake_tg.message(private_chat(9), user(9), "what flour do you use?"))
    await fake_tg.wait_for("sendChatAction", within=10)  # the reply is being written
    stop.set()  # SIGTERM arrives mid-reply
    assert await asyncio.wait_for(task, 20) == 0
    [sent] = fake_tg.calls_to("sendMessage")
    assert "buy my own flour" in sent["text"]


def test_json_logs_carry_level_logger_message_and_extras() -> None:
    record = logging.makeLogRecord(
        {
            "name": "core.brain.brain",
            "levelno": 40,
            "levelname": "ERROR",
            "msg": "x %s",
            "args": (1,),
        }
    )
    record.creator = "example"
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "core.brain.brain"
    assert line["msg"] == "x 1" and line["creator"] == "example"


def test_delete_creator_cascades_vectors_state_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in {
        "DATA_DIR": str(tmp_path),
        "MEMORY_BACKEND": "qdrant-local",
        "EMBEDDER": "hash",
        "LLM_PROVIDER": "fake",
    }.items():
        monkeypatch.setenv(f"CLONEBOT_{key}", value)
    cli = CliRunner()
    assert cli.invoke(app, ["ingest", str(EXAMPLE)]).exit_code == 0
    assert cli.invoke(app, ["kill", str(EXAMPLE)]).exit_code == 0  # a state row
    (tmp_path / "example" / "run.json").write_text(
        json.dumps({"pid": os.getpid(), "url": "http://x", "token": "t", "creator_id": "example"})
    )
    refused = cli.invoke(app, ["delete-creator", str(EXAMPLE), "--yes"])
    assert refused.exit_code == 3 and "stop every replica" in refused.output
    (tmp_path / "example" / "run.json").unlink()
    done = cli.invoke(app, ["delete-creator", str(EXAMPLE), "--yes"])
    assert done.exit_code == 0, done.output
    vectors = int(done.output.split("Deleted example: ")[1].split(" vectors")[0])
    assert vectors > 100 and "1 state rows" in done.output
    assert not (tmp_path / "example").exists()
