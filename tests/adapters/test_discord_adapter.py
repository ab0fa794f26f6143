"""The Discord adapter with the real discord.py against a fake gateway and REST API."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.discord import DiscordAdapter, DiscordSettings
from adapters.discord.render import MAX_MESSAGE
from core.control.commands import COMMANDS
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.turn import MODERATING
from core.types import (
    AllowedMentions,
    Attachment,
    Button,
    ChatEvent,
    Citation,
    Command,
    EventKind,
    Mention,
    Permission,
    Reply,
    ReplyKind,
    Role,
    Target,
)
from tests.fakes.discord_server import (
    BOT_ID,
    BOT_USER,
    MANAGE_MESSAGES,
    TOKEN,
    FakeDiscord,
    Guild,
    guild_id_for_shard,
    snowflake,
    user,
)
from tests.fakes.verifiers import KeepEverything

FAN = 111_111
MOD = 222_222
MOD_ROLE = 333_333
FAN_ROLE = 444_444

Respond = Callable[[ChatEvent], Awaitable[Sequence[Reply]] | Sequence[Reply]]


@dataclass
class Recorder:
    """A test handler: records every event and answers with `respond` (default: nothing)."""

    respond: Respond = lambda e: []
    events: list[ChatEvent] = field(default_factory=list)

    async def __call__(self, event: ChatEvent) -> Sequence[Reply]:
        self.events.append(event)
        out = self.respond(event)
        return await out if isinstance(out, Awaitable) else out

    async def wait(self, count: int = 1, within: float = 5.0) -> list[ChatEvent]:
        deadline = time.monotonic() + within
        while len(self.events) < count:
            assert time.monotonic() < deadline, f"{len(self.events)}/{count} events"
            await asyncio.sleep(0.01)
        return self.events


def guild_on(shard: int = 0, count: int = 1) -> Guild:
    return Guild(
        id=guild_id_for_shard(shard, count),
        channel_id=snowflake(),
        roles={MOD_ROLE: MANAGE_MESSAGES, FAN_ROLE: 0},
    )


@pytest.fixture
async def guild() -> Guild:
    return guild_on()


@pytest.fixture
async def fake(guild: Guild, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord(guilds=[guild]).start()
    server.point_sdk(monkeypatch)
    yield server
    await server.stop()


@pytest.fixture
async def adapters() -> AsyncIterator[list[DiscordAdapter]]:
    started: list[DiscordAdapter] = []
    yield started
    for adapter in started:
        await adapter.stop()


@pytest.fixture
def run(adapters: list[DiscordAdapter]) -> Callable[..., Awaitable[DiscordAdapter]]:
    async def start(handler: Recorder, **options: Any) -> DiscordAdapter:
        deduper = options.pop("deduper", InMemoryDeduper())
        settings = DiscordSettings(
            token=TOKEN, guild_ready_timeout=0.05, identify_delay=0.0, **options
        )
        adapter = DiscordAdapter(settings, deduper=deduper, rate_limiter=InMemoryRateLimiter())
        await adapter.start(handler)
        adapters.append(adapter)
        return adapter

    return start


def answer(text: str, **kw: Any) -> Respond:
    return lambda e: [Reply(target=e.target(), text=text, **kw)]


# -- conversations ---------------------------------------------------------------------------


async def test_mention_gets_a_referenced_answer_with_sources_and_ai_label(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    sources = (
        Citation(1, "ep12", "Episode 12: *pricing*", url="https://example.com/12"),
        Citation(2, "faq", "FAQ", date="2026-01-02"),
    )
    handler = Recorder(answer("I answer from my archive.", citations=sources, ai_label="AI clone"))
    await run(handler)

    msg = await fake.message_create(
        guild,
        FAN,
        f"<@{BOT_ID}>  what about   pricing?",
        mentions=(BOT_USER,),
        role_ids=(FAN_ROLE,),
    )
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")

    [event] = handler.events
    assert event.kind is EventKind.MESSAGE and event.mentions_bot and not event.is_dm
    assert event.text == "what about pricing?"
    assert (event.workspace_id, event.channel_id) == (str(guild.id), str(guild.channel_id))
    assert event.author.id == str(FAN) and event.author.permissions == frozenset()
    assert event.author.role_ids == {str(FAN_ROLE)}
    assert body["message_reference"]["message_id"] == int(msg["id"])
    assert body["content"] == "I answer from my archive.\n-# AI clone"
    [embed] = body["embeds"]
    assert "[1] [Episode 12: \\*pricing\\*](https://example.com/12)" in embed["description"]
    assert "[2] FAQ (2026-01-02)" in embed["description"]
    assert body["allowed_mentions"]["parse"] == []


async def test_dm_is_its_own_workspace_and_answered_in_the_dm(fake: FakeDiscord, run: Any) -> None:
    handler = Recorder(answer("hello in private"))
    await run(handler)
    dm_channel = snowflake()

    await fake.message_create(None, FAN, "hi clone", channel_id=dm_channel)
    [body] = await fake.wait_for("POST", f"/channels/{dm_channel}/messages")

    [event] = handler.events
    assert event.is_dm and event.workspace_id == "dm" and event.channel_id == str(dm_channel)
    assert event.text == "hi clone" and not event.mentions_bot
    assert body["content"] == "hello in private"


async def test_every_message_reaches_core_and_roles_come_from_permissions(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder()
    await run(handler)

    await fake.message_create(guild, FAN, "just chatting", role_ids=(FAN_ROLE,))
    await fake.message_create(guild, MOD, "moderating", role_ids=(MOD_ROLE,))
    await fake.message_create(guild, guild.owner_id, "owner here")
    fan, mod, owner = await handler.wait(3)

    assert not fan.mentions_bot  # no mention: still passed on, core decides
    assert fan.author.permissions == frozenset()
    assert Permission.MANAGE_MESSAGES in mod.author.permissions
    assert mod.author.role_ids == {str(MOD_ROLE)}
    assert owner.author.permissions == {  # the owner holds every permission
        Permission.ADMIN,
        Permission.MANAGE_COMMUNITY,
        Permission.MANAGE_MESSAGES,
    }
    assert not fake.posts(guild.channel_id)  # no reply unless core returns one


async def test_edits_and_deletes_reach_core_even_for_uncached_messages(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder()
    await run(handler)
    msg = await fake.message_create(guild, FAN, "my number is 555")
    await handler.wait(1)

    edited = {**msg, "content": "my number is secret", "edited_timestamp": msg["timestamp"]}
    await fake.dispatch("MESSAGE_UPDATE", edited)
    await fake.dispatch(
        "MESSAGE_DELETE",
        {"id": msg["id"], "channel_id": msg["channel_id"], "guild_id": str(guild.id)},
    )
    unknown = str(snowflake())
    await fake.dispatch(
        "MESSAGE_DELETE",
        {"id": unknown, "channel_id": msg["channel_id"], "guild_id": str(guild.id)},
    )
    _, edit, delete, gone = await handler.wait(4)

    assert edit.kind is EventKind.EDIT and edit.text == "my number is secret"
    assert edit.message_id == msg["id"] and edit.author.id == str(FAN)
    assert delete.kind is EventKind.DELETE and delete.author.id == str(FAN)
    assert gone.kind is EventKind.DELETE and gone.message_id == unknown
    assert gone.author.id == "unknown"


async def test_a_failing_handler_is_logged_and_the_next_event_still_answered(
    fake: FakeDiscord, guild: Guild, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def respond(e: ChatEvent) -> list[Reply]:
        if e.text == "boom":
            raise RuntimeError("LLM exploded")
        return [Reply(target=e.target(), text="fine")]

    await run(Recorder(respond))
    await fake.message_create(guild, FAN, "boom")
    await fake.message_create(guild, FAN, "next")
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    assert body["content"] == "fine"
    assert "LLM exploded" in caplog.text


# -- replies ---------------------------------------------------------------------------------


async def test_everyone_in_model_text_pings_nobody(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    # Even with a prefix, no allow-list means no ping and no prefix.
    hostile = answer("@everyone @here <@&333333> <@111111> look", mention=Mention(role="333333"))
    await run(Recorder(hostile))
    await fake.message_create(guild, FAN, "say it")
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")

    assert body["allowed_mentions"] == {
        "parse": [],
        "users": [],
        "roles": [],
        "replied_user": False,
    }
    assert body["content"].startswith("@everyone")


async def test_long_text_is_split_at_2000_on_sentence_ends(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    sentence = "This is one sentence of a long answer. "
    text = sentence * 120  # about 4,700 characters
    cite = (Citation(1, "s", "Source", url="https://example.com"),)
    await run(Recorder(answer(text, citations=cite, ai_label="AI clone")))
    msg = await fake.message_create(guild, FAN, "tell me everything")
    await asyncio.sleep(0)
    bodies = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", count=3)
    await asyncio.sleep(0.1)

    assert len(fake.posts(guild.channel_id)) == 3
    assert all(len(b["content"]) <= MAX_MESSAGE for b in bodies)
    assert all(b["content"].split("\n")[0].endswith(".") for b in bodies)
    assert bodies[0]["message_reference"]["message_id"] == int(msg["id"])
    assert "message_reference" not in bodies[1] and "message_reference" not in bodies[2]
    assert bodies[-1]["content"].endswith("-# AI clone") and bodies[-1]["embeds"]
    assert not bodies[0].get("embeds")
    joined = " ".join(b["content"].removesuffix("\n-# AI clone") for b in bodies)
    assert joined == text.strip()


async def test_a_429_is_waited_out_and_the_reply_is_not_lost(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    await run(Recorder(answer("after the wait")))
    fake.fail_next(2, retry_after=0.25)
    started = time.monotonic()
    await fake.message_create(guild, FAN, "hello")
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", count=3)
    elapsed = time.monotonic() - started
    await asyncio.sleep(0.1)

    attempts = fake.posts(guild.channel_id)
    assert len(attempts) == 3  # two 429s, then the one message
    assert all(a["content"] == "after the wait" for a in attempts)
    assert elapsed >= 0.5


async def test_a_429_streak_longer_than_discordpys_retries_still_delivers(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    await run(Recorder(answer("eventually")))
    fake.fail_next(7, retry_after=0.05)  # discord.py gives up after 5 tries of one request
    await fake.message_create(guild, FAN, "hello")
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", count=8)
    await asyncio.sleep(0.1)
    assert len(fake.posts(guild.channel_id)) == 8  # seven 429s, then the message, once
    assert fake.sent[-1]["content"] == "eventually" and len(fake.sent) == 1


async def test_typing_and_acks_do_not_wait_for_a_slow_handler(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    # Issue 19.26: no wall-clock limits. The handler holds until released, so whatever
    # arrives before the release provably did not wait for it.
    adapter: DiscordAdapter | None = None
    release = asyncio.Event()

    async def slow(e: ChatEvent) -> list[Reply]:
        assert adapter is not None
        await adapter.typing(e.target())
        await release.wait()  # a long LLM call
        return [Reply(target=e.target(private=True), text="done", ephemeral=True)]

    adapter = await run(Recorder(slow))
    await fake.interaction_create(guild, FAN, {"id": "1", "name": "about", "type": 1})
    await fake.wait_for("POST", r"/interactions/\d+/[^/]+/callback")
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/typing")
    await fake.message_create(guild, FAN, "meanwhile")  # the gateway is not blocked either
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/typing", count=2)
    assert not fake.calls_to("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")  # still busy
    release.set()
    [edit] = await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
    assert edit["content"] == "done"


# -- commands --------------------------------------------------------------------------------


def slash(name: str, value: str | None = None, option: str = "args") -> dict[str, Any]:
    """The `data` of a slash-command interaction, `/clone mute` as a subcommand."""
    group, _, sub = name.partition(" ")
    options = [{"name": option, "type": 3, "value": value}] if value is not None else []
    if sub:
        options = [{"name": sub, "type": 1, "options": options}]
    return {"id": str(snowflake()), "name": group, "type": 1, "options": options}


def option_name(spec_args: str) -> str:
    return spec_args.strip("<>") if spec_args.count("<") == 1 and "[" not in spec_args else "args"


async def test_every_command_is_registered_and_translated(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder()
    await run(handler)

    [registered] = fake.calls_to("PUT", r"/applications/\d+/commands")
    top = {c["name"]: c for c in registered}
    assert set(top) == {"clone", "ask", "about", "human", "my-data", "forget-me", "report"}
    subs = {o["name"] for o in top["clone"]["options"]}
    assert subs == {s.sub for s in COMMANDS if s.sub}
    assert [o["name"] for o in top["ask"]["options"]] == ["question"]
    assert top["ask"]["options"][0]["required"] is True

    for spec in COMMANDS:
        value = "2h here" if spec.args else None
        await fake.interaction_create(guild, FAN, slash(spec.name, value, option_name(spec.args)))
    events = await handler.wait(len(COMMANDS))
    got = sorted((e.command.name, e.command.args) for e in events if e.command)
    want = sorted((s.name, ("2h", "here") if s.args else ()) for s in COMMANDS)
    assert got == want
    assert all(e.kind is EventKind.COMMAND and e.mentions_bot for e in events)
    # No reply from core: the private "thinking..." placeholder is removed.
    await fake.wait_for("DELETE", r"/webhooks/\d+/[^/]+/messages/@original", len(COMMANDS))


async def test_slash_command_answer_is_ephemeral_when_core_says_so(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    def respond(e: ChatEvent) -> list[Reply]:
        export = Attachment("my-data.json", b"{}")
        return [
            Reply(
                target=e.target(private=True),
                text="What I remember about you: nothing.",
                kind=ReplyKind.COMMAND_RESULT,
                ephemeral=True,
                attachment=export,
            )
        ]

    handler = Recorder(respond)
    await run(handler)
    await fake.interaction_create(guild, FAN, slash("my-data"))
    [callback] = await fake.wait_for("POST", r"/interactions/\d+/[^/]+/callback")
    [edit] = await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")

    assert callback == {"type": 5, "data": {"flags": 64}}  # deferred, private, at once
    assert edit["content"] == "What I remember about you: nothing."
    assert [f["name"] for f in edit["files"]] == ["my-data.json"]
    assert edit["allowed_mentions"]["parse"] == []
    assert not fake.posts(guild.channel_id)  # nothing public


async def test_public_command_answer_goes_to_the_channel(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    await run(Recorder(answer("I am an AI clone of the creator.", ai_label="AI clone")))
    await fake.interaction_create(guild, FAN, slash("about"))
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    await fake.wait_for("DELETE", r"/webhooks/\d+/[^/]+/messages/@original")
    assert body["content"] == "I am an AI clone of the creator.\n-# AI clone"


async def test_command_roles_are_read_so_core_can_refuse(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    # A stand-in for core's rule: /clone commands need a moderator.
    def respond(e: ChatEvent) -> list[Reply]:
        allowed = bool(e.author.permissions & MODERATING)
        text = "Muted here." if allowed else "Only moderators can do that."
        return [Reply(target=e.target(private=True), text=text, ephemeral=True)]

    handler = Recorder(respond)
    await run(handler)
    await fake.interaction_create(guild, FAN, slash("clone mute", "2h"), role_ids=(FAN_ROLE,))
    await fake.interaction_create(
        guild, MOD, slash("clone mute", "2h"), permissions=MANAGE_MESSAGES, role_ids=(MOD_ROLE,)
    )
    fan, mod = await handler.wait(2)
    edits = await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", 2)

    assert fan.author.permissions == frozenset() and fan.author.role_ids == {str(FAN_ROLE)}
    assert mod.author.permissions == {Permission.MANAGE_MESSAGES}
    assert mod.author.role_ids == {str(MOD_ROLE)}
    assert fan.command == mod.command == Command("clone mute", ("2h",))
    assert sorted(e["content"] for e in edits) == ["Muted here.", "Only moderators can do that."]


async def test_human_opens_a_thread_and_pings_only_the_moderators_role(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    def respond(e: ChatEvent) -> list[Reply]:
        # As core does: the conversation moves to a thread opened on the fan's message, and
        # the moderators' role is named in the allow-list.
        thread = replace(e.target(), open_thread_on=e.message_id, reply_to_message_id=None)
        return [
            Reply(target=e.target(), text="A human will join you in the thread."),
            Reply(
                target=thread,
                text="Handoff: fan asked for a human",
                kind=ReplyKind.NOTICE,
                mentions=AllowedMentions(role_ids=(str(MOD_ROLE),)),
                mention=Mention(role=str(MOD_ROLE)),
            ),
        ]

    await run(Recorder(respond))
    msg = await fake.message_create(guild, FAN, "can I talk to a person?")
    [thread] = await fake.wait_for(
        "POST", rf"/channels/{guild.channel_id}/messages/{msg['id']}/threads"
    )
    [notice] = await fake.wait_for("POST", f"/channels/{msg['id']}/messages")
    # The thread is opened first, on purpose: no send ever fails on a channel not there yet.
    opened = next(i for i, c in enumerate(fake.calls) if c[1].endswith("/threads"))
    posted = next(i for i, c in enumerate(fake.calls) if c[1] == f"/channels/{msg['id']}/messages")
    assert opened < posted

    assert thread["name"] == "Conversation with the clone"
    assert notice["content"] == f"<@&{MOD_ROLE}> Handoff: fan asked for a human"
    assert notice["allowed_mentions"] == {
        "parse": [],
        "users": [],
        "roles": [MOD_ROLE],
        "replied_user": False,
    }
    [public] = fake.posts(guild.channel_id)
    assert public["allowed_mentions"]["parse"] == []


async def test_open_thread_helper_and_thread_messages_carry_the_parent_channel(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder()
    adapter = await run(handler)
    target = Target("discord", str(guild.id), str(guild.channel_id))
    inside = await adapter.open_thread(target, "Handoff")
    assert inside.channel_id == str(guild.channel_id) and inside.thread_id

    thread_id = int(inside.thread_id)
    await asyncio.sleep(0.05)  # the fake announces the thread on the gateway
    await fake.message_create(guild, FAN, "in the thread", channel_id=thread_id)
    [event] = await handler.wait(1)
    assert (event.channel_id, event.thread_id) == (str(guild.channel_id), str(thread_id))
    sent = await adapter.send(Reply(target=event.target(), text="thread reply"))
    assert sent is not None and sent.channel_id == str(thread_id)


async def test_copilot_draft_is_approved_by_button(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    def respond(e: ChatEvent) -> list[Reply]:
        if e.kind is EventKind.BUTTON:
            return [Reply(target=Target("discord", e.workspace_id, e.channel_id), text="Sent.")]
        return [
            Reply(
                target=e.target(),
                text="Draft d1 for Fan: hello",
                kind=ReplyKind.DRAFT,
                buttons=(
                    Button("draft-approve", "Approve", "d1"),
                    Button("draft-reject", "Reject", "d1"),
                ),
            )
        ]

    handler = Recorder(respond)
    await run(handler)
    await fake.message_create(guild, FAN, "hi")
    [draft] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    buttons = draft["components"][0]["components"]
    assert [b["custom_id"] for b in buttons] == ["clone:draft-approve:d1", "clone:draft-reject:d1"]

    posted = fake.sent[-1]
    click = {"custom_id": "clone:draft-approve:d1", "component_type": 2}
    await fake.interaction_create(
        guild, MOD, click, kind=3, message=posted, permissions=MANAGE_MESSAGES
    )
    _, button = await handler.wait(2)
    [ack] = await fake.wait_for("POST", r"/interactions/\d+/[^/]+/callback")
    bodies = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", 2)

    assert ack == {"type": 6}  # the click is acknowledged at once, without a new message
    assert button.kind is EventKind.BUTTON and button.action == "draft-approve"
    assert button.text == "d1" and button.target_message_id == posted["id"]
    assert button.author.permissions & MODERATING
    assert bodies[1]["content"] == "Sent."


async def test_private_reply_to_a_message_goes_to_the_dm(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    await run(
        Recorder(
            lambda e: [Reply(target=e.target(private=True), text="just for you", ephemeral=True)]
        )
    )
    await fake.message_create(guild, FAN, "what do you know about me?")
    [opened] = await fake.wait_for("POST", "/users/@me/channels")
    [body] = await fake.wait_for("POST", rf"/channels/{FAN + 1}/messages")
    assert opened == {"recipient_id": FAN} or opened == {"recipient_id": str(FAN)}
    assert body["content"] == "just for you"
    assert not fake.posts(guild.channel_id)


# -- gateway: shards and resume --------------------------------------------------------------


async def test_two_shards_in_one_process_route_guilds_correctly(
    monkeypatch: pytest.MonkeyPatch, run: Any, adapters: list[DiscordAdapter]
) -> None:
    g0, g1 = guild_on(0, 2), guild_on(1, 2)
    fake = await FakeDiscord(guilds=[g0, g1]).start()
    fake.point_sdk(monkeypatch)
    try:
        both = Recorder(answer("hi"))
        adapter = await run(both, shard_count=2)
        client = adapter._client
        assert client is not None
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        assert client.get_guild(g0.id).shard_id == 0  # type: ignore[union-attr]
        assert client.get_guild(g1.id).shard_id == 1  # type: ignore[union-attr]

        await fake.message_create(g0, FAN, "on shard 0")
        await fake.message_create(g1, FAN, "on shard 1")
        await fake.wait_for("POST", f"/channels/{g0.channel_id}/messages")
        await fake.wait_for("POST", f"/channels/{g1.channel_id}/messages")
        assert {e.workspace_id for e in both.events} == {str(g0.id), str(g1.id)}
    finally:
        for adapter in adapters:  # before the fake, so they close cleanly
            await adapter.stop()
        await fake.stop()


async def test_processes_with_their_own_shards_see_only_their_guilds(
    monkeypatch: pytest.MonkeyPatch, run: Any, adapters: list[DiscordAdapter]
) -> None:
    g0, g1 = guild_on(0, 2), guild_on(1, 2)
    fake = await FakeDiscord(guilds=[g0, g1]).start()
    fake.point_sdk(monkeypatch)
    try:
        first, second = Recorder(), Recorder()
        a = await run(first, shard_count=2, shard_ids=(0,))
        b = await run(second, shard_count=2, shard_ids=(1,), sync_commands=False)
        assert [g.id for g in a._client.guilds] == [g0.id]  # type: ignore[union-attr]
        assert [g.id for g in b._client.guilds] == [g1.id]  # type: ignore[union-attr]

        await fake.message_create(g0, FAN, "for process one")
        await fake.message_create(g1, FAN, "for process two")
        await first.wait(1)
        await second.wait(1)
        await asyncio.sleep(0.05)
        assert [e.text for e in first.events] == ["for process one"]
        assert [e.text for e in second.events] == ["for process two"]
        assert len(fake.calls_to("PUT", r"/applications/\d+/commands")) == 1
    finally:
        for adapter in adapters:  # before the fake, so they close cleanly
            await adapter.stop()
        await fake.stop()


async def test_gateway_drop_and_resume_replays_the_missed_message_answered_once(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder(answer("got it"))
    await run(handler)
    await fake.message_create(guild, FAN, "before the drop")
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")

    fake.hold()
    fake.resume_overlap = 1  # Discord may also replay the last one the client already had
    await fake.drop(0)
    missed = await fake.message_create(guild, FAN, "during the drop")
    fake.release()
    await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", count=2)
    await asyncio.sleep(0.2)

    assert len(fake.resumes) == 1 and len(fake.identifies) == 1  # resumed, not re-identified
    assert [e.text for e in handler.events] == ["before the drop", "during the drop"]
    bodies = fake.posts(guild.channel_id)
    assert len(bodies) == 2
    assert bodies[1]["message_reference"]["message_id"] == int(missed["id"])


async def test_stop_is_clean_and_start_fails_loudly_on_a_bad_token(
    fake: FakeDiscord, guild: Guild
) -> None:
    adapter = DiscordAdapter(
        DiscordSettings(token="wrong", identify_delay=0.0),
        deduper=InMemoryDeduper(),
        rate_limiter=InMemoryRateLimiter(),
    )
    with pytest.raises(Exception, match="401|Improper token"):
        await adapter.start(Recorder())
    assert adapter._client is None  # already cleaned up; stop() stays safe
    await adapter.stop()


async def test_start_fails_loudly_when_message_content_intent_is_off(
    fake: FakeDiscord, run: Any
) -> None:
    fake.identify_close_code = 4014  # what Discord does when a privileged intent is not enabled
    with pytest.raises(RuntimeError, match="never became ready") as failed:
        await run(Recorder(), ready_timeout=5.0)
    assert "PrivilegedIntentsRequired" in repr(failed.value.__cause__)


async def test_a_flag_reaction_reaches_core_as_a_reaction_on_our_message(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    handler = Recorder()
    await run(handler)
    ours = str(snowflake())
    member = {
        "user": user(FAN),
        "roles": [],
        "joined_at": "2026-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
    }
    reaction = {
        "user_id": str(FAN),
        "channel_id": str(guild.channel_id),
        "message_id": ours,
        "guild_id": str(guild.id),
        "emoji": {"id": None, "name": "🚩"},
        "member": member,
        "message_author_id": str(BOT_ID),
        "burst": False,
        "type": 0,
    }
    await fake.dispatch("MESSAGE_REACTION_ADD", reaction)
    [event] = await handler.wait(1)
    assert event.kind is EventKind.REACTION and event.action == "🚩"
    assert event.target_message_id == ours and event.reply_to_bot
    assert event.author.id == str(FAN)


# -- through the real core (bootstrap with in-memory ports) ----------------------------------

CREATOR = 555_555
EXAMPLE = Path(__file__).resolve().parents[2] / "bots" / "example"


async def core_handler(
    adapter: DiscordAdapter,
    answers: list[str],
    moderator_channel: str = "",
    *,
    example_policies: bool = False,
    sleep: float = 0,
) -> Any:
    """The real Clone from bots/bootstrap with in-memory ports; the adapter is its runner."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from bots.bootstrap import build
    from core.config import Settings
    from core.ingest.pipeline import run_ingest
    from core.llm.generator import LangChainGenerator
    from core.memory.embeddings import HashEmbedder
    from core.memory.stores.inmemory import InMemoryMemoryStore
    from core.persona.bot import PlatformConfig, load_bot
    from core.state.memory import InMemoryStateStore

    example = EXAMPLE
    bot = load_bot(example)
    bot = bot.model_copy(
        update={
            "roles": bot.roles.model_copy(update={"creators": [f"discord:{CREATOR}"]}),
            "policies": bot.policies
            if example_policies
            else bot.policies.model_copy(
                update={
                    "fan_cooldown_seconds": 0,
                    "channel_cooldown_seconds": 0,
                    "coalesce_seconds": 0,
                }
            ),
            "platforms": {
                **bot.platforms,
                "discord": PlatformConfig(
                    enabled=True,
                    moderator_role_id=str(MOD_ROLE),
                    moderator_channel=moderator_channel,
                ),
            },
        }
    )
    llm = FakeListChatModel(responses=answers, sleep=sleep or None)
    services = await build(
        example,
        Settings(),
        bot=bot,
        embedder=HashEmbedder(),
        store=InMemoryMemoryStore(),
        generator=LangChainGenerator(llm, name="fake", timeout_seconds=5, retries=0),
        state=InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        runners=[adapter],
        # Adapter tests: what core may say is pinned in tests/trust and tests/scenario.
        verifier=KeepEverything(),
    )
    await run_ingest(bot, example, services.memory)
    return services.clone.handle


@pytest.fixture
def run_core(run: Any) -> Callable[..., Awaitable[DiscordAdapter]]:
    async def start(
        answers: list[str], moderator_channel: str = "", sleep: float = 0
    ) -> DiscordAdapter:
        late: dict[str, Any] = {}

        async def handle(event: ChatEvent) -> Sequence[Reply]:
            return list(await late["handle"](event))

        adapter = await run(Recorder(handle))
        late["handle"] = await core_handler(adapter, answers, moderator_channel, sleep=sleep)
        return adapter

    return start


async def test_core_answers_a_mention_with_disclosure_and_sources(
    fake: FakeDiscord, guild: Guild, run_core: Any
) -> None:
    await run_core(["I edit in two passes: rough cut, then sound [1]."])
    msg = await fake.message_create(
        guild, FAN, f"<@{BOT_ID}> how do you edit your videos?", mentions=(BOT_USER,)
    )
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")

    assert body["message_reference"]["message_id"] == int(msg["id"])
    assert "AI clone" in body["content"]  # the first answer in a community discloses
    assert body["content"].endswith(
        "-# AI clone of Mara Quill · automated, not Mara Quill personally"
    )
    assert (
        body["embeds"][0]["title"] == "Sources" and "https://" in body["embeds"][0]["description"]
    )
    assert body["allowed_mentions"] == {
        "users": [],
        "roles": [],
        "parse": [],
        "replied_user": False,
    }


async def test_core_shows_the_typing_sign_while_a_slow_answer_is_written(
    fake: FakeDiscord, guild: Guild, run_core: Any
) -> None:
    # The sign is a Reply of kind TYPING that core posts through its Outbound to this runner.
    await run_core(["I buy a strong bread flour and add a little rye [1]."], sleep=0.02)
    await fake.message_create(guild, FAN, f"<@{BOT_ID}> what flour?", mentions=(BOT_USER,))
    [body] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    assert "rye" in body["content"]
    order = [
        p.rsplit("/", 1)[-1]
        for m, p, _ in fake.calls
        if m == "POST" and p.startswith(f"/channels/{guild.channel_id}/")
    ]
    assert order[0] == "typing" and order[-1] == "messages", order  # no sign after it


async def test_core_human_pings_moderators_and_the_clone_goes_quiet(
    fake: FakeDiscord, guild: Guild, run_core: Any
) -> None:
    await run_core(["An answer [1]."])
    await fake.interaction_create(guild, FAN, slash("human"))
    # Issue 19.4: the handoff holds a thread, not the channel. A slash command has no message
    # to hang it on, so the clone's public answer is posted first and the thread opens on it.
    [public] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    await fake.wait_for("DELETE", r"/webhooks/\d+/[^/]+/messages/@original")
    anchor = next(m for m in fake.sent if m["channel_id"] == str(guild.channel_id))
    assert "real person" in public["content"] and public["allowed_mentions"]["roles"] == []
    await fake.wait_for("POST", rf"/channels/{guild.channel_id}/messages/{anchor['id']}/threads")
    [notice] = await fake.wait_for("POST", f"/channels/{anchor['id']}/messages")
    assert notice["content"].startswith(f"<@&{MOD_ROLE}>")
    assert notice["allowed_mentions"]["roles"] == [MOD_ROLE]
    assert notice["allowed_mentions"]["parse"] == [] and notice["allowed_mentions"]["users"] == []
    assert len(fake.posts(guild.channel_id)) == 1  # the channel itself is not held


async def test_core_refuses_a_fan_and_obeys_a_moderator(
    fake: FakeDiscord, guild: Guild, run_core: Any
) -> None:
    await run_core(["An answer [1]."])
    await fake.interaction_create(guild, FAN, slash("clone mute", "1h"), role_ids=(FAN_ROLE,))
    [refusal] = await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
    await fake.interaction_create(
        guild, MOD, slash("clone mute", "1h"), permissions=MANAGE_MESSAGES, role_ids=(MOD_ROLE,)
    )
    _, done = await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", 2)
    assert "moderators" in refusal["content"] and "Muted" in done["content"]

    await fake.message_create(guild, FAN, f"<@{BOT_ID}> hello?", mentions=(BOT_USER,))
    await asyncio.sleep(0.3)
    assert not fake.posts(guild.channel_id)  # muted: nothing public, both answers private


async def test_core_copilot_draft_is_approved_by_the_creators_button(
    fake: FakeDiscord, guild: Guild, run_core: Any
) -> None:
    # Drafts go to the moderators' channel (here the guild's one text channel).
    await run_core(["Proof it overnight [1]."], moderator_channel=str(guild.channel_id))
    await fake.interaction_create(guild, CREATOR, slash("clone mode", "copilot"))
    await fake.wait_for("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
    msg = await fake.message_create(
        guild, FAN, f"<@{BOT_ID}> how long do I proof?", mentions=(BOT_USER,)
    )
    [draft] = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages")
    approve = draft["components"][0]["components"][0]
    assert approve["custom_id"].startswith("clone:draft-approve:")

    await fake.interaction_create(
        guild,
        CREATOR,
        {"custom_id": approve["custom_id"], "component_type": 2},
        kind=3,
        message=fake.sent[-1],
    )
    _, sent = await fake.wait_for("POST", f"/channels/{guild.channel_id}/messages", 2)
    assert "Proof it overnight" in sent["content"]
    assert sent["message_reference"]["message_id"] == int(msg["id"])


# -- display name ----------------------------------------------------------------------------


async def test_the_nickname_with_the_ai_marker_is_set_in_each_guild_once(
    fake: FakeDiscord, run: Any, guild: Guild
) -> None:
    await run(Recorder(), display_name="Mara Quill (AI clone)")
    path = rf"/guilds/{guild.id}/members/@me"
    [body] = await fake.wait_for("PATCH", path)
    assert body == {"nick": "Mara Quill (AI clone)"} and guild.nick == "Mara Quill (AI clone)"
    # A guild joined later gets it too; a guild already showing the name is left alone.
    joined = guild_on()
    fake.guilds.append(joined)
    await fake.dispatch("GUILD_CREATE", joined.payload())
    [later] = await fake.wait_for("PATCH", rf"/guilds/{joined.id}/members/@me")
    assert later == {"nick": "Mara Quill (AI clone)"}
    again = guild_on()
    again.nick = "Mara Quill (AI clone)"
    fake.guilds.append(again)
    await fake.dispatch("GUILD_CREATE", again.payload())
    await asyncio.sleep(0.2)
    assert fake.calls_to("PATCH", rf"/guilds/{again.id}/members/@me") == []
    assert len(fake.calls_to("PATCH", path)) == 1


async def test_a_guild_denying_change_nickname_is_logged_and_still_answered(
    fake: FakeDiscord, run: Any, guild: Guild, caplog: pytest.LogCaptureFixture
) -> None:
    guild.can_change_nickname = False
    rec = Recorder(answer("still here"))
    with caplog.at_level("WARNING"):
        await run(rec, display_name="Mara Quill (AI clone)")
        await fake.wait_for("PATCH", rf"/guilds/{guild.id}/members/@me")
        deadline = time.monotonic() + 2
        while not any("nickname" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline, "the refusal was not logged"
            await asyncio.sleep(0.01)
    assert guild.nick is None
    await fake.message_create(guild, FAN, f"<@{BOT_ID}> hi", mentions=(BOT_USER,))
    [post] = await fake.wait_for("POST", rf"/channels/{guild.channel_id}/messages")
    assert post["content"].startswith("still here")


async def test_no_display_name_sets_no_nickname_and_a_long_one_is_refused(
    fake: FakeDiscord, run: Any
) -> None:
    await run(Recorder())
    await asyncio.sleep(0.1)
    assert not [c for c in fake.calls if c[0] == "PATCH" and c[1].startswith("/guilds/")]
    with pytest.raises(ValueError, match="32"):
        DiscordSettings(token=TOKEN, display_name="A Very Long Creator Name Indeed (AI clone)")


@pytest.mark.slow  # ~20-30 s: the notice is due after 5 s of waiting, by design
async def test_a_channel_burst_of_mentions_is_answered_or_told_to_wait(
    fake: FakeDiscord, guild: Guild, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """20 fans x 10 mentions at once in one channel, with the example's own policies."""
    caplog.set_level(logging.INFO, logger="core.conversation.outcomes")
    late: dict[str, Any] = {}

    async def handle(event: ChatEvent) -> Sequence[Reply]:
        return list(await late["handle"](event))

    adapter = await run(Recorder(handle))
    late["handle"] = await core_handler(adapter, ["Twice a day [1]."] * 400, example_policies=True)
    fans = [FAN + 1 + f for f in range(20)]
    await asyncio.gather(
        *(
            fake.message_create(guild, fan, f"<@{BOT_ID}> question {n}", mentions=(BOT_USER,))
            for n in range(10)
            for fan in fans
        )
    )

    def outcomes() -> dict[str, list[str]]:
        seen: dict[str, list[str]] = {}
        for record in caplog.records:
            line = record.getMessage()
            if "from discord:" in line and "outcome=" in line:
                fan = line.split("from discord:", 1)[1].split(":")[1]
                seen.setdefault(fan, []).append(line.split("outcome=", 1)[1].split()[0])
        return seen

    def told_or_answered() -> set[str]:
        good = {"answered", "deferred", "notice_sent"}
        return {fan for fan, found in outcomes().items() if good & set(found)}

    deadline = time.monotonic() + 30
    while told_or_answered() != {str(f) for f in fans}:
        assert time.monotonic() < deadline, sorted({str(f) for f in fans} - told_or_answered())
        await asyncio.sleep(0.2)
    for fan, found in outcomes().items():
        assert "ignored_by_rule" not in found and "dropped" not in found, (fan, found)
    await late["handle"].__self__.close()  # what still waits ends as "shutdown"
    assert sum(map(len, outcomes().values())) == 200, "every message has an outcome"


async def test_the_api_and_gateway_urls_are_settings_not_patches(guild: Guild) -> None:
    # Issue 19.14: Discord had no base-URL setting (needed for a gateway proxy, and by tests,
    # which patched discord.py's class attributes instead).
    import discord

    server = await FakeDiscord(guilds=[guild]).start()
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    settings = DiscordSettings(
        token=TOKEN,
        guild_ready_timeout=0.05,
        identify_delay=0.0,
        shard_count=1,
        api_url=f"http://127.0.0.1:{server.port}/api/v10",
        gateway_url=str(server.gateway_url),
    )
    handler = Recorder(answer("hello from behind the proxy"))
    adapter = DiscordAdapter(
        settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
    )
    try:
        await adapter.start(handler)
        await server.message_create(guild, FAN, "hi")
        [body] = await server.wait_for("POST", f"/channels/{guild.channel_id}/messages")
        assert body["content"] == "hello from behind the proxy"
    finally:
        await adapter.stop()
        await server.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def test_moderator_commands_are_hidden_from_fans_by_default_member_permissions(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    # Issue 19.10: every fan saw `/clone kill` in the menu. Every /clone command needs a
    # moderator, so the group asks for Manage Messages; fan commands ask for nothing.
    await run(Recorder())
    [registered] = fake.calls_to("PUT", r"/applications/\d+/commands")
    perms = {c["name"]: c.get("default_member_permissions") for c in registered}
    assert str(perms["clone"]) == str(MANAGE_MESSAGES)  # discord.py sends the bits as a number
    fan_commands = {s.name for s in COMMANDS if s.role is Role.FAN}
    assert fan_commands and all(perms[name] is None for name in fan_commands)
    # DMs have no permissions to check, so moderation commands stay out of them.
    clone = next(c for c in registered if c["name"] == "clone")
    assert clone.get("dm_permission") is False or clone.get("contexts") == [0]


async def test_find_post_confirms_a_post_cut_off_mid_send_from_channel_history(
    fake: FakeDiscord, guild: Guild, run: Any
) -> None:
    # Issue 19.15: Discord could not say whether a post whose record was cut off went out.
    adapter = await run(Recorder())
    since = datetime.now(UTC)
    target = Target("discord", str(guild.id), str(guild.channel_id))
    text = "New loaf day: rye & *spelt*"
    sent = await adapter.send(Reply(target, text, ai_label="AI clone"))
    other = await adapter.send(Reply(target, "Something else entirely."))
    assert sent is not None and other is not None
    found = await adapter.find_post(target, text, since)
    assert found is not None and found.message_id == sent.message_id
    assert await adapter.find_post(target, "A post that never went out.", since) is None
    later = datetime.now(UTC) + timedelta(minutes=5)
    assert await adapter.find_post(target, text, later) is None  # older than the claim
    assert fake.calls_to("GET", rf"/channels/{guild.channel_id}/messages")
