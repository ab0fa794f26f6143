"""Control layer through bootstrap: roles, mutes, handoffs, kill switch, loops, drafts, audit."""

import asyncio

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.persona.bot import PlatformConfig
from core.records import DraftStatus
from core.trust.honesty import ai_label
from core.types import ContentKind, EventKind, ReplyKind, Role
from tests.fakes.llms import LyingLLM
from tests.scenario.harness import make_chat

pytestmark = pytest.mark.asyncio
MOD = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
CREATOR = {"user": "creator"}  # bot.toml names console:creator; here the platform is "test"


def llm() -> FakeListChatModel:
    return FakeListChatModel(
        responses=["I don't take sponsorship from flour brands; I buy my own flour."] * 50
    )


async def creator_chat(moderator_channel: str = "mods", model=None):
    chat = await make_chat(model or llm())
    bot = chat.services.bot
    roles = bot.roles.model_copy(update={"creators": ["test:creator"]})
    platforms = {"test": PlatformConfig(moderator_channel=moderator_channel)}
    bot = bot.model_copy(update={"roles": roles, "platforms": platforms})
    chat.services.clone.bot = chat.services.clone.control.bot = chat.services.clone.brain.bot = bot
    return chat


async def test_fan_cannot_run_moderator_commands_and_is_told_who_can():
    chat = await make_chat(llm())
    text = await chat.text("/clone mute")
    assert "only for moderators" in text
    log = await chat.services.state.audit_log(chat.services.bot.id)
    assert log and log[0].result == "refused"


async def test_moderator_role_comes_from_bot_toml_ids_too():
    chat = await make_chat(llm())
    bot = chat.services.bot
    roles = bot.roles.model_copy(update={"moderators": ["test:mod9"]})
    chat.services.clone.bot = bot.model_copy(update={"roles": roles})
    assert "only for moderators" in await chat.text("/clone mute", user="mod8")
    assert "Muted" in await chat.text("/clone mute", user="mod9")


async def test_muted_channel_gets_no_reply_until_expiry_and_unmute_works_while_muted():
    chat = await make_chat(llm())
    assert "Muted" in await chat.text("/clone mute 10m here", **MOD)
    assert await chat.say("hello?") == []
    assert await chat.say("hello?", channel="other") != []
    chat.clock.advance(minutes=11)
    assert await chat.say("hello again?") != []
    await chat.text("/clone mute here", **MOD)
    assert await chat.say("still there?", channel="general") == []
    assert "lifted" in await chat.text("/clone unmute here", **MOD)
    chat.clock.advance(seconds=10)
    assert await chat.say("back?") != []


async def test_user_mute_silences_only_that_fan():
    chat = await make_chat(llm())
    await chat.text("/clone mute 1h <@fan1>", **MOD)
    assert await chat.say("hi", user="fan1") == []
    assert await chat.say("hi", user="fan2") != []


async def test_handoff_silences_notifies_and_resumes_with_disclosure_after_timeout():
    chat = await make_chat(llm())
    await chat.say("first question", thread="t1")
    chat.clock.advance(seconds=30)
    await chat.text("/clone handoff", thread="t1", **MOD)
    assert any(r.kind is ReplyKind.NOTICE for r in chat.sender.sent), "moderators notified"
    assert await chat.say("are you there?", thread="t1") == []
    assert await chat.say("other thread", thread="t2") != []
    timeout = chat.services.bot.policies.handoff_timeout_minutes
    chat.clock.advance(minutes=timeout + 1)
    back = await chat.say("hello after a while", thread="t1")
    assert back and back[0].text.startswith(chat.services.bot.persona.disclosure_line)


async def test_release_brings_the_clone_back_with_disclosure():
    chat = await make_chat(llm())
    await chat.say("hi", thread="t1")
    await chat.text("/clone handoff", thread="t1", **MOD)
    assert "Released" in await chat.text("/clone release", thread="t1", **MOD)
    chat.clock.advance(seconds=30)
    back = await chat.say("and now?", thread="t1")
    assert back[0].text.startswith(chat.services.bot.persona.disclosure_line)


async def test_fan_asks_for_a_human_and_human_works_in_a_handed_off_thread():
    chat = await make_chat(llm())
    assert "real person" in await chat.text("/human", thread="t9")
    assert await chat.say("hello?", thread="t9") == []
    assert "real person" in await chat.text("/human", thread="t9")
    handoffs = await chat.services.state.open_handoffs(chat.services.bot.id)
    assert [h.reason for h in handoffs] == ["fan asked for a human"]


async def test_group_message_not_addressed_gets_no_reply_but_activity_is_recorded():
    chat = await make_chat(llm())
    assert await chat.say("just chatting among fans", mention=False) == []
    seen = await chat.services.state.channel_activity(chat.services.bot.id, "test:guild1:general")
    assert seen == chat.clock.now()
    assert await chat.say("hello", dm=True, mention=False) != [], "DMs are always answered"


async def test_distress_in_unaddressed_group_chatter_still_reaches_a_human():
    """Care runs on every message before who may speak: a fan talking to other fans, not to
    the clone, still gets the kind, AI-labelled reply and a human; the model never runs."""
    model = LyingLLM()
    chat = await creator_chat(model=model)
    replies = await chat.say("honestly I want to kill myself", user="fan7", mention=False)
    assert [r.kind for r in replies] == [ReplyKind.NOTICE]
    assert replies[0].ai_label and "AI" in replies[0].text
    assert "116 123" in replies[0].text, "the crisis line bot.toml names for the region"
    handoff = await chat.services.state.get_handoff(chat.services.bot.id, "test:guild1:general:")
    assert handoff is not None and handoff.reason == "escalation:self-harm"
    pinged = [r for r in chat.sender.sent if r.target.channel_id == "mods"]
    assert pinged, "the moderators were told"
    assert model.calls == []
    chat.clock.advance(seconds=30)
    chatter = await chat.say("anyone tried the rye?", user="fan8", channel="c2", mention=False)
    assert chatter == [], "ordinary chatter is still left to the fans"


async def test_another_bots_unaddressed_chatter_is_not_taken_for_a_fan_in_distress():
    chat = await make_chat(llm())
    said = await chat.say("I want to kill myself", user="otherbot", is_bot=True, mention=False)
    assert said == []
    assert not await chat.services.state.open_handoffs(chat.services.bot.id)


async def test_bot_loops_are_capped():
    chat = await make_chat(llm())
    cap = chat.services.bot.policies.bot_loop_cap
    answered = 0
    for _ in range(cap + 3):
        chat.clock.advance(seconds=10)
        answered += bool(await chat.say("hey clone", user="otherbot", is_bot=True))
    assert answered == cap


async def test_cooldown_per_fan_holds_the_next_turn_instead_of_dropping_it():
    chat = await make_chat(llm())
    assert await chat.say("one") != []
    two = asyncio.ensure_future(chat.say("two"))
    await asyncio.sleep(0.5)
    assert not two.done(), "held by the fan's cooldown"
    chat.clock.advance(seconds=chat.services.bot.policies.fan_cooldown_seconds + 1)
    async with asyncio.timeout(10):
        assert await two != [], "answered once the cooldown passed, not dropped"


async def test_kill_switch_silences_everything_but_revive_still_works():
    chat = await creator_chat()
    assert "Sorry" in await chat.text("/clone kill", **MOD), "kill is the creator's"
    assert "Kill switch on" in await chat.text("/clone kill", **CREATOR)
    assert await chat.say("hello?", dm=True) == []
    status = await chat.text("/clone status", **MOD)
    assert "Kill switch: ON" in status
    await chat.text("/clone revive", **CREATOR)
    assert await chat.say("hello again", dm=True) != []


async def test_copilot_drafts_wait_for_the_creator_and_send_once():
    chat = await creator_chat()
    await chat.text("/clone mode copilot", **CREATOR)
    assert await chat.say("what flour?") == []
    draft_msg = [r for r in chat.sender.sent if r.kind is ReplyKind.DRAFT][-1]
    assert draft_msg.target.channel_id == "mods", "drafts go where moderators read, not fans"
    draft_id = draft_msg.buttons[0].value
    fan_press = await chat.say(draft_id, kind=EventKind.BUTTON, action="draft-approve")
    assert "only the creator" in fan_press[0].text
    ok = await chat.say(draft_id, kind=EventKind.BUTTON, action="draft-approve", **CREATOR)
    assert "approved" in ok[0].text
    sent_to_fan = [r for r in chat.sender.sent if r.kind is ReplyKind.ANSWER]
    assert len(sent_to_fan) == 1 and "flour" in sent_to_fan[0].text.lower()
    again = await chat.say(draft_id, kind=EventKind.BUTTON, action="draft-approve", **CREATOR)
    assert "already" in again[0].text
    draft = await chat.services.state.get_draft(draft_id)
    assert draft is not None and draft.status is DraftStatus.SENT


async def test_non_text_gets_one_honest_reply():
    chat = await make_chat(llm())
    first = await chat.text("", content=ContentKind.VOICE)
    assert "only read text" in first
    assert await chat.say("", content=ContentKind.IMAGE) == []


async def test_escalation_hands_off_with_a_kind_reply():
    chat = await make_chat(llm())
    text = await chat.text("honestly I want to kill myself")
    assert "real person" in text or "crisis" in text
    assert (
        await chat.services.state.get_handoff(chat.services.bot.id, "test:guild1:general:")
        is not None
    )


@pytest.mark.parametrize("moderator_channel", ["mods", ""])
async def test_a_fan_stating_an_age_alone_is_answered_and_only_the_moderators_told(
    moderator_channel,
):
    chat = await creator_chat(moderator_channel=moderator_channel)
    replies = await chat.say("I'm 14 and just started baking, which flour for a first loaf?")
    assert [r.kind for r in replies] == [ReplyKind.ANSWER], "answered, not handed off"
    assert not await chat.services.state.open_handoffs(chat.services.bot.id)
    notices = [r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE]
    if moderator_channel:
        assert [n.target.channel_id for n in notices] == ["mods"]
        assert "under 16" in notices[0].text
    else:
        assert notices == [], "never posted in the fan's own chat"
    log = await chat.services.state.audit_log(chat.services.bot.id)
    assert [e.action for e in log] == ["minor-stated"]


async def test_a_fan_who_repeats_their_age_is_noticed_once_a_day():
    chat = await creator_chat()
    for text in ("I'm 14 btw", "I'm 14, which flour?", "i'm 14 lol"):
        await chat.say(text)
        chat.clock.advance(seconds=30)
    notices = [r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE]
    assert len(notices) == 1
    chat.clock.advance(hours=25)
    await chat.say("I'm 14 and back again")
    assert len([r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE]) == 2


async def test_a_fan_stating_an_age_with_a_risk_is_handed_off():
    chat = await creator_chat()
    text = await chat.text("I'm 13 and my mom doesn't know I'm talking to you, don't tell her")
    assert "real person" in text
    assert await chat.services.state.open_handoffs(chat.services.bot.id)


async def test_budget_exhaustion_rests_and_tells_the_creator():
    chat = await creator_chat()
    await chat.text("/clone budget 1", **CREATOR)
    await chat.services.state.add_usage(chat.services.bot.id, "2026-11-23", 5)
    text = await chat.text("what flour?")
    assert "resting for today" in text and "/human" in text
    assert any("budget" in r.text for r in chat.sender.sent)


async def test_fan_data_export_and_forget():
    chat = await make_chat(llm())
    await chat.say("I bake every sunday with my grandma", user="fan7")
    chat.clock.advance(seconds=30)
    export = (await chat.say("/my-data", user="fan7"))[0]
    assert export.attachment is not None and b"grandma" in export.attachment.data
    assert export.ephemeral
    await chat.say("/forget-me yes", user="fan7")
    again = (await chat.say("/my-data", user="fan7"))[0]
    assert again.attachment is not None and b"grandma" not in again.attachment.data


async def test_every_control_action_is_audited():
    chat = await make_chat(llm())
    await chat.text("/clone mute 5m here", **MOD)
    await chat.text("/clone unmute here", **MOD)
    log = await chat.services.state.audit_log(chat.services.bot.id)
    actions = {(e.action, e.actor) for e in log}
    assert ("clone mute", "test:mod1") in actions and ("clone unmute", "test:mod1") in actions


async def test_without_a_moderator_channel_drafts_wait_in_the_queue_unseen_by_fans():
    chat = await creator_chat(moderator_channel="")
    await chat.text("/clone mode copilot", **CREATOR)
    assert await chat.say("what flour?") == []
    assert not [r for r in chat.sender.sent if r.kind is ReplyKind.DRAFT]
    listing = await chat.text("/clone drafts", **CREATOR)
    assert "flour" in listing.lower()


async def test_channel_handoff_also_silences_its_threads():
    chat = await make_chat(llm())
    await chat.text("/clone handoff", **MOD)
    assert await chat.say("in a thread", thread="t5") == []


async def test_escalation_in_a_discord_channel_opens_a_thread_held_by_a_human():
    chat = await make_chat(llm(), platforms=("test", "discord"))
    reply = (await chat.say("I want to kill myself", platform="discord", message_id="900"))[0]
    assert reply.target.open_thread_on == "900", "the kind reply opens a thread on that message"
    notice = [r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE][-1]
    assert notice.target.open_thread_on == "900", "moderators are pinged in that thread"
    assert await chat.say("hello?", platform="discord", thread="900") == []
    chat.clock.advance(seconds=30)
    assert await chat.say("other question", platform="discord", user="fan2") != []


async def test_group_message_naming_the_clone_as_a_word_is_addressed_but_marathon_is_not():
    chat = await make_chat(llm())
    assert await chat.say("I ran a marathon today", mention=False) == []
    chat.clock.advance(seconds=10)
    assert await chat.say("Mara, how do you feed a starter?", mention=False) != []


async def _traces(chat, fan: str = "fan1") -> tuple[list[str], list[str]]:
    """What the fan's memory and the reply log hold for this fan."""
    s = chat.services
    memory = [m.text for m in await s.memory.export_fan(s.bot.id, f"test:guild1:{fan}")]
    log = [r.reply_text for r in await s.state.replies(s.bot.id) if r.fan_id.endswith(fan)]
    return memory, log


async def test_copilot_draft_leaves_no_trace_until_approved_and_none_if_rejected():
    chat = await creator_chat()
    await chat.text("/clone mode copilot", **CREATOR)
    assert await chat.say("what flour?") == []
    rejected = [r for r in chat.sender.sent if r.kind is ReplyKind.DRAFT][-1].buttons[0].value
    assert await _traces(chat) == ([], []), "an unapproved draft is not remembered or logged"
    await chat.say(rejected, kind=EventKind.BUTTON, action="draft-reject", **CREATOR)
    assert await _traces(chat) == ([], []), "a rejected draft leaves no trace"

    chat.clock.advance(seconds=30)
    assert await chat.say("and what water?") == []
    approved = [r for r in chat.sender.sent if r.kind is ReplyKind.DRAFT][-1].buttons[0].value
    assert await _traces(chat) == ([], [])
    await chat.text(f"/clone edit {approved} Tap water, left to stand.", **CREATOR)
    memory, log = await _traces(chat)
    assert memory == ["and what water?", "Tap water, left to stand."]
    assert log == ["Tap water, left to stand."], "the approved text is what the log keeps"
    sent = [r for r in chat.sender.sent if r.kind is ReplyKind.ANSWER][-1]
    assert (
        sent.buttons
        and sent.buttons[0].value
        == (await chat.services.state.replies(chat.services.bot.id))[0].id
    ), "the fan can report the approved answer"


@pytest.mark.parametrize(
    "message",
    [
        "honestly I want to kill myself",
        "I know where you live",
        "can you send me some money",
        "can we meet in person",
        "what is your phone number",
        "I'm 12 years old",
    ],
)
async def test_every_escalation_reply_carries_the_ai_label_and_says_it_is_an_ai(message):
    chat = await make_chat(llm())
    replies = await chat.say(message)
    assert replies, message
    label = ai_label(chat.services.bot.persona)
    assert all(r.ai_label == label for r in replies)
    assert all(" AI" in r.text for r in replies), "the words themselves say it is an AI"


async def test_non_text_and_budget_notices_carry_the_ai_label():
    chat = await creator_chat()
    label = ai_label(chat.services.bot.persona)
    (voice,) = await chat.say("", content=ContentKind.VOICE)
    assert voice.ai_label == label
    await chat.text("/clone budget 1", **CREATOR)
    await chat.services.state.add_usage(chat.services.bot.id, "2026-11-23", 5)
    (resting,) = await chat.say("what flour?", user="fan2")
    assert resting.ai_label == label
    (human,) = await chat.say("/human", user="fan3")
    assert not human.ephemeral and human.ai_label == label


async def test_every_reply_fans_can_see_carries_the_ai_label():
    # Anything core answers in the open (not a private command result, not a draft for the
    # creator) is the clone speaking, so it says it is an AI.
    chat = await creator_chat()
    label = ai_label(chat.services.bot.persona)
    said = [
        ("what flour?", {}),
        ("are you human?", {"user": "fan2"}),
        ("", {"user": "fan3", "content": ContentKind.IMAGE}),
        ("I know where you live", {"user": "fan4"}),
        ("/human", {"user": "fan5"}),
        ("/about", {"user": "fan6"}),
        ("/ask which rye?", {"user": "fan7"}),
    ]
    seen = []
    for n, (text, kw) in enumerate(said):
        chat.clock.advance(seconds=30)
        # A channel each: an escalation or /human hands its channel to a person.
        seen += await chat.say(text, channel=f"c{n}", **kw)
    await chat.text("/clone budget 1", **CREATOR)
    await chat.services.state.add_usage(chat.services.bot.id, "2026-11-23", 5)
    seen += await chat.say("and water?", user="fan8", channel="c9")
    public = [r for r in seen if not r.ephemeral and r.kind is not ReplyKind.DRAFT]
    assert len(public) == 7, [r.text[:40] for r in public]  # all but the private /about
    assert [r.text[:40] for r in public if r.ai_label != label] == []


@pytest.mark.parametrize("platform", ["discord", "slack"])
async def test_human_typed_in_a_channel_hands_off_a_thread_on_the_fans_message(platform):
    # Issue 19.4: /human held the whole channel; now, as escalations do, it holds a thread.
    chat = await make_chat(llm(), platforms=("test", platform))
    [reply] = await chat.say("/human", platform=platform, message_id="950")
    assert reply.target.open_thread_on == "950" and "real person" in reply.text
    assert await chat.say("hello?", platform=platform, thread="950") == []  # held
    chat.clock.advance(seconds=30)
    assert await chat.say("other question", platform=platform, user="fan2") != []


@pytest.mark.parametrize("platform", ["discord", "slack"])
async def test_slash_human_with_no_message_hands_off_a_thread_on_the_clones_answer(platform):
    # A slash command comes with no message to hang a thread on: the clone's public answer
    # is posted first, and the thread (and the handoff) hang off that.
    chat = await make_chat(llm(), platforms=("test", platform))
    assert await chat.say("/human", platform=platform, message_id="") == []
    anchor = next(r for r in chat.sender.sent if "real person" in r.text)
    assert anchor.target.open_thread_on is None and anchor.target.thread_id is None
    anchored = str(chat.sender.sent.index(anchor) + 1)  # the RecordingSender's message id
    notice = [r for r in chat.sender.sent if r.kind is ReplyKind.NOTICE][-1]
    assert notice.target.open_thread_on == anchored, "moderators are pinged in that thread"
    assert await chat.say("hello?", platform=platform, thread=anchored) == []
    chat.clock.advance(seconds=30)
    assert await chat.say("still answering the channel?", platform=platform) != []


async def test_moderator_handoff_typed_in_a_channel_holds_a_thread_not_the_channel():
    chat = await make_chat(llm(), platforms=("test", "discord"))
    await chat.say("/clone handoff", platform="discord", message_id="960", **MOD)
    assert await chat.say("in the thread", platform="discord", thread="960") == []
    chat.clock.advance(seconds=30)
    assert await chat.say("in the channel", platform="discord", user="fan2") != []
