"""The Slack adapter with the real slack-bolt against a fake Slack on loopback, in both modes."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml

from adapters.common.text import split_text
from adapters.slack import SLASH_COMMANDS, SlackAdapter, SlackSettings
from adapters.slack.render import render
from core.control.commands import COMMANDS
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.redis_limits import RedisDeduper
from core.turn import MODERATING
from core.types import (
    AllowedMentions,
    Attachment,
    Button,
    ChatEvent,
    Citation,
    ContentKind,
    EventKind,
    Mention,
    Permission,
    Reply,
    ReplyKind,
    Target,
)
from tests.fakes.slack_server import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER,
    SECRET,
    TEAM,
    FakeSlack,
    block_actions_body,
    command_body,
    event_body,
    message,
    post_signed,
    signed_headers,
)
from tests.fakes.verifiers import KeepEverything

AI_LABEL = "AI clone of Ada, not Ada herself"
Handle = Callable[[ChatEvent], Awaitable[Sequence[Reply]]]


async def silent(event: ChatEvent) -> Sequence[Reply]:
    return []


async def echo(event: ChatEvent) -> Sequence[Reply]:
    return [Reply(target=event.target(), text=f"you said: {event.text}", ai_label=AI_LABEL)]


class Rig:
    """One adapter on one fake Slack, recording what core would have received."""

    def __init__(self, fake: FakeSlack, adapter: SlackAdapter, mode: str) -> None:
        self.fake, self.adapter, self.mode = fake, adapter, mode
        self.events: list[ChatEvent] = []

    async def deliver(self, kind: str, payload: dict[str, Any], retry: int = 0) -> Any:
        """Deliver as Slack would in this mode; returns the socket ack or the HTTP status."""
        if self.mode == "socket":
            return await self.fake.wait_ack(await self.fake.push(kind, payload, retry))
        url = f"http://127.0.0.1:{self.adapter.bound_port}/slack/events"
        status, _ = await post_signed(url, kind, payload, retry_num=retry or None)
        return status

    async def wait_events(self, n: int, within: float = 3.0) -> list[ChatEvent]:
        deadline = time.monotonic() + within
        while len(self.events) < n:
            assert time.monotonic() < deadline, f"only {len(self.events)} of {n} events"
            await asyncio.sleep(0.01)
        return self.events


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


@pytest.fixture
async def rig_factory(fake: FakeSlack) -> AsyncIterator[Callable[..., Awaitable[Rig]]]:
    adapters: list[SlackAdapter] = []

    async def make(
        handle: Handle = echo,
        *,
        mode: str = "socket",
        deduper: Any = None,
        pace: tuple[int, float] = (100, 1.0),
    ) -> Rig:
        settings = SlackSettings(
            bot_token=BOT_TOKEN,
            app_token=APP_TOKEN,
            signing_secret=SECRET,
            mode=mode,  # type: ignore[arg-type]
            http_host="127.0.0.1",
            http_port=0,
            base_url=fake.api_url,
            pace=pace,
        )
        adapter = SlackAdapter(
            settings, deduper=deduper or InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
        )
        rig = Rig(fake, adapter, mode)

        async def recording(event: ChatEvent) -> Sequence[Reply]:
            rig.events.append(event)
            return await handle(event)

        await adapter.start(recording)
        adapters.append(adapter)
        return rig

    yield make
    for adapter in adapters:
        await adapter.stop()


def all_text(payload: dict[str, Any]) -> str:
    return repr(payload.get("text")) + repr(payload.get("blocks"))


# ---- conversations ----------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_mention_is_answered_in_its_thread_with_citations_and_ai_label(
    rig_factory: Any, fake: FakeSlack, mode: str
) -> None:
    async def grounded(event: ChatEvent) -> Sequence[Reply]:
        cites = (
            Citation(1, "post-1", "My 2019 tour diary", url="https://ada.example/tour"),
            Citation(2, "video-7", "Q&A stream", date="2024-03-01"),
        )
        return [
            Reply(
                target=event.target(),
                text="I loved Lisbon [1].",
                citations=cites,
                ai_label=AI_LABEL,
                buttons=(Button("report", "Report this answer", "r-1"),),
            )
        ]

    rig = await rig_factory(grounded, mode=mode)
    ev = message(f"<@{BOT_USER}> favourite city?", kind="app_mention", ts="100.000001")
    ack = await rig.deliver("events_api", event_body(ev))
    assert ack == 200 or ack["envelope_id"]
    [post] = await fake.wait_for("chat.postMessage")

    [event] = rig.events
    assert (event.kind, event.text, event.mentions_bot) == (
        EventKind.MESSAGE,
        "favourite city?",
        True,
    )
    assert (event.workspace_id, event.channel_id, event.message_id) == (TEAM, "C001", "100.000001")
    assert event.author.display_name == "Fan" and event.author.permissions == frozenset()
    assert post["channel"] == "C001" and post["thread_ts"] == "100.000001"
    section, context, actions = post["blocks"]
    assert section["text"]["text"] == "I loved Lisbon [1]."
    cites, label = (e["text"] for e in context["elements"])
    assert "<https://ada.example/tour|[1] My 2019 tour diary>" in cites
    assert "[2] Q&amp;A stream (2024-03-01)" in cites
    assert label == AI_LABEL
    assert actions["elements"][0]["action_id"] == "report"
    assert fake.unknown == []


async def test_incoming_text_loses_the_bot_mention_and_slack_entities(
    rig_factory: Any,
) -> None:
    rig = await rig_factory(silent)
    text = f"hey <@{BOT_USER}|ada> fish &amp; chips &lt;3"
    await rig.deliver("events_api", event_body(message(text, ts="4.1")))
    [event] = await rig.wait_events(1)
    assert event.text == "hey fish & chips <3" and event.mentions_bot


async def test_a_message_delivered_as_app_mention_and_as_message_is_one_event(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo)
    text = f"<@{BOT_USER}> hi"
    await rig.deliver("events_api", event_body(message(text, kind="app_mention", ts="5.1")))
    await rig.deliver("events_api", event_body(message(text, ts="5.1")))
    await fake.wait_for("chat.postMessage")
    await asyncio.sleep(0.2)
    assert len(rig.events) == 1 and len(fake.sent("chat.postMessage")) == 1


async def test_thread_follow_up_reaches_core_as_reply_to_bot_and_is_answered_in_thread(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo)
    ev = message("and then?", thread_ts="100.000001", parent_user_id=BOT_USER, ts="101.5")
    await rig.deliver("events_api", event_body(ev))
    [post] = await fake.wait_for("chat.postMessage")
    [event] = rig.events
    assert event.thread_id == "100.000001" and event.reply_to_bot and not event.mentions_bot
    assert post["thread_ts"] == "100.000001"


async def test_dm_is_answered_in_the_dm_not_in_a_thread(rig_factory: Any, fake: FakeSlack) -> None:
    rig = await rig_factory(echo)
    await rig.deliver("events_api", event_body(message("hello", channel="D42", channel_type="im")))
    [post] = await fake.wait_for("chat.postMessage")
    [event] = rig.events
    assert event.is_dm and event.channel_id == "D42"
    assert post["channel"] == "D42" and "thread_ts" not in post
    assert post["text"] == "you said: hello"


async def test_web_api_calls_share_kept_connections(rig_factory: Any, fake: FakeSlack) -> None:
    rig = await rig_factory(echo)
    for i in range(6):
        await rig.deliver(
            "events_api", event_body(message(f"hi {i}", channel=f"D4{i}", channel_type="im"))
        )
        await fake.wait_for("chat.postMessage", count=i + 1)
    calls = len(fake.calls)
    assert calls >= 7, "auth.test, users.info and six posts"
    # slack_sdk without a session opens a new connection per call; the adapter keeps one.
    assert len(fake.api_peers) <= 2, fake.api_peers


async def test_every_channel_message_reaches_core_which_may_stay_silent(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(silent)
    await rig.deliver("events_api", event_body(message("just chatting", ts="7.1")))
    photo = {"files": [{"id": "F1", "mimetype": "image/png"}]}
    await rig.deliver(
        "events_api", event_body(message("", ts="7.2", subtype="file_share", **photo))
    )
    await rig.deliver("events_api", event_body(message("", ts="7.3", subtype="channel_join")))
    events = await rig.wait_events(2)
    await asyncio.sleep(0.1)
    # Each delivery is handled in its own task, so they may reach core in either order.
    by_content = {e.content: e for e in events}
    assert sorted(by_content) == sorted([ContentKind.TEXT, ContentKind.IMAGE]) and len(events) == 2
    assert not by_content[ContentKind.TEXT].mentions_bot and fake.sent("chat.postMessage") == []


async def test_edits_and_deletions_become_edit_and_delete_events(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(silent)
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "channel": "C001",
        "channel_type": "channel",
        "ts": "9.9",
        "message": {"type": "message", "user": "UFAN", "text": "fixed typo", "ts": "9.1"},
        "previous_message": {"type": "message", "user": "UFAN", "text": "fixd", "ts": "9.1"},
    }
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": "C001",
        "channel_type": "channel",
        "ts": "9.95",
        "deleted_ts": "9.1",
        "previous_message": {"type": "message", "user": "UFAN", "text": "fixed typo", "ts": "9.1"},
    }
    await rig.deliver("events_api", event_body(edited))
    await rig.deliver("events_api", event_body(deleted))
    # Each delivery is handled in its own task, so the two may reach core in either order.
    by_kind = {e.kind: e for e in await rig.wait_events(2)}
    edit, delete = by_kind[EventKind.EDIT], by_kind[EventKind.DELETE]
    assert (edit.kind, edit.message_id, edit.text, edit.author.id) == (
        EventKind.EDIT,
        "9.1",
        "fixed typo",
        "UFAN",
    )
    assert (delete.kind, delete.message_id, delete.author.id) == (EventKind.DELETE, "9.1", "UFAN")


async def test_reactions_reach_core(rig_factory: Any) -> None:
    rig = await rig_factory(silent)
    reaction = {
        "type": "reaction_added",
        "user": "UFAN",
        "reaction": "thumbsup",
        "item": {"type": "message", "channel": "C001", "ts": "3.3"},
        "event_ts": "3.4",
    }
    await rig.deliver("events_api", event_body(reaction))
    [event] = await rig.wait_events(1)
    assert (event.kind, event.action, event.target_message_id) == (
        EventKind.REACTION,
        "thumbsup",
        "3.3",
    )


async def test_admins_and_owners_are_moderators_and_users_info_is_cached(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(silent)
    for i, user in enumerate(["UADMIN", "UOWNER", "UFAN", "UADMIN", "UADMIN", "UFAN2"]):
        await rig.deliver("events_api", event_body(message("hi", user=user, ts=f"11.{i}")))
    events = await rig.wait_events(6)
    moderators = {e.author.id: bool(e.author.permissions & MODERATING) for e in events}
    assert moderators == {"UADMIN": True, "UOWNER": True, "UFAN": False, "UFAN2": False}
    assert sorted(p["user"] for p in fake.sent("users.info")) == [
        "UADMIN",
        "UFAN",
        "UFAN2",
        "UOWNER",
    ]
    # user-group membership travels as role_ids; core matches bot.toml's moderator groups
    groups = {e.author.id: e.author.role_ids for e in events}
    assert groups["UFAN2"] == {"S0MODS"} and groups["UFAN"] == frozenset()
    assert len(fake.sent("usergroups.list")) == 1


async def test_socket_mode_reconnects_when_slack_refreshes_the_connection(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo)
    await fake.refresh_socket()
    await rig.deliver("events_api", event_body(message("still there?", ts="12.1")))
    [post] = await fake.wait_for("chat.postMessage")
    assert fake.connections == 2 and len(fake.sent("apps.connections.open")) == 2
    assert post["text"] == "you said: still there?"


# ---- commands ---------------------------------------------------------------------------------
def manifest() -> dict[str, Any]:
    text = (Path(__file__).parents[2] / "docs" / "slack.md").read_text()
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block, "docs/slack.md must hold the app manifest"
    return yaml.safe_load(block.group(1))


def test_manifest_declares_every_command_scope_and_event_the_adapter_uses() -> None:
    m = manifest()
    declared = {c["command"] for c in m["features"]["slash_commands"]}
    assert declared == set(SLASH_COMMANDS) == {"/" + spec.group for spec in COMMANDS}
    scopes = set(m["oauth_config"]["scopes"]["bot"])
    assert {
        "app_mentions:read",
        "chat:write",
        "commands",
        "reactions:write",
        "users:read",
    } <= scopes
    events = set(m["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.channels", "message.im", "reaction_added"} <= events
    assert m["settings"]["socket_mode_enabled"] is True


def test_manifest_names_the_bot_with_the_ai_marker_within_slack_limits() -> None:
    m = manifest()
    name, display = m["display_information"]["name"], m["features"]["bot_user"]["display_name"]
    assert name.endswith(" (AI clone)") and len(name) <= 35
    assert display.endswith(" (AI clone)") and len(display) <= 80


async def test_every_core_command_is_registered_and_translated(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(silent)
    for spec in COMMANDS:
        text = " ".join(filter(None, [spec.sub, "2h here"]))
        body = command_body("/" + spec.group, text, response_url=fake.response_url())
        ack = await rig.deliver("slash_commands", body)
        assert ack["envelope_id"]
    events = await rig.wait_events(len(COMMANDS))
    got = {(e.command.name, e.command.args) for e in events if e.command}
    assert got == {(spec.name, ("2h", "here")) for spec in COMMANDS}
    assert all(e.kind is EventKind.COMMAND for e in events)


@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_slash_command_is_acked_at_once_while_the_answer_takes_longer(
    rig_factory: Any, fake: FakeSlack, mode: str
) -> None:
    release = asyncio.Event()

    async def slow(event: ChatEvent) -> Sequence[Reply]:
        await release.wait()  # generation still running when Slack wants its ack
        return [Reply(target=event.target(private=True), text="42", ephemeral=True)]

    rig = await rig_factory(slow, mode=mode)
    body = command_body("/ask", "meaning of life?", response_url=fake.response_url())
    # Acknowledged while the handler is still held: the ack never waits for the answer.
    await rig.deliver("slash_commands", body)
    assert fake.sent("response_url") == []
    release.set()
    [answer] = await fake.wait_for("response_url")
    assert answer["response_type"] == "ephemeral" and answer["text"] == "42"
    assert answer["rid"] == body["response_url"].rsplit("/", 1)[1]


async def test_moderator_command_from_a_fan_is_refused_only_to_the_caller(
    rig_factory: Any, fake: FakeSlack
) -> None:
    # Core owns the refusal; the adapter must deliver the roles and keep the answer private.
    async def gatekeeper(event: ChatEvent) -> Sequence[Reply]:
        allowed = bool(event.author.permissions & MODERATING)
        text = "Muted here for 2h." if allowed else "Only moderators can mute the clone."
        return [Reply(event.target(private=True), text, ReplyKind.COMMAND_RESULT, ephemeral=True)]

    rig = await rig_factory(gatekeeper)
    for user in ("UFAN", "UADMIN"):
        body = command_body("/clone", "mute 2h here", user=user, response_url=fake.response_url())
        await rig.deliver("slash_commands", body)
    answers = await fake.wait_for("response_url", 2)
    assert sorted(a["text"] for a in answers) == [
        "Muted here for 2h.",
        "Only moderators can mute the clone.",
    ]
    assert fake.sent("chat.postMessage") == []


async def test_human_command_opens_handoff_and_pings_moderator_group_via_allow_list(
    rig_factory: Any, fake: FakeSlack
) -> None:
    async def handoff(event: ChatEvent) -> Sequence[Reply]:
        return [
            Reply(
                target=event.target(reply=False),
                text="A human will take it from here. <!channel> stays quiet.",
                kind=ReplyKind.NOTICE,
                mentions=AllowedMentions(role_ids=("S0MODS",)),
                mention=Mention(role="S0MODS"),
            )
        ]

    rig = await rig_factory(handoff)
    await rig.deliver("slash_commands", command_body("/human", response_url=fake.response_url()))
    [post] = await fake.wait_for("chat.postMessage")
    [event] = rig.events
    assert event.command is not None and event.command.name == "human"
    text = post["blocks"][0]["text"]["text"]
    # core names a group with Mention(role=...); Slack spells it <!subteam^id>
    assert text.startswith("<!subteam^S0MODS> A human will take it from here. &lt;!channel&gt;")
    assert re.findall(r"<!", all_text(post)) == ["<!", "<!"]  # the allowed group, in text+block


# ---- buttons ----------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_copilot_draft_approved_by_button_round_trips(
    rig_factory: Any, fake: FakeSlack, mode: str
) -> None:
    async def copilot(event: ChatEvent) -> Sequence[Reply]:
        if event.kind is EventKind.BUTTON:
            return [Reply(event.target(reply=False), f"Approved draft {event.text}.")]
        return [
            Reply(
                target=event.target(),
                text="Draft: Thanks for asking!",
                kind=ReplyKind.DRAFT,
                buttons=(
                    Button("draft-approve", "Approve", "d-7"),
                    Button("draft-reject", "Reject", "d-7"),
                ),
            )
        ]

    rig = await rig_factory(copilot, mode=mode)
    await rig.deliver("events_api", event_body(message("question", ts="20.1")))
    [draft] = await fake.wait_for("chat.postMessage")
    button = draft["blocks"][-1]["elements"][0]
    draft_ts = draft["_ts"]
    body = block_actions_body(button["action_id"], button["value"], message_ts=draft_ts)
    await rig.deliver("interactive", body)  # returns once Slack has its ack
    posts = await fake.wait_for("chat.postMessage", 2)
    click = rig.events[-1]
    assert (click.kind, click.action, click.text, click.target_message_id) == (
        EventKind.BUTTON,
        "draft-approve",
        "d-7",
        draft_ts,
    )
    assert Permission.OWNER in click.author.permissions  # UOWNER clicked
    assert posts[-1]["text"] == "Approved draft d-7."


# ---- HTTP mode security, redelivery ------------------------------------------------------------
async def test_http_mode_rejects_bad_signature_and_stale_timestamp_with_401(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo, mode="http")
    url = f"http://127.0.0.1:{rig.adapter.bound_port}/slack/events"
    body = event_body(message("hi", ts="30.1"))
    assert (await post_signed(url, "events_api", body, secret="wrong"))[0] == 401
    stale = int(time.time()) - 6 * 60
    assert (await post_signed(url, "events_api", body, timestamp=stale))[0] == 401
    await asyncio.sleep(0.1)
    assert rig.events == [] and fake.sent("chat.postMessage") == []
    assert (await post_signed(url, "events_api", body))[0] == 200
    await fake.wait_for("chat.postMessage")
    challenge = {"type": "url_verification", "challenge": "abc", "token": "legacy"}
    status, text = await post_signed(url, "events_api", challenge)
    assert status == 200 and "abc" in text


async def test_one_event_id_delivered_four_times_gives_exactly_one_reply(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo)
    body = event_body(message("hi once", ts="40.1"), event_id="EvRETRY1")
    acks = [await rig.deliver("events_api", body, retry=n) for n in range(4)]
    assert len(acks) == 4  # every redelivery is acknowledged, so Slack stops retrying
    await fake.wait_for("chat.postMessage")
    await asyncio.sleep(0.3)
    assert len(rig.events) == 1 and len(fake.sent("chat.postMessage")) == 1


@pytest.mark.scale
async def test_redelivery_across_two_http_replicas_sharing_redis_gives_one_reply(
    rig_factory: Any, fake: FakeSlack
) -> None:
    redis = pytest.importorskip("redis.asyncio")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        await client.ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-slack-{uuid.uuid4().hex}:"
    try:
        a = await rig_factory(echo, mode="http", deduper=RedisDeduper(client, prefix=prefix))
        b = await rig_factory(echo, mode="http", deduper=RedisDeduper(client, prefix=prefix))
        body = event_body(message("hi replicas", ts="41.1"), event_id=f"Ev{uuid.uuid4().hex}")
        statuses = [await (a, b)[n % 2].deliver("events_api", body, retry=n) for n in range(4)]
        assert statuses == [200, 200, 200, 200]
        await fake.wait_for("chat.postMessage")
        await asyncio.sleep(0.3)
        assert len(a.events) + len(b.events) == 1
        assert len(fake.sent("chat.postMessage")) == 1
    finally:
        keys = [k async for k in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


# ---- outbound: 429, pacing, splitting, hostile text, thinking sign, attachments -------------
async def test_429_retry_after_is_honoured_and_no_reply_is_lost(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(echo)
    fake.fail_next(1, retry_after=1, method="chat.postMessage")
    started = time.monotonic()
    await rig.deliver("events_api", event_body(message("busy?", ts="50.1")))
    [post] = await fake.wait_for("chat.postMessage", within=5)
    assert time.monotonic() - started >= 1.0
    assert [m for m, _ in fake.calls if m.startswith("chat.")] == [
        "chat.postMessage#429",
        "chat.postMessage",
    ]
    assert post["text"] == "you said: busy?"


async def test_replies_are_paced_per_channel_waiting_not_dropping(
    rig_factory: Any, fake: FakeSlack
) -> None:
    rig = await rig_factory(silent, pace=(1, 0.3))
    targets = [("C1", "a"), ("C1", "b"), ("C1", "c"), ("C2", "other channel")]
    started = time.monotonic()
    sent_at: dict[str, float] = {}

    async def post(channel: str, text: str) -> None:
        await rig.adapter.send(Reply(target=Target("slack", TEAM, channel), text=text))
        sent_at[text] = time.monotonic() - started

    await asyncio.gather(*(post(c, t) for c, t in targets))
    assert len(fake.sent("chat.postMessage")) == 4
    c1 = sorted(sent_at[t] for t in "abc")
    assert c1[1] - c1[0] >= 0.25 and c1[2] - c1[1] >= 0.25
    # The other channel does not queue behind C1's pacing (ordered, not timed: issue 19.26).
    assert sent_at["other channel"] < c1[1]


def test_long_text_is_split_on_sentences_with_context_and_buttons_on_the_last_message() -> None:
    sentence = "This sentence is about forty-five characters. "
    reply = Reply(
        target=Target("slack", TEAM, "C1"),
        text=sentence * 150,
        citations=(Citation(1, "s", "Source"),),
        ai_label=AI_LABEL,
        buttons=(Button("report", "Report", "x"),),
    )
    messages = render(reply)
    assert len(messages) == 3
    for m in messages:
        section = m["blocks"][0]["text"]["text"]
        assert len(section) <= 3000 and section.endswith("characters.")
    assert [len(m["blocks"]) for m in messages] == [1, 1, 3]
    assert split_text("a" * 7000, 3000) == ["a" * 3000, "a" * 3000, "a" * 1000]


async def test_hostile_mrkdwn_and_mass_mention_bait_are_inert(
    rig_factory: Any, fake: FakeSlack
) -> None:
    bait = (
        "<!channel> <!here|here> <!everyone> @channel @here <@U999> <!subteam^S1> "
        "<https://evil.example|click for prizes> & *bold* `code`"
    )

    async def hostile(event: ChatEvent) -> Sequence[Reply]:
        return [
            # A mention the allow-list does not name is not written at all.
            Reply(target=event.target(), text=bait, mention=Mention(user="U999")),
        ]

    rig = await rig_factory(hostile)
    await rig.deliver("events_api", event_body(message("go", ts="60.1")))
    [post] = await fake.wait_for("chat.postMessage")
    rendered = all_text(post)
    assert "<!" not in rendered and "<@" not in rendered and "<http" not in rendered
    assert "&lt;!channel&gt;" in rendered and "&amp;" in rendered
    assert re.search(r"(?<!\u2060)@(channel|here)\b", post["text"].replace("&lt;!", "")) is None
    assert "*bold*" in rendered  # harmless formatting is kept


async def test_thinking_reaction_appears_while_generating_and_goes_after_the_answer(
    rig_factory: Any, fake: FakeSlack
) -> None:
    release = asyncio.Event()
    adapter_box: list[SlackAdapter] = []

    async def slow(event: ChatEvent) -> Sequence[Reply]:
        await adapter_box[0].typing(event.target())  # what core does before generating
        await adapter_box[0].typing(event.target())  # core renews it; Slack sees one reaction
        await release.wait()
        return [Reply(target=event.target(), text="done thinking")]

    rig = await rig_factory(slow)
    adapter_box.append(rig.adapter)
    await rig.deliver("events_api", event_body(message("deep question", ts="70.1")))
    # The sign shows while the answer is still held back: it never waits for generation.
    [added] = await fake.wait_for("reactions.add")
    assert fake.sent("chat.postMessage") == []
    assert (added["name"], added["timestamp"], added["channel"]) == ("eyes", "70.1", "C001")
    release.set()
    [removed] = await fake.wait_for("reactions.remove")
    order = [
        m for m, _ in fake.calls if m in ("reactions.add", "chat.postMessage", "reactions.remove")
    ]
    assert order == ["reactions.add", "chat.postMessage", "reactions.remove"]
    assert removed["timestamp"] == "70.1"


async def test_private_data_export_is_uploaded_to_the_callers_dm(
    rig_factory: Any, fake: FakeSlack
) -> None:
    async def export(event: ChatEvent) -> Sequence[Reply]:
        return [
            Reply(
                target=event.target(private=True),
                text="Here is what I remember about you.",
                ephemeral=True,
                attachment=Attachment("my-data.json", b'{"facts": []}'),
            )
        ]

    rig = await rig_factory(export)
    await rig.deliver("slash_commands", command_body("/my-data", response_url=fake.response_url()))
    [done] = await fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "DUFAN"
    assert [p["data"] for p in fake.sent("upload")] == [b'{"facts": []}']
    [note] = fake.sent("chat.postEphemeral")
    assert note["user"] == "UFAN" and note["channel"] == "C001"


async def test_a_failing_handler_is_logged_and_the_next_event_still_answered(
    rig_factory: Any, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    async def flaky(event: ChatEvent) -> Sequence[Reply]:
        if event.text == "boom":
            raise RuntimeError("generator exploded")
        return await echo(event)

    rig = await rig_factory(flaky)
    with caplog.at_level(logging.ERROR, logger="clonebot.slack"):
        await rig.deliver("events_api", event_body(message("boom", ts="80.1"), event_id="EvBOOM"))
        await rig.deliver("events_api", event_body(message("fine", ts="80.2")))
        [post] = await fake.wait_for("chat.postMessage")
    assert post["text"] == "you said: fine"
    assert any("EvBOOM" in r.getMessage() for r in caplog.records)
    assert all("generator exploded" not in all_text(p) for p in fake.sent("chat.postMessage"))


# ---- phase 2: the real core (bootstrap + Clone) behind the adapter ---------------------------
@pytest.fixture
async def core_rig(fake: FakeSlack) -> AsyncIterator[tuple[Rig, Any]]:
    """The Slack adapter in front of the real Clone, built by bootstrap with in-memory ports."""
    from tests.fakes.llms import SlowLLM
    from tests.scenario.harness import make_chat

    settings = SlackSettings(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN,
        base_url=fake.api_url,
        pace=(100, 1.0),  # pacing has its own test; here it would only slow the suite down
    )
    adapter = SlackAdapter(
        settings,
        deduper=InMemoryDeduper(),
        # Pacing runs on real time; core's limiter in the harness runs on a frozen fake clock.
        rate_limiter=InMemoryRateLimiter(),
    )
    # Slow enough that core shows its thinking sign before the answer is ready.
    # Adapter test: what core may say is pinned in tests/trust and tests/scenario.
    chat = await make_chat(
        SlowLLM(0.3, reply="Bread flour and a little rye [1]."),
        verifier=KeepEverything(),
        runners=[adapter],
    )
    from core.persona.bot import PlatformConfig

    bot = chat.services.bot
    slack_cfg = PlatformConfig(enabled=True, moderator_role_id="S0MODS", moderator_channel="CMODS")
    bot = bot.model_copy(
        update={
            "roles": bot.roles.model_copy(update={"creators": ["slack:UOWNER"]}),
            "platforms": {**bot.platforms, "slack": slack_cfg},
        }
    )
    chat.services.clone.bot = bot
    chat.services.clone.control.bot = bot
    chat.services.clone.brain.bot = bot
    rig = Rig(fake, adapter, "socket")

    async def recording(event: ChatEvent) -> Sequence[Reply]:
        rig.events.append(event)
        return await chat.services.clone.handle(event)

    await adapter.start(recording)
    try:
        yield rig, chat
    finally:
        await adapter.stop()
        await chat.services.close()


async def _quiet(fake: FakeSlack, method: str, count: int, within: float = 0.5) -> None:
    await asyncio.sleep(within)
    assert len(fake.sent(method)) == count


async def test_core_answers_a_mention_in_its_thread_with_disclosure_and_a_thinking_sign(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, _ = core_rig
    mention = message(f"<@{BOT_USER}> what flour do you use?", kind="app_mention", ts="200.1")
    await rig.deliver("events_api", event_body(mention))
    [post] = await fake.wait_for("chat.postMessage")
    assert post["thread_ts"] == "200.1" and "rye" in post["text"]
    assert any(b["type"] == "context" for b in post["blocks"])  # AI label (and sources)
    await fake.wait_for("reactions.remove")
    order = [
        m for m, _ in fake.calls if m in ("reactions.add", "chat.postMessage", "reactions.remove")
    ]
    assert order == ["reactions.add", "chat.postMessage", "reactions.remove"]


async def test_core_refuses_a_fan_mute_and_an_admin_mute_silences_the_channel(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, chat = core_rig
    for user in ("UFAN", "UADMIN"):
        body = command_body("/clone", "mute 1h here", user=user, response_url=fake.response_url())
        await rig.deliver("slash_commands", body)
    refusal, muted = await fake.wait_for("response_url", 2)
    assert "only for moderators" in refusal["text"] and "Muted" in muted["text"]
    chat.clock.advance(seconds=30)
    await rig.deliver("events_api", event_body(message(f"<@{BOT_USER}> hi?", ts="201.1")))
    await _quiet(fake, "chat.postMessage", 0)
    assert len(rig.events) == 3


async def test_core_human_hands_the_conversation_off_pings_moderators_and_goes_quiet(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, chat = core_rig
    await rig.deliver("slash_commands", command_body("/human", response_url=fake.response_url()))
    posts = await fake.wait_for("chat.postMessage", 2)
    notice = next(p for p in posts if p["channel"] == "CMODS")
    assert notice["blocks"][0]["text"]["text"].startswith("<!subteam^S0MODS>")
    [anchor] = [p for p in posts if p["channel"] == "C001"]
    assert "real person" in anchor["text"] and "thread_ts" not in anchor
    # Issue 19.4: the thread on that answer is held; the channel is not.
    chat.clock.advance(seconds=30)
    held = message("hello?", thread_ts=anchor["_ts"], parent_user_id=BOT_USER, ts="202.1")
    await rig.deliver("events_api", event_body(held))
    await _quiet(fake, "chat.postMessage", 2)
    chat.clock.advance(seconds=30)
    await rig.deliver("events_api", event_body(message(f"<@{BOT_USER}> flour?", ts="202.2")))
    await fake.wait_for("chat.postMessage", 3)


async def test_core_copilot_draft_is_approved_by_the_creator_with_a_button(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, chat = core_rig
    body = command_body("/clone", "mode copilot", user="UOWNER", response_url=fake.response_url())
    await rig.deliver("slash_commands", body)
    await fake.wait_for("response_url")
    chat.clock.advance(seconds=30)
    await rig.deliver("events_api", event_body(message(f"<@{BOT_USER}> flour?", ts="203.1")))
    [draft] = await fake.wait_for("chat.postMessage")
    assert draft["channel"] == "CMODS"
    approve = draft["blocks"][-1]["elements"][0]
    assert approve["action_id"] == "draft-approve"
    click = block_actions_body(
        approve["action_id"], approve["value"], message_ts=draft["_ts"], channel="CMODS"
    )
    await rig.deliver("interactive", click)
    posts = await fake.wait_for("chat.postMessage", 2)
    assert posts[-1]["channel"] == "C001" and posts[-1]["thread_ts"] == "203.1"
    assert "rye" in posts[-1]["text"]


async def test_core_moderator_handoff_silences_until_release(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, chat = core_rig

    async def command(text: str) -> str:
        body = command_body("/clone", text, user="UADMIN", response_url=fake.response_url())
        before = len(fake.sent("response_url"))
        await rig.deliver("slash_commands", body)
        return str((await fake.wait_for("response_url", before + 1))[-1]["text"])

    assert "human has this conversation" in await command("handoff")
    chat.clock.advance(seconds=30)
    await rig.deliver("events_api", event_body(message(f"<@{BOT_USER}> anyone?", ts="205.1")))
    await _quiet(fake, "chat.postMessage", 1)  # only the moderators' notice
    assert "Released" in await command("release")
    chat.clock.advance(seconds=30)
    await rig.deliver("events_api", event_body(message(f"<@{BOT_USER}> back?", ts="205.2")))
    posts = await fake.wait_for("chat.postMessage", 2)
    assert posts[-1]["thread_ts"] == "205.2"


async def test_core_answers_every_native_command_invocation(
    core_rig: tuple[Rig, Any], fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    rig, chat = core_rig
    args = {"clone mode": "auto", "clone budget": "1000", "ask": "flour?"}

    def answers() -> int:
        kinds = ("response_url", "chat.postMessage", "chat.postEphemeral")
        return sum(len(fake.sent(kind)) for kind in kinds)

    # /ask first: later ones (off, mute, handoff, kill) rightly leave the clone silent.
    specs = sorted(COMMANDS, key=lambda spec: spec.name != "ask")
    with caplog.at_level(logging.ERROR):
        for spec in specs:
            text = " ".join(filter(None, [spec.sub, args.get(spec.name, "")]))
            before = answers()
            body = command_body(
                "/" + spec.group, text, user="UOWNER", response_url=fake.response_url()
            )
            await rig.deliver("slash_commands", body)
            deadline = time.monotonic() + 3
            while answers() <= before:
                assert time.monotonic() < deadline, f"no answer to /{spec.name}"
                await asyncio.sleep(0.02)
            chat.clock.advance(seconds=30)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("clonebot")] == []


async def test_core_moderator_slash_handoff_of_a_channel_also_silences_its_threads(
    core_rig: tuple[Rig, Any], fake: FakeSlack
) -> None:
    rig, chat = core_rig
    body = command_body("/clone", "handoff", user="UADMIN", response_url=fake.response_url())
    await rig.deliver("slash_commands", body)
    await fake.wait_for("chat.postMessage")  # the moderators' notice
    chat.clock.advance(seconds=30)
    follow_up = message("still there?", thread_ts="199.1", parent_user_id=BOT_USER, ts="206.1")
    await rig.deliver("events_api", event_body(follow_up))
    await _quiet(fake, "chat.postMessage", 1)


def test_slack_text_with_a_lone_surrogate_is_cleaned_at_the_boundary() -> None:
    # Issue 19.13, Slack's side: pure translation, no network.
    from adapters.slack.events import to_event

    body = event_body(message("bread \ud800 please", ts="70.1"))
    event = to_event(body, bot_user_id=BOT_USER)
    assert event is not None and event.text == "bread \ufffd please"


async def test_an_html_error_page_from_users_info_does_not_drop_the_delivery(
    rig_factory: Any, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 19.11: a proxy's HTML 5xx made the error handler raise AttributeError, and every
    # delivery (slash commands included) was dropped. Now the sender is an unknown fan.
    fake.html_errors |= {"users.info", "usergroups.list"}
    rig = await rig_factory(echo)
    await rig.deliver("events_api", event_body(message("still there?", ts="80.1")))
    await rig.deliver(
        "slash_commands", command_body("/ask", "hello?", response_url=fake.response_url())
    )
    events = await rig.wait_events(2)
    assert {e.text for e in events} == {"still there?", "hello?"}
    assert all(e.author.permissions == frozenset() for e in events)
    await fake.wait_for("chat.postMessage")
    assert "AttributeError" not in caplog.text
    assert "HTTP 502" in caplog.text  # the log says what happened


async def test_http_mode_checks_the_signature_before_reading_the_body(
    rig_factory: Any, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 19.12: Bolt parsed the body first, so unsigned garbage got a 500 and a traceback.
    rig = await rig_factory(echo, mode="http")
    url = f"http://127.0.0.1:{rig.adapter.bound_port}/slack/events"
    garbage = ["{not json", "[1, 2]", "42", '"text"', "null", "{}"]
    async with aiohttp.ClientSession() as http:
        for body in garbage:
            headers = {"Content-Type": "application/json"}
            async with http.post(url, data=body, headers=headers) as resp:
                assert resp.status == 401, body  # unsigned: not even read
            async with http.post(
                url, data=body, headers={**headers, **signed_headers(body)}
            ) as resp:
                assert resp.status == 400, body  # signed, but not a Slack delivery
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert rig.events == []
    assert (await post_signed(url, "events_api", event_body(message("hi", ts="81.1"))))[0] == 200
    await fake.wait_for("chat.postMessage")


async def test_find_post_confirms_a_post_cut_off_mid_send_from_channel_history(
    rig_factory: Any, fake: FakeSlack
) -> None:
    # Issue 19.15: the outbox asks the platform whether a post whose record was cut off went
    # out; Slack answered nothing, so it always stayed "unconfirmed".
    rig = await rig_factory(silent)
    text = "New loaf day: rye & spelt <3"
    since = datetime.now(UTC)
    target = Target("slack", TEAM, "C001")
    sent = await rig.adapter.send(Reply(target, text, ai_label=AI_LABEL))
    assert sent is not None
    [post] = fake.sent("chat.postMessage")
    fake.history["C001"] = [
        {"type": "message", "user": "UFAN", "text": post["text"], "ts": "1.1"},  # a fan's copy
        {"type": "message", "user": BOT_USER, "text": post["text"], "ts": sent.message_id},
        {"type": "message", "user": BOT_USER, "text": "something else", "ts": "1.2"},
    ]
    found = await rig.adapter.find_post(target, text, since)
    assert found is not None and found.message_id == sent.message_id
    assert await rig.adapter.find_post(target, "a post never sent", since) is None
    query = fake.sent("conversations.history")[0]
    assert query["channel"] == "C001" and float(query["oldest"]) < since.timestamp()
