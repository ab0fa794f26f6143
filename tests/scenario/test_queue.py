"""The turn queue through bootstrap: bursts coalesce, limits hold and say so, nothing is lost."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.conversation.queue import FairSlots
from core.ops.metrics import REGISTRY
from core.types import EventKind, ReplyKind
from tests.fakes.generators import CapturingGenerator
from tests.scenario.harness import Chat, make_chat

pytestmark = pytest.mark.asyncio

QUESTION = "how often do you feed your starter?"


def llm() -> FakeListChatModel:
    return FakeListChatModel(responses=["I feed it twice a day [1]."] * 200)


async def chat_with(generator: Any = None, **policies: Any) -> Chat:
    chat = await make_chat(llm(), generator=generator, coalesce=True)
    bot = chat.services.bot
    bot = bot.model_copy(update={"policies": bot.policies.model_copy(update=policies)})
    clone = chat.services.clone
    chat.services.bot = clone.bot = clone.control.bot = clone.brain.bot = bot
    return chat


def count(outcome: str, why: str = "", creator: str = "example") -> float:
    labels = {"creator": creator, "outcome": outcome, "why": why}
    return REGISTRY.get_sample_value("clonebot_messages_total", labels) or 0.0


async def test_hey_then_the_question_gets_one_answer_to_the_question() -> None:
    gen = CapturingGenerator("Twice a day, at 9 and 21 [1].")
    chat = await make_chat(None, generator=gen, coalesce=True)
    hey = asyncio.ensure_future(chat.say("hey", dm=True, message_id="m-hey"))
    await asyncio.sleep(0.6)  # within the window (1.5 s by default)
    question = asyncio.ensure_future(chat.say(QUESTION, dm=True, message_id="m-q"))
    async with asyncio.timeout(15):
        first, second = await asyncio.gather(hey, question)
    assert first == [], "the greeting joined the question's turn"
    [answer] = second
    assert answer.target.reply_to_message_id == "m-q", "the answer replies to the latest"
    assert len(gen.prompts) == 1 and QUESTION in gen.prompts[0] and "hey" in gen.prompts[0]


async def test_messages_sent_while_the_answer_is_written_join_the_next_turn() -> None:
    chat = await chat_with(coalesce_seconds=0.0, fan_cooldown_seconds=0.0)
    burst = [
        asyncio.ensure_future(chat.say(f"question {n}", dm=True, message_id=f"b{n}"))
        for n in range(8)
    ]
    async with asyncio.timeout(15):
        results = await asyncio.gather(*burst)
    answered = [n for n, replies in enumerate(results) if replies]
    assert answered[-1] == 7, "the last message is answered"
    assert 1 <= len(answered) < 8, f"some joined a turn: {answered}"


async def test_an_edit_of_a_waiting_message_is_what_the_turn_reads() -> None:
    gen = CapturingGenerator("Twice a day [1].")
    chat = await make_chat(None, generator=gen, coalesce=True)
    waiting = asyncio.ensure_future(
        chat.say("how often do you fed you startr", dm=True, message_id="t")
    )
    await asyncio.sleep(0.2)
    await chat.clone.handle(chat.event(QUESTION, dm=True, kind=EventKind.EDIT, message_id="t"))
    async with asyncio.timeout(15):
        assert await waiting
    assert QUESTION in gen.prompts[0] and "startr" not in gen.prompts[0]


async def test_a_deleted_waiting_message_is_not_answered() -> None:
    chat = await make_chat(llm(), coalesce=True)
    before = count("ignored_by_rule", "deleted")
    waiting = asyncio.ensure_future(chat.say("oops wrong chat", dm=True, message_id="gone"))
    await asyncio.sleep(0.2)
    await chat.clone.handle(chat.event("", dm=True, kind=EventKind.DELETE, message_id="gone"))
    async with asyncio.timeout(5):
        assert await waiting == []
    assert count("ignored_by_rule", "deleted") == before + 1


async def test_over_the_per_minute_cap_one_notice_then_one_late_answer() -> None:
    chat = await chat_with(coalesce_seconds=0.0, fan_cooldown_seconds=0.0, fan_per_minute=2)
    for n in range(2):
        assert await chat.say(f"q{n}", dm=True)
    held = [asyncio.ensure_future(chat.say(f"more {n}", dm=True)) for n in range(3)]
    await asyncio.sleep(0.5)
    notices = [r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE]
    assert len(notices) == 1, "one notice per window, not one per message"
    assert notices[0].ai_label and "lot of messages" in notices[0].text
    assert not any(t.done() for t in held)
    chat.clock.advance(seconds=61)
    async with asyncio.timeout(10):
        results = await asyncio.gather(*held)
    assert [bool(r) for r in results] == [False, False, True], "answered once, to the latest"
    assert len([r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE]) == 1


async def test_full_queue_sheds_oldest_chatter_and_tells_dms() -> None:
    chat = await chat_with(
        coalesce_seconds=0.0, queue_size=4, max_concurrent_turns=1, reply_in_groups="always"
    )
    shed_before = count("dropped", "queue_full_shed")
    notice_before = count("notice_sent", "queue_full")
    # One turn runs; three wait: two chatter, one DM (four in all, the most that may wait).
    slow = asyncio.Event()

    original = chat.clone.queue._run

    async def gated(turn: Any) -> Any:
        await slow.wait()
        return await original(turn)

    chat.clone.queue._run = gated
    tasks = [asyncio.ensure_future(chat.say("first", dm=True, user="a"))]
    await asyncio.sleep(0.1)
    tasks += [
        asyncio.ensure_future(chat.say(f"chatter {n}", mention=False, user=f"c{n}"))
        for n in range(2)
    ]
    tasks.append(asyncio.ensure_future(chat.say("dm", dm=True, user="b")))
    await asyncio.sleep(0.1)
    # Full: a new DM sheds the oldest chatter.
    tasks.append(asyncio.ensure_future(chat.say("dm two", dm=True, user="d")))
    await asyncio.sleep(0.1)
    assert count("dropped", "queue_full_shed") == shed_before + 1
    # Full again: the other chatter goes; then only DMs wait, and the next is told.
    tasks.append(asyncio.ensure_future(chat.say("dm three", dm=True, user="e")))
    await asyncio.sleep(0.1)
    told = await asyncio.wait_for(chat.say("dm four", dm=True, user="f"), 5)
    assert told and told[0].kind is ReplyKind.NOTICE
    assert count("notice_sent", "queue_full") == notice_before + 1
    slow.set()
    async with asyncio.timeout(15):
        results = await asyncio.gather(*tasks)
    assert results[1] == [] and results[2] == [], "chatter was shed"
    assert all(results[n] for n in (0, 3, 4, 5)), "every DM answered"


async def test_full_queue_sheds_chatter_first_mentions_for_dms_and_dms_last() -> None:
    chat = await chat_with(
        coalesce_seconds=0.0,
        queue_size=5,
        max_concurrent_turns=1,
        reply_in_groups="always",
        notice_after_seconds=600.0,
        channel_per_minute=1000,
        channel_cooldown_seconds=0.0,
    )
    queue = chat.clone.queue
    outcomes: dict[str, list[tuple[str, str]]] = {}
    record = chat.clone.ledger.record

    def recording(event: Any, outcome: Any, why: str = "", **kw: Any) -> None:
        outcomes.setdefault(event.text, []).append((outcome.value, why))
        record(event, outcome, why, **kw)

    chat.clone.ledger.record = recording  # type: ignore[method-assign]
    gate = asyncio.Event()
    run = queue._run

    async def gated(turn: Any) -> Any:
        await gate.wait()
        return await run(turn)

    queue._run = gated
    sent: dict[str, asyncio.Future[list[Any]]] = {}

    async def say(text: str, kind: str) -> None:
        """Chatter (unaddressed, in the group), a mention in the group, or a DM; each from a
        fan of its own. Returns once the message waits in the queue or has its outcome."""
        where = {"dm": {"dm": True}, "mention": {}, "chatter": {"mention": False}}[kind]
        sent[text] = asyncio.ensure_future(chat.say(text, user=f"fan-{text}", **where))
        async with asyncio.timeout(10):
            # Polled: a message is either waiting or accounted for, and nothing signals both.
            while queue.waiting + sum(map(len, outcomes.values())) < len(sent):  # noqa: ASYNC110
                await asyncio.sleep(0.01)

    await say("d0", "dm")  # runs, and holds the only slot
    for text, kind in [("c1", "chatter"), ("c2", "chatter"), ("m1", "mention"), ("d1", "dm")]:
        await say(text, kind)
    assert queue.waiting == 5 and not outcomes, "full, nothing shed yet"
    for text, kind in [
        ("c3", "chatter"),  # sheds c1: the oldest chatter
        ("m2", "mention"),  # sheds c2: chatter goes for a mention
        ("d2", "dm"),  # sheds c3
        ("d3", "dm"),  # no chatter left: sheds m1, the oldest mention, who is told
        ("m3", "mention"),  # only mentions and DMs wait: told, not queued
        ("c4", "chatter"),  # nothing below it: dropped
        ("d4", "dm"),  # sheds m2
        ("d5", "dm"),  # only DMs wait: told
    ]:
        await say(text, kind)
    gate.set()
    async with asyncio.timeout(30):
        replies = dict(zip(sent, await asyncio.gather(*sent.values()), strict=True))
    shed = ("dropped", "queue_full_shed")
    assert outcomes == {
        "d0": [("answered", "")],
        "c1": [shed],
        "c2": [shed],
        "c3": [shed],
        "m1": [("notice_sent", "queue_full_shed")],
        "d1": [("answered", "")],
        "m2": [("notice_sent", "queue_full_shed")],
        "d2": [("answered", "")],
        "d3": [("answered", "")],
        "m3": [("notice_sent", "queue_full")],
        "c4": [("dropped", "queue_full")],
        "d4": [("answered", "")],
        "d5": [("notice_sent", "queue_full")],
    }, "every message has exactly one outcome, by the shedding rule"
    for text in ("m1", "m2", "m3", "d5"):
        [notice] = replies[text]
        assert notice.kind is ReplyKind.NOTICE and "lot of messages" in notice.text, text
    answered = ["d0", "d1", "d2", "d3", "d4"]
    assert all(replies[d] and replies[d][0].kind is not ReplyKind.NOTICE for d in answered)


async def test_fair_slots_serve_addressed_first_then_fans_in_turn() -> None:
    slots = FairSlots(1)
    await slots.acquire("holder", 0)
    order: list[str] = []

    async def take(fan: str, priority: int) -> None:
        await slots.acquire(fan, priority)
        order.append(fan)
        await asyncio.sleep(0)
        slots.release()

    tasks = [asyncio.ensure_future(take("greedy", 0)) for _ in range(3)]
    tasks += [asyncio.ensure_future(take("chatter", 1))]
    tasks += [asyncio.ensure_future(take("quiet", 0))]
    await asyncio.sleep(0)
    slots.release()
    await asyncio.gather(*tasks)
    assert order == ["greedy", "quiet", "greedy", "greedy", "chatter"]


async def test_every_outcome_is_logged_with_its_event_and_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="core.conversation.outcomes")
    chat = await chat_with(coalesce_seconds=0.3, fan_per_minute=2, fan_cooldown_seconds=0.0)
    creator = {"user": "creator", "roles": frozenset()}
    bot = chat.services.bot
    roles = bot.roles.model_copy(update={"creators": ["test:creator"]})
    bot = bot.model_copy(update={"roles": roles})
    chat.services.bot = chat.clone.bot = chat.clone.control.bot = chat.clone.brain.bot = bot
    before = {
        k: count(*k)
        for k in [
            ("answered", ""),
            ("coalesced", ""),
            ("notice_sent", "held:fan-min"),
            ("deferred", "fan-min"),
            ("ignored_by_rule", "not_addressed"),
            ("ignored_by_rule", "muted"),
            ("ignored_by_rule", "killed"),
            ("ignored_by_rule", "other_bot"),
            ("dropped", "shutdown"),
        ]
    }
    # answered + coalesced
    pair = [asyncio.ensure_future(chat.say(t, dm=True)) for t in ("hi", "what flour?")]
    assert (await asyncio.gather(*pair))[1]
    # not addressed, other bot
    await chat.say("chatting among ourselves", mention=False, user="g1")
    await chat.say("hello", user="bot9", is_bot=True, mention=False)
    # notice_sent + deferred
    assert await chat.say("one more", dm=True)
    late = [asyncio.ensure_future(chat.say(t, dm=True)) for t in ("and another", "and this")]
    await asyncio.sleep(0.6)
    chat.clock.advance(seconds=61)
    assert (await asyncio.wait_for(asyncio.gather(*late), 10))[1]
    # muted
    await chat.say("/clone mute 1h here", **creator)
    await chat.say("hello?", user="g2")
    await chat.say("/clone unmute here", **creator)
    # killed
    await chat.say("/clone kill", **creator)
    await chat.say("anyone?", dm=True, user="g3")
    await chat.say("/clone revive", **creator)
    # dropped at shutdown
    pending = asyncio.ensure_future(chat.say("still there?", dm=True, user="g4"))
    await asyncio.sleep(0.05)
    await chat.clone.close()
    assert await asyncio.wait_for(pending, 5) == []
    for (outcome, why), was in before.items():
        assert count(outcome, why) >= was + 1, (outcome, why)
    lines = [r.getMessage() for r in caplog.records]
    for outcome in ("answered", "coalesced", "deferred", "notice_sent", "ignored_by_rule"):
        assert any(f"outcome={outcome}" in line for line in lines), outcome
    assert any("outcome=dropped reason=shutdown" in line for line in lines)
    assert any("rule=not_addressed" in line for line in lines)
    assert any(" into=e" in line for line in lines), "coalesced names the answer it joined"
    assert any("outcome=answered waited=" in line for line in lines), "queue wait, apart"
    # clonebot stats reads these per day from the state store
    days = await chat.services.state.outcomes(bot.id, "2000-01-01")
    today = days[chat.clock.now().date().isoformat()]
    assert today["answered"] >= 1 and today["coalesced"] >= 1 and today["dropped"] >= 1


async def test_one_typing_sign_per_chat_however_many_turns_are_written_there() -> None:
    from tests.scenario.test_conversation import SlowGenerator

    chat = await chat_with(SlowGenerator(1.0), coalesce_seconds=0.0, channel_cooldown_seconds=0.0)
    turns = [
        asyncio.ensure_future(chat.say(f"question from {u}", user=u, channel="busy"))
        for u in ("f1", "f2", "f3", "f4")
    ]
    async with asyncio.timeout(15):
        results = await asyncio.gather(*turns)
    assert all(results), "every fan answered"
    signs = [t for t in chat.sender.typing_in if t.channel_id == "busy"]
    assert len(signs) == 1, "four turns writing at once in one chat share its one sign"
