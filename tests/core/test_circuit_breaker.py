"""The one circuit breaker (core.ops.breaker) that the LLM, Redis limits and memory store share."""

from __future__ import annotations

from core.ops.breaker import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_the_failures_in_a_row_and_says_so_once() -> None:
    clock = Clock()
    breaker = CircuitBreaker(open_seconds=10, failures_to_open=3, clock=clock)
    assert breaker.admit() and not breaker.failed()
    assert breaker.succeeded() is None  # a success resets the count
    assert [breaker.failed() for _ in range(3)] == [False, False, True]
    assert breaker.state == "open" and not breaker.admit()


def test_half_open_admits_one_probe_whose_failure_reopens_without_a_second_log() -> None:
    clock = Clock()
    breaker = CircuitBreaker(open_seconds=10, clock=clock)
    assert breaker.failed()
    clock.now += 10
    assert breaker.state == "half-open"
    assert breaker.admit() and not breaker.admit()  # the others keep failing fast
    assert breaker.failed() is False  # still the same outage
    assert breaker.state == "open"


def test_a_probe_that_succeeds_closes_and_reports_how_long_it_was_down() -> None:
    clock = Clock()
    breaker = CircuitBreaker(open_seconds=5, clock=clock)
    breaker.failed()
    clock.now += 7
    assert breaker.admit()
    assert breaker.succeeded() == 7
    assert breaker.state == "closed" and breaker.failing_since is None


def test_an_abandoned_probe_lets_the_next_call_probe() -> None:
    clock = Clock()
    breaker = CircuitBreaker(open_seconds=5, clock=clock)
    breaker.failed()
    clock.now += 5
    assert breaker.admit()
    breaker.abandon()  # cancelled mid-call
    assert breaker.admit()
