"""The claim check across languages, through bootstrap on the multilingual embedder: a model
that answers in Spanish or German from her English archive keeps its faithful translations, and
one that invents in those languages gets no invented claim to a fan."""

import re

import pytest

from core.brain.style import is_emoji
from tests.fakes.llms import INVENTIONS_ACROSS, InventingAcrossLLM, TranslatingLLM
from tests.probes.redteam import load_jsonl
from tests.scenario.harness import EXAMPLE, make_chat

pytestmark = pytest.mark.asyncio

# Her grounded probes, and questions that reach the archive posts the translations are of.
ASKED = [
    "How do you bake the Tuesday Loaf, what temperatures and for how long?",
    "Where does Barty come from, and how do you feed him the night before a bake?",
    "What flour do you use for rye and einkorn, and do you buy your own flour?",
    "How long is the cold proof in the fridge and at what temperature?",
    "What did you do in Lyon in 2016?",
    "How did Quill & Crumb begin, and what did you do before baking?",
    "Why are the bread subscriptions closing?",
    "How do you bake the rye caraway loaf and when can I cut it?",
    "Tell me about Poolish the cat.",
    "How do you make the pizza dough balls?",
]


def _plain(text: str) -> str:
    text = "".join(c for c in re.sub(r" ?\[\d+\]", "", text) if not is_emoji(c) and c != "\ufe0f")
    return re.sub(r"\s+", " ", text).strip()


def _messages() -> list[str]:
    rows = load_jsonl(EXAMPLE / "eval" / "probes.jsonl")
    return [r["message"] for r in rows if r["category"] == "grounded"] + ASKED


# Kept on 2026-12-02: es 32/41, de 30/41 (the 90% aimed at is not reached). What is lost:
# sentences with no number or name whose cross-language cosine is under 0.89 ("Usa harina
# blanca de fuerza.", "No necesitas un horno de piso."), translated place names ("Reino Unido"
# for UK), German nouns after "in"/"von" read as names, and sentences whose words tell no
# language apart from English ("Slow Bread, erscheint im Herbst 2026.").
FLOOR = {"es": 0.75, "de": 0.7}


@pytest.mark.parametrize("lang", ["es", "de"])
async def test_a_model_translating_its_sources_keeps_most_of_them(meaning, lang):
    llm = TranslatingLLM(lang=lang)
    chat = await make_chat(llm, meaning=meaning)
    kept = total = 0
    lost = []
    for i, message in enumerate(_messages()):
        before = len(llm.said)
        chat.clock.advance(seconds=30)
        bare = _plain(await chat.text(message, user=f"t{i}", channel=f"t{i}"))
        for sentence in llm.said[before:]:
            total += 1
            if _plain(sentence).rstrip(".") in bare:
                kept += 1
            else:
                lost.append(sentence)
    assert total >= 20, "the model translated enough of its sources to mean something"
    assert kept / total >= FLOOR[lang], f"kept {kept} of {total}; lost {lost}"


@pytest.mark.parametrize("lang", ["es", "de"])
async def test_a_model_inventing_in_another_language_gets_no_invented_claim_through(meaning, lang):
    llm = InventingAcrossLLM(lang=lang)
    chat = await make_chat(llm, meaning=meaning)
    tells = [tell.lower() for _, tell in INVENTIONS_ACROSS[lang]]
    leaked = []
    for i, message in enumerate(_messages()):
        chat.clock.advance(seconds=30)
        text = (await chat.text(message, user=f"v{i}", channel=f"v{i}")).lower()
        leaked += [(message, t) for t in tells if t in text]
    assert llm.turn >= 10, "the model really answered"
    assert leaked == []
