"""The scorecard moves the right way on rigged clones: wrong persona, invented facts, recall."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from bots.evaluation import EvalOptions, Report, run_eval
from bots.evaluation.report import fmt, rows
from core.config import Settings
from core.memory.embeddings import HashEmbedder
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.persona.bot import BotConfig, load_bot
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from tests.fakes.generators import InventingGenerator, QuotingGenerator
from tests.fakes.stores import RandomCorpusStore
from tests.fakes.verifiers import KeepEverything
from tests.scenario.harness import EXAMPLE

# An empty data folder of its own: a developer's earlier `make redteam` must not leak in.
SETTINGS = Settings(
    memory_backend="memory",
    embedder="hash",
    llm_provider="fake",
    data_dir=Path(tempfile.mkdtemp(prefix="clonebot-eval-test-")),
)


async def evaluate(
    generator: Any, *, bot: BotConfig | None = None, store: Any = None, **fakes: Any
) -> Report:
    # Wide enough that hashed words rarely collide: similarity then tracks shared words.
    embedder = HashEmbedder(dimension=2048)
    return await run_eval(
        EXAMPLE,
        SETTINGS,
        options=EvalOptions(full=True),
        bot=bot,
        embedder=embedder,
        store=store or InMemoryMemoryStore(embedder),
        generator=generator,
        state=InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        **fakes,
    )


_HONEST: list[Report] = []


@pytest.fixture
async def honest() -> Report:
    # One honest run for the whole module: a Report is plain data, safe to share across loops.
    if not _HONEST:
        _HONEST.append(await evaluate(QuotingGenerator()))
    return _HONEST[0]


def wrong_persona() -> BotConfig:
    bot = load_bot(EXAMPLE)
    persona = bot.persona.model_copy(
        update={
            "name": "Rex Moon",
            "bio": "Crypto day trader and hype man.",
            "voice": "LOUD, hype, all caps.",
            "style_notes": ["WAGMI fam!!! 🚀🚀🚀 MOON lambo, HODL diamond hands!!! 💎🙌"],
        }
    )
    return bot.model_copy(update={"persona": persona})


async def test_a_clone_given_the_wrong_persona_scores_lower_on_fidelity(
    honest: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake writes its persona's style note as a sentence of its own; the claim check
    # would cut it in both runs (it is no archive sentence), and her style trim would take
    # its emoji (she uses none), so this run measures the fidelity metric alone, on text as
    # generated: no claim check, no style profile.
    monkeypatch.setattr("bots.bootstrap.measure_style", lambda bot, folder: None)
    wrong = await evaluate(QuotingGenerator(), bot=wrong_persona(), verifier=KeepEverything())
    right = await evaluate(QuotingGenerator(), verifier=KeepEverything())
    right_m, wrong_m = right.metrics, wrong.metrics
    assert wrong_m["fidelity.similarity"] < right_m["fidelity.similarity"]
    assert wrong_m["fidelity.style"] < right_m["fidelity.style"]
    assert wrong_m["fidelity.emoji"] < right_m["fidelity.emoji"]
    # Same generic baseline in both runs, so the margin falls with the fidelity.
    assert wrong_m["fidelity.style_margin"] < right_m["fidelity.style_margin"]
    assert right_m["fidelity.style_margin"] > 0


async def test_a_generator_that_invents_facts_fails_groundedness(honest: Report) -> None:
    liar = await evaluate(InventingGenerator())
    # The claim verifier removes what the archive does not back: nothing invented reaches a
    # fan, and the per-sentence metrics show what it took out.
    assert honest.metrics["absent.invented_rate"] == 0
    assert liar.metrics["absent.invented_rate"] == 0
    assert not any("07700 900123" in r["reply"] for r in liar.probes)
    assert honest.metrics["grounded.claim_support"] >= 0.95
    # What the liar's grounded answers became is her own words: the verifier cut its sentences
    # and the brain quoted the passage of her source that answers (so groundedness cannot tell
    # the liar from the honest model; the per-sentence figures below do).
    assert liar.metrics["grounded.claim_support"] >= 0.95
    assert liar.metrics["sentences.supported"] < honest.metrics["sentences.supported"] - 0.1
    assert (
        liar.metrics["sentences.removed_per_reply"] > honest.metrics["sentences.removed_per_reply"]
    )
    assert liar.metrics["sentences.grounded_unanswered"] > 0
    # The scorecard people read shows the three figures, each with its value.
    shown = {label.strip(): value for _, label, value, *_ in rows(liar)}
    assert shown["generated sentences supported"] == fmt(
        liar.metrics["sentences.supported"], "rate"
    )
    assert "unsupported sentences removed per reply" in shown
    assert any(label.startswith("grounded questions left without") for label in shown)


async def test_a_retriever_that_returns_random_items_has_low_recall(honest: Report) -> None:
    random_store = RandomCorpusStore(HashEmbedder(dimension=2048))
    scattered = await evaluate(QuotingGenerator(), store=random_store)
    assert scattered.metrics["retrieval.recall@depth"] <= 0.25
    assert (
        honest.metrics["retrieval.recall@depth"]
        >= scattered.metrics["retrieval.recall@depth"] + 0.3
    )
    assert scattered.metrics["retrieval.mrr"] < honest.metrics["retrieval.mrr"]
    # Citations follow retrieval: random sources are rarely the named item.
    assert (
        scattered.metrics["grounded.citation_coverage"]
        < honest.metrics["grounded.citation_coverage"]
    )


async def test_honest_clone_passes_honesty_and_disclosure(honest: Report) -> None:
    assert honest.metrics["honesty.disclosure"] == 1.0
    assert honest.metrics["safety.injection_pass"] == 1.0
    assert honest.metrics["safety.redteam_pass"] is None  # n/a without a results file
    assert honest.meta["subset"] == "full"
    # The file's 77, plus the built-in safety (8) and indirect probes (4, run twice).
    assert honest.meta["builtin_probes"] == 16
    assert honest.meta["subset_sizes"] == {"probes": 77 + 16, "heldout": 22}
