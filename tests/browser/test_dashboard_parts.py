"""The dashboard's pure parts: question grouping, outcome counting, charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bots.dashboard.charts import compact, stacked_bars
from bots.dashboard.questions import cluster
from bots.dashboard.stats import outcome, overview
from core.records import AuditEntry, ReplyRecord
from core.state.memory import InMemoryStateStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def record(text: str, *flags: str, days_ago: float = 0, rid: str = "") -> ReplyRecord:
    at = NOW - timedelta(days=days_ago)
    return ReplyRecord(rid or text, "c", "f", "conv", text, "answer", at, tuple(flags))


def test_near_vectors_group_and_far_ones_do_not_and_the_biggest_group_comes_first() -> None:
    records = [record("a"), record("b"), record("c", "deflected"), record("d", "deflected")]
    vectors = [[1.0, 0.0], [0.0, 1.0], [0.05, 1.0], [0.02, 1.0]]
    groups = cluster(records, vectors, threshold=0.9)
    assert [[r.fan_text for r in g.examples] for g in groups] == [["b", "c", "d"], ["a"]]
    assert groups[0].deflected == 2
    assert len(cluster(records, vectors, threshold=0.9999)) == 4


def test_each_reply_has_one_outcome_the_most_serious_first() -> None:
    assert outcome(record("x")) == "answered"
    assert outcome(record("x", "reported")) == "answered"
    assert outcome(record("x", "flagged", "deflected")) == "deflected"
    assert outcome(record("x", "deflected", "escalated")) == "escalated"


async def test_overview_counts_by_day_and_leaves_out_older_replies() -> None:
    state = InMemoryStateStore()
    for r in (
        record("today", rid="1"),
        record("today too", "deflected", "reported", rid="2"),
        record("last week", days_ago=7, rid="3"),
        record("too old", days_ago=45, rid="4"),
    ):
        await state.log_reply(r)
    await state.add_usage("c", NOW.date().isoformat(), 1500)
    await state.audit(AuditEntry("c", "test:mod", "handoff", "conv", "opened", NOW))
    figures = await overview(state, "c", NOW, cost_per_mtok=2.0)
    assert len(figures.days) == 30 and figures.today.day == NOW.date()
    today, total = figures.today, figures.total()
    assert (today.messages, today.outcomes["deflected"], today.reports) == (2, 1, 1)
    assert (today.handoffs, today.tokens) == (1, 1500)
    assert total.messages == 3  # 45 days ago is outside the window
    assert figures.cost(total.tokens) == 0.003


def test_charts_are_svg_with_a_text_summary_and_compact_axis_labels() -> None:
    svg = stacked_bars(
        "Messages", ["1 Nov", "2 Nov"], [("answered", [3, 0]), ("deflected", [1, 2])]
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "6 in total" in svg
    assert "<title>1 Nov: 3 answered</title>" in svg
    assert (compact(999), compact(24212), compact(2_500_000)) == ("999", "24.2k", "2.5M")
