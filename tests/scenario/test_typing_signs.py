"""Typing signs reach the platform only while a turn waits on the model, one at a time per chat.

Counted at a fake outbound (`chat.sender.typing_in`): under load every turn spends time in this
process (queued, embedding, checking), and a sign timed from the turn's start went out for
nearly every reply (issue 26: 5,873 signs for 6,401 replies).
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.memory.embeddings import HashEmbedder
from core.types import Target
from tests.scenario.harness import Chat, make_chat
from tests.scenario.test_conversation import SlowGenerator

pytestmark = pytest.mark.asyncio


class BusyEmbedder:
    """The hash twin, except that every call takes `pause` of the one worker it may use: a
    clone whose turns queue behind each other's embedding (the multilingual checks under load).
    Its name keeps the meaning checks off, as the hash twin's does."""

    def __init__(self) -> None:
        self.inner = HashEmbedder()
        self.model_name = self.inner.model_name
        self.dimension = self.inner.dimension
        self.pause = 0.0
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            time.sleep(self.pause)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def instant() -> FakeListChatModel:
    return FakeListChatModel(responses=["I feed it twice a day [1]."] * 50)


async def busy_chat(generator: Any = None, llm: Any = None, **policies: Any) -> Chat:
    """A chat whose embedder is busy (set `pause` after the archive is ingested)."""
    chat = await make_chat(llm, generator=generator, embedder=BusyEmbedder())
    bot = chat.services.bot
    lifted = {"fan_cooldown_seconds": 0.0, "channel_cooldown_seconds": 0.0, **policies}
    bot = bot.model_copy(update={"policies": bot.policies.model_copy(update=lifted)})
    clone = chat.services.clone
    chat.services.bot = clone.bot = clone.control.bot = clone.brain.bot = bot
    return chat


def pause(chat: Chat, seconds: float) -> None:
    chat.services.embedder.pause = seconds  # type: ignore[attr-defined]


async def test_an_instant_model_shows_no_sign_even_when_the_turn_is_slow() -> None:
    chat = await busy_chat(llm=instant())
    pause(chat, 0.5)  # the turn takes seconds of embedding; the model none
    assert await chat.say("how often do you feed your starter?", dm=True)
    assert chat.sender.typing_in == []


async def test_a_slow_model_shows_the_sign_while_it_writes() -> None:
    chat = await busy_chat(generator=SlowGenerator(0.8))
    replies = await chat.say("Why rye?", dm=True)
    assert replies
    assert [t.channel_id for t in chat.sender.typing_in] == [replies[0].target.channel_id]


async def test_an_answer_made_without_the_model_shows_no_sign() -> None:
    model = SlowGenerator(2.0)
    chat = await busy_chat(generator=model)
    pause(chat, 0.5)
    text = await chat.text("Do you have kids?", dm=True)  # her deflection: no fact says so
    assert text.split("\n\n")[-1] in chat.services.bot.persona.deflections
    assert model.prompts == [], "the model was never asked"
    assert chat.sender.typing_in == []


async def test_turns_queued_behind_others_with_an_instant_model_show_no_sign() -> None:
    chat = await busy_chat(llm=instant(), max_concurrent_turns=2)
    pause(chat, 0.2)  # one worker: each turn waits for the others' embedding, then the slots
    fans = [f"fan{n}" for n in range(6)]
    turns = [chat.say(f"question {n} about rye", user=f, dm=True) for n, f in enumerate(fans)]
    async with asyncio.timeout(60):
        results = await asyncio.gather(*turns)
    assert all(results), "every fan answered"
    assert chat.sender.typing_in == []


async def test_concurrent_turns_in_one_chat_keep_one_sign_in_flight() -> None:
    chat = await busy_chat(generator=SlowGenerator(2.5), max_concurrent_turns=8)
    chat.services.clone.brain.signs.every = 0.4  # renewed often: many chances to overlap
    in_flight: dict[str, int] = {}
    most = 0
    record = chat.sender.typing

    async def slow_platform(target: Target) -> None:  # each sign takes a second to arrive
        nonlocal most
        in_flight[target.channel_id] = in_flight.get(target.channel_id, 0) + 1
        most = max(most, in_flight[target.channel_id])
        try:
            await asyncio.sleep(1.0)
            await record(target)
        finally:
            in_flight[target.channel_id] -= 1

    chat.sender.typing = slow_platform  # type: ignore[method-assign]
    turns = [chat.say(f"question from {u}", user=u, channel="busy") for u in ("f1", "f2", "f3")]
    async with asyncio.timeout(60):
        results = await asyncio.gather(*turns)
    assert all(results), "every fan answered"
    signs = [t for t in chat.sender.typing_in if t.channel_id == "busy"]
    assert signs, "the slow model's turns showed the sign"
    assert most == 1, f"{most} signs were on their way to one chat at once"
