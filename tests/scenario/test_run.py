"""`clonebot run` end to end: settings pick the parts, the Telegram adapter runs on a fake API."""

import asyncio
import sqlite3

from bots.run import bot_folders, run_clones
from core.config import Settings
from tests.fakes.telegram_server import FakeTelegram, private_chat, user
from tests.scenario.harness import EXAMPLE, run_settings, telegram_only_env


async def test_run_starts_telegram_from_bot_toml_tokens_and_answers_with_disclosure(
    tmp_path, monkeypatch
):
    fake = await FakeTelegram().start()
    telegram_only_env(monkeypatch)
    settings = run_settings(tmp_path, fake.base_url)
    settled: list[bool] = []
    # Recorded, not run: tests/scenario/test_heap.py checks what it does in a fresh interpreter.
    monkeypatch.setattr("bots.run.settle_after_startup", lambda: settled.append(True))
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones(EXAMPLE, settings, stop))
    try:
        await fake.wait_for("getUpdates", within=20)
        await fake.push(fake.message(private_chat(77), user(77), "hello Mara!"))
        sent = await fake.wait_for("sendMessage", within=20)
        assert "AI clone" in sent[0]["text"]
        assert settled == [True], "the heap is settled once the adapters serve"
        [named] = fake.calls_to("setMyName")
        assert named["name"] == "Mara Quill (AI clone)", "the bot's name carries the AI marker"
        assert (tmp_path / "example" / "state.db").exists(), "SQLite state by default"
        jobs = list((tmp_path / "example").glob("schedule-*.db"))
        assert jobs, "the scheduler runs in the process that owns the clone"
        with sqlite3.connect(jobs[0]) as db:
            ids = {row[0] for row in db.execute("SELECT id FROM apscheduler_jobs")}
        assert any("weekly" in i or "tip" in i for i in ids), ids
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 20) == 0
        await fake.stop()


async def test_run_without_tokens_says_what_to_set(tmp_path, monkeypatch, caplog):
    for var in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    settings = Settings(
        data_dir=tmp_path, memory_backend="memory", embedder="hash", llm_provider="fake"
    )
    assert await run_clones(EXAMPLE, settings) == 2
    assert "TELEGRAM_BOT_TOKEN" in caplog.text


def test_a_folder_of_clones_runs_each(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "bot.toml").write_text("id = 'x'")
    (tmp_path / "notes").mkdir()
    assert [p.name for p in bot_folders(tmp_path)] == ["a", "b"]
    assert bot_folders(EXAMPLE) == [EXAMPLE]
