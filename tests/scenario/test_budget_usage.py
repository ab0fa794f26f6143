"""The daily token budget is charged what the provider reports, prompt and completion."""

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk

from core.llm.generator import LangChainGenerator
from tests.fakes.generators import CapturingGenerator
from tests.fakes.llms import ScriptedLLM
from tests.scenario.harness import make_chat

pytestmark = pytest.mark.asyncio
TODAY = "2026-11-23"


def generator(model: Any) -> LangChainGenerator:
    return LangChainGenerator(model, name="fake", timeout_seconds=5, retries=0)


async def used(chat) -> int:
    return await chat.services.state.usage(chat.services.bot.id, TODAY)


async def test_reported_usage_metadata_is_what_the_budget_counts():
    model = ScriptedLLM(["Bread flour and a little rye [1]."], usage=(1234, 56))
    chat = await make_chat(None, generator=generator(model))
    assert await chat.say("what flour?")
    assert await used(chat) == 1234 + 56


class ResponseMetadataLLM(ScriptedLLM):
    """A provider that reports usage only in response metadata (OpenAI-style token_usage)."""

    def _stream(self, messages: list[BaseMessage], *a: Any, **kw: Any) -> Iterator[Any]:
        raise NotImplementedError

    async def _astream(self, messages: list[BaseMessage], *a: Any, **kw: Any):  # type: ignore[override]
        self.calls.append(list(messages))
        yield ChatGenerationChunk(message=AIMessageChunk(content=self._reply(messages)))
        usage = {"prompt_tokens": 900, "completion_tokens": 40, "total_tokens": 940}
        meta = {"token_usage": usage, "finish_reason": "stop"}
        yield ChatGenerationChunk(message=AIMessageChunk(content="", response_metadata=meta))


async def test_usage_in_response_metadata_is_counted_too():
    chat = await make_chat(None, generator=generator(ResponseMetadataLLM(["Rye, mostly [1]."])))
    assert await chat.say("what flour?")
    assert await used(chat) == 940


async def test_without_reported_usage_the_estimate_includes_the_prompt():
    capturing = CapturingGenerator(answer="Rye.")
    chat = await make_chat(None, generator=capturing)
    assert await chat.say("what flour?")
    prompt_chars = len(capturing.prompts[0])
    assert await used(chat) >= prompt_chars // 4, "the prompt is most of what a reply costs"
