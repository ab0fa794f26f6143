"""PTB's Bot on `AiohttpRequest`, against the fake Bot API and broken servers on 127.0.0.1."""

import asyncio
import socket

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut

from adapters.telegram.request import AiohttpRequest
from tests.fakes.telegram_server import BOT_USERNAME, TOKEN, FakeTelegram


@pytest.fixture
async def fake():
    server = await FakeTelegram().start()
    yield server
    await server.stop()


async def _bot(base_url: str, **timeouts: float) -> Bot:
    bot = Bot(TOKEN, base_url=base_url, request=AiohttpRequest(**timeouts))
    await bot.initialize()  # getMe
    return bot


async def test_calls_round_trip_as_form_fields_and_files(fake):
    bot = await _bot(fake.base_url)
    try:
        assert bot.username == BOT_USERNAME
        sent = await bot.send_message(77, "héllo ✨", disable_notification=True)
        assert sent.text == "héllo ✨"
        [call] = fake.calls_to("sendMessage")
        assert call["chat_id"] == "77" and call["text"] == "héllo ✨"
        await bot.send_document(77, b"line one\n", filename="memory.json")
        [doc] = fake.calls_to("sendDocument")
        assert doc["document"] == {"name": "memory.json", "data": b"line one\n"}
        assert doc["chat_id"] == "77", "fields ride along in the multipart body"
    finally:
        await bot.shutdown()


async def test_flood_limit_is_raised_as_ptb_retry_after(fake):
    bot = await _bot(fake.base_url)
    try:
        fake.fail_next(1, retry_after=3)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(77, "hi")
        wait = caught.value.retry_after  # PTB 22 gives seconds; later releases a timedelta
        assert (wait if isinstance(wait, int | float) else wait.total_seconds()) == 3
    finally:
        await bot.shutdown()


async def test_a_server_that_never_answers_is_a_timeout():
    release = asyncio.Event()

    async def stall(request: web.Request) -> web.Response:
        await release.wait()
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", stall)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    request = AiohttpRequest(read_timeout=0.2)
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    try:
        await request.initialize()
        started = asyncio.get_running_loop().time()
        with pytest.raises(TimedOut):
            await bot.get_me()
        assert asyncio.get_running_loop().time() - started < 2
    finally:
        release.set()
        await request.shutdown()
        await runner.cleanup()


async def test_nobody_listening_is_a_network_error():
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(77, "hi")
        assert not isinstance(caught.value, TimedOut)
        assert "aiohttp." in str(caught.value)
    finally:
        await request.shutdown()


async def test_uninitialised_request_refuses_clearly():
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:9/bot/getMe", "POST")
