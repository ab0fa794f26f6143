"""The Telegram adapter, with the real python-telegram-bot against a fake Bot API on loopback."""

from __future__ import annotations

import asyncio
import copy
import html
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.error import InvalidToken

from adapters.common.text import split_text
from adapters.common.text import utf16_units as units
from adapters.telegram import Pacing, TelegramAdapter, TelegramSettings
from adapters.telegram.events import to_event
from core.control.commands import COMMANDS
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.turn import MODERATING
from core.types import (
    PRIVATE_UNREACHABLE,
    AllowedMentions,
    Attachment,
    Button,
    ChatEvent,
    Citation,
    Command,
    ContentKind,
    EventKind,
    Mention,
    Permission,
    Reply,
    ReplyKind,
    Role,
    Target,
)
from tests.fakes.telegram_server import (
    BOT_ID,
    BOT_USERNAME,
    TOKEN,
    FakeTelegram,
    channel_chat,
    group_chat,
    post_webhook,
    private_chat,
    user,
)
from tests.fakes.verifiers import KeepEverything

FAST = Pacing(per_chat=(100, 1.0), per_group=(100, 1.0), overall=(100, 1.0))
FAN = user(501, "Fan One")
FAN2 = user(502, "Fan Two")
CREATOR = user(900, "Ana Creator")
GROUP = group_chat(-100123, "Ana's fans")
FORUM = group_chat(-100777, "Ana's forum", forum=True)
BOT_USER = user(BOT_ID, "Clone", is_bot=True, username=BOT_USERNAME)

Handle = Callable[[ChatEvent], Awaitable[Sequence[Reply]]]


class Recorder:
    """A stand-in for core: records events and answers with whatever `respond` builds."""

    def __init__(self, respond: Callable[[ChatEvent], Sequence[Reply]] | None = None) -> None:
        self.events: list[ChatEvent] = []
        self.respond = respond or (lambda e: [Reply(target=e.target(), text=f"echo {e.text}")])

    async def __call__(self, event: ChatEvent) -> Sequence[Reply]:
        self.events.append(event)
        return self.respond(event)

    async def wait(self, n: int, within: float = 5.0) -> list[ChatEvent]:
        deadline = time.monotonic() + within
        while len(self.events) < n:
            assert time.monotonic() < deadline, f"only {len(self.events)} events: {self.events}"
            await asyncio.sleep(0.01)
        return self.events


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = await FakeTelegram().start()
    yield server
    await server.stop()


@pytest.fixture
async def run(fake: FakeTelegram) -> AsyncIterator[Callable[..., Awaitable[TelegramAdapter]]]:
    adapters: list[TelegramAdapter] = []

    async def start(handle: Handle, **kwargs: object) -> TelegramAdapter:
        options: dict = {"pacing": FAST, "poll_timeout": 1, **kwargs}
        settings = TelegramSettings(
            token=TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url, **options
        )
        adapter = TelegramAdapter(
            settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
        )
        await adapter.start(handle)
        adapters.append(adapter)
        return adapter

    yield start
    for adapter in adapters:
        await adapter.stop()


def by_text(events: Sequence[ChatEvent]) -> dict[str, ChatEvent]:
    """Events by text: each update runs in its own task, so they may finish in any order."""
    return {e.text: e for e in events}


def bot_message(chat: dict, message_id: int = 1, text: str = "earlier answer") -> dict:
    return {"message_id": message_id, "date": 1, "chat": chat, "from": BOT_USER, "text": text}


# -- conversations ---------------------------------------------------------------------------


async def test_dm_reply_is_threaded_html_escaped_with_sources_label_and_buttons(fake, run):
    def respond(e: ChatEvent) -> list[Reply]:
        return [
            Reply(
                target=e.target(),
                text="Hi <b>you</b> & co. I'm Ana's AI clone.",
                citations=(
                    Citation(1, "s1", "Post <one>", url="https://ana.example/1?a=1&b=2"),
                    Citation(2, "s2", "Old talk", date="2021-03-01"),
                    Citation(3, "s3", "Sneaky", url="javascript:alert(1)"),
                ),
                ai_label="AI clone of Ana",
                buttons=(Button("report", "Report this answer", "r1"),),
            )
        ]

    core = Recorder(respond)
    await run(core)
    [update] = await fake.push(fake.message(private_chat(501), FAN, "hello <script>"))
    [event] = await core.wait(1)
    assert (event.platform, event.workspace_id, event.channel_id) == ("telegram", "dm", "501")
    assert event.is_dm and event.kind is EventKind.MESSAGE and event.content is ContentKind.TEXT
    assert event.text == "hello <script>" and event.author.display_name == "Fan One"
    assert event.event_id == f"{BOT_ID}:{update['update_id']}"
    assert event.thread_id is None and event.author.permissions == frozenset()

    [sent] = await fake.wait_for("sendMessage")
    assert sent["chat_id"] == "501" and sent["parse_mode"] == "HTML"
    assert sent["text"].startswith("Hi &lt;b&gt;you&lt;/b&gt; &amp; co. I&#x27;m Ana&#x27;s")
    assert '<a href="https://ana.example/1?a=1&amp;b=2">[1] Post &lt;one&gt;</a>' in sent["text"]
    assert "[2] Old talk (2021-03-01)" in sent["text"]
    assert (
        "javascript:" not in sent["text"].split("[3]")[0]
        and 'href="javascript' not in (sent["text"])
    )
    assert sent["text"].endswith("<i>AI clone of Ana</i>")
    assert sent["reply_parameters"] == {
        "message_id": update["message"]["message_id"],
        "allow_sending_without_reply": True,
    }
    assert sent["reply_markup"] == {
        "inline_keyboard": [[{"text": "Report this answer", "callback_data": "report:r1"}]]
    }
    # getChatMember is for groups only: a DM has no admins.
    assert fake.calls_to("getChatMember") == []


async def test_group_messages_all_reach_core_with_addressing_flags(fake, run):
    # Core, not the adapter, decides to stay silent unless addressed; this stand-in does so.
    core = Recorder(
        lambda e: (
            [Reply(target=e.target(), text="yes?")] if e.mentions_bot or e.reply_to_bot else []
        )
    )
    await run(core)
    await fake.push(
        fake.message(GROUP, FAN, "just chatting among fans"),
        fake.message(GROUP, FAN, f"@{BOT_USERNAME.upper()} what's   your   favourite song?"),
        fake.message(GROUP, FAN, "and you?", reply_to_message=bot_message(GROUP)),
        fake.message(GROUP, FAN, "@someone_else look"),
    )
    events = await core.wait(4)
    by_text = {e.text: e for e in events}
    plain = by_text["just chatting among fans"]
    assert not plain.mentions_bot and not plain.reply_to_bot and not plain.is_dm
    assert (plain.workspace_id, plain.channel_id, plain.thread_id) == ("-100123", "-100123", None)
    assert by_text["what's your favourite song?"].mentions_bot  # the mention is stripped
    assert by_text["and you?"].reply_to_bot
    assert not by_text["@someone_else look"].mentions_bot
    assert len(await fake.wait_for("sendMessage", 2)) == 2
    await asyncio.sleep(0.1)
    assert len(fake.calls_to("sendMessage")) == 2
    # One getChatMember for the fan, cached for the next messages.
    assert fake.calls_to("getChatMember") == [{"chat_id": "-100123", "user_id": "501"}]


async def test_forum_topic_keeps_message_thread_id_for_replies_typing_and_human(fake, run):
    adapter: TelegramAdapter
    events: list[ChatEvent] = []

    async def handle(e: ChatEvent) -> Sequence[Reply]:
        events.append(e)
        await adapter.typing(e.target())  # what core does while it generates
        return [Reply(target=e.target(), text="A human will take over this topic.")]

    adapter = await run(handle)
    topic = {"message_thread_id": 77, "is_topic_message": True}
    await fake.push(fake.message(FORUM, FAN, "/human", **topic))
    [action] = await fake.wait_for("sendChatAction")
    [event] = events
    assert event.thread_id == "77" and event.command == Command("human")
    assert event.conversation_id == "telegram:-100777:-100777:77"  # the topic is the handoff unit
    assert action == {"chat_id": "-100777", "action": "typing", "message_thread_id": "77"}
    [sent] = await fake.wait_for("sendMessage")
    assert sent["message_thread_id"] == "77"


async def test_channel_comments_are_a_normal_group_conversation(fake, run):
    core = Recorder(
        lambda e: [Reply(target=e.target(), text="Thanks!")] if e.text == "Love it" else []
    )
    await run(core)
    channel = channel_chat(-100500, "Ana's channel")
    [fwd] = await fake.push(
        fake.message(
            GROUP,
            user(777000, "Telegram"),
            "New video is out",
            sender_chat=channel,
            is_automatic_forward=True,
        )
    )
    post = fwd["message"]
    await fake.push(
        fake.message(
            GROUP, FAN, "Love it", message_thread_id=post["message_id"], reply_to_message=post
        )
    )
    seen = by_text(await core.wait(2))
    forwarded, comment = seen["New video is out"], seen["Love it"]
    assert forwarded.author.id == "-100500" and forwarded.author.display_name == "Ana's channel"
    assert forwarded.author.permissions == frozenset()  # anyone may post "as" a channel
    assert comment.thread_id is None and comment.workspace_id == "-100123"
    # A comment on the creator's post: a neutral fact; core decides it addresses the clone.
    assert comment.comments_on_post and not comment.reply_to_bot and comment.author.id == "501"
    [sent] = await fake.wait_for("sendMessage")
    assert "message_thread_id" not in sent  # threading comes from replying to the comment
    assert str(sent["reply_parameters"]["message_id"]) == comment.message_id
    thread = {"message_thread_id": post["message_id"]}
    fan_comment = fake.message(GROUP, FAN, "first!", **thread)["message"]
    topic_start = {**bot_message(FORUM), "forum_topic_created": {"name": "t", "icon_color": 1}}
    await fake.push(
        fake.message(GROUP, FAN2, "me too", reply_to_message=fan_comment, **thread),
        fake.message(
            FORUM,
            FAN,
            "hi",
            message_thread_id=1,
            is_topic_message=True,
            reply_to_message=topic_start,
        ),
    )
    seen = by_text(await core.wait(4))
    fan_to_fan, in_topic = seen["me too"], seen["hi"]
    assert not fan_to_fan.reply_to_bot  # a reply to another fan is not addressed to the clone
    assert not in_topic.reply_to_bot  # even when the bot opened the topic


async def test_voice_photo_sticker_are_marked_and_service_messages_dropped(fake, run):
    core = Recorder(lambda e: [])
    await run(core)
    file = {"file_id": "f", "file_unique_id": "u"}
    await fake.push(
        fake.message(GROUP, FAN, None, new_chat_members=[FAN2]),
        fake.message(private_chat(501), FAN, None, voice={**file, "duration": 3}),
        fake.message(
            private_chat(501), FAN, None, photo=[{**file, "width": 1, "height": 1}], caption="look"
        ),
        fake.message(
            private_chat(501),
            FAN,
            None,
            sticker={
                **file,
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            },
        ),
    )
    kinds = {e.content: e for e in await core.wait(3)}
    voice, photo = kinds[ContentKind.VOICE], kinds[ContentKind.IMAGE]
    sticker = kinds[ContentKind.STICKER]
    assert voice.content is ContentKind.VOICE and voice.text == ""
    assert photo.content is ContentKind.IMAGE and photo.text == "look"
    assert sticker.content is ContentKind.STICKER
    await asyncio.sleep(0.1)
    assert len(core.events) == 3  # the "user joined" service message is no conversation


async def test_edits_become_edit_events(fake, run):
    core = Recorder(lambda e: [])
    await run(core)
    original = fake.message(GROUP, FAN, "I said somthing")
    edit = fake.message(GROUP, FAN, "/forget_me I said something", edited=True)
    edit["edited_message"]["message_id"] = original["message"]["message_id"]
    await fake.push(original, edit)
    [edited] = [e for e in await core.wait(2) if e.kind is EventKind.EDIT]
    assert edited.kind is EventKind.EDIT and edited.command is None
    assert edited.message_id == str(original["message"]["message_id"])
    assert edited.text == "/forget_me I said something"


# -- commands and roles ----------------------------------------------------------------------


async def test_every_command_is_registered_per_scope_under_its_telegram_name(fake, run):
    await run(Recorder(), admin_chat_ids=(900,))
    calls = fake.calls_to("setMyCommands")
    by_scope = {c["scope"]["type"]: [cmd["command"] for cmd in c["commands"]] for c in calls}
    fan_names = [s.flat_name for s in COMMANDS if s.role is Role.FAN]
    all_names = [s.flat_name for s in COMMANDS]
    assert by_scope["all_private_chats"] == fan_names
    assert by_scope["all_group_chats"] == fan_names
    assert by_scope["all_chat_administrators"] == all_names
    assert by_scope["chat"] == all_names and calls[-1]["scope"]["chat_id"] == 900
    assert "forget_me" in fan_names and "clone_mute" in all_names
    for name in all_names:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", name)
    for c in calls:
        assert all(1 <= len(cmd["description"]) <= 256 for cmd in c["commands"])
    # Polling removes a webhook first and asks for buttons and edits too.
    assert fake.calls_to("deleteWebhook")
    polls = await fake.wait_for("getUpdates")
    assert {"callback_query", "edited_message"} <= set(polls[0]["allowed_updates"])


async def test_a_wrong_token_fails_start_loudly(fake):
    adapter = TelegramAdapter(
        TelegramSettings(token="1:WRONG", base_url=fake.base_url),
        deduper=InMemoryDeduper(),
        rate_limiter=InMemoryRateLimiter(),
    )
    with pytest.raises(InvalidToken):
        await adapter.start(Recorder())


async def test_every_command_translates_to_its_canonical_name(fake, run):
    core = Recorder(lambda e: [])
    await run(core)
    await fake.push(*[fake.message(GROUP, CREATOR, f"/{s.flat_name} x y") for s in COMMANDS])
    events = await core.wait(len(COMMANDS))
    assert {e.command for e in events} == {Command(s.name, ("x", "y")) for s in COMMANDS}
    assert all(e.kind is EventKind.COMMAND for e in events)
    await fake.push(
        fake.message(GROUP, FAN, f"/clone_mute@{BOT_USERNAME} 2h here"),
        fake.message(GROUP, FAN, "/clone mute 2h"),
        fake.message(GROUP, FAN, "/about@other_bot"),
        fake.message(private_chat(501), FAN, "/start"),  # what opening the bot sends
    )
    # Each update runs in its own task, so the four may finish in any order.
    latest = {e.raw.effective_message.text: e for e in (await core.wait(len(COMMANDS) + 4))}
    ours, spaced = latest[f"/clone_mute@{BOT_USERNAME} 2h here"], latest["/clone mute 2h"]
    theirs, start = latest["/about@other_bot"], latest["/start"]
    assert start.command == Command("about")
    assert ours.command == Command("clone mute", ("2h", "here"))
    assert spaced.command == Command("clone mute", ("2h",))
    assert theirs.kind is EventKind.MESSAGE and theirs.command is None


async def test_roles_come_from_get_chat_member_and_a_fan_is_refused(fake, run):
    fake.member_status[(-100123, 900)] = "creator"
    fake.member_status[(-100123, 600)] = "administrator"

    def respond(e: ChatEvent) -> list[Reply]:
        # What core's role check does; the adapter only supplies the permissions.
        allowed = bool(e.author.permissions & MODERATING)
        text = "Muted for 2h." if allowed else "Only moderators can mute the clone."
        return [Reply(target=e.target(), text=text, kind=ReplyKind.COMMAND_RESULT)]

    core = Recorder(respond)
    await run(core)
    anonymous_admin = fake.message(
        GROUP, user(1087968824, "Group"), "/clone_mute", sender_chat=GROUP
    )
    await fake.push(
        fake.message(GROUP, CREATOR, "/clone_mute 2h"),
        fake.message(GROUP, user(600, "Mod"), "/clone_mute 2h"),
        fake.message(GROUP, FAN, "/clone_mute 2h"),
        anonymous_admin,
    )
    events = await core.wait(4)
    roles = {e.author.id: e.author.permissions for e in events}
    assert roles == {
        "900": {Permission.OWNER},  # bot.toml, merged by core, makes the creator CREATOR
        "600": {Permission.ADMIN},
        "501": frozenset(),
        "-100123": {Permission.ADMIN},
    }
    sent = await fake.wait_for("sendMessage", 4)
    assert sorted(m["text"] for m in sent).count("Only moderators can mute the clone.") == 1
    assert len(fake.calls_to("getChatMember")) == 3  # none for the anonymous admin


async def test_button_click_approves_a_copilot_draft(fake, run):
    adapter: TelegramAdapter
    fan_question: list[ChatEvent] = []

    def respond(e: ChatEvent) -> list[Reply]:
        if e.kind is EventKind.MESSAGE:  # copilot mode: the draft goes to the creator first
            fan_question.append(e)
            creator_dm = Target("telegram", "dm", "900")
            return [
                Reply(
                    target=creator_dm,
                    text=f"Draft for Fan One: 'Soon!'\n> {e.text}",
                    kind=ReplyKind.DRAFT,
                    buttons=(Button("approve", "Approve", "d1"), Button("reject", "Reject", "d1")),
                )
            ]
        assert e.kind is EventKind.BUTTON and e.action == "approve" and e.text == "d1"
        return [Reply(target=fan_question[0].target(), text="Soon!")]

    core = Recorder(respond)
    adapter = await run(core)
    await fake.push(fake.message(GROUP, FAN, "@clone_bot when is the tour?"))
    [draft] = await fake.wait_for("sendMessage")
    assert draft["chat_id"] == "900"
    keyboard = draft["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in keyboard] == ["approve:d1", "reject:d1"]
    draft_message_id = fake.sent[0]["message_id"]
    await fake.push(fake.callback(private_chat(900), CREATOR, draft_message_id, "approve:d1"))
    events = await core.wait(2)
    click = events[1]
    assert click.kind is EventKind.BUTTON and click.target_message_id == str(draft_message_id)
    assert click.is_dm and click.author.id == "900"
    [answer] = await fake.wait_for("answerCallbackQuery")
    assert answer["callback_query_id"].startswith("cb")
    _, approved = await fake.wait_for("sendMessage", 2)
    assert approved["chat_id"] == "-100123" and approved["text"] == "Soon!"
    assert str(approved["reply_parameters"]["message_id"]) == fan_question[0].message_id
    assert adapter.platform == "telegram"


async def test_my_data_in_a_group_goes_privately_and_forget_me_is_a_command(fake, run):
    fake.forbidden_chats.add(502)

    def respond(e: ChatEvent) -> list[Reply]:
        if e.command == Command("my-data"):
            return [
                Reply(
                    target=e.target(private=True),
                    text="What I remember about you:",
                    ephemeral=True,
                    attachment=Attachment("my-data.json", b'{"memories": []}'),
                    kind=ReplyKind.COMMAND_RESULT,
                )
            ]
        assert e.command == Command("forget-me")
        return [Reply(target=e.target(), text="Done: I forgot everything about you.")]

    core = Recorder(respond)
    await run(core)
    await fake.push(fake.message(GROUP, FAN, "/my_data"))
    [doc] = await fake.wait_for("sendDocument")
    [text] = fake.calls_to("sendMessage")
    assert doc["chat_id"] == text["chat_id"] == "501"  # to the fan's DM, not the group
    assert doc["document"] == {"name": "my-data.json", "data": b'{"memories": []}'}
    assert "reply_parameters" not in text  # the group message is not in the DM
    await fake.push(fake.message(GROUP, FAN2, "/my_data"))  # never opened a DM with the bot
    _, refused, notice = await fake.wait_for("sendMessage", 3)
    assert refused["chat_id"] == "502"
    # Core's sentence for an unreachable private reply, said in the group instead.
    assert notice["chat_id"] == "-100123"
    assert html.unescape(notice["text"]) == PRIVATE_UNREACHABLE
    await fake.push(fake.message(private_chat(501), FAN, "/forget_me"))
    forget = (await core.wait(3))[2]
    assert forget.command == Command("forget-me") and forget.is_dm


# -- rendering -------------------------------------------------------------------------------


async def test_long_hostile_reply_is_split_on_sentences_and_stays_text(fake, run):
    hostile = '<a href="tg://user?id=1">@everyone</a> <b>bold</b> &amp; '
    sentence = "This sentence is exactly here to fill the message up nicely. "
    long_text = hostile + sentence * 150  # about 9,000 characters
    core = Recorder(
        lambda e: [
            Reply(
                target=e.target(),
                text=long_text,
                ai_label="AI clone",
                buttons=(Button("report", "Report", "r9"),),
                mention=Mention(role="ana_mods"),  # not allowed by `mentions`: must not appear
            )
        ]
    )
    await run(core)
    await fake.push(fake.message(private_chat(501), FAN, "tell me everything"))
    sent = await fake.wait_for("sendMessage", 3)
    assert len(sent) == 3
    assert all(units(_visible(m["text"])) <= 4096 for m in sent)
    assert all(m["text"].rstrip().endswith(".") for m in sent[:2])
    assert sent[0]["text"].startswith(
        "&lt;a href=&quot;tg://user?id=1&quot;&gt;@everyone&lt;/a&gt;"
    )
    assert "&amp;amp;" in sent[0]["text"] and "@ana_mods" not in sent[0]["text"]
    assert "reply_parameters" in sent[0] and "reply_parameters" not in sent[1]
    assert [("reply_markup" in m) for m in sent] == [False, False, True]
    assert sent[2]["text"].endswith("<i>AI clone</i>")
    rebuilt = " ".join(_visible(m["text"]).removesuffix("\nAI clone") for m in sent)
    assert rebuilt == long_text.strip()


async def test_core_ping_prefix_becomes_a_telegram_mention_only_when_allowed(fake, run):
    def notice(role: str, allowed: tuple[str, ...]) -> Reply:
        return Reply(
            target=Target("telegram", "-100123", "-100123"),
            text="Handoff in -100123: 'human please'",
            kind=ReplyKind.NOTICE,
            mentions=AllowedMentions(role_ids=allowed),
            mention=Mention(role=role),
        )

    adapter = await run(Recorder())
    # core's Mention(role=moderator_role_id); on Telegram that id is a user id or an @username.
    await adapter.send(notice("900", ("900",)))
    await adapter.send(notice("ana_mods", ("ana_mods",)))
    await adapter.send(notice("900", ()))
    await adapter.send(notice("@everyone", ("@everyone",)))
    texts = [m["text"] for m in fake.calls_to("sendMessage")]
    assert texts[0].startswith('<a href="tg://user?id=900">moderators</a> Handoff in')
    assert texts[1].startswith("@ana_mods Handoff in")
    assert texts[2].startswith("Handoff in") and texts[3].startswith("Handoff in")


def test_split_text_prefers_sentence_ends_then_words_then_hard_cuts():
    assert split_text("One. Two. Three.", 10) == ["One. Two.", "Three."]
    assert split_text("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_text("short", 4096) == ["short"]
    # Telegram counts UTF-16 units: 3,000 emoji are 6,000 units, so two pieces.
    emoji = split_text("🍞" * 3000, 4096, units)
    assert len(emoji) == 2 and all(units(p) <= 4096 for p in emoji)


def _visible(text: str) -> str:
    return html.unescape(re.sub(r"</?(a|i|b)( [^>]*)?>", "", text))


# -- delivery: pacing, 429, duplicates, webhook ----------------------------------------------


async def test_a_429_is_honoured_and_the_reply_still_arrives(fake, run):
    core = Recorder()
    await run(core)
    fake.fail_next(1, retry_after=1)
    started = time.monotonic()
    await fake.push(fake.message(private_chat(501), FAN, "are you there?"))
    first, second = await fake.wait_for("sendMessage", 2, within=5)
    assert first == second and second["text"] == "echo are you there?"
    gap = fake.times_of("sendMessage")[1] - fake.times_of("sendMessage")[0]
    assert gap >= 0.95 and time.monotonic() - started < 4


async def test_pacing_waits_instead_of_dropping(fake, run):
    core = Recorder(lambda e: [Reply(target=e.target(), text=f"part {i}") for i in range(3)])
    await run(core, pacing=Pacing(per_chat=(1, 0.25), per_group=(20, 60.0), overall=(30, 1.0)))
    await fake.push(fake.message(GROUP, FAN, "go"))
    sent = await fake.wait_for("sendMessage", 3)
    assert [m["text"] for m in sent] == ["part 0", "part 1", "part 2"]
    times = fake.times_of("sendMessage")
    assert times[1] - times[0] >= 0.2 and times[2] - times[1] >= 0.2


async def test_duplicate_update_ids_are_dropped(fake, run):
    core = Recorder()
    await run(core)
    update = fake.message(private_chat(501), FAN, "once")
    update["update_id"] = 5000
    await fake.push(update, {**update})  # Telegram delivers at least once
    await fake.push(fake.message(private_chat(501), FAN, "next"))
    events = await core.wait(2)
    await asyncio.sleep(0.1)
    assert sorted(e.text for e in core.events) == ["next", "once"]
    assert by_text(events)["once"].event_id == f"{BOT_ID}:5000"


async def test_long_polling_and_sending_never_go_through_httpx(fake, run, monkeypatch):
    # PTB's getUpdates has a request object of its own, httpx unless given one; every call of
    # the polling loop went through it, at twice aiohttp's CPU (issue 26 profile).
    import httpx

    async def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a Bot API call went through httpx")

    monkeypatch.setattr(httpx.AsyncClient, "send", refuse)
    core = Recorder()
    await run(core)
    await fake.push(fake.message(private_chat(501), FAN, "polled"))
    [event] = await core.wait(1)
    [sent] = await fake.wait_for("sendMessage")
    assert event.text == "polled" and sent["text"] == "echo polled"
    assert fake.calls_to("getUpdates")


async def test_a_slow_handler_blocks_neither_receiving_nor_typing(fake, run):
    adapter: TelegramAdapter
    release = asyncio.Event()

    async def handle(e: ChatEvent) -> Sequence[Reply]:
        if e.text == "slow":
            await adapter.typing(e.target())
            await release.wait()  # a long LLM call
        return [Reply(target=e.target(), text=f"re {e.text}")]

    adapter = await run(handle)
    # Ordered, not timed (issue 19.26): all of this happens while "slow" is still held.
    await fake.push(fake.message(private_chat(501), FAN, "slow"))
    await fake.wait_for("sendChatAction")
    await fake.push(fake.message(private_chat(502), FAN2, "fast"))
    [fast] = await fake.wait_for("sendMessage")
    assert fast["text"] == "re fast" and not release.is_set()
    release.set()
    await fake.wait_for("sendMessage", 2)


async def test_a_failing_handler_is_logged_and_the_loop_goes_on(fake, run, caplog):
    def respond(e: ChatEvent) -> list[Reply]:
        if e.text == "boom":
            raise RuntimeError("core broke")
        return [Reply(target=e.target(), text="fine")]

    await run(Recorder(respond))
    await fake.push(fake.message(private_chat(501), FAN, "boom"))
    await fake.push(fake.message(private_chat(501), FAN, "ok"))
    [sent] = await fake.wait_for("sendMessage")
    assert sent["text"] == "fine"
    assert "core broke" not in sent["text"]
    assert any("failed" in r.getMessage() for r in caplog.records)


async def test_webhook_mode_checks_the_secret_and_drops_redeliveries(fake, run):
    core = Recorder()
    adapter = await run(
        core,
        mode="webhook",
        webhook_secret="s3cret-token",
        webhook_host="127.0.0.1",
        webhook_port=0,
    )
    url = f"http://127.0.0.1:{adapter.webhook_port}/telegram/webhook"
    update = {"update_id": 7001, **fake.message(private_chat(501), FAN, "via webhook")}
    assert await post_webhook(url, update, "wrong") == 403
    assert await post_webhook(url, update, None) == 403
    assert await post_webhook(url, update, "s3cret-token") == 200
    assert await post_webhook(url, update, "s3cret-token") == 200  # Telegram retried
    [event] = await core.wait(1)
    assert event.text == "via webhook"
    await fake.wait_for("sendMessage")
    await asyncio.sleep(0.1)
    assert len(core.events) == 1
    methods = {name for name, _ in fake.calls}
    # Our own route: no polling, and starting never re-sets the webhook.
    assert not methods & {"getUpdates", "deleteWebhook", "setWebhook"}
    assert await adapter.set_webhook("https://clone.example/telegram/webhook", "s3cret-token")
    [hook] = fake.calls_to("setWebhook")
    assert hook["url"] == "https://clone.example/telegram/webhook"
    assert hook["secret_token"] == "s3cret-token"
    assert "callback_query" in hook["allowed_updates"]


def test_webhook_mode_needs_a_secret():
    with pytest.raises(ValueError):
        TelegramSettings(token=TOKEN, mode="webhook")


def test_to_event_ignores_updates_without_a_message():
    assert to_event(Update(update_id=1), bot_id=BOT_ID, bot_username=BOT_USERNAME) is None


# -- through the real core (bootstrap with in-memory ports) ----------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "bots" / "example"
MODS_CHAT = -100999  # bot.toml's moderator_channel: where handoff notices and drafts go
MOD_PING = 700  # bot.toml's moderator_role_id: on Telegram, the user pinged on a handoff
_INGESTED: dict[str, Any] = {}


async def core_handler(adapter: TelegramAdapter, answers: list[str], sleep: float = 0) -> Handle:
    """The real Clone from bots/bootstrap with in-memory ports; the adapter is its runner."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from bots.bootstrap import build
    from core.config import Settings
    from core.ingest.pipeline import run_ingest
    from core.llm.generator import LangChainGenerator
    from core.memory.embeddings import HashEmbedder
    from core.memory.memory import Memory
    from core.memory.stores.inmemory import InMemoryMemoryStore
    from core.persona.bot import PlatformConfig, load_bot
    from core.state.memory import InMemoryStateStore

    bot = load_bot(EXAMPLE)
    telegram = PlatformConfig(
        enabled=True, moderator_role_id=str(MOD_PING), moderator_channel=str(MODS_CHAT)
    )
    bot = bot.model_copy(
        update={
            "roles": bot.roles.model_copy(update={"creators": [f"telegram:{CREATOR['id']}"]}),
            "policies": bot.policies.model_copy(
                update={
                    "fan_cooldown_seconds": 0,
                    "channel_cooldown_seconds": 0,
                    "coalesce_seconds": 0,
                }
            ),
            "platforms": {**bot.platforms, "telegram": telegram},
        }
    )
    if "store" not in _INGESTED:  # ingest the example archive once, copy it per test
        _INGESTED["store"] = InMemoryMemoryStore()
        await run_ingest(bot, EXAMPLE, Memory(_INGESTED["store"], HashEmbedder()))
    services = await build(
        EXAMPLE,
        Settings(),
        bot=bot,
        embedder=HashEmbedder(),
        store=copy.deepcopy(_INGESTED["store"]),
        generator=LangChainGenerator(
            FakeListChatModel(responses=answers, sleep=sleep or None),
            name="fake",
            timeout_seconds=5,
            retries=0,
        ),
        state=InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        runners=[adapter],
        # Adapter tests: what core may say is pinned in tests/trust and tests/scenario.
        verifier=KeepEverything(),
    )
    return services.clone.handle


@pytest.fixture
def run_core(run: Any) -> Callable[..., Awaitable[tuple[TelegramAdapter, Recorder]]]:
    async def start(answers: list[str], sleep: float = 0) -> tuple[TelegramAdapter, Recorder]:
        late: dict[str, Handle] = {}
        core = Recorder()

        async def handle(event: ChatEvent) -> Sequence[Reply]:
            core.events.append(event)
            return list(await late["handle"](event))

        # The Clone is built with the started adapter as its runner, so it is bound late.
        adapter = await run(handle)
        late["handle"] = await core_handler(adapter, answers, sleep)
        return adapter, core

    return start


async def _quiet(fake: FakeTelegram, count: int, within: float = 0.4) -> None:
    await asyncio.sleep(within)
    assert len(fake.calls_to("sendMessage")) == count, fake.calls_to("sendMessage")


async def test_core_dm_answer_discloses_on_first_contact_and_cites(fake, run_core):
    await run_core(["I edit in two passes: rough cut, then sound [1]."])
    [update] = await fake.push(fake.message(private_chat(501), FAN, "how do you edit videos?"))
    [sent] = await fake.wait_for("sendMessage")
    assert sent["chat_id"] == "501" and sent["parse_mode"] == "HTML"
    assert "AI clone" in sent["text"] and "two passes" in sent["text"]
    assert "Sources: " in sent["text"] and "<i>" in sent["text"]
    assert sent["reply_parameters"]["message_id"] == update["message"]["message_id"]


async def test_core_shows_the_typing_sign_while_a_slow_answer_is_written(fake, run_core):
    # The sign is a Reply of kind TYPING that core posts through its Outbound to this runner.
    await run_core(["I buy a strong bread flour and add a little rye [1]."], sleep=0.02)
    await fake.push(fake.message(private_chat(502), FAN, "what flour do you use?"))
    [answer] = await fake.wait_for("sendMessage")
    [sign, *_] = fake.calls_to("sendChatAction")
    assert sign == {"chat_id": "502", "action": "typing"}
    order = [name for name, _ in fake.calls if name in ("sendChatAction", "sendMessage")]
    assert order[0] == "sendChatAction" and order[-1] == "sendMessage", "no sign after it"
    assert "rye" in answer["text"]


async def test_core_is_silent_in_a_group_unless_addressed_and_answers_comments(fake, run_core):
    _, core = await run_core(["Rye, mostly [1].", "Thank you, glad you liked it!"])
    await fake.push(fake.message(GROUP, FAN, "anyone baking today?"))
    await core.wait(1)
    await _quiet(fake, 0)
    [fwd] = await fake.push(
        fake.message(
            GROUP,
            user(777000, "Telegram"),
            "New video: rye sourdough",
            sender_chat=channel_chat(-100500),
            is_automatic_forward=True,
        )
    )
    await core.wait(2)
    await _quiet(fake, 0)
    post = fwd["message"]
    await fake.push(
        fake.message(
            GROUP, FAN2, "Which rye?", message_thread_id=post["message_id"], reply_to_message=post
        )
    )
    [answer] = await fake.wait_for("sendMessage")
    assert answer["chat_id"] == "-100123" and "rye" in answer["text"].lower()
    assert "message_thread_id" not in answer


async def test_core_human_in_a_forum_topic_hands_that_topic_off(fake, run_core):
    await run_core(["Yes, 250 °C [1].", "Yes, 250 °C [1]."])
    topic = {"message_thread_id": 77, "is_topic_message": True}
    await fake.push(fake.message(FORUM, FAN, "/human", **topic))
    sent = await fake.wait_for("sendMessage", 2)
    notice = next(m for m in sent if m["chat_id"] == str(MODS_CHAT))
    assert notice["text"].startswith(f'<a href="tg://user?id={MOD_PING}">moderators</a> Handoff')
    [told] = [m for m in sent if m["chat_id"] == "-100777"]
    assert told["message_thread_id"] == "77" and "real person" in told["text"]
    await fake.push(fake.message(FORUM, FAN, f"@{BOT_USERNAME} still there?", **topic))
    await _quiet(fake, 2)
    other = {"message_thread_id": 78, "is_topic_message": True}
    await fake.push(fake.message(FORUM, FAN, f"@{BOT_USERNAME} oven temperature?", **other))
    answer = (await fake.wait_for("sendMessage", 3))[-1]
    assert answer["message_thread_id"] == "78" and "250" in answer["text"]


async def test_core_refuses_a_fan_mute_and_an_admin_mute_silences_the_group(fake, run_core):
    fake.member_status[(-100123, 600)] = "administrator"
    await run_core(["Should not be said."])
    await fake.push(fake.message(GROUP, FAN, "/clone_mute 1h here"))
    [refusal] = await fake.wait_for("sendMessage")
    assert refusal["chat_id"] == "-100123" and "only for moderators" in refusal["text"]
    await fake.push(fake.message(GROUP, user(600, "Mod"), "/clone_mute 1h here"))
    muted = (await fake.wait_for("sendMessage", 2))[-1]
    assert "Muted" in muted["text"]
    await fake.push(fake.message(GROUP, FAN, f"@{BOT_USERNAME} hello?"))
    await _quiet(fake, 2)


async def test_core_copilot_draft_is_approved_by_the_creator_with_a_button(fake, run_core):
    await run_core(["Bread flour, 12% protein [1]."])
    await fake.push(fake.message(private_chat(900), CREATOR, "/clone_mode copilot"))
    await fake.wait_for("sendMessage")
    [question] = await fake.push(fake.message(GROUP, FAN, f"@{BOT_USERNAME} which flour?"))
    draft = (await fake.wait_for("sendMessage", 2))[-1]
    assert draft["chat_id"] == str(MODS_CHAT)
    approve = draft["reply_markup"]["inline_keyboard"][0][0]
    assert approve["callback_data"].startswith("draft-approve:")
    draft_message = fake.sent[-1]
    await fake.push(
        fake.callback(
            group_chat(MODS_CHAT), CREATOR, draft_message["message_id"], approve["callback_data"]
        )
    )
    await fake.wait_for("answerCallbackQuery")
    sent = await fake.wait_for("sendMessage", 3)
    answer = next(m for m in sent[2:] if m["chat_id"] == "-100123")
    assert "12%" in answer["text"]
    assert answer["reply_parameters"]["message_id"] == question["message"]["message_id"]


async def test_core_voice_gets_an_honest_reply_and_forget_me_deletes(fake, run_core):
    await run_core(["Hello!"])
    voice = {"file_id": "v", "file_unique_id": "vu", "duration": 3}
    await fake.push(fake.message(private_chat(501), FAN, None, voice=voice))
    [honest] = await fake.wait_for("sendMessage")
    assert "only read text" in honest["text"]
    await fake.push(fake.message(private_chat(501), FAN, "/forget_me yes"))
    forgot = (await fake.wait_for("sendMessage", 2))[-1]
    assert "deleted" in forgot["text"]
    await fake.push(fake.message(GROUP, FAN, "/my_data"))
    [export] = await fake.wait_for("sendDocument")
    assert export["chat_id"] == "501" and export["document"]["name"].endswith(".json")


async def test_core_answers_every_command_by_its_telegram_name(fake, run_core, caplog):
    await run_core(["Flour, water, salt [1]."] * 3)
    args = {"clone mode": "auto", "clone budget": "1000", "ask": "flour?", "clone fact": "x"}
    with caplog.at_level(logging.ERROR):
        for n, spec in enumerate(COMMANDS, start=1):
            text = f"/{spec.flat_name} {args.get(spec.name, '')}".strip()
            await fake.push(fake.message(private_chat(900), CREATOR, text))
            answered = len(fake.calls_to("sendMessage")) + len(fake.calls_to("sendDocument"))
            deadline = time.monotonic() + 3
            while answered < n:
                assert time.monotonic() < deadline, f"no answer to /{spec.flat_name}"
                await asyncio.sleep(0.02)
                answered = len(fake.calls_to("sendMessage")) + len(fake.calls_to("sendDocument"))
    assert [r.getMessage() for r in caplog.records] == []


async def test_display_name_with_the_ai_marker_is_set_and_a_refusal_is_not_fatal(
    fake, run, caplog
):
    first = await run(Recorder(), display_name="Mara Quill (AI clone)")
    [call] = fake.calls_to("setMyName")
    assert call["name"] == "Mara Quill (AI clone)"
    await first.stop()  # one poller at a time, or both would answer the message below

    def refuse(params: dict) -> Any:
        from tests.fakes.telegram_server import _error

        return _error(400, "Bad Request: too many name changes")

    fake._m_setMyName = refuse  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING):
        adapter = await run(Recorder(), display_name="Mara Quill (AI clone)")
    assert len(fake.calls_to("setMyName")) == 2
    assert any("setMyName" in r.getMessage() for r in caplog.records)
    await fake.push(fake.message(private_chat(501), FAN, "still there?"))
    [sent] = await fake.wait_for("sendMessage")
    assert sent["text"] == "echo still there?" and adapter.webhook_port is None


async def test_no_display_name_leaves_the_bot_name_alone(fake, run):
    await run(Recorder())
    assert fake.calls_to("setMyName") == []


async def test_core_mute_by_username_in_reply_to_the_fans_message_mutes_that_fan(fake, run_core):
    # Telegram ids are numbers: "@troll" must become the fan's id, from the message replied to.
    fake.member_status[(-100123, 600)] = "administrator"
    await run_core(["Rye, mostly [1]."] * 5)
    troll = user(777, "Tr Oll", username="troll")
    [pushed] = await fake.push(fake.message(GROUP, troll, "spam spam"))
    replied = {**pushed["message"], "from": troll}
    mod = user(600, "Mod")
    await fake.push(fake.message(GROUP, mod, "/clone_mute 1h @troll", reply_to_message=replied))
    muted = (await fake.wait_for("sendMessage"))[-1]
    assert "Muted in @troll" in muted["text"]
    await fake.push(fake.message(GROUP, troll, f"@{BOT_USERNAME} hello?"))
    await _quiet(fake, 1)
    await fake.push(fake.message(GROUP, FAN2, f"@{BOT_USERNAME} which flour?"))
    assert len(await fake.wait_for("sendMessage", 2)) == 2, "other fans are still answered"


# -- issue 19 -------------------------------------------------------------------------------


async def test_a_flag_reaction_on_the_clones_answer_reaches_core_as_a_report(fake, run):
    # Issue 19.9: without message_reaction in allowed_updates Telegram never sends reactions.
    core = Recorder()
    await run(core)
    polls = await fake.wait_for("getUpdates")
    assert "message_reaction" in polls[0]["allowed_updates"]
    reaction = {
        "chat": GROUP,
        "message_id": 77,
        "user": FAN,
        "date": 1,
        "old_reaction": [],
        "new_reaction": [{"type": "emoji", "emoji": "🚩"}],
    }
    removed = {**reaction, "old_reaction": reaction["new_reaction"], "new_reaction": []}
    await fake.push({"message_reaction": reaction}, {"message_reaction": removed})
    [event] = await core.wait(1)
    assert event.kind is EventKind.REACTION and event.action == "🚩"
    assert event.target_message_id == "77" and event.channel_id == "-100123"
    assert event.author.id == "501" and not event.is_dm
    await asyncio.sleep(0.3)
    assert len(core.events) == 1  # taking a reaction back reports nothing


async def test_set_webhook_asks_for_reactions_too(fake):
    from adapters.telegram.webhook import set_webhook

    assert await set_webhook(
        token=TOKEN, url="https://x.example/tg", secret="s", base_url=fake.base_url
    )
    [hook] = fake.calls_to("setWebhook")
    assert "message_reaction" in hook["allowed_updates"]


async def test_a_lone_surrogate_in_fan_text_is_cleaned_and_the_fan_still_gets_an_answer(
    fake, run_core
):
    # Issue 19.13: "\ud800" cannot be encoded; it reached the embedder and the fan got nothing.
    _, core = await run_core(["I edit in two passes: rough cut, then sound [1]."])
    await fake.push(fake.message(private_chat(501), FAN, "how do you edit \ud800 videos?"))
    [sent] = await fake.wait_for("sendMessage")
    assert "two passes" in sent["text"]
    [event] = core.events
    assert event.text == "how do you edit \ufffd videos?"
    event.text.encode("utf-8")  # everything after the boundary can encode it


async def test_cli_set_webhook_goes_to_the_configured_bot_api_server(fake, monkeypatch):
    # Issue 19.14: `clonebot telegram set-webhook` ignored CLONEBOT_TELEGRAM_API_URL and always
    # called api.telegram.org, so a self-hosted Bot API server never got the webhook.
    from typer.testing import CliRunner

    from bots.cli import app

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret-token")
    monkeypatch.setenv("CLONEBOT_TELEGRAM_API_URL", fake.base_url)
    args = ["telegram", "set-webhook", str(EXAMPLE), "https://clone.example/telegram/webhook"]
    # The CLI runs its own event loop; the fake serves from this one meanwhile.
    result = await asyncio.to_thread(CliRunner().invoke, app, args)
    assert result.exit_code == 0, result.output
    [hook] = fake.calls_to("setWebhook")
    assert hook["url"] == "https://clone.example/telegram/webhook"
    assert hook["secret_token"] == "s3cret-token"
