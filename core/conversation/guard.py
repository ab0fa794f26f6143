"""The handler every adapter calls, guarded: in-flight count, and fail closed on lost state."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from core.ops.metrics import DEGRADED, DEPENDENCY_ERRORS, QUEUE_DEPTH
from core.state.outage import is_state_outage
from core.types import ChatEvent, EventKind, Handler, Reply, ReplyKind

log = logging.getLogger(__name__)

STATE_DOWN_TEXT = (
    "I can't do that right now: my control store is unreachable, so nothing was changed. "
    "Please try again in a minute."
)


class GuardedHandler:
    """Wraps `Clone.handle` for a running process.

    - Counts events in flight (the `clonebot_queue_depth` gauge) and lets shutdown wait for
      them (`drained`), so replies already being written are finished and sent.
    - When the state store is unreachable, fails closed: without it a kill switch, mute or
      handoff cannot be checked, so fans get silence, and people who ran a command get a
      clear short error. The outage is logged once, with its cause, and its end.
    """

    def __init__(self, handle: Handler, creator_id: str) -> None:
        self._handle = handle
        self.creator_id = creator_id
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.state_down = False
        self._depth = QUEUE_DEPTH.labels(creator_id)

    async def __call__(self, event: ChatEvent) -> Sequence[Reply]:
        self.in_flight += 1
        self._idle.clear()
        self._depth.inc()
        try:
            replies = await self._handle(event)
        except Exception as exc:
            if not is_state_outage(exc):
                raise
            return self._state_down(event, exc)
        finally:
            self.in_flight -= 1
            self._depth.dec()
            if self.in_flight == 0:
                self._idle.set()
        if self.state_down:
            self.state_down = False
            DEGRADED.labels("state").set(0)
            log.warning("%s: state store reachable again", self.creator_id)
        return replies

    def _state_down(self, event: ChatEvent, exc: BaseException) -> list[Reply]:
        DEPENDENCY_ERRORS.labels("state").inc()
        DEGRADED.labels("state").set(1)
        cause = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
        if not self.state_down:
            self.state_down = True
            log.error(
                "%s: state store unreachable (%s); staying silent to fans and refusing "
                "commands until it returns",
                self.creator_id,
                cause[:300],
            )
        else:
            log.warning(
                "%s: state store still unreachable (event %s)", self.creator_id, event.event_id
            )
        if event.kind in (EventKind.COMMAND, EventKind.BUTTON):
            return [
                Reply(
                    target=event.target(),
                    text=STATE_DOWN_TEXT,
                    kind=ReplyKind.COMMAND_RESULT,
                    ephemeral=True,
                )
            ]
        return []

    async def drained(self, grace_seconds: float) -> bool:
        """Wait until no event is in flight (or `grace_seconds`); True if drained."""
        try:
            async with asyncio.timeout(grace_seconds):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True
