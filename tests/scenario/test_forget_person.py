"""/forget-me and /my-data act for the person: every community and DM of one platform user."""

from __future__ import annotations

import json
import secrets

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.types import EventKind, Role
from tests.scenario.harness import Chat, make_chat

DM = {"dm": True}


def llm() -> FakeListChatModel:
    return FakeListChatModel(responses=["Rye, mostly [1]."] * 50)


def canary() -> str:
    return f"canary-{secrets.token_hex(6)}"


async def talk_everywhere(chat: Chat, user: str) -> list[str]:
    """The fan says a distinct canary in a DM, two communities and a thread."""
    said = []
    places = (DM, {"community": "g1"}, {"community": "g2"}, {"community": "g1", "thread": "t"})
    for where in places:
        word = canary()
        said.append(word)
        await chat.say(f"my locker code is {word}", user=user, **where)
        chat.clock.advance(seconds=40)
    return said


def found(words: list[str], text: str) -> list[str]:
    return [w for w in words if w in text]


async def export_of(chat: Chat, user: str, **where: object) -> str:
    [reply] = await chat.say("/my-data", user=user, **where)  # type: ignore[arg-type]
    assert reply.attachment is not None
    return reply.attachment.data.decode()


async def test_my_data_in_one_community_exports_every_chat_of_that_person():
    chat = await make_chat(llm())
    said = await talk_everywhere(chat, "fan7")
    exported = await export_of(chat, "fan7", community="g2")
    assert all(word in exported for word in said)
    assert json.loads(exported)["person"] == "test:fan7"


async def test_forget_me_asks_first_and_no_keeps_everything():
    chat = await make_chat(llm())
    said = await talk_everywhere(chat, "fan7")
    [ask] = await chat.say("/forget-me", user="fan7", **DM)
    assert "all 3 chats" in ask.text and "yes" in ask.text.lower()
    assert [b.action for b in ask.buttons] == ["forget-me", "forget-me"]
    # Nothing is deleted by asking, nor by saying no.
    assert found(said, await export_of(chat, "fan7", **DM)) == said
    no = next(b for b in ask.buttons if b.value.startswith("no"))
    [kept] = await chat.say(no.value, user="fan7", kind=EventKind.BUTTON, action=no.action, **DM)
    assert "nothing was deleted" in kept.text.lower()
    assert found(said, await export_of(chat, "fan7", **DM)) == said


async def test_yes_from_a_dm_forgets_every_chat_of_that_person_only():
    chat = await make_chat(llm())
    said = await talk_everywhere(chat, "fan7")
    other = await talk_everywhere(chat, "fan8")
    [ask] = await chat.say("/forget-me", user="fan7", **DM)
    yes = next(b for b in ask.buttons if b.value.startswith("yes"))
    # Someone else pressing the button (in a group, say) deletes nothing.
    [refused] = await chat.say(
        yes.value, user="fan8", kind=EventKind.BUTTON, action=yes.action, community="g1"
    )
    assert "someone else" in refused.text
    assert found(said, await export_of(chat, "fan7", **DM)) == said
    [done] = await chat.say(yes.value, user="fan7", kind=EventKind.BUTTON, action=yes.action, **DM)
    assert "Done" in done.text and "3 chats" in done.text
    state = chat.services.state
    for where in (DM, {"community": "g1"}, {"community": "g2"}):
        assert found(said, await export_of(chat, "fan7", **where)) == []
    log = await state.replies(chat.services.bot.id, limit=1000)
    assert not any(word in r.fan_text for r in log for word in said)
    assert found(other, await export_of(chat, "fan8", **DM)) == other


async def test_typed_yes_confirms_where_there_are_no_buttons():
    chat = await make_chat(llm())
    said = await talk_everywhere(chat, "fan7")
    done = await chat.text("/forget-me yes", user="fan7", community="g2")
    assert "Done" in done
    assert found(said, await export_of(chat, "fan7", **DM)) == []


async def test_the_persons_words_in_the_archive_context_are_exported_and_then_scrubbed():
    # In the example archive, Telegram user 3406182441 asked questions Mara answered.
    chat = await make_chat(llm())
    fan = {"user": "3406182441", "platform": "telegram", "dm": True}
    exported = json.loads(await export_of(chat, **fan))
    asked = {c["your_message"] for c in exported["archive_context"]}
    assert "Rye dough is so sticky!" in asked
    memory, bot_id = chat.services.memory, chat.services.bot.id
    answers = {c.id for c in await memory.context_chunks(bot_id, "telegram:3406182441")}
    assert "Done" in await chat.text("/forget-me yes", **fan)
    assert await memory.context_chunks(bot_id, "telegram:3406182441") == []
    kept = await memory.chunk_ids(bot_id)
    assert answers <= kept, "Mara's answers stay; only the fan's question goes"
    assert await memory.context_chunks(bot_id, "telegram:3389777488") != []


async def test_a_muted_fan_who_forgets_herself_stays_muted():
    # A mute is a moderator's decision about a person, not something the fan said: /forget-me
    # deletes what the clone remembers, it is not a way around moderation.
    chat = await make_chat(llm())
    mod = {"user": "mod1", "roles": frozenset({Role.MODERATOR})}
    said = await talk_everywhere(chat, "fan7")
    assert await chat.say("hello from the main room", user="fan7") != []
    await chat.text("/clone mute 1h <@fan7>", **mod)
    assert await chat.say("hi", user="fan7") == []
    [ask] = await chat.say("/forget-me", user="fan7", **DM)
    yes = next(b for b in ask.buttons if b.value.startswith("yes"))
    await chat.say(yes.value, user="fan7", kind=EventKind.BUTTON, action=yes.action, **DM)
    assert found(said, await export_of(chat, "fan7", **DM)) == []
    chat.clock.advance(seconds=40)
    assert await chat.say("hi again", user="fan7") == []
    assert await chat.say("hi", user="fan8") != []
