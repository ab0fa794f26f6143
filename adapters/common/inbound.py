"""The receiving half every runner shares: dedup, core's handler, one task per delivery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any

from adapters.common.tasks import Tasks
from core.ports import Deduper
from core.types import Capabilities, ChatEvent, Handler, Reply

log = logging.getLogger(__name__)


class Inbound:
    """Holds core's handler once started, drops redeliveries, and supervises handler tasks."""

    def __init__(
        self,
        platform: str,
        deduper: Deduper,
        capabilities: Capabilities | None = None,
        *,
        channel_posts: tuple[int, float] | None = None,
    ) -> None:
        """`capabilities`: what this adapter declares on every event (None keeps the events');
        `channel_posts`: its pacing as configured, where that differs from the platform's
        published ceiling in `capabilities` (live rounds are paced by it)."""
        self.platform = platform
        self._deduper = deduper
        if capabilities is not None and channel_posts is not None:
            capabilities = replace(capabilities, channel_posts=channel_posts)
        self._capabilities = capabilities
        self._handle: Handler | None = None
        self.tasks = Tasks(platform)

    def bind(self, handle: Handler) -> None:
        """Core's handler, given at `start`."""
        self._handle = handle

    async def first_time(self, key: str) -> bool:
        """True the first time a delivery key is seen (platforms deliver at least once)."""
        return await self._deduper.first_time(key)

    def spawn(self, coro: Coroutine[Any, Any, Any], label: str = "") -> None:
        """Run a delivery in its own task, so a slow LLM never holds up receiving or acks."""
        self.tasks.spawn(coro, label)

    async def replies(self, event: ChatEvent) -> list[Reply]:
        """What core answers to `event`."""
        if self._handle is None:
            raise RuntimeError(f"{self.platform}: the adapter is not started")
        if self._capabilities is not None:
            event = replace(event, capabilities=self._capabilities)
        return list(await self._handle(event))

    async def answer(self, event: ChatEvent, send: Callable[[Reply], Awaitable[object]]) -> None:
        """Ask core, then send each reply; one undeliverable reply spares the others."""
        for reply in await self.replies(event):
            try:
                await send(reply)
            except Exception:
                log.exception(
                    "%s: a reply to %s in %s failed",
                    self.platform,
                    event.event_id or event.message_id,
                    reply.target.channel_id,
                )
