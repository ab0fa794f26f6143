"""Prometheus metrics: module-level objects in one registry, and the few hooks core calls."""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# One registry of our own: tests and several clones in one process never collide with
# prometheus_client's global default registry (which also carries process metrics).
REGISTRY = CollectorRegistry(auto_describe=True)

REPLIES = Counter(
    "clonebot_replies",
    "Answers the brain produced, by outcome (answered, deflected, generation-failed, ...)",
    ["creator", "outcome"],
    registry=REGISTRY,
)
STAGE_SECONDS = Histogram(
    "clonebot_stage_seconds",
    "Time spent in each reply stage",
    ["stage"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
LLM_ERRORS = Counter(
    "clonebot_llm_errors",
    "Generations that failed (error, timeout) or were refused by the open circuit breaker",
    ["provider", "kind"],
    registry=REGISTRY,
)
LLM_CIRCUIT_OPEN = Gauge(
    "clonebot_llm_circuit_open",
    "1 while the LLM circuit breaker fails calls fast",
    ["provider"],
    registry=REGISTRY,
)
RATE_LIMITED = Counter(
    "clonebot_rate_limit_waits",
    "Rate limiter denials: platform pacing waits (one per poll) and policy limits",
    ["kind"],
    registry=REGISTRY,
)
QUEUE_DEPTH = Gauge(
    "clonebot_queue_depth",
    "Events being handled right now (received, not yet answered)",
    ["creator"],
    registry=REGISTRY,
)
MESSAGES = Counter(
    "clonebot_messages",
    "Inbound fan messages by outcome (answered, coalesced, deferred, notice_sent, "
    "ignored_by_rule, dropped) and the rule or reason behind it",
    ["creator", "outcome", "why"],
    registry=REGISTRY,
)
TURNS_WAITING = Gauge(
    "clonebot_turns_waiting",
    "Fan messages waiting in the turn queue (debounce, limits or a free slot)",
    ["creator"],
    registry=REGISTRY,
)
QUEUE_WAIT_SECONDS = Histogram(
    "clonebot_queue_wait_seconds",
    "Time a turn waited in the process (debounce, limits, a free slot) before it ran",
    ["creator"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 120),
    registry=REGISTRY,
)
LOOP_LAG = Histogram(
    "clonebot_loop_lag_seconds",
    "How late the event loop woke a waiting first-text deadline (time not charged to the LLM)",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5),
    registry=REGISTRY,
)
DEDUP_HITS = Counter(
    "clonebot_dedup_hits",
    "Platform redeliveries dropped by the deduper",
    registry=REGISTRY,
)
DEPENDENCY_ERRORS = Counter(
    "clonebot_dependency_errors",
    "Calls to a shared engine that failed (memory, state, redis)",
    ["dependency"],
    registry=REGISTRY,
)
DEGRADED = Gauge(
    "clonebot_degraded",
    "1 while a dependency is unreachable and the clone runs degraded",
    ["dependency"],
    registry=REGISTRY,
)

# Flags that name an answer's outcome, most telling first.
_OUTCOMES = (
    "generation-failed",
    "memory-unavailable",
    "honesty",
    "preferred",
    "human-claim",
    "prompt-leak",
    "never-say",
    "tone",
    "deflected",
    "quoted",
    "empty",
)

F = TypeVar("F", bound=Callable[..., Any])


def timed(stage: str) -> Callable[[F], F]:
    """Decorate a function (sync or async) so its duration lands in `clonebot_stage_seconds`."""
    hist = STAGE_SECONDS.labels(stage)

    def wrap(fn: F) -> F:
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await fn(*args, **kwargs)
                finally:
                    hist.observe(time.perf_counter() - started)

            return cast(F, run_async)

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                hist.observe(time.perf_counter() - started)

        return cast(F, run)

    return wrap


def count_reply(creator_id: str, flags: Sequence[str]) -> None:
    """Count one answer under its most telling outcome flag ("answered" when none)."""
    outcome = next((f for f in _OUTCOMES if f in flags), "answered")
    REPLIES.labels(creator_id, outcome).inc()


def rate_limit_kind(key: str) -> str:
    """'pace' for platform pacing keys, 'policy' for core's per-fan/channel limits."""
    return "pace" if key.startswith("pace:") else "policy"


def exposition() -> bytes:
    """The registry in Prometheus' text format (what /metrics serves)."""
    return generate_latest(REGISTRY)


__all__ = [
    "DEDUP_HITS",
    "DEGRADED",
    "DEPENDENCY_ERRORS",
    "LLM_CIRCUIT_OPEN",
    "LLM_ERRORS",
    "LOOP_LAG",
    "MESSAGES",
    "QUEUE_DEPTH",
    "QUEUE_WAIT_SECONDS",
    "RATE_LIMITED",
    "REGISTRY",
    "REPLIES",
    "STAGE_SECONDS",
    "TURNS_WAITING",
    "count_reply",
    "exposition",
    "rate_limit_kind",
    "timed",
]
