"""`clonebot run` with its dashboard, against the fake Telegram and Slack, for browser tests."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import bots.run
from bots.bootstrap import Services
from bots.settings import RunSettings
from core.config import Settings
from tests.fakes.slack_server import BOT_TOKEN, SECRET, FakeSlack
from tests.fakes.telegram_server import TOKEN, FakeTelegram
from tests.scenario.harness import EXAMPLE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CREATOR_TG = 7  # bot.toml names telegram:7 the creator and slack:UMOD a moderator
FAN_TG = 5


def browser_missing() -> str | None:
    """Why browser tests cannot run here, or None."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FactEcho:
    """A model that says the newest verified fact its prompt carries (or a plain line).

    It shows whether a fact the creator added reached the model's prompt, and the checks let
    it through because it is now supported.
    """

    name = "fact-echo"

    async def stream(self, messages: Any) -> AsyncIterator[str]:
        prompt = "\n".join(str(m.content) for m in messages)
        facts: list[str] = []
        if "VERIFIED FACTS" in prompt:
            block = prompt.split("VERIFIED FACTS", 1)[1].split("\n\n", 1)[0]
            facts = [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]
        yield f"Yes! {facts[-1]}" if facts else "Bread flour and a little rye [1]."


def write_clone(root: Path) -> Path:
    """The example clone with Telegram and Slack (HTTP mode) and people to sign in."""
    folder = root / "example"
    shutil.copytree(EXAMPLE, folder)
    toml = (folder / "bot.toml").read_text(encoding="utf-8")
    toml = toml.replace(
        'creators = ["console:creator"]',
        f'creators = ["console:creator", "telegram:{CREATOR_TG}"]',
    ).replace('moderators = ["console:mod"]', 'moderators = ["console:mod", "slack:UMOD"]')
    toml += (
        '\n[platforms.slack]\nenabled = true\nmode = "http"\n'
        'token_env = "DASH_SLACK_TOKEN"\nsigning_secret_env = "DASH_SLACK_SECRET"\n'
    )
    (folder / "bot.toml").write_text(toml, encoding="utf-8")
    return folder


@dataclass
class World:
    folder: Path
    settings: RunSettings
    tg: FakeTelegram
    slack: FakeSlack
    services: dict[str, Services] = field(default_factory=dict)

    @property
    def slack_events(self) -> str:
        return f"http://127.0.0.1:{self.settings.slack_http_port}/slack/events"

    @property
    def mara(self) -> Services:
        return self.services["example"]


@asynccontextmanager
async def running_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    tg = await FakeTelegram().start()
    slack = await FakeSlack().start()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DASH_SLACK_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("DASH_SLACK_SECRET", SECRET)
    for var in ("SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    folder = write_clone(tmp_path / "bots")
    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path / "data"))  # for the CLI's run.json
    settings = RunSettings(
        data_dir=tmp_path / "data",
        memory_backend="memory",
        embedder="hash",
        llm_provider="fake",
        telegram_api_url=tg.base_url,
        slack_api_url=slack.api_url,
        http_host="127.0.0.1",
        slack_http_port=free_port(),
    )
    world = World(folder, settings, tg, slack)
    real_build = bots.run.build

    async def build(folder: Path, settings: Settings, **kw: Any) -> Services:
        services = await real_build(folder, settings, generator=FactEcho(), **kw)
        world.services[services.bot.id] = services
        return services

    monkeypatch.setattr(bots.run, "build", build)
    stop = asyncio.Event()
    task = asyncio.create_task(bots.run.run_clones(folder.parent, settings, stop))
    try:
        run_json = settings.data_dir / "example" / "run.json"
        for _ in range(400):
            if run_json.exists():
                break
            assert not task.done(), task.result()
            await asyncio.sleep(0.05)
        await tg.wait_for("getUpdates", within=20)
        yield world
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        await tg.stop()
        await slack.stop()
