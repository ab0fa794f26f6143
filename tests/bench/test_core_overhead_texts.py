"""bench.core_overhead measures new texts only: a repeated query would be a cache hit."""

from __future__ import annotations

import asyncio

from bench.core_overhead import time_messages
from core.records import FanScope


def test_every_message_timed_is_a_text_never_asked_before_in_this_run() -> None:
    asked: list[str] = []

    async def handle(question: str, scope: FanScope) -> str:
        asked.append(question)
        return question

    async def twice() -> None:
        # As the benchmark does: the plain store, then the indexed one, then embed-only.
        for _ in range(3):
            await time_messages(handle, 60, fans=10, seed=5)

    asyncio.run(twice())
    assert len(asked) == len(set(asked)), "a repeated text is answered by the query cache"
