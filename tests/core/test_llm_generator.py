"""LangChainGenerator: streaming, timeouts, retries, failures, usage; and the real local model."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.outputs import ChatGenerationChunk

from core.config import Settings
from core.llm import GenerationFailed, LangChainGenerator, Usage, make_generator
from core.llm.local import LocalGGUFChatModel
from core.ports import Generator
from tests.fakes.llms import (
    LIE_FACTS,
    LIE_HUMAN,
    BrokenMidStreamLLM,
    DeadLLM,
    EchoPromptLLM,
    FlakyLLM,
    LyingLLM,
    ScriptedLLM,
    SlowLLM,
    render_prompt,
)

PROMPT: list[BaseMessage] = [
    SystemMessage("You are Ana, a baker from Lyon. Never claim to be human."),
    HumanMessage("What do you bake on Sundays?"),
]


class SleepRecorder:
    """Stands in for asyncio.sleep in backoff: records delays, waits for nothing."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def gen(model, *, timeout: float = 2.0, retries: int = 2, **kwargs) -> LangChainGenerator:  # type: ignore[no-untyped-def]
    kwargs.setdefault("sleep", SleepRecorder())
    return LangChainGenerator(
        model, name="fake:test", timeout_seconds=timeout, retries=retries, **kwargs
    )


async def collect(
    generator: LangChainGenerator, messages: list[BaseMessage] = PROMPT
) -> list[str]:
    return [piece async for piece in generator.stream(messages)]


def test_langchain_generator_satisfies_the_generator_port() -> None:
    generator: Generator = gen(ScriptedLLM(["hi"]))
    assert generator.name == "fake:test"


async def test_pieces_stream_in_order_and_join_to_the_reply() -> None:
    pieces = await collect(gen(ScriptedLLM(["Sourdough, always. And croissants for the kids."])))
    assert len(pieces) > 3
    assert "".join(pieces) == "Sourdough, always. And croissants for the kids."


async def test_echo_fake_shows_exactly_what_the_generator_received() -> None:
    model = EchoPromptLLM()
    text = "".join(await collect(gen(model)))
    assert text == render_prompt(PROMPT)
    assert text.startswith("[system] You are Ana")
    assert model.last_prompt == PROMPT


async def test_lying_fake_claims_to_be_human_and_can_leak_the_system_prompt() -> None:
    text = "".join(await collect(gen(LyingLLM(echo_system=True))))
    assert LIE_HUMAN in text and LIE_FACTS in text
    assert "My instructions say: You are Ana" in text


async def test_first_token_timeout_retries_then_fails_with_generation_failed() -> None:
    # The model would take a minute; three attempts cut at 0.05 s each end far sooner (the
    # bound is generous, for a busy machine: it only has to tell 0.15 s from 60 s).
    model = SlowLLM(60.0)
    generator = gen(model, timeout=60.0, retries=2, first_token_timeout_seconds=0.05)
    started = time.perf_counter()
    with pytest.raises(GenerationFailed) as failed:
        await collect(generator)
    assert time.perf_counter() - started < 20.0
    assert failed.value.attempts == 3 and not failed.value.partial
    assert "first token" in failed.value.reason
    assert len(model.calls) == 3


async def test_total_timeout_after_partial_output_is_not_retried() -> None:
    class StallsAfterFirstPiece(ScriptedLLM):
        async def _astream(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append(list(messages))
            yield ChatGenerationChunk(message=AIMessageChunk(content="Hello"))
            await asyncio.sleep(5)
            yield ChatGenerationChunk(message=AIMessageChunk(content=" world"))

    model = StallsAfterFirstPiece(["unused"])
    generator = gen(model, timeout=0.1, retries=3)
    seen: list[str] = []
    with pytest.raises(GenerationFailed) as failed:
        async for piece in generator.stream(PROMPT):
            seen.append(piece)
    assert seen == ["Hello"]
    assert failed.value.partial and failed.value.attempts == 1
    assert len(model.calls) == 1


async def test_connection_drop_after_partial_output_is_not_retried_so_no_text_repeats() -> None:
    model = BrokenMidStreamLLM()
    seen: list[str] = []
    with pytest.raises(GenerationFailed) as failed:
        async for piece in gen(model, retries=3).stream(PROMPT):
            seen.append(piece)
    assert "".join(seen) == model.prefix
    assert failed.value.partial
    assert len(model.calls) == 1


async def test_flaky_provider_is_retried_with_growing_bounded_backoff() -> None:
    sleep = SleepRecorder()
    model = FlakyLLM(2)
    text = "".join(await collect(gen(model, retries=2, sleep=sleep, backoff_base=0.5)))
    assert text == model.reply
    assert len(model.calls) == 3
    assert len(sleep.delays) == 2
    assert 0.25 <= sleep.delays[0] <= 0.5
    assert 0.5 <= sleep.delays[1] <= 1.0


def test_backoff_delay_never_exceeds_the_cap_nor_drops_to_zero() -> None:
    generator = gen(ScriptedLLM([]), backoff_base=0.5, backoff_max=4.0)
    delays = [generator.backoff_delay(retry) for retry in range(12) for _ in range(20)]
    assert all(0.25 <= d <= 4.0 for d in delays)
    assert max(generator.backoff_delay(30) for _ in range(50)) <= 4.0


async def test_dead_provider_raises_generation_failed_and_logs_provider_and_cause(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="core.llm.generator")
    with pytest.raises(GenerationFailed) as failed:
        await collect(gen(DeadLLM(), retries=1))
    assert failed.value.provider == "fake:test"
    assert "ConnectionError" in failed.value.reason
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "fake:test" in errors[0].getMessage()
    assert "connection refused" in errors[0].getMessage()


async def test_reported_usage_metadata_is_charged() -> None:
    seen: list[Usage] = []
    generator = gen(ScriptedLLM(["Rye bread."], usage=(42, 7)), on_usage=seen.append)
    await collect(generator)
    assert seen == [Usage(42, 7, estimated=False)]
    assert generator.last_usage_tokens == 49


async def test_usage_is_estimated_from_characters_when_the_provider_reports_none() -> None:
    per_call: list[Usage] = []
    generator = gen(ScriptedLLM(["x" * 40]))
    async for _ in generator.stream([HumanMessage("y" * 80)], on_usage=per_call.append):
        pass
    assert per_call == [Usage(20, 10, estimated=True)]


async def test_a_failing_usage_callback_does_not_break_the_reply() -> None:
    def boom(usage: Usage) -> None:
        raise RuntimeError("budget store down")

    assert "".join(await collect(gen(ScriptedLLM(["ok"]), on_usage=boom))) == "ok"


async def test_make_generator_with_the_fake_provider_answers_politely() -> None:
    generator = make_generator(Settings(llm_provider="fake", llm_retries=0))
    assert generator.name == "fake:default"
    text = "".join(await collect(generator))
    assert "AI clone" in text


def test_fakes_also_work_through_sync_invoke() -> None:
    assert ScriptedLLM(["a", "b"]).invoke("hi").content == "a"
    with pytest.raises(ConnectionError):
        DeadLLM().invoke("hi")
    flaky = FlakyLLM(1)
    with pytest.raises(ConnectionError):
        flaky.invoke("hi")
    assert isinstance(flaky.invoke("hi"), AIMessage)


@pytest.mark.slow
async def test_real_local_model_streams_a_short_reply_without_blocking_the_loop() -> None:
    generator = make_generator(Settings(llm_provider="local", llm_max_tokens=24))
    assert isinstance(generator.model, LocalGGUFChatModel)
    await generator.model.aload()
    gaps: list[float] = []

    async def heartbeat() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beat = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    pieces = await collect(generator)
    took = time.perf_counter() - started
    beat.cancel()
    assert "".join(pieces).strip()
    assert len(pieces) > 1
    # Decoding runs in a worker thread without the GIL: the loop keeps ticking meanwhile. A
    # blocked loop would show one gap as long as the whole generation; measured against the
    # same run's length, not a fixed limit that a busy machine could miss.
    assert gaps and max(gaps) < 0.5 * took
    assert generator.last_usage is not None and not generator.last_usage.estimated
    assert generator.last_usage.output_tokens <= 24
