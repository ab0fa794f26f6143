"""Retrying a platform call through rate limits (HTTP 429), honouring the wait it asks for."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# Reads a platform error: the seconds to wait if it is a rate limit, None if it is not.
RetryAfter = Callable[[BaseException], float | None]


class RateLimitedTooLong(RuntimeError):
    """A call stayed rate limited through every retry."""


async def retrying(
    call: Callable[[], Awaitable[T]],
    retry_after: RetryAfter,
    *,
    max_retries: int,
    what: str,
) -> T:
    """Run `call`; on a rate-limit error sleep what it asks and try again, up to `max_retries`.

    Other errors pass through at once. After the last retry the rate-limit error is raised
    (chained into `RateLimitedTooLong`), so a reply is delayed rather than lost, but not
    forever.
    """
    for attempt in range(max_retries + 1):
        try:
            return await call()
        except Exception as exc:
            wait = retry_after(exc)
            if wait is None:
                raise
            if attempt == max_retries:
                raise RateLimitedTooLong(
                    f"{what}: gave up after {attempt + 1} rate limits"
                ) from exc
            log.warning("%s: rate limited, retrying in %.1f s", what, wait)
            await asyncio.sleep(max(wait, 0.0))
    raise AssertionError("unreachable")
