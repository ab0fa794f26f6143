"""Task supervision: each delivery runs in its own task; stop drains them within a grace."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class Tasks:
    """Spawns handler tasks, keeps a reference to each until it ends, and drains them."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._running: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return len(self._running)

    def spawn(self, coro: Coroutine[Any, Any, Any], label: str = "") -> None:
        """Run `coro` in its own task, so a slow LLM never holds up receiving or acks."""
        task = asyncio.get_running_loop().create_task(coro, name=f"{self._name}-{label}")
        self._running.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Handlers log their own failures; this catches what slipped past them.
            log.error("%s: task %s failed", self._name, task.get_name(), exc_info=task.exception())

    async def drain(self, seconds: float) -> None:
        """Let running tasks finish for up to `seconds`, then cancel the rest and wait."""
        if not self._running:
            return
        _, pending = await asyncio.wait(set(self._running), timeout=seconds)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
