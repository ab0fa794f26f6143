"""The CLI's event loop (bots.loop): `clonebot run` on uvloop answers a fan end to end."""

import asyncio

import uvloop

from bots.loop import loop_factory
from bots.loop import run as run_on_loop
from bots.run import run_clones
from core.config import Settings
from tests.fakes.telegram_server import FakeTelegram, private_chat, user
from tests.scenario.harness import EXAMPLE, run_settings, telegram_only_env


def test_the_choice_picks_the_loop():
    factory = loop_factory("uvloop")
    assert factory is uvloop.new_event_loop
    assert loop_factory("asyncio") is None
    assert Settings().event_loop == "uvloop", "uvloop is the default"


def test_run_answers_a_fan_on_uvloop(tmp_path, monkeypatch):
    telegram_only_env(monkeypatch)

    async def scenario() -> tuple[str, str]:
        fake = await FakeTelegram().start()
        settings = run_settings(tmp_path, fake.base_url)
        stop = asyncio.Event()
        task = asyncio.create_task(run_clones(EXAMPLE, settings, stop))
        try:
            await fake.wait_for("getUpdates", within=20)
            await fake.push(fake.message(private_chat(78), user(78), "are you human?"))
            [sent] = await fake.wait_for("sendMessage", within=20)
            return type(asyncio.get_running_loop()).__module__, sent["text"]
        finally:
            stop.set()
            assert await asyncio.wait_for(task, 20) == 0
            await fake.stop()

    module, text = run_on_loop(scenario(), "uvloop")
    assert module.startswith("uvloop")
    assert "AI clone" in text, "disclosure holds on this loop too"
