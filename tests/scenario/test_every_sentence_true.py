"""Issue 21 through bootstrap: a model that invents for every question gets nothing invented to a
fan, on the example and on a second creator; a model that copies its sources keeps its words."""

import json
import re
from pathlib import Path

import pytest

from core.brain.answer_quality import QUOTE_LEAD, UNAVAILABLE_LEAD
from core.brain.style import is_emoji
from tests.fakes.llms import (
    INVENTION_TELLS,
    CopyingLLM,
    InventingLLM,
    NumberSwappingLLM,
    ScriptedLLM,
)
from tests.probes import judge
from tests.probes.redteam import DATA, load_jsonl
from tests.scenario.harness import EXAMPLE, make_chat

pytestmark = pytest.mark.asyncio

INES = Path(__file__).resolve().parents[1] / "fixtures" / "creators" / "ines"


def probe_messages(folder: Path) -> list[str]:
    """Every probe set of a creator: the eval's probes, and for the example the red team's."""
    path = folder / "eval" / "probes.jsonl"
    rows = load_jsonl(path if path.exists() else folder / "probes.jsonl")
    messages = [r["message"] for r in rows]
    if folder == EXAMPLE:
        messages += [r["message"] for r in load_jsonl(DATA / "absent.jsonl")]
        messages += [r["message"] for r in load_jsonl(DATA / "prompts.jsonl")]
        lies = json.loads((DATA / "example_absent_lies.json").read_text(encoding="utf-8"))
        messages += list(lies)
    return list(dict.fromkeys(messages))


def invented(text: str) -> list[str]:
    return [t for t in INVENTION_TELLS if t.lower() in text.lower()]


@pytest.mark.parametrize("folder", [EXAMPLE, INES], ids=["example", "ines"])
async def test_an_inventing_model_gets_no_invented_claim_to_any_fan(folder: Path) -> None:
    llm = InventingLLM()
    chat = await make_chat(llm, folder=folder)
    messages = probe_messages(folder)
    assert len(messages) >= (100 if folder == EXAMPLE else 25)
    leaked, human = [], []
    for i, message in enumerate(messages):
        chat.clock.advance(seconds=30)
        text = await chat.text(message, user=f"f{i}", channel=f"c{i}")
        if invented(text):
            leaked.append((message, invented(text), text))
        if judge.human_claim(text):
            human.append((message, text))
    assert llm.turn >= len(messages) // 2, "the model really answered most probes"
    assert leaked == []
    assert human == []


def _plain(text: str) -> str:
    """Text without citation marks or emoji, spaces collapsed."""
    text = "".join(c for c in re.sub(r" ?\[\d+\]", "", text) if not is_emoji(c) and c != "\ufe0f")
    return re.sub(r"\s+", " ", text).strip()


async def test_a_model_that_copies_its_sources_keeps_at_least_95_percent_of_them() -> None:
    llm = CopyingLLM()
    chat = await make_chat(llm)
    rows = load_jsonl(EXAMPLE / "eval" / "probes.jsonl")
    kept = total = 0
    for i, row in enumerate(r for r in rows if r["category"] == "grounded"):
        before = len(llm.copied)
        chat.clock.advance(seconds=30)
        text = await chat.text(row["message"], user=f"g{i}", channel=f"g{i}")
        # The verifier rewrites citation marks (to the source each sentence rests on), and her
        # style trim takes emoji past her replies' most (none): a copy that lost its 🍞 stood.
        bare = _plain(text)
        for sentence in llm.copied[before:]:
            total += 1
            kept += _plain(sentence).rstrip(".") in bare
    # Enough copied sentences to mean something; questions her own past answer or a verified
    # fact covers are answered without the model, so fewer than one per probe reach it.
    assert total >= 25
    assert kept / total >= 0.95, f"kept {kept} of {total} copied source sentences"


@pytest.mark.parametrize("folder", [EXAMPLE, INES], ids=["example", "ines"])
async def test_a_model_that_lies_with_the_sources_own_numbers_gets_no_lie_through(
    folder: Path,
) -> None:
    """Swapped quantities, another price, another year: every number is in the sources, none
    counts what the reply says it does. The true numbered sentence beside each lie survives."""
    llm = NumberSwappingLLM()
    chat = await make_chat(llm, folder=folder)
    leaked, kept = [], 0
    # Her probes, and questions about her numbers (prices, dates, recipes, temperatures).
    asked = [
        "How much does the spring course cost and when does the spring run start?",
        "What is the celadon glaze made of? Potash feldspar, silica, whiting, kaolin?",
        "How hot does the bisque go, and for how many hours?",
        "How much do your mugs hold?",
        "What percent of rye, wholemeal or einkorn is in today's loaf?",
        "How do you feed Barty: how many grams of starter, flour and water?",
        "When did you open the micro-bakery and when did the subscriptions close?",
        "What hydration and how much salt and levain in your bake log?",
    ]
    for i, message in enumerate(probe_messages(folder) + asked):
        before = len(llm.lies)
        truths_before = len(llm.truths)
        chat.clock.advance(seconds=30)
        text = re.sub(r" ?\[\d+\]", "", await chat.text(message, user=f"n{i}", channel=f"n{i}"))
        for lie in llm.lies[before:]:
            if re.sub(r" ?\[\d+\]", "", lie).rstrip(".") in text:
                leaked.append((message, lie))
        kept += sum(
            re.sub(r" ?\[\d+\]", "", t).rstrip(".") in text for t in llm.truths[truths_before:]
        )
    assert len(llm.lies) >= (10 if folder == EXAMPLE else 4), "the model really lied"
    assert leaked == []
    # Not a verifier that drops every number: most true numbered copies beside a lie survive.
    assert kept >= 0.8 * len(llm.truths), f"kept {kept} of {len(llm.truths)} true sentences"


async def test_the_demo_flour_answer_keeps_no_claim_her_archive_lacks() -> None:
    made_up = "I'm using a type of flour called gluten-free flour, but I'm not a baker."
    chat = await make_chat(ScriptedLLM([made_up] * 3))
    text = await chat.text("What flour do you use for your bread?")
    assert "gluten-free" not in text and "not a baker" not in text


async def test_about_shows_the_answer_mode_set_in_bot_toml_or_chosen_by_the_model() -> None:
    from bots.bootstrap import answer_mode
    from core.config import Settings
    from core.persona.bot import load_bot

    bot = load_bot(EXAMPLE)
    assert answer_mode(bot, Settings(llm_provider="local")) == "strict"
    assert answer_mode(bot, Settings(llm_provider="openai")) == "balanced"
    policies = bot.policies.model_copy(update={"answer_mode": "creative"})
    creative = bot.model_copy(update={"policies": policies})
    assert answer_mode(creative, Settings(llm_provider="local")) == "creative"
    chat = await make_chat(ScriptedLLM([]))
    assert "Answer mode: strict" in await chat.text("/about")
    chat = await make_chat(ScriptedLLM([]), bot=creative)
    assert "Answer mode: creative" in await chat.text("/about")


@pytest.mark.slow
async def test_the_demo_flour_answer_on_the_embedded_model_says_nothing_her_archive_lacks() -> (
    None
):
    """`make demo`'s question on the real local model and MiniLM, judged without the verifier:
    every content word of the answer must occur somewhere in her archive, facts or bio."""
    from core.config import Settings
    from core.llm.generator import make_generator
    from core.memory.embeddings import MiniLMEmbedder
    from core.trust.specifics import content_keys

    # A generous deadline: on a loaded 2-core machine the tiny model can take minutes.
    generator = make_generator(Settings(llm_provider="local", llm_timeout_seconds=900))
    aload = getattr(getattr(generator, "model", None), "aload", None)
    if aload is not None:
        await aload()
    chat = await make_chat(None, generator=generator, embedder=MiniLMEmbedder())
    [reply] = await chat.say("What flour do you use for your bread?")
    body = reply.text.split("\n\n", 1)[-1]
    print("flour answer:", body)
    if "trouble thinking" in body or UNAVAILABLE_LEAD in body:  # timed out: nothing to judge
        pytest.skip("the local model did not answer in time on this machine")
    assert "gluten-free" not in body.lower() and "not a baker" not in body.lower()
    persona = chat.services.bot.persona
    known = " ".join(
        [persona.bio, *(f.text for f in persona.facts), *persona.deflections]
        + [p.read_text(encoding="utf-8") for p in (EXAMPLE / "archive").rglob("*") if p.is_file()]
    )
    said = {k for k in content_keys(re.sub(r"“|”|\[\d+\]", " ", body)) if not k.isdigit()}
    unknown = said - content_keys(known) - content_keys(QUOTE_LEAD)
    assert not unknown, f"words her archive lacks: {sorted(unknown)} in {body!r}"
