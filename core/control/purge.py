"""Erasing after forgetting: runs the stores' purges soon after a forget, bursts coalesced."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

log = logging.getLogger(__name__)

Purge = Callable[[], Awaitable[bool]]


class Purger:
    """Runs every store's `purge` `delay` seconds after a request, one run at a time.

    A forget deletes at once; the purge that rewrites files costs seconds on a large store, so
    forgets arriving while one is pending share it. A failed purge is retried after `delay`.
    The bound stated in docs/trust.md is `delay` plus the rewrite itself.
    """

    def __init__(self, purges: Sequence[Purge], *, delay: float) -> None:
        self.purges = list(purges)
        self.delay = delay
        self._wanted = False
        self._task: asyncio.Task[None] | None = None
        self.runs = 0

    def request(self) -> None:
        """Ask for a purge within `delay` seconds (needs a running event loop)."""
        self._wanted = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._loop(), name="purge")

    async def _loop(self) -> None:
        while self._wanted:
            await asyncio.sleep(self.delay)
            await self.run_now()

    async def run_now(self) -> None:
        """Purge every store now; a store that fails is logged and asked again later."""
        self._wanted = False
        for purge in self.purges:
            try:
                await purge()
            except Exception:  # retried: deleted bytes must not stay because one run failed
                log.exception("purge failed; retrying in %.0f s", self.delay)
                self._wanted = True
        self.runs += 1

    async def settle(self) -> None:
        """Wait until no purge is pending (tests; shutdown)."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def close(self) -> None:
        """Run a pending purge now instead of waiting (so a stop does not skip it)."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.run_now()
