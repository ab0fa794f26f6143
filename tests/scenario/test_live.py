"""Live mode through the in-memory stack: a crowd's burst is grouped, the top questions are
answered one per round, nobody is pinged twice, every message has an outcome, a fan in crisis
in the live channel is handed off at once while the Q&A goes on."""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.conversation.live_commands import PIN_BUTTON
from core.persona.bot import PlatformConfig
from core.types import Capabilities, EventKind, Reply, Role
from tests.fixtures.live_questions import QUESTIONS
from tests.scenario.harness import Chat, make_chat
from tests.scenario.live_kit import CRISIS, burst, poll, underlying, use_minilm

pytestmark = pytest.mark.asyncio

MOD = frozenset({Role.MODERATOR})
CREATOR = frozenset({Role.CREATOR})
KEY = "test:guild1:general:"  # the live conversation: the channel, no thread
# A platform with reactions and buttons, pacing 50 posts a second (rounds are not held up).
RICH = Capabilities(reactions=True, buttons=True, channel_posts=(50, 1.0))


async def live_chat(**policies: Any) -> Chat:
    chat = await make_chat(FakeListChatModel(responses=["Here is my answer [1]."] * 50))
    bot = chat.services.bot
    update = {"live_round_seconds": 0.4, **policies}
    mods = PlatformConfig(moderator_channel="mods")
    bot = bot.model_copy(
        update={
            "policies": bot.policies.model_copy(update=update),
            "platforms": {**bot.platforms, "test": mods},
        }
    )
    clone = chat.services.clone
    chat.services.bot = clone.bot = clone.control.bot = clone.brain.bot = bot
    use_minilm(clone)
    return chat


def round_answers(chat: Chat) -> list[Reply]:
    return [r for r in chat.sender.sent if "(Asked by" in r.text]


def set_round(chat: Chat, seconds: float) -> None:
    session = chat.clone.live.session(KEY)
    p = session.bot.policies.model_copy(update={"live_round_seconds": seconds})
    session.bot = session.bot.model_copy(update={"policies": p})


async def test_a_burst_of_500_is_grouped_and_the_top_questions_answered_first(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="core.conversation.outcomes")
    chat = await live_chat(live_round_seconds=600)
    [started] = await chat.say("/clone live on 10", user="mod", roles=MOD)
    assert "Live mode is on" in started.text
    live = chat.clone.live
    session = live.session(KEY)
    handoff_took = None
    for n, (fan, _, text) in enumerate(burst()):
        assert await chat.say(text, user=fan, message_id=f"q{n}") == []
        if n == 250:  # a fan in crisis mid-burst, in the live channel itself
            began = time.monotonic()
            replies = await chat.say(CRISIS, user="fan-x", message_id="crisis")
            handoff_took = time.monotonic() - began
            assert replies and "(Asked by" not in replies[0].text
            assert replies[0].target.reply_to_message_id == "crisis"
    assert handoff_took is not None and handoff_took < 2.0
    state = chat.clone.state
    [held] = await state.open_handoffs("example")
    # Only that fan's part of the channel went to a human: the Q&A goes on for the rest.
    assert held.conversation_id == "test:guild1:general:@fan-x"
    assert live.session(KEY) is session
    collected = session.collected
    assert await chat.say(QUESTIONS[0][0], user="fan-x") == []  # a human has them now:
    assert session.collected == collected  # not collected either

    set_round(chat, 0.4)  # the whole burst is in; now a round every 0.4 s
    await poll(lambda: len(round_answers(chat)) >= 5)
    firsts = [underlying(g) for g in session.answered[:5]]
    assert sorted(firsts) == [0, 1, 2, 3, 4], firsts
    # Answers go to the channel, not as a reply to one fan; the first one discloses.
    answers = round_answers(chat)
    assert all(a.target.reply_to_message_id is None for a in answers)
    assert "AI" in answers[0].text.split("\n\n")[0]
    assert all("AI clone" not in a.text.split("\n\n")[0] for a in answers[1:])

    [ended] = await chat.say("/clone live off", user="mod", roles=MOD)
    assert "off" in ended.text
    summary = [r for r in chat.sender.sent if r.text.startswith("Live Q&A is over")]
    assert len(summary) == 1 and "Top unanswered" in summary[0].text
    assert summary[0].ai_label
    # The creator's full list went to the moderators' channel: every group, with its state.
    mods = [r for r in chat.sender.sent if r.target.channel_id == "mods"]
    assert any("Handoff (escalation" in r.text for r in mods)  # the crisis, told at once
    [full] = [r for r in mods if r.text.startswith("Live Q&A in")]
    assert "[answered]" in full.text and "[unanswered]" in full.text
    assert full.text.count("\n#") == len(session.groups)

    pinged = [r.allowed_mention.id for r in answers if r.allowed_mention]
    assert len(pinged) == len(set(pinged)), "a fan was pinged twice"
    assert all("@" not in r.text.split("(Asked by")[1] for r in answers)

    # Every one of the 500 has exactly one outcome line.
    lines = [r.getMessage() for r in caplog.records if "outcome=" in r.getMessage()]
    fan_lines = [line for line in lines if re.search(r" from test:guild1:fan\d+:", line)]
    per_message = Counter(line.split()[1] for line in fan_lines)
    assert len(per_message) == 500 and set(per_message.values()) == {1}, "one outcome each"
    kinds = Counter(line.split("outcome=")[1].split()[0] for line in fan_lines)
    assert set(kinds) <= {"answered_in_round", "collected", "ignored_by_rule"}, kinds


async def test_moderators_pin_and_drop_and_fans_cannot() -> None:
    chat = await live_chat(live_round_seconds=30)
    assert "only for" in (await chat.say("/clone live on 5", user="fan1"))[0].text
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for n, fan in enumerate(["a", "b", "c"]):
        await chat.say(QUESTIONS[0][n], user=fan, message_id=f"x{n}")
    await chat.say(QUESTIONS[6][0], user="d", message_id="y0")
    board = (await chat.say("/clone live list", user="mod", roles=MOD))[0].text
    assert "#1 (3 asking)" in board and "#2 (1 asking)" in board
    assert "pinned" in (await chat.say("/clone live pin 2", user="mod", roles=MOD))[0].text
    assert "dropped" in (await chat.say("/clone live drop 1", user="mod", roles=MOD))[0].text
    board = (await chat.say("/clone live list", user="mod", roles=MOD))[0].text
    assert "#1" not in board and "#2 (1 asking) pinned" in board
    await chat.say("/clone live off", user="mod", roles=MOD)
    [summary] = [r for r in chat.sender.sent if r.text.startswith("Live Q&A is over")]
    assert "cookbook" in summary.text


async def test_the_board_has_pin_and_drop_buttons_where_the_platform_has_buttons() -> None:
    chat = await live_chat(live_round_seconds=30)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for n, fan in enumerate(["a", "b", "c"]):
        await chat.say(QUESTIONS[0][n], user=fan, capabilities=RICH)
    await chat.say(QUESTIONS[6][0], user="d", capabilities=RICH)
    plain = (await chat.say("/clone live list", user="mod", roles=MOD))[0]
    assert plain.buttons == ()  # this platform has no buttons
    [board] = await chat.say("/clone live list", user="mod", roles=MOD, capabilities=RICH)
    pin2 = next(b for b in board.buttons if b.action == PIN_BUTTON and b.value.endswith("#2"))
    assert pin2.label == "Pin #2"

    def click(user: str, roles: frozenset[Role]) -> Any:
        return chat.say(
            pin2.value, user=user, roles=roles, kind=EventKind.BUTTON, action=pin2.action
        )

    assert "only moderators" in (await click("d", frozenset()))[0].text
    assert not chat.clone.live.session(KEY).groups[1].pinned
    assert "pinned" in (await click("mod", MOD))[0].text
    assert chat.clone.live.session(KEY).waiting()[0].number == 2
    audit = await chat.clone.state.audit_log("example")
    pins = sorted((a.actor, a.result) for a in audit if a.action == "clone live pin")
    assert pins == [("test:d", "refused"), ("test:mod", "ok")]


async def test_upvotes_count_in_the_rank_and_askers_get_a_reaction_not_a_message() -> None:
    chat = await live_chat(live_round_seconds=30)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for n, fan in enumerate(["a", "b"]):
        await chat.say(QUESTIONS[0][n], user=fan, message_id=f"x{n}", capabilities=RICH)
    await chat.say(QUESTIONS[6][0], user="c", message_id="y0", capabilities=RICH)
    # Three fans upvote the smaller question (one twice: it counts once); a bot's does not.
    for voter in ["v1", "v2", "v3", "v3"]:
        await chat.say(
            "👍", user=voter, kind=EventKind.REACTION, action="👍", target_message_id="y0"
        )
    await chat.say("👍", user="b0t", is_bot=True, kind=EventKind.REACTION, target_message_id="x0")
    session = chat.clone.live.session(KEY)
    assert [g.number for g in session.waiting()] == [2, 1]
    assert (
        "#2 (1 asking, +3)" in (await chat.say("/clone live list", user="mod", roles=MOD))[0].text
    )

    sent_before = len(chat.sender.sent)
    set_round(chat, 0.1)
    await poll(lambda: len(round_answers(chat)) >= 2)
    await poll(lambda: len([r for r in chat.sender.sent if r.reaction]) >= 3)
    new = chat.sender.sent[sent_before:]
    reactions = [r for r in new if r.reaction]
    assert sorted(r.target.reply_to_message_id for r in reactions) == ["x0", "x1", "y0"]
    assert all(r.reaction == "👍" for r in reactions)
    assert len([r for r in new if not r.reaction]) == 2, "one post per round, no pointers"


async def test_without_reactions_askers_get_a_threaded_pointer_where_threads_hang_off_messages():
    chat = await live_chat(live_round_seconds=0.1)
    threads = Capabilities(thread_on_message=True, channel_posts=(50, 1.0))
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for n, fan in enumerate(["a", "b"]):
        await chat.say(QUESTIONS[0][n], user=fan, message_id=f"x{n}", capabilities=threads)
    await poll(lambda: len([r for r in chat.sender.sent if r.target.open_thread_on]) >= 2)
    pointers = [r for r in chat.sender.sent if r.target.open_thread_on]
    assert sorted(p.target.open_thread_on for p in pointers) == ["x0", "x1"]
    assert all(p.text.startswith("Answered in the channel") and p.ai_label for p in pointers)


async def test_rounds_never_outpace_the_platform() -> None:
    # bot.toml asks for a round every 0.05 s; this platform sustains one post a second in a
    # channel, so rounds (one post each) come at most every 2 s: half the rate, at most.
    chat = await live_chat(live_round_seconds=0.05)
    slow = Capabilities(channel_posts=(1, 1.0))
    stamps: list[float] = []
    send = chat.sender.send

    async def stamped(reply: Reply) -> Any:
        stamps.append(time.monotonic())
        return await send(reply)

    chat.sender.send = stamped  # type: ignore[method-assign]
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for q in range(3):
        await chat.say(QUESTIONS[q][0], user=f"f{q}", capabilities=slow)
    await poll(lambda: len(round_answers(chat)) >= 3, deadline=20)
    answer_times = [
        t for t, r in zip(stamps, chat.sender.sent, strict=True) if "(Asked by" in r.text
    ]
    gaps = [b - a for a, b in zip(answer_times, answer_times[1:], strict=False)]
    assert min(gaps) >= 1.9, gaps


async def test_the_kill_switch_and_a_mute_stop_live_mode_at_once_without_a_post() -> None:
    chat = await live_chat(live_round_seconds=30)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    await chat.say(QUESTIONS[0][0], user="a")
    await chat.say("/clone kill", user="creator", roles=CREATOR)
    assert chat.clone.live.session(KEY) is None, "stopped when the command returned"
    assert await chat.say(QUESTIONS[0][1], user="b") == []
    await asyncio.sleep(0.5)
    assert round_answers(chat) == []
    assert not [r for r in chat.sender.sent if r.text.startswith("Live Q&A")]

    await chat.say("/clone revive", user="creator", roles=CREATOR)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    await chat.say(QUESTIONS[1][0], user="c")
    await chat.say("/clone mute 1h here", user="mod", roles=MOD)
    assert chat.clone.live.session(KEY) is None
    assert not [r for r in chat.sender.sent if r.text.startswith("Live Q&A")]


async def test_a_kill_from_elsewhere_stops_the_session_within_a_check() -> None:
    chat = await live_chat(live_round_seconds=30)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    await chat.clone.state.set_switch("example", "kill", "on")  # another replica, the CLI
    await poll(lambda: chat.clone.live.session(KEY) is None, deadline=5)
    assert not [r for r in chat.sender.sent if r.text.startswith("Live Q&A")]


async def test_an_embedder_nobody_measured_groups_only_identical_questions() -> None:
    chat = await live_chat(live_round_seconds=30)
    chat.clone.live.model_name = "some-new-embedder"
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    for fan, text in [("a", QUESTIONS[0][0]), ("b", QUESTIONS[0][0]), ("c", QUESTIONS[0][1])]:
        await chat.say(text, user=fan)
    session = chat.clone.live.session(KEY)
    assert [len(g.members) for g in session.groups] == [2, 1]


async def test_a_live_schedule_starts_live_mode_once_and_says_so_in_the_channel() -> None:
    from datetime import UTC, datetime

    from core.control.schedule_commands import parse_add
    from core.persona.schedule_spec import ScheduleError, validate
    from core.records import OutboxStatus
    from core.types import Target
    from tests.scenario.schedule_kit import clone_with, schedule

    stream = schedule(id="stream", prompt="", live_minutes=45, review_to=None)
    validate(stream)
    with pytest.raises(ScheduleError, match="live_minutes"):
        validate(schedule(prompt=" "))
    by_command = parse_add(("stream", "every=1h", "live=45m"), Target("test", "guild1", "general"))
    assert by_command.live_minutes == 45 and by_command.targets == ["test:guild1:general"]
    chat, scheduler, _ = await clone_with(stream)  # bootstrap wires it to the Clone's live mode
    fire = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    # Two replicas fire the same occurrence: one claim, one session, one announcement.
    runs = await asyncio.gather(*(scheduler.publisher.run_occurrence(stream, fire) for _ in "ab"))
    [entry] = [e for found in runs for e in found]
    assert entry.status is OutboxStatus.SENT and "live mode started" in entry.detail
    session = chat.clone.live.session(KEY)
    assert session is not None and session.until - session.bot.policies.live_round_seconds > 0
    [said] = [r for r in chat.sender.sent if r.text.startswith("Live Q&A is on")]
    assert "45 minutes" in said.text and said.ai_label
    await chat.say(QUESTIONS[0][0], user="a")
    assert session.collected == 1
    await chat.say("/clone live off", user="mod", roles=MOD)

    # Killed: the next stream does not start.
    await chat.clone.state.set_switch("example", "kill", "on")
    [skipped] = await scheduler.publisher.run_occurrence(stream, fire.replace(day=24))
    assert skipped.status is OutboxStatus.SKIPPED and chat.clone.live.session(KEY) is None


async def test_a_model_that_invents_and_claims_to_be_human_gets_neither_into_a_round() -> None:
    # One post speaks to a whole channel: the brain's checks hold in live mode as anywhere.
    from tests.fakes.llms import INVENTION_TELLS, InventingLLM
    from tests.probes import judge

    llm = InventingLLM()
    chat = await make_chat(llm)
    bot = chat.services.bot
    p = bot.policies.model_copy(update={"live_round_seconds": 0.1})
    chat.clone.bot = chat.clone.control.bot = chat.clone.brain.bot = bot.model_copy(
        update={"policies": p}
    )
    use_minilm(chat.clone)
    await chat.say("/clone live on 5", user="mod", roles=MOD)
    asks = [QUESTIONS[0][0], QUESTIONS[6][0], "are you a real person or a bot?"]
    for q, text in enumerate(asks):
        for fan in "ab":
            await chat.say(text, user=f"{fan}{q}")
    await poll(lambda: len(chat.clone.live.sessions[KEY].answered) >= 3, deadline=30)
    posts = [r.text for r in round_answers(chat)]
    assert llm.turn >= 2, "the model really answered rounds"
    assert not [t for t in INVENTION_TELLS for text in posts if t.lower() in text.lower()]
    assert not [text for text in posts if judge.human_claim(text)]


async def test_a_session_in_a_forum_topic_counts_reactions_reported_without_the_topic() -> None:
    chat = await live_chat(live_round_seconds=30)
    await chat.say("/clone live on 5", user="mod", roles=MOD, thread="topic1")
    await chat.say(QUESTIONS[0][0], user="a", thread="topic1", message_id="t1")
    await chat.say(QUESTIONS[0][0], user="z", message_id="elsewhere")  # the channel: not live
    session = chat.clone.live.session("test:guild1:general:topic1")
    assert session is not None and session.collected == 1
    # Telegram reports a reaction with the chat only, not the topic its message is in.
    await chat.say("👍", user="v", kind=EventKind.REACTION, action="👍", target_message_id="t1")
    assert session.groups[0].voters == {"test:guild1:v"}
