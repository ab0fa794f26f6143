"""Overview figures: messages by outcome, reports, handoffs and tokens per day, read from state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from core.ports import StateStore
from core.records import ReplyRecord

OUTCOMES = ("answered", "deflected", "flagged", "escalated")
# Enough of the reply log for 30 days of a busy clone; the figures say when it was cut.
REPLY_WINDOW = 20_000


def outcome(record: ReplyRecord) -> str:
    """One outcome per reply, the most serious first."""
    for flag in ("escalated", "deflected", "flagged"):
        if flag in record.flags:
            return flag
    return "answered"


@dataclass(slots=True)
class Day:
    day: date
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    reports: int = 0
    handoffs: int = 0
    tokens: int = 0

    @property
    def messages(self) -> int:
        return sum(self.outcomes.values())


@dataclass(slots=True)
class Overview:
    days: list[Day]  # oldest first, the last one is today
    truncated: bool
    cost_per_mtok: float

    @property
    def today(self) -> Day:
        return self.days[-1]

    def total(self) -> Day:
        total = Day(self.today.day)
        for d in self.days:
            for k, v in d.outcomes.items():
                total.outcomes[k] += v
            total.reports += d.reports
            total.handoffs += d.handoffs
            total.tokens += d.tokens
        return total

    def cost(self, tokens: int) -> float:
        return tokens / 1_000_000 * self.cost_per_mtok


async def overview(
    state: StateStore, creator_id: str, now: datetime, *, days: int = 30, cost_per_mtok: float = 0
) -> Overview:
    """The last `days` days (today included) of replies, reports, handoffs and token use."""
    first = now.date() - timedelta(days=days - 1)
    by_day = {first + timedelta(days=i): Day(first + timedelta(days=i)) for i in range(days)}
    records = await state.replies(creator_id, limit=REPLY_WINDOW)
    for r in records:
        d = by_day.get(r.at.date())
        if d is None:
            continue
        d.outcomes[outcome(r)] += 1
        d.reports += "reported" in r.flags
    for entry in await state.audit_log(creator_id, limit=REPLY_WINDOW):
        d = by_day.get(entry.at.date())
        if d is not None and entry.action == "handoff" and entry.result == "opened":
            d.handoffs += 1
    for day, d in by_day.items():
        d.tokens = await state.usage(creator_id, day.isoformat())
    return Overview(list(by_day.values()), len(records) >= REPLY_WINDOW, cost_per_mtok)
