"""The circuit breaker and a first-text deadline around a Generator: dead providers fail fast."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from langchain_core.messages import BaseMessage

from core.llm.generator import GenerationFailed
from core.ops.breaker import CircuitBreaker
from core.ops.metrics import LLM_CIRCUIT_OPEN, LLM_ERRORS, LOOP_LAG
from core.ports import Generator

log = logging.getLogger(__name__)

# How finely the first-text deadline is counted (see `_first_text`).
FIRST_TEXT_STEP_SECONDS = 0.25


class CircuitBreakerGenerator:
    """Wraps a `Generator` so that a dead or stalled provider costs fans seconds, not minutes.

    - **Deadline:** the first text must arrive within `first_text_seconds`, retries included,
      counted from the call (after the turn queue) and only while this process could run;
      otherwise `GenerationFailed` is raised (the brain answers with its honest fallback).
    - **Breaker:** after `failures_to_open` failed generations in a row the circuit opens and
      every call fails at once for `open_seconds`. Then one call probes (half-open): success
      closes the circuit, failure opens it again. Other calls keep failing fast meanwhile.

    Other attributes (`model`, `last_usage`...) are the wrapped generator's.
    """

    def __init__(
        self,
        inner: Generator,
        *,
        first_text_seconds: float,
        failures_to_open: int = 3,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Args:
        inner: The generator to protect.
        first_text_seconds: Time allowed until the first piece of text.
        failures_to_open: Consecutive failures that open the circuit.
        open_seconds: How long the circuit stays open before a probe.
        clock: Monotonic seconds; tests pass a fake.
        """
        self.inner = inner
        self.name = inner.name
        self.first_text_seconds = first_text_seconds
        self.breaker = CircuitBreaker(
            open_seconds=open_seconds, failures_to_open=failures_to_open, clock=clock
        )
        LLM_CIRCUIT_OPEN.labels(self.name).set(0)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.inner, attr)

    @property
    def state(self) -> str:
        """ "closed", "open" (failing fast) or "half-open" (the next call probes)."""
        return self.breaker.state

    def _record(self, ok: bool, kind: str = "error") -> None:
        if ok:
            if self.breaker.succeeded() is not None:
                log.info("LLM provider %s answers again; circuit closed", self.name)
            LLM_CIRCUIT_OPEN.labels(self.name).set(0)
            return
        LLM_ERRORS.labels(self.name, kind).inc()
        if self.breaker.failed():
            log.error(
                "LLM provider %s failed %d times in a row; failing fast for %.0fs",
                self.name,
                self.breaker.failures,
                self.breaker.open_seconds,
            )
        if self.breaker.state != "closed":
            LLM_CIRCUIT_OPEN.labels(self.name).set(1)

    async def _first_text(self, pieces: AsyncIterator[str]) -> str:
        """The next piece, within `first_text_seconds` of time this process could run.

        The deadline is counted in steps, and a step the event loop could not keep (our own
        CPU busy elsewhere: an overloaded process, not a slow provider) counts only as long as
        it was meant to, so the provider is not blamed, and the breaker not opened, for us.
        """
        loop = asyncio.get_running_loop()
        step = min(FIRST_TEXT_STEP_SECONDS, self.first_text_seconds)
        budget = self.first_text_seconds
        nxt: asyncio.Future[str] = asyncio.ensure_future(anext(pieces))
        try:
            while True:
                wait = min(step, budget)
                started = loop.time()
                done, _ = await asyncio.wait({nxt}, timeout=wait)
                if done:
                    return nxt.result()
                late = loop.time() - started - wait
                if late > 0:
                    LOOP_LAG.observe(late)
                budget -= wait
                if budget <= 0:
                    raise TimeoutError
        finally:
            if not nxt.done():
                nxt.cancel()
                with contextlib.suppress(BaseException):
                    await nxt

    async def stream(self, messages: Sequence[BaseMessage]) -> AsyncIterator[str]:
        """Yield the inner generator's text; raise `GenerationFailed` fast when it cannot."""
        if not self.breaker.admit():
            LLM_ERRORS.labels(self.name, "circuit-open").inc()
            raise GenerationFailed(
                f"circuit open after {self.breaker.failures} failures", provider=self.name
            )
        outcome: tuple[bool, str] | None = None
        pieces = self.inner.stream(messages)
        got_text = False
        try:
            async with contextlib.aclosing(pieces):  # type: ignore[type-var]
                while True:
                    try:
                        if got_text:
                            piece = await anext(pieces)
                        else:
                            piece = await self._first_text(pieces)
                    except StopAsyncIteration:
                        break
                    except TimeoutError as exc:
                        outcome = (False, "timeout")
                        raise GenerationFailed(
                            f"no text within {self.first_text_seconds:g}s", provider=self.name
                        ) from exc
                    got_text = got_text or bool(piece)
                    yield piece
            outcome = (True, "")
        except GenerationFailed as exc:
            if outcome is None:
                outcome = (False, "timeout" if "timeout" in exc.reason else "error")
            raise
        except Exception:
            outcome = (False, "error")
            raise
        finally:
            # A consumer that stops reading early (runaway output) is not a provider failure.
            ok, kind = outcome if outcome is not None else (True, "")
            self._record(ok, kind)
