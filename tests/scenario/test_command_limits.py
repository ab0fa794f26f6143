"""Commands, buttons and reactions pass a rate limit of their own; moderators are never slowed."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.types import EventKind, Role
from tests.scenario.harness import make_chat

pytestmark = pytest.mark.asyncio
MOD = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
CREATOR = {"user": "creator", "roles": frozenset({Role.CREATOR})}


def llm() -> FakeListChatModel:
    return FakeListChatModel(responses=["Bread flour and a little rye [1]."] * 50)


async def test_my_data_and_forget_me_are_rate_limited_per_fan_with_a_clear_answer():
    chat = await make_chat(llm())
    exports = [await chat.say("/my-data") for _ in range(6)]
    answered = [r for r in exports if r and r[0].attachment is not None]
    assert 1 <= len(answered) < 6, "a fan cannot export without end"
    refused = [r for r in exports if r and r[0].attachment is None]
    assert refused and "/my-data" in refused[0][0].text and refused[0][0].ephemeral
    assert (await chat.say("/my-data", user="fan2"))[0].attachment is not None, "per fan"
    chat.clock.advance(hours=2)
    assert (await chat.say("/my-data"))[0].attachment is not None, "the limit passes"

    forgets = []
    for _ in range(12):
        chat.clock.advance(seconds=61)  # past the per-minute cap: the hourly one is at stake
        forgets.append(await chat.text("/forget-me yes", user="fan3"))
    assert 3 <= sum("deleted" in t for t in forgets) < 12


async def test_report_floods_by_command_button_or_reaction_are_capped():
    chat = await make_chat(llm())
    await chat.say("what flour?")
    reply_id = (await chat.services.state.replies(chat.services.bot.id))[0].id
    thanks = 0
    for i in range(30):
        if i % 3 == 0:
            out = await chat.text("/report rude")
        elif i % 3 == 1:
            out = await chat.text(reply_id, kind=EventKind.BUTTON, action="report")
        else:
            out = await chat.text("", kind=EventKind.REACTION, action="🚩", target_message_id="x")
        thanks += "Thanks" in out
    assert 1 <= thanks < 15


async def test_refusals_themselves_are_not_a_flood():
    chat = await make_chat(llm())
    answers = [await chat.say("/about") for _ in range(40)]
    assert sum(bool(a) for a in answers) < 20, "past the limit a fan mostly gets silence"


async def test_moderators_and_creator_are_never_slowed_and_kill_works_in_a_muted_channel():
    chat = await make_chat(llm())
    assert "Muted" in await chat.text("/clone mute here", **MOD)
    for _ in range(20):
        assert "Mode" in await chat.text("/clone status", **MOD)
    assert "Kill switch on" in await chat.text("/clone kill", **CREATOR)
    assert "Kill switch off" in await chat.text("/clone revive", **CREATOR)
    assert "lifted" in await chat.text("/clone unmute here", **MOD)
