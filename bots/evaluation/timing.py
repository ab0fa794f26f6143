"""A Generator wrapper that times each generation (TTFT, total) and counts its tokens."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

from langchain_core.messages import BaseMessage

from core.ports import Generator


@dataclass(frozen=True, slots=True)
class Timing:
    """One generation: seconds to the first text and in total, and tokens in and out."""

    ttft: float | None
    total: float
    input_tokens: int
    output_tokens: int
    estimated: bool


@dataclass
class TimedGenerator:
    """Passes every call through to `inner` and records a `Timing` per generation.

    Tokens come from the inner generator's `last_usage` (LangChainGenerator reports the
    provider's usage, or its own estimate); other generators are estimated at 4 chars a token.
    """

    inner: Generator
    timings: list[Timing] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.inner.name

    async def stream(self, messages: Sequence[BaseMessage]) -> AsyncIterator[str]:
        started = time.perf_counter()
        first: float | None = None
        out_chars = 0
        stream = self.inner.stream(messages)
        try:
            # aclosing: when the brain stops reading early, the provider stops now, and its
            # usage is final before we read it below.
            async with contextlib.aclosing(stream):  # type: ignore[type-var]
                async for piece in stream:
                    if first is None and piece:
                        first = time.perf_counter() - started
                    out_chars += len(piece)
                    yield piece
        finally:
            total = time.perf_counter() - started
            usage = getattr(self.inner, "last_usage", None)
            if usage is not None and (usage.input_tokens or usage.output_tokens):
                tin, tout, est = usage.input_tokens, usage.output_tokens, usage.estimated
            else:
                prompt = sum(len(str(m.content)) for m in messages)
                tin, tout, est = math.ceil(prompt / 4), math.ceil(out_chars / 4), True
            self.timings.append(Timing(first, total, tin, tout, est))
