"""`/clone mute @name`: names resolve to the ids fans have, from a reply or people seen here."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.types import Author, Role
from tests.scenario.harness import make_chat

pytestmark = pytest.mark.asyncio
MOD = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}


def llm() -> FakeListChatModel:
    return FakeListChatModel(responses=["Bread flour and a little rye [1]."] * 50)


async def _speaks(chat, user: str, **kw) -> bool:
    chat.clock.advance(seconds=30)
    return bool(await chat.say("what flour?", user=user, **kw))


async def test_a_username_seen_in_this_community_is_muted_by_its_id():
    chat = await make_chat(llm())
    assert await _speaks(chat, "101", username="bobby")
    answer = await chat.text("/clone mute 1h @Bobby", **MOD)
    assert "Muted" in answer and "@Bobby" in answer
    assert not await _speaks(chat, "101", username="bobby"), "the fan's numeric id is muted"
    assert await _speaks(chat, "102", username="carol")
    assert "1 mute lifted" in await chat.text("/clone unmute @bobby", **MOD)
    assert await _speaks(chat, "101", username="bobby")


async def test_an_unknown_username_is_refused_clearly_and_nothing_is_muted():
    chat = await make_chat(llm())
    await _speaks(chat, "101", username="bobby", community="guild2")
    answer = await chat.text("/clone mute @bobby", **MOD)
    assert "@bobby" in answer and "reply" in answer.lower() and "Muted" not in answer
    assert await chat.services.state.active_mutes(chat.services.bot.id, chat.clock.now()) == []


async def test_a_reply_to_the_fans_message_resolves_a_name_never_seen_speaking():
    chat = await make_chat(llm())
    troll = Author("303", "Tr Oll", username="troll")
    answer = await chat.text("/clone mute @troll", reply_to_author=troll, **MOD)
    assert "Muted" in answer
    assert not await _speaks(chat, "303", username="troll")


async def test_display_names_resolve_only_when_one_person_here_has_it():
    chat = await make_chat(llm())
    await _speaks(chat, "401", display_name="Sam")
    assert "Muted" in await chat.text("/clone mute @Sam", **MOD)
    await chat.text("/clone unmute", **MOD)
    await _speaks(chat, "402", display_name="Sam")
    answer = await chat.text("/clone mute @Sam", **MOD)
    assert "Muted" not in answer and "more than one" in answer.lower()


async def test_platform_mentions_and_ids_still_work():
    chat = await make_chat(llm())
    assert "Muted" in await chat.text("/clone mute <@!555>", **MOD)
    assert "Muted" in await chat.text("/clone mute <@U0ABC|bob>", **MOD)
    mutes = await chat.services.state.active_mutes(chat.services.bot.id, chat.clock.now())
    assert sorted(m.key for m in mutes) == ["test:guild1:555", "test:guild1:U0ABC"]


async def test_forget_me_also_forgets_the_name_seen():
    chat = await make_chat(llm())
    await _speaks(chat, "101", username="bobby")
    await chat.text("/forget-me yes", user="101", username="bobby")
    assert "Muted" not in await chat.text("/clone mute @bobby", **MOD)
