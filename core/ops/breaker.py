"""One circuit breaker: after failures a dependency is skipped a while, then one call probes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class CircuitOpen(RuntimeError):
    """The circuit is open: the call was not tried."""


class BreakerWatcher(Protocol):
    """Whoever logs and counts a dependency's outage."""

    def failed(self, exc: BaseException, opened: bool) -> None:
        """A call failed; `opened` is True for the failure that opened the circuit."""

    def recovered(self, down_for: float) -> None:
        """A call closed the circuit after `down_for` seconds."""


class CircuitBreaker:
    """Counts failures of one dependency and says whether the next call may try it.

    Closed: every call is admitted. After `failures_to_open` failures in a row the circuit
    opens: no call is admitted for `open_seconds`. Then it is half-open: one call probes (the
    others are still refused); its success closes the circuit, its failure opens it again.
    The callers (the LLM generator, Redis limits, the memory store) decide what a refused call
    does instead (fail fast, fall back to this process, answer without memory) and what to log.
    """

    def __init__(
        self,
        *,
        open_seconds: float,
        failures_to_open: int = 1,
        clock: Callable[[], float] = time.monotonic,
        watcher: BreakerWatcher | None = None,
    ) -> None:
        """Args:
        open_seconds: How long the circuit stays open before one call probes.
        failures_to_open: Consecutive failures that open the circuit.
        clock: Monotonic seconds; tests pass a fake.
        watcher: Told the failures and the recovery of `call` (to log and count them).
        """
        self._watcher = watcher
        self.open_seconds = open_seconds
        self.failures_to_open = max(1, failures_to_open)
        self.failures = 0
        self.failing_since: float | None = None  # first failure of the current run
        self._clock = clock
        self._open_until: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        """ "closed", "open" (refusing calls) or "half-open" (the next call probes)."""
        if self._open_until is None:
            return "closed"
        return "open" if self._clock() < self._open_until else "half-open"

    def admit(self) -> bool:
        """Whether a call may go to the dependency now (a half-open circuit admits one)."""
        state = self.state
        if state == "closed":
            return True
        if state == "half-open" and not self._probing:
            self._probing = True
            return True
        return False

    def abandon(self) -> None:
        """An admitted call ended without an outcome (cancelled): let another one probe."""
        self._probing = False

    def succeeded(self) -> float | None:
        """Record a success; returns how long the circuit had been open, if this closed it."""
        self._probing = False
        was_open = self._open_until is not None
        since = self.failing_since
        self.failures, self.failing_since, self._open_until = 0, None, None
        if was_open and since is not None:
            return self._clock() - since
        return None

    def failed(self) -> bool:
        """Record a failure; True when it opened a circuit that was closed (log it once)."""
        self._probing = False
        now = self._clock()
        if self.failing_since is None:
            self.failing_since = now
        self.failures += 1
        if self.failures < self.failures_to_open:
            return False
        opened = self._open_until is None
        self._open_until = now + self.open_seconds
        return opened

    async def call(
        self,
        fn: Callable[[], Awaitable[T]],
        limit_seconds: float,
        *,
        not_failures: tuple[type[BaseException], ...] = (),
    ) -> T:
        """`fn()` within `limit_seconds`, recorded; raises `CircuitOpen` when not admitted.

        Exceptions in `not_failures` (a configuration error, say) pass without counting.
        """
        if not self.admit():
            raise CircuitOpen("circuit open")
        try:
            async with asyncio.timeout(limit_seconds):
                result = await fn()
        except not_failures:
            self.abandon()
            raise
        except Exception as exc:
            opened = self.failed()
            if self._watcher is not None:
                self._watcher.failed(exc, opened)
            raise
        except BaseException:
            self.abandon()  # cancelled: no outcome
            raise
        down_for = self.succeeded()
        if down_for is not None and self._watcher is not None:
            self._watcher.recovered(down_for)
        return result
