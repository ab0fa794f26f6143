"""Bursts through the real Telegram adapter and `clonebot run`, with the example's policies."""

from __future__ import annotations

import asyncio
import logging
import statistics
import time
from typing import Any

import pytest

from bots.run import run_clones
from core.ops.metrics import REGISTRY
from core.persona.bot import load_bot
from tests.fakes.telegram_server import FakeTelegram, private_chat, user
from tests.scenario.harness import EXAMPLE, run_settings, telegram_only_env

OUTCOMES = ("answered", "coalesced", "deferred", "notice_sent", "ignored_by_rule", "dropped")


def outcome_totals(creator: str = "example") -> dict[str, float]:
    totals = dict.fromkeys(OUTCOMES, 0.0)
    for metric in REGISTRY.collect():
        if metric.name != "clonebot_messages":
            continue
        for sample in metric.samples:
            outcome = sample.labels["outcome"]
            # Other tests in this process may have counted outcomes this one never makes
            # (a live round's): they are kept, so the totals still add up.
            if sample.name.endswith("_total") and sample.labels["creator"] == creator:
                totals[outcome] = totals.get(outcome, 0.0) + sample.value
    return totals


def reply_to(params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    return int(reply["message_id"]) if isinstance(reply, dict) else None


async def test_twenty_fans_ten_dms_each_at_once_every_message_has_an_outcome(
    tmp_path: Any, monkeypatch: Any
) -> None:
    fans, per_fan = 20, 10
    busy = load_bot(EXAMPLE).policies.busy_notice
    fake = await FakeTelegram().start()
    telegram_only_env(monkeypatch)
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones(EXAMPLE, run_settings(tmp_path, fake.base_url), stop))
    before = outcome_totals()
    try:
        await fake.wait_for("getUpdates", within=20)
        updates = [
            fake.message(private_chat(1000 + f), user(1000 + f), f"question {n} from fan {f}")
            for n in range(per_fan)
            for f in range(fans)
        ]
        pushed = time.monotonic()
        await fake.push(*updates)
        last_of = {1000 + f: updates[-fans + f]["message"]["message_id"] for f in range(fans)}
        deadline = time.monotonic() + 60
        while sum(outcome_totals().values()) - sum(before.values()) < fans * per_fan:
            assert time.monotonic() < deadline, outcome_totals()
            await asyncio.sleep(0.1)
        # Outcomes are counted as the answers are handed to the adapter: wait for the sends.
        answered_last: set[int] = set()
        while answered_last != set(last_of.values()):
            assert time.monotonic() < deadline, sorted(set(last_of.values()) - answered_last)
            answered_last = {reply_to(p) or 0 for p in fake.calls_to("sendMessage")}
            answered_last &= set(last_of.values())
            await asyncio.sleep(0.1)
        sends = list(zip(fake.calls_to("sendMessage"), fake.times_of("sendMessage"), strict=True))
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 30) == 0
        await fake.stop()
    after = outcome_totals()
    delta = {k: int(after[k] - before[k]) for k in OUTCOMES}
    assert sum(delta.values()) == fans * per_fan, delta
    assert delta["dropped"] == 0 and delta["ignored_by_rule"] == 0, delta
    answers = [(p, t) for p, t in sends if busy not in p["text"]]
    notices = [p for p, _ in sends if busy in p["text"]]
    waits = []
    for chat, last in last_of.items():
        mine = [(reply_to(p), t) for p, t in answers if int(p["chat_id"]) == chat]
        assert any(r == last for r, _ in mine), f"fan {chat}: no answer covers their last message"
        waits += [t - pushed for _, t in mine]
        assert sum(int(p["chat_id"]) == chat for p in notices) <= 1, "at most one notice a fan"
    p50, p95 = statistics.median(waits), statistics.quantiles(waits, n=20)[-1]
    print(
        f"\n20 fans x 10 DMs: {len(answers)} answers, {delta['coalesced']} coalesced, "
        f"{delta['deferred']} deferred, {len(notices)} notices; outcomes {delta}; "
        f"time to answer p50 {p50:.2f} s, p95 {p95:.2f} s"
    )


async def test_hey_then_the_question_on_telegram_gets_one_answer(
    tmp_path: Any, monkeypatch: Any
) -> None:
    fake = await FakeTelegram().start()
    telegram_only_env(monkeypatch)
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones(EXAMPLE, run_settings(tmp_path, fake.base_url), stop))
    try:
        await fake.wait_for("getUpdates", within=20)
        await fake.push(fake.message(private_chat(501), user(501), "hey"))
        await asyncio.sleep(0.8)
        [question] = await fake.push(
            fake.message(private_chat(501), user(501), "how often do you feed your starter?")
        )
        [sent] = await fake.wait_for("sendMessage", within=20)
        await asyncio.sleep(2.5)  # past the coalescing window: no second answer follows
        assert len(fake.calls_to("sendMessage")) == 1
        assert reply_to(sent) == question["message"]["message_id"]
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 30) == 0
        await fake.stop()


@pytest.mark.slow  # ~20-30 s: the notice is due after 5 s of waiting, by design
async def test_a_slack_channel_burst_of_mentions_is_answered_or_told_to_wait(
    tmp_path: Any, monkeypatch: Any, caplog: Any
) -> None:
    caplog.set_level(logging.INFO, logger="core.conversation.outcomes")
    import socket

    from tests.fakes.slack_server import (
        BOT_TOKEN,
        BOT_USER,
        SECRET,
        FakeSlack,
        event_body,
        message,
        post_signed,
    )

    fans, per_fan = 20, 10
    busy = load_bot(EXAMPLE).policies.busy_notice
    fake = await FakeSlack().start()
    folder = tmp_path / "bots" / "example"
    folder.mkdir(parents=True)
    toml = (EXAMPLE / "bot.toml").read_text(encoding="utf-8")
    (folder / "bot.toml").write_text(
        toml + '\n[platforms.slack]\nenabled = true\nmode = "http"\n', encoding="utf-8"
    )
    for item in EXAMPLE.iterdir():
        if item.name != "bot.toml":
            (folder / item.name).symlink_to(item)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    for var in ("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    settings = run_settings(
        tmp_path, "http://127.0.0.1:1/bot", http_host="127.0.0.1", slack_http_port=port
    ).model_copy(update={"slack_api_url": fake.api_url})
    stop = asyncio.Event()
    task = asyncio.create_task(run_clones(folder, settings, stop))
    url = f"http://127.0.0.1:{port}/slack/events"
    before = outcome_totals()
    try:
        deadline = time.monotonic() + 20
        while True:  # until the HTTP endpoint listens
            try:
                await post_signed(
                    url, "events_api", {"type": "url_verification", "challenge": "x"}
                )
                break
            except OSError:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.1)
        ts_of: dict[str, list[str]] = {}
        bodies = []
        for n in range(per_fan):
            for f in range(fans):
                ts = f"1700000000.{f:03d}{n:03d}"
                ts_of.setdefault(f"U{f:03d}", []).append(ts)
                mention = message(
                    f"<@{BOT_USER}> question {n}", user=f"U{f:03d}", ts=ts, kind="app_mention"
                )
                bodies.append(event_body(mention))
        statuses = await asyncio.gather(*(post_signed(url, "events_api", b) for b in bodies))
        assert {s for s, _ in statuses} == {200}

        def told_or_answered() -> set[str]:
            # Sends to one channel are paced (about one a second), so the clone's decision,
            # logged as the outcome, is what is waited for; the sends follow in order.
            done = set()
            for record in caplog.records:
                line = record.getMessage()
                if "from slack:" in line and (
                    "outcome=notice_sent" in line
                    or "outcome=answered" in line
                    or "outcome=deferred" in line
                ):
                    done.add(line.split("from slack:", 1)[1].split(":")[1])
            return done

        deadline = time.monotonic() + 30
        while told_or_answered() != set(ts_of):
            assert time.monotonic() < deadline, sorted(set(ts_of) - told_or_answered())
            await asyncio.sleep(0.2)
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 30) == 0
        await fake.stop()
    after = outcome_totals(creator="example")
    delta = {k: int(after[k] - before[k]) for k in OUTCOMES}
    assert sum(delta.values()) == fans * per_fan, delta
    # Per fan: what is still waiting when the clone stops is dropped ("shutdown"), and only
    # fans who were told to wait have any.
    per_fan_outcomes: dict[str, list[str]] = {}
    for record in caplog.records:
        line = record.getMessage()
        if "from slack:" in line and "outcome=" in line:
            fan = line.split("from slack:", 1)[1].split(":")[1]
            per_fan_outcomes.setdefault(fan, []).append(line.split("outcome=", 1)[1])
    assert sum(map(len, per_fan_outcomes.values())) == fans * per_fan
    for fan, outcomes in per_fan_outcomes.items():
        assert not any(o.startswith("ignored") for o in outcomes), (fan, outcomes)
        if any(o.startswith("dropped") for o in outcomes):
            assert any(o.startswith("notice_sent") for o in outcomes), (fan, outcomes)
            assert all(
                o in ("dropped reason=shutdown",) or not o.startswith("dropped") for o in outcomes
            )
    notices_to = [p["thread_ts"] for p in fake.sent("chat.postMessage") if busy in str(p["text"])]
    for stamps in ts_of.values():
        assert sum(t in stamps for t in notices_to) <= 1, "one notice per fan per minute"
    print(f"\nSlack channel, 20 fans x 10 mentions: {delta}")
