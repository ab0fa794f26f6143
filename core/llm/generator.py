"""The `Generator` port over any LangChain chat model: timeouts, retries, usage counting."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, BaseMessageChunk

if TYPE_CHECKING:
    from core.config import Settings

logger = logging.getLogger(__name__)


class GenerationFailed(Exception):
    """The provider could not produce a reply; the caller answers with an honest fallback.

    Attributes:
        reason: Short, log-friendly cause ("timeout after 60.0s", "ConnectionError: ...").
        provider: The generator's name.
        attempts: How many attempts were made.
        partial: True if some text had already been yielded before the failure.
    """

    def __init__(
        self, reason: str, *, provider: str = "", attempts: int = 0, partial: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.provider = provider
        self.attempts = attempts
        self.partial = partial


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens one generation used; `estimated` when the provider reported none."""

    input_tokens: int
    output_tokens: int
    estimated: bool

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


UsageCallback = Callable[[Usage], None]

# Where generations streamed inside `metered()` report their usage: the caller that owns the
# turn, without every wrapper (circuit breaker, eval timing) having to pass a callback along.
_METER: ContextVar[list[Usage] | None] = ContextVar("clonebot_usage_meter", default=None)


@contextlib.contextmanager
def metered() -> Iterator[list[Usage]]:
    """Collect the usage of every generation streamed inside the block, in this task."""
    used: list[Usage] = []
    token = _METER.set(used)
    try:
        yield used
    finally:
        _METER.reset(token)


def charged_tokens(used: Sequence[Usage], prompt_chars: int, output_chars: int) -> int:
    """What a turn costs: the usage generators reported, else an estimate of prompt and
    output (about 4 characters a token) for a generator that reports nothing."""
    if used:
        return sum(u.total_tokens for u in used)
    return math.ceil(prompt_chars / 4) + math.ceil(output_chars / 4)


def _metadata_usage(chunk: BaseMessageChunk) -> tuple[int, int] | None:
    """(input, output) tokens a provider put in response metadata only: OpenAI-style
    `token_usage`/`usage` (prompt/completion tokens) or Ollama's eval counts."""
    meta = getattr(chunk, "response_metadata", None) or {}
    for key in ("token_usage", "usage"):
        found = meta.get(key)
        if isinstance(found, dict):
            i = found.get("prompt_tokens", found.get("input_tokens"))
            o = found.get("completion_tokens", found.get("output_tokens"))
            if i is not None or o is not None:
                return int(i or 0), int(o or 0)
    if "prompt_eval_count" in meta or "eval_count" in meta:
        return int(meta.get("prompt_eval_count") or 0), int(meta.get("eval_count") or 0)
    return None


class _AttemptTimeout(Exception):
    def __init__(self, phase: str, seconds: float) -> None:
        super().__init__(f"timeout waiting for {phase} after {seconds:g}s")


class LangChainGenerator:
    """Streams text pieces from a LangChain chat model, implementing the `Generator` port.

    Each attempt has a time-to-first-token limit and a total limit. A failed attempt is
    retried with exponential backoff and jitter only while it has yielded no text, so the
    caller never sees text twice. When all attempts fail, the cause is logged with the
    provider's name and `GenerationFailed` is raised.

    Tokens used are reported per call through `on_usage` (and kept in `last_usage`), taken
    from the provider's usage metadata when given, else estimated from characters.
    """

    def __init__(
        self,
        model: BaseChatModel,
        *,
        name: str,
        timeout_seconds: float,
        retries: int,
        first_token_timeout_seconds: float | None = None,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        on_usage: UsageCallback | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Wrap `model`.

        Args:
            model: Any LangChain chat model.
            name: Provider name for logs and errors, such as "openai:gpt-4o-mini".
            timeout_seconds: Total time allowed per attempt.
            retries: Extra attempts after the first one.
            first_token_timeout_seconds: Time allowed until the first text; defaults to
                `timeout_seconds`.
            backoff_base: Delay before the first retry; it doubles for each further retry.
            backoff_max: Upper bound of any single delay.
            on_usage: Called after every generation (success or failure) with its usage.
            sleep: The backoff sleep; tests pass a recorder.
        """
        if timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        if retries < 0:
            raise ValueError("retries must be zero or more")
        self.model = model
        self.name = name
        self.timeout_seconds = timeout_seconds
        self.first_token_timeout_seconds = first_token_timeout_seconds or timeout_seconds
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.on_usage = on_usage
        self.last_usage: Usage | None = None
        self._sleep = sleep

    @property
    def last_usage_tokens(self) -> int:
        """Total tokens of the last finished generation (0 before any)."""
        return self.last_usage.total_tokens if self.last_usage else 0

    def backoff_delay(self, retry: int) -> float:
        """Delay before retry number `retry` (0-based): half fixed, half random, bounded."""
        ceiling = min(self.backoff_max, self.backoff_base * 2.0**retry)
        # "Equal jitter": never zero (no hammering) yet spread out (no thundering herd).
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    async def stream(
        self, messages: Sequence[BaseMessage], *, on_usage: UsageCallback | None = None
    ) -> AsyncIterator[str]:
        """Yield the reply's text pieces in order.

        Args:
            messages: The full prompt.
            on_usage: Called once with this generation's usage, in addition to the
                generator-wide callback.

        Raises:
            GenerationFailed: When every attempt failed, or an attempt failed after text
                had been yielded.
        """
        prompt_chars = sum(len(m.text) for m in messages)
        attempts = self.retries + 1
        input_tokens = output_tokens = 0
        reported = False
        from_metadata: tuple[int, int] | None = None
        out_chars = 0
        try:
            for attempt in range(1, attempts + 1):
                yielded = False
                try:
                    async for chunk in self._attempt(messages):
                        usage = getattr(chunk, "usage_metadata", None)
                        if usage:
                            reported = True
                            input_tokens += int(usage.get("input_tokens", 0))
                            output_tokens += int(usage.get("output_tokens", 0))
                        elif (meta := _metadata_usage(chunk)) is not None:
                            from_metadata = meta
                        text = chunk.text
                        if text:
                            yielded = True
                            out_chars += len(text)
                            yield text
                    return
                except Exception as exc:
                    cause = self._describe(exc)
                    if yielded:
                        self._log_failure(cause, attempt, partial=True)
                        raise GenerationFailed(
                            cause, provider=self.name, attempts=attempt, partial=True
                        ) from exc
                    if attempt == attempts:
                        self._log_failure(cause, attempt, partial=False)
                        raise GenerationFailed(
                            cause, provider=self.name, attempts=attempt
                        ) from exc
                    delay = self.backoff_delay(attempt - 1)
                    logger.warning(
                        "LLM provider %s attempt %d/%d failed (%s); retrying in %.2fs",
                        self.name,
                        attempt,
                        attempts,
                        cause,
                        delay,
                    )
                    await self._sleep(delay)
        finally:
            if not reported and from_metadata is not None:
                # Only in response metadata (the last such chunk holds the whole call's).
                reported = True
                input_tokens, output_tokens = from_metadata
            if not reported and out_chars:
                # No usage metadata: estimate the prompt once plus what came out. A provider
                # that produced nothing and reported nothing is not charged.
                input_tokens = math.ceil(prompt_chars / 4)
                output_tokens = math.ceil(out_chars / 4)
            self._report(Usage(input_tokens, output_tokens, not reported), on_usage)

    async def _attempt(self, messages: Sequence[BaseMessage]) -> AsyncIterator[BaseMessageChunk]:
        """One call to the model, with its time-to-first-token and total limits."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = started + self.timeout_seconds
        first_deadline = started + self.first_token_timeout_seconds
        got_text = False
        chunks = aiter(self.model.astream(list(messages)))
        try:
            while True:
                now = loop.time()
                if got_text or first_deadline >= deadline:
                    limit, phase, seconds = deadline, "the reply", self.timeout_seconds
                else:
                    limit, phase = first_deadline, "the first token"
                    seconds = self.first_token_timeout_seconds
                try:
                    async with asyncio.timeout(max(0.0, limit - now)):
                        chunk = await anext(chunks)
                except StopAsyncIteration:
                    return
                except TimeoutError as exc:
                    raise _AttemptTimeout(phase, seconds) from exc
                if chunk.text:
                    got_text = True
                yield chunk
        finally:
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                await aclose()

    @staticmethod
    def _describe(exc: BaseException) -> str:
        if isinstance(exc, _AttemptTimeout):
            return str(exc)
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

    def _log_failure(self, cause: str, attempts: int, *, partial: bool) -> None:
        after = "after partial output, not retried" if partial else f"after {attempts} attempt(s)"
        logger.error("LLM provider %s failed %s: %s", self.name, after, cause)

    def _report(self, usage: Usage, on_usage: UsageCallback | None) -> None:
        self.last_usage = usage
        meter = _METER.get()
        if meter is not None:
            meter.append(usage)
        for callback in (self.on_usage, on_usage):
            if callback is None:
                continue
            try:
                callback(usage)
            except Exception:  # accounting must never break a reply
                logger.exception("usage callback failed for %s", self.name)


def make_generator(
    settings: Settings, *, on_usage: UsageCallback | None = None
) -> LangChainGenerator:
    """Build the configured provider's model and wrap it as the `Generator` port.

    Args:
        settings: Deployment settings (`llm_*` fields).
        on_usage: Optional callback charged with every generation's usage.
    """
    from core.llm.providers import make_chat_model, model_label

    return LangChainGenerator(
        make_chat_model(settings),
        name=model_label(settings),
        timeout_seconds=settings.llm_timeout_seconds,
        retries=settings.llm_retries,
        on_usage=on_usage,
    )
