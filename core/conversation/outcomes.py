"""Every fan message ends in exactly one outcome: logged at INFO, counted, and kept per day."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import datetime
from enum import StrEnum

from core.ops.metrics import MESSAGES
from core.ports import Clock, StateStore
from core.types import ChatEvent

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    """What became of one inbound message (README, "Every message accounted for")."""

    ANSWERED = "answered"  # the reply to this message went out
    COALESCED = "coalesced"  # joined a turn answered through a later message (`into`)
    DEFERRED = "deferred"  # answered late: held by a cooldown or a per-minute cap first
    NOTICE_SENT = "notice_sent"  # told to wait (over a cap, or the queue was full)
    IGNORED_BY_RULE = "ignored_by_rule"  # a rule keeps the clone silent: `why` names it
    DROPPED = "dropped"  # never answered, for the named reason in `why`
    # Live mode (core.conversation.live): answered with its group in a round (`into`), or
    # collected and still unanswered when the session ended (listed in the summary).
    ANSWERED_IN_ROUND = "answered_in_round"
    COLLECTED = "collected"


# Why a policy stayed silent (Turn.notes) -> the rule an operator reads in logs and stats.
_RULES = {
    "killed": "killed",
    "off": "switched_off",
    "handoff": "handoff",
    "not-addressed": "not_addressed",
    "bot-not-addressed": "other_bot",
    "bot-loop-cap": "other_bot",
    "non-text-repeat": "non_text_repeat",
}


def rule_of(notes: list[str]) -> str:
    """The rule behind a silent turn, from the notes the policies left ("other" if none)."""
    for note in reversed(notes):
        if note.startswith("muted:"):
            return "muted"
        if note in _RULES:
            return _RULES[note]
    return notes[-1].replace("-", "_") if notes else "other"


class OutcomeLedger:
    """Counts outcomes for one creator: the /metrics counter at once, the state store's daily
    totals in batches (one write every `flush_seconds`, and at close), so the hot path never
    waits on a database for bookkeeping."""

    def __init__(
        self, creator_id: str, state: StateStore, clock: Clock, *, flush_seconds: float = 2.0
    ) -> None:
        self.creator_id = creator_id
        self.state = state
        self.clock = clock
        self.flush_seconds = flush_seconds
        self._pending: Counter[tuple[str, str]] = Counter()
        self._flusher: asyncio.Task[None] | None = None

    def record(
        self,
        event: ChatEvent,
        outcome: Outcome,
        why: str = "",
        *,
        into: str = "",
        waited: float | None = None,
    ) -> None:
        """Account for one message (callers make sure it is once per message)."""
        MESSAGES.labels(self.creator_id, outcome.value, why).inc()
        detail = f" rule={why}" if outcome is Outcome.IGNORED_BY_RULE else ""
        if outcome is not Outcome.IGNORED_BY_RULE and why:
            detail = f" reason={why}"
        if into:
            detail += f" into={into}"
        if waited is not None:  # time in the turn queue, before the turn ran (not the LLM)
            detail += f" waited={waited:.2f}s"
        # Some platforms give a message no delivery id of its own (Discord): its message id.
        which = event.event_id or event.message_id
        log.info("message %s from %s: outcome=%s%s", which, event.fan_id, outcome.value, detail)
        day = _day(self.clock.now())
        self._pending[(day, outcome.value)] += 1
        if self._flusher is None or self._flusher.done():
            with contextlib.suppress(RuntimeError):  # no running loop: close() writes them
                self._flusher = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(self.flush_seconds)
        try:
            await self.flush()
        except Exception:
            log.warning("outcome counts not written yet; retrying later", exc_info=True)

    async def flush(self) -> None:
        """Write the counts gathered so far; on failure they stay for the next try."""
        pending, self._pending = self._pending, Counter()
        by_day: dict[str, dict[str, int]] = {}
        for (day, outcome), n in pending.items():
            by_day.setdefault(day, {})[outcome] = n
        try:
            for day, counts in by_day.items():
                await self.state.add_outcomes(self.creator_id, day, counts)
                for outcome in counts:
                    del pending[(day, outcome)]
        finally:
            self._pending.update(pending)

    async def close(self) -> None:
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
        try:
            await self.flush()
        except Exception:
            log.error("outcome counts lost at close: %s", dict(self._pending), exc_info=True)


def _day(now: datetime) -> str:
    return now.date().isoformat()
