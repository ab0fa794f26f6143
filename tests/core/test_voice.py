"""Her voice from her exchanges: few-shot examples reach the prompt, her own answer is reused
(cited, linked, marked with its date) when a fan asks the same thing in other words, and the
fan's entitlement and the answer's age are respected."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from langchain_core.messages import AIMessage, SystemMessage

from core.brain.voice import VoiceBudget, before_mark, is_stale, pick_examples, reusable
from core.config import Settings
from core.memory.embeddings import make_embedder
from core.memory.exchanges import Exchange, ScoredExchange
from core.persona.bot import load_bot
from core.records import Chunk, Visibility
from tests.fakes.llms import FollowingLLM
from tests.scenario.harness import EXAMPLE, Chat, make_chat

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _plain(text: str) -> str:
    """Without citation marks (the verifier puts one after each sentence it backs)."""
    return re.sub(r"\s?\[\d{1,2}\]", "", text)


def _ex(question: str, answer: str, **kw: object) -> Exchange:
    fields: dict[str, object] = {
        "creator_id": "example",
        "question": question,
        "answer": answer,
        "source": "discord",
        "source_file": "d.json",
        "date": "2025-06-01T10:00:00+00:00",
        "url": "https://discord.com/channels/1/2/3",
    }
    fields.update(kw)
    return Exchange(**fields)  # type: ignore[arg-type]


def test_reuse_needs_the_measured_similarity_a_fresh_date_and_prefers_her_revision() -> None:
    budget = VoiceBudget()
    old = _ex("q", "old answer", date="2015-01-01")
    fresh = _ex("q", "fresh answer")
    revised = _ex("q", "revised", kind="correction", source="review")
    assert reusable([ScoredExchange(fresh, budget.reuse_threshold - 0.01)], budget, NOW) is None
    assert reusable([ScoredExchange(old, 0.99)], budget, NOW) is None
    assert is_stale(_ex("q", "a", date=None), NOW, 30)
    assert reusable([ScoredExchange(fresh, 0.99)], budget, NOW) == fresh
    # An archive answer with a revision for the same question is superseded.
    both = [ScoredExchange(fresh, 0.99), ScoredExchange(revised, 0.9)]
    assert reusable(both, budget, NOW) == revised
    assert before_mark(fresh) == "What I said before (on 1 Jun 2025)"


def test_examples_are_her_revisions_first_deduplicated_and_clipped() -> None:
    budget = VoiceBudget(examples=2, example_chars=20)
    hits = [
        ScoredExchange(_ex("a", "same reply"), 0.8),
        ScoredExchange(_ex("b", "same reply", source="telegram"), 0.79),
        ScoredExchange(_ex("c", "her own revised words, which run long", kind="correction"), 0.5),
        ScoredExchange(_ex("d", "unrelated"), 0.1),
    ]
    assert pick_examples(hits, budget) == [("c", "her own revised …"), ("a", "same reply")]


@pytest.fixture
async def minilm_chat() -> AsyncIterator[Chat]:
    # A meaning embedder: the reuse threshold was measured on MiniLM (bench.reuse_threshold).
    import tests.scenario.harness as harness

    embedder = make_embedder(Settings())
    original = harness.HashEmbedder
    harness.HashEmbedder = lambda: embedder  # type: ignore[assignment,misc]
    try:
        chat = await make_chat(FollowingLLM())
    finally:
        harness.HashEmbedder = original  # type: ignore[misc]
    yield chat


async def test_a_question_she_answered_on_discord_gets_her_answer_with_a_link(
    minilm_chat: Chat,
) -> None:
    replies = await minilm_chat.say("what is the name of your cat?")
    (reply,) = replies
    assert "Poolish! Ginger, bossy" in _plain(reply.text)
    assert "What I said before (on " in reply.text
    (citation,) = reply.citations
    assert citation.url and citation.url.startswith("https://discord.com/channels/")


async def test_her_answer_is_reused_for_the_same_question_asked_in_another_language(
    minilm_chat: Chat,
) -> None:
    # MiniLM knows English only; the multilingual model matches across languages, at the
    # threshold measured on cross-language pairs (bench.reuse_threshold).
    (reply,) = await minilm_chat.say("¿Cada cuánto alimentas a Barty?")
    assert "Once a week in the fridge" in _plain(reply.text)
    assert "What I said before (on " in reply.text
    assert reply.citations and reply.citations[0].url
    # Another question on the same topic, in another language, is not hers to reuse.
    minilm_chat.clock.advance(seconds=60)
    llm = minilm_chat.clone.brain.generator.model
    before = len(llm.calls)
    (other,) = await minilm_chat.say("¿Cuántos años tiene tu gato?", user="fan2")
    assert "What I said before" not in other.text
    assert len(llm.calls) > before  # the model was asked, no reply of hers was reused


async def test_few_shot_examples_reach_the_prompt_apart_from_the_sources(
    minilm_chat: Chat,
) -> None:
    brain = minilm_chat.clone.brain
    llm = brain.generator.model
    brain.voice = replace(brain.voice, reuse_threshold=2.0)  # no reuse: generate
    try:
        await minilm_chat.say("my sourdough loaves keep coming out flat and heavy, any advice?")
    finally:
        brain.voice = replace(brain.voice, reuse_threshold=VoiceBudget().reuse_threshold)
    prompt = llm.calls[-1]
    system = prompt[0]
    assert isinstance(system, SystemMessage) and "real replies" in str(system.content)
    examples = [str(m.content) for m in prompt[1:-1] if isinstance(m, AIMessage)]
    assert any("under-fermented" in e for e in examples)
    # The examples are turns before the question, never numbered SOURCES.
    assert "under-fermented" not in str(prompt[-1].content)


async def test_a_paid_exchange_is_never_reused_or_shown_to_a_fan_without_the_role() -> None:
    bot = load_bot(EXAMPLE)
    bot = bot.model_copy(
        update={"roles": bot.roles.model_copy(update={"paid_role_ids": ["club"]})}
    )
    llm = FollowingLLM()
    chat = await make_chat(llm, bot=bot, ingest=False)
    secret = "Members get the laminated croissant method: three folds at 4 degrees."
    paid = _ex(
        "how do you laminate croissants",
        secret,
        creator_id=bot.id,
        visibility=Visibility.PAID,
        date="2026-01-01",
    )
    await chat.services.memory.upsert_exchanges([paid])
    public = (await chat.say("how do you laminate croissants", user="free"))[0]
    assert secret not in public.text
    assert all(secret not in str(m.content) for call in llm.calls for m in call)
    chat.clock.advance(seconds=60)  # past the channel's cooldown
    member = (
        await chat.say(
            "how do you laminate croissants", user="paying", role_ids=frozenset({"club"})
        )
    )[0]
    assert secret.rstrip(".") in _plain(member.text) and member.citations[0].url == paid.url


async def test_a_trusted_remote_model_adapts_lightly_but_keeps_the_mark_and_citation() -> None:
    chat = await make_chat(FollowingLLM(), ingest=False)
    chat.clone.brain.voice = VoiceBudget(verbatim=False)
    own = _ex(
        "what time do new videos come out",
        "Every Tuesday at 17:00 UK time.",
        creator_id=chat.services.bot.id,
    )
    await chat.services.memory.upsert_exchanges([own])
    (reply,) = await chat.say("what time do new videos come out")
    assert "Every Tuesday at 17:00 UK time" in _plain(reply.text)
    assert "(What I said before (on 1 Jun 2025).)" in reply.text
    assert reply.citations[0].url == own.url


async def test_an_edited_draft_becomes_her_answer_with_priority_and_is_reused() -> None:
    from core.types import ReplyKind
    from tests.scenario.test_control import CREATOR, creator_chat

    chat = await creator_chat()
    await chat.text("/clone mode copilot", **CREATOR)
    assert await chat.say("and what water do you use?") == []
    draft = [r for r in chat.sender.sent if r.kind is ReplyKind.DRAFT][-1].buttons[0].value
    await chat.text(f"/clone edit {draft} Tap water, left to stand overnight.", **CREATOR)
    memory = chat.services.memory
    hit = (
        await memory.recall_exchanges(
            chat.services.bot.id, "and what water do you use?", 4, frozenset({Visibility.PUBLIC})
        )
    )[0]
    assert hit.exchange.priority and hit.exchange.answer == "Tap water, left to stand overnight."
    assert hit.exchange.asker == "test:fan1"
    await chat.text("/clone mode auto", **CREATOR)
    chat.clock.advance(seconds=60)
    (reply,) = await chat.say("and what water do you use?", user="fan2")
    assert "What I said before" in reply.text and "Tap water, left to stand" in reply.text
    # /forget-me by the fan who asked takes their question out with the exchange.
    assert await memory.scrub_context(chat.services.bot.id, "test:fan1") >= 1
    left = await memory.recall_exchanges(
        chat.services.bot.id, "and what water do you use?", 4, frozenset(Visibility)
    )
    assert all(h.exchange.source != "review" for h in left)


async def test_when_nothing_generated_stands_she_is_quoted_where_her_source_answers() -> None:
    from tests.fakes.generators import InventingGenerator

    # It copies the source sentence nearest the question with its numbers changed, and adds a
    # teacher and a city it made up.
    chat = await make_chat(None, generator=InventingGenerator(), ingest=False)
    post = Chunk(
        id="p1",
        creator_id=chat.services.bot.id,
        source="blog",
        source_file="post.md",
        text=(
            "Market week again and the rain never stopped. "
            "For the Tuesday Loaf I prove the dough in a 25 cm oval banneton overnight. "
            "Then I had tea with Jo."
        ),
        url="https://maraquill.example/blog/p1",
    )
    await chat.services.memory.upsert_chunks([post])
    (reply,) = await chat.say(
        "for the tuesday loaf, do you prove the dough in a banneton overnight?"
    )
    # Every invented sentence is cut; the quote is the sentence that answers, not the start.
    assert "quoted" in (await chat.services.state.replies(chat.services.bot.id, limit=1))[0].flags
    assert "25 cm oval banneton" in reply.text
    assert "rain never stopped" not in reply.text
    assert reply.citations[0].url == post.url


async def test_a_verified_fragment_that_only_echoes_the_question_becomes_her_quote() -> None:
    from tests.fakes.generators import ProbeLiar

    asked = "for the tuesday loaf, do you prove the dough in a banneton overnight?"
    # Every word of it is the question's (and true of her post): it stands, and says nothing.
    chat = await make_chat(
        None, generator=ProbeLiar({asked: "The Tuesday Loaf dough."}), ingest=False
    )
    post = Chunk(
        id="p1",
        creator_id=chat.services.bot.id,
        source="blog",
        source_file="post.md",
        text="For the Tuesday Loaf I prove the dough in a 25 cm oval banneton overnight.",
        url="https://maraquill.example/blog/p1",
    )
    await chat.services.memory.upsert_chunks([post])
    (reply,) = await chat.say(asked)
    flags = (await chat.services.state.replies(chat.services.bot.id, limit=1))[0].flags
    assert "echo" in flags and "quoted" in flags, flags
    assert "25 cm oval banneton" in reply.text


async def test_a_quote_below_the_relevance_floor_becomes_her_deflection() -> None:
    """Her true sentence that does not answer is no answer of hers (issue 21): below the floor
    she deflects; a passage that answers is still quoted. The floor in force for MiniLM is 0.0
    (bench/quote_floor.py found none that separates), so this sets one to test the mechanism."""
    from core.memory.embeddings import MiniLMEmbedder
    from tests.fakes.generators import ProbeLiar

    asked = "What can I make with sourdough discard?"
    # Nothing it writes stands on a source: the verifier cuts it all, so the brain quotes.
    invented = "Chef Pierre Dubois taught me that in Marseille in 2011."
    chat = await make_chat(
        None, generator=ProbeLiar({asked: invented}), ingest=False, embedder=MiniLMEmbedder()
    )
    brain = chat.services.clone.brain
    brain.quote_floor = 0.7
    bot_id = chat.services.bot.id

    def post(key: str, text: str) -> Chunk:
        return Chunk(
            id=key, creator_id=bot_id, source="x", source_file="tweets.js", text=text, url=None
        )

    # Retrieved for the question (cosine 0.56), nearest sentence "#sourdough" at 0.61.
    await chat.services.memory.upsert_chunks(
        [post("x1", "Butter at room temperature, every time. #sourdough")]
    )
    (reply,) = await chat.say(asked)
    flags = (await chat.services.state.replies(bot_id, limit=1))[0].flags
    assert "quote-unrelated" in flags and "quoted" not in flags, flags
    assert "Butter" not in reply.text and not reply.citations
    assert any(d in reply.text for d in chat.services.bot.persona.deflections), reply.text

    # Her sentence that answers (cosine 0.76) is quoted and cited.
    await chat.services.memory.upsert_chunks(
        [post("x2", "With sourdough discard I make crumpets, crackers and pancakes.")]
    )
    chat.clock.advance(seconds=60)
    (reply,) = await chat.say(asked, user="fan2")
    flags = (await chat.services.state.replies(bot_id, limit=1))[0].flags
    assert "quoted" in flags, flags
    assert "crumpets, crackers and pancakes" in reply.text and "Butter" not in reply.text
    assert reply.citations and reply.citations[0].source_id == "x2"


async def test_her_fact_answers_only_the_question_it_answers() -> None:
    """A true fact of hers that does not say what was asked is no answer (issue 21): "which
    school" gets her deflection, not "I taught chemistry at a secondary school"; a question the
    fact does answer still gets it when the model's own text is cut."""
    from tests.fakes.generators import ProbeLiar

    school = "Which school did you teach chemistry at?"
    taught = "Did you use to teach?"
    # Both invented: the verifier cuts them, so the brain falls back on words she approved.
    chat = await make_chat(
        None,
        generator=ProbeLiar(
            {school: "I taught at Hillcrest Academy in Leeds.", taught: "Yes, at Hillcrest."}
        ),
        ingest=False,
    )
    bot = chat.services.bot
    teacher = next(f.text for f in bot.persona.facts if f.id == "teacher")

    (reply,) = await chat.say(school)
    flags = (await chat.services.state.replies(bot.id, limit=1))[0].flags
    assert "fact" not in flags, flags
    assert "secondary school" not in reply.text and "Hillcrest" not in reply.text, reply.text
    assert any(d in reply.text for d in bot.persona.deflections), reply.text

    chat.clock.advance(seconds=60)
    (reply,) = await chat.say(taught, user="fan2")
    flags = (await chat.services.state.replies(bot.id, limit=1))[0].flags
    assert "fact" in flags, flags
    assert teacher in reply.text and "Hillcrest" not in reply.text


async def test_a_hashtag_only_piece_is_never_the_quote() -> None:
    """ "#sourdough" is the sentence nearest "What can I make with sourdough discard?" by
    embedding, and says nothing: a piece with no words of content (hashtags, emoji, a link)
    is left out of the choice, so it is never quoted as her answer."""
    from core.memory.embeddings import MiniLMEmbedder
    from tests.fakes.generators import ProbeLiar

    asked = "What can I make with sourdough discard?"
    invented = "Chef Pierre Dubois taught me that in Marseille in 2011."
    chat = await make_chat(
        None, generator=ProbeLiar({asked: invented}), ingest=False, embedder=MiniLMEmbedder()
    )
    bot_id = chat.services.bot.id

    def post(key: str, text: str) -> Chunk:
        return Chunk(
            id=key, creator_id=bot_id, source="x", source_file="tweets.js", text=text, url=None
        )

    # MiniLM: "#sourdough" 0.61 to the question, "Got discard?" 0.36, "Butter at..." 0.31;
    # both posts are retrieved (0.56 and 0.46).
    await chat.services.memory.upsert_chunks(
        [
            post("x1", "Butter at room temperature, every time. #sourdough"),
            post("x2", "Got discard? Crumpets, crackers, pancakes."),
        ]
    )
    (reply,) = await chat.say(asked)
    flags = (await chat.services.state.replies(bot_id, limit=1))[0].flags
    assert "quoted" in flags, flags
    assert "Crumpets, crackers, pancakes" in reply.text, reply.text
    assert "#sourdough" not in reply.text and "Butter" not in reply.text, reply.text
    assert reply.citations[0].source_id == "x2"
