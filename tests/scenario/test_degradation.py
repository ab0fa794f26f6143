"""Degradation: a dead or slow LLM, an unreachable vector store, Redis or PostgreSQL cut."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import pytest
from aiohttp import web
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bots.bootstrap import build
from core.brain.answer_quality import UNAVAILABLE_LEAD
from core.config import Settings
from core.conversation.guard import STATE_DOWN_TEXT, GuardedHandler
from core.ingest.pipeline import run_ingest
from core.llm.breaker import CircuitBreakerGenerator
from core.llm.generator import LangChainGenerator
from core.memory.embeddings import HashEmbedder
from core.memory.memory import Memory
from core.memory.stores.guarded import GuardedMemoryStore
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.ops.metrics import REGISTRY
from core.persona.bot import load_bot
from core.ports import MemoryStore
from core.state.limits import InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from core.state.sql import SqlStateStore
from core.types import Role
from tests.fakes.generators import CapturingGenerator
from tests.fakes.llms import FlakyLLM, SlowLLM
from tests.fakes.tcp_proxy import TcpProxy
from tests.scenario.harness import (
    EXAMPLE,
    Chat,
    FakeClock,
    RecordingSender,
    make_chat,
    without_coalescing,
)

FALLBACK = "having trouble thinking right now"
# With her archive on the question, a failed model's turn quotes her and says why.
DEGRADED = (FALLBACK, UNAVAILABLE_LEAD)


def degraded(text: str) -> bool:
    """The honest fallback of a failed model: an apology, or her quote that says why."""
    return any(d in text for d in DEGRADED)


QUESTION = "How often do you feed your sourdough starter?"
MOD = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def dead_port() -> int:
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SlammingDoor:
    """A loopback port that takes each connection and closes it at once (a host that fails),
    counting them: "fails fast" is then asserted as "did not try the host again", which
    holds on a busy machine where a sub-second time limit would not."""

    def __init__(self) -> None:
        self.connections = 0
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> SlammingDoor:
        async def slam(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            writer.close()

        self._server = await asyncio.start_server(slam, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


def gauge(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


async def chat_on(settings: Settings, **kw: Any) -> Chat:
    """A Chat on the real bootstrap with these settings (generator and stores from them)."""
    clock = FakeClock()
    sender = RecordingSender()
    services = await build(
        EXAMPLE,
        settings,
        bot=without_coalescing(load_bot(EXAMPLE)),
        embedder=HashEmbedder(),
        state=kw.pop("state", None) or InMemoryStateStore(),
        clock=clock,
        limiter=InMemoryRateLimiter(now=lambda: clock.now().timestamp()),
        runners=[sender],
        **kw,
    )
    return Chat(services, clock, sender)


async def timed_say(chat: Chat, text: str, **kw: Any) -> tuple[str, float, tuple[str, ...]]:
    started = time.perf_counter()
    replies = await chat.say(text, **kw)
    elapsed = time.perf_counter() - started
    [record] = await chat.services.state.replies(chat.services.bot.id, limit=1)
    return "\n".join(r.text for r in replies), elapsed, record.flags


# ---- LLM endpoint down or slow ----------------------------------------------------------------
async def test_dead_llm_endpoint_gets_fans_an_honest_fallback_then_the_breaker_fails_fast(
    tmp_path: Any,
) -> None:
    pytest.importorskip("langchain_openai")
    async with SlammingDoor() as endpoint:
        settings = Settings(
            data_dir=tmp_path,
            memory_backend="memory",
            embedder="hash",
            llm_provider="openai",
            llm_model="gpt-test",
            llm_api_key="sk-test",
            llm_base_url=f"http://127.0.0.1:{endpoint.port}/v1",
            llm_retries=0,
            llm_breaker_failures=2,
        )
        chat = await chat_on(settings)
        assert isinstance(chat.services.generator, CircuitBreakerGenerator)
        for n in range(2):
            chat.clock.advance(seconds=60)
            text, elapsed, flags = await timed_say(chat, f"what flour? ({n})", dm=True)
            assert degraded(text) and (n or "AI clone" in text)  # honest, and still disclosed
            assert "generation-failed" in flags and elapsed < 10
        assert chat.services.generator.state == "open" and endpoint.connections >= 2
        tried = endpoint.connections
        chat.clock.advance(seconds=60)
        text, elapsed, _ = await timed_say(chat, "and rye?", dm=True)
        assert degraded(text) and elapsed < 10
        assert endpoint.connections == tried, "an open circuit must not call the provider"
    assert (gauge("clonebot_llm_circuit_open", provider="openai:gpt-test") or 0) == 1


@pytest.fixture
async def stalled_llm_server() -> AsyncIterator[str]:
    """An OpenAI-compatible endpoint that accepts requests and never answers."""

    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(60)
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/v1/chat/completions", hang)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/v1"
    await runner.cleanup()


async def test_stalled_llm_endpoint_answers_honestly_within_the_first_text_deadline(
    tmp_path: Any, stalled_llm_server: str
) -> None:
    pytest.importorskip("langchain_openai")
    settings = Settings(
        data_dir=tmp_path,
        memory_backend="memory",
        embedder="hash",
        llm_provider="openai",
        llm_model="gpt-test",
        llm_api_key="sk-test",
        llm_base_url=stalled_llm_server,
        llm_timeout_seconds=60,  # the provider's own timeout alone would keep fans 3 minutes
        llm_retries=2,
        llm_first_text_seconds=1.5,
    )
    chat = await chat_on(settings)
    text, elapsed, flags = await timed_say(chat, "what flour do you use?", dm=True)
    assert degraded(text) and "generation-failed" in flags
    # Cut at the 1.5 s first-text deadline, not after 3 x 60 s (generous for a busy machine).
    assert 1.4 < elapsed < 10
    # The default deadline for remote providers keeps fans under 10 s.
    assert Settings(llm_provider="openai").first_text_seconds() < 10


async def test_breaker_probes_after_its_pause_and_closes_when_the_provider_is_back() -> None:
    now = [0.0]
    inner = LangChainGenerator(
        FlakyLLM(2, reply="I buy my own flour."), name="f", timeout_seconds=5, retries=0
    )
    breaker = CircuitBreakerGenerator(
        inner, first_text_seconds=5, failures_to_open=2, open_seconds=30, clock=lambda: now[0]
    )
    chat = await make_chat(None, generator=breaker)
    for n in range(2):
        chat.clock.advance(seconds=60)
        assert degraded(await chat.text(f"flour? {n}", dm=True))
    assert breaker.state == "open"
    now[0] = 31.0
    assert breaker.state == "half-open"
    chat.clock.advance(seconds=60)
    assert "buy my own flour" in await chat.text("flour, again?", dm=True)
    assert breaker.state == "closed"


async def test_slow_provider_that_streams_is_not_cut_by_the_first_text_deadline() -> None:
    inner = LangChainGenerator(
        SlowLLM(0.2, reply="I buy my own flour."), name="s", timeout_seconds=30, retries=0
    )
    # Slow to start but inside the deadline, with room to spare on a busy machine.
    breaker = CircuitBreakerGenerator(inner, first_text_seconds=10.0)
    chat = await make_chat(None, generator=breaker)
    assert "buy my own flour" in await chat.text("flour?", dm=True)


# ---- vector store unreachable -----------------------------------------------------------------
async def test_qdrant_at_a_dead_port_the_clone_answers_from_its_persona_without_sources(
    tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        memory_backend="server",
        qdrant_url=f"http://127.0.0.1:{dead_port()}",
        embedder="hash",
        llm_provider="fake",
    )
    # Claims an archive memory with a citation mark, and records the prompt it was given.
    gen = CapturingGenerator(
        "As I wrote on my blog [1], I bake with bread flour and a little rye."
    )
    chat = await chat_on(settings, generator=gen)  # starts although Qdrant is down
    assert isinstance(chat.services.store, GuardedMemoryStore)
    text, elapsed, flags = await timed_say(chat, "what flour do you use?", dm=True)
    assert "memory-unavailable" in flags and elapsed < 10
    assert "[1]" not in text, "no source to cite, so no citation mark"
    assert "SOURCES: none found" in gen.prompts[-1]
    assert "unreachable" in caplog.text and chat.services.store.available is False
    assert gauge("clonebot_degraded", dependency="memory") == 1
    # Each real attempt on Qdrant that fails counts one error; failing fast counts none.
    tried = gauge("clonebot_dependency_errors_total", dependency="memory")
    chat.clock.advance(seconds=60)
    _, elapsed, flags = await timed_say(chat, "and rye?", dm=True)
    assert "memory-unavailable" in flags and elapsed < 10
    assert gauge("clonebot_dependency_errors_total", dependency="memory") == tried, (
        "while down, memory fails fast instead of trying (and timing out) each time"
    )
    await chat.services.close()


class SwitchableStore:
    """A real in-memory store behind a switch that makes every call fail like a lost host."""

    def __init__(self, inner: MemoryStore) -> None:
        self.inner = inner
        self.down = False

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)

        async def call(*a: Any, **kw: Any) -> Any:
            if self.down:
                raise ConnectionRefusedError("connection refused (switch)")
            return await attr(*a, **kw)

        return call


async def test_memory_outage_mid_run_degrades_and_memory_returns_with_the_store() -> None:
    now = [0.0]
    real = InMemoryMemoryStore()
    switch = SwitchableStore(real)  # type: ignore[arg-type]

    async def opener() -> MemoryStore:
        return switch  # type: ignore[return-value]

    guarded = GuardedMemoryStore(opener, retry_seconds=5, clock=lambda: now[0])
    chat = await make_chat(
        FakeListChatModel(responses=["My starter lives in the fridge, fed once a week [1]."] * 9),
        ingest=False,
    )
    memory = Memory(guarded, HashEmbedder())  # type: ignore[arg-type]
    await run_ingest(chat.services.bot, EXAMPLE, memory)
    chat.services.clone.brain.memory = memory

    async def flags_of(question: str) -> tuple[tuple[str, ...], int]:
        chat.clock.advance(seconds=60)
        [reply] = await chat.say(question, dm=True)
        [record] = await chat.services.state.replies(chat.services.bot.id, limit=1)
        return record.flags, len(reply.citations)

    flags, cited = await flags_of(QUESTION)
    assert "memory-unavailable" not in flags and cited >= 1
    switch.down = True
    flags, cited = await flags_of(QUESTION)
    assert "memory-unavailable" in flags and cited == 0
    switch.down = False
    flags, _ = await flags_of(QUESTION)
    assert "memory-unavailable" in flags, "within the retry pause it still fails fast"
    now[0] = 6.0
    flags, cited = await flags_of(QUESTION)
    assert "memory-unavailable" not in flags and cited >= 1 and guarded.available


# ---- Redis cut --------------------------------------------------------------------------------
@pytest.fixture
async def redis_proxy() -> AsyncIterator[TcpProxy]:
    redis = pytest.importorskip("redis.asyncio")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        await client.ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    finally:
        await client.aclose()
    proxy = await TcpProxy("127.0.0.1", 6379).start()
    yield proxy
    await proxy.stop()


@pytest.mark.scale
async def test_redis_cut_falls_back_to_this_process_and_shared_state_returns_with_it(
    tmp_path: Any, redis_proxy: TcpProxy, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        memory_backend="memory",
        embedder="hash",
        llm_provider="fake",
        redis_url=f"redis://127.0.0.1:{redis_proxy.port}/0",
    )
    services = await build(EXAMPLE, settings, state=InMemoryStateStore())
    dedup, limits = services.deduper, services.limiter
    seen, fan = f"test-deg:{uuid.uuid4().hex}", f"test-deg:{uuid.uuid4().hex}"
    try:
        assert await dedup.first_time(seen) and not await dedup.first_time(seen)
        assert await limits.allow(fan, 1, 600) and not await limits.allow(fan, 1, 600)
        await redis_proxy.cut()
        started = time.perf_counter()
        other = f"test-deg:{uuid.uuid4().hex}"
        assert await dedup.first_time(other), "fail open on this process's own memory"
        assert not await dedup.first_time(other), "and still drop what this process saw"
        assert await limits.allow(fan, 1, 600), "local window: limits hold per process"
        assert not await limits.allow(fan, 1, 600)
        assert time.perf_counter() - started < 5
        assert "Redis unreachable" in caplog.text
        assert gauge("clonebot_degraded", dependency="redis") == 1
        await redis_proxy.restore()
        await asyncio.sleep(2.1)  # the fail-fast pause before Redis is tried again
        assert not await dedup.first_time(seen), "what Redis held before the cut still holds"
        assert not await limits.allow(fan, 1, 600)
        assert gauge("clonebot_degraded", dependency="redis") == 0
        assert "reachable again" in caplog.text
    finally:
        await services.close()
        from redis.asyncio import Redis

        client = Redis.from_url("redis://127.0.0.1:6379/0")
        keys = [k async for k in client.scan_iter(match="clonebot:*test-deg:*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


# ---- PostgreSQL cut ---------------------------------------------------------------------------
@pytest.fixture
async def pg_proxy() -> AsyncIterator[tuple[TcpProxy, str]]:
    try:
        conn = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    schema = f"clonebot_deg_{uuid.uuid4().hex[:10]}"
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    proxy = await TcpProxy("127.0.0.1", 5432).start()
    options = f"-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"
    yield proxy, f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/test?options={options}"
    await proxy.stop()
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.scale
async def test_postgres_cut_fails_closed_with_clear_errors_and_keeps_every_mute(
    pg_proxy: tuple[TcpProxy, str], caplog: pytest.LogCaptureFixture
) -> None:
    proxy, url = pg_proxy
    state = await SqlStateStore.open(url, creator_id="example")
    chat = await make_chat(FakeListChatModel(responses=["Rye [1]."] * 20), state=state)
    guarded = GuardedHandler(chat.clone.handle, "example")

    async def say(text: str, **kw: Any) -> str:
        chat.clock.advance(seconds=30)
        return "\n".join(r.text for r in await guarded(chat.event(text, **kw)))

    try:
        assert "Muted" in await say("/clone mute 1h here", **MOD)
        assert await say("hi?") == ""
        await proxy.cut()
        started = time.perf_counter()
        assert await say("hi? anyone?", channel="other") == "", "fail closed: no state, no reply"
        assert await say("/clone unmute here", **MOD) == STATE_DOWN_TEXT
        assert time.perf_counter() - started < 10
        assert "state store unreachable" in caplog.text
        assert gauge("clonebot_degraded", dependency="state") == 1
        await proxy.restore()
        assert await say("hi again?") == "", "the mute set before the cut still holds"
        assert gauge("clonebot_degraded", dependency="state") == 0
        assert "lifted" in await say("/clone unmute here", **MOD)
        assert await say("and now?") != ""
    finally:
        await state.delete_creator("example")
        await state.close()


async def test_runs_log_unreachable_state_once_per_outage(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from sqlalchemy.exc import OperationalError

    async def down(event: Any) -> list[Any]:
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("refused"))

    guarded = GuardedHandler(down, "example")
    chat = await make_chat(None, ingest=False)
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        assert await guarded(chat.event("hi")) == []
    assert caplog.text.count("state store unreachable (") == 1


async def test_a_busy_process_is_not_blamed_on_a_healthy_provider() -> None:
    """The provider answers in 0.3 s, but our own loop is blocked for 1 s meanwhile (an
    overloaded process): with a 0.5 s first-text deadline that is no timeout and no failure."""

    class Quick:
        name = "quick"

        async def stream(self, messages: Any) -> Any:
            await asyncio.sleep(0.3)
            yield "Rye, mostly."

    breaker = CircuitBreakerGenerator(Quick(), first_text_seconds=0.5, failures_to_open=1)

    # The whole process busy for 1 s (CPU-bound work elsewhere in the loop).
    asyncio.get_running_loop().call_later(0.05, time.sleep, 1.0)
    pieces = [p async for p in breaker.stream([])]
    assert pieces == ["Rye, mostly."]
    assert breaker.state == "closed"


async def test_a_stalled_provider_still_times_out_on_an_idle_process() -> None:
    class Stalled:
        name = "stalled"

        async def stream(self, messages: Any) -> Any:
            await asyncio.sleep(30)
            yield "never"

    breaker = CircuitBreakerGenerator(Stalled(), first_text_seconds=0.5, failures_to_open=1)
    started = time.perf_counter()
    with pytest.raises(Exception, match="no text within"):
        [p async for p in breaker.stream([])]
    assert time.perf_counter() - started < 3
    assert breaker.state == "open"


async def test_a_failed_model_quotes_her_words_on_what_her_archive_covers() -> None:
    """A dead model still leaves the fan her own cited words, said to be a quote, when her
    archive covers the question; the apology only when it does not."""
    from core.memory.embeddings import MiniLMEmbedder  # the embedded default: real scores

    failing = LangChainGenerator(
        FlakyLLM(99, reply="never"), name="f", timeout_seconds=5, retries=0
    )
    chat = await make_chat(None, generator=failing, embedder=MiniLMEmbedder())
    covered = await chat.text("What flour do you use for your bread?", dm=True)
    assert UNAVAILABLE_LEAD in covered and "[1]" in covered, covered
    assert FALLBACK not in covered
    chat.clock.advance(seconds=60)
    uncovered = await chat.text("Which football team do you support?", dm=True)
    assert FALLBACK in uncovered and UNAVAILABLE_LEAD not in uncovered, uncovered
