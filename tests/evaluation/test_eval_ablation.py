"""The eval's ablation rows measure each part of her voice on the same probes, and --limit draws
the same seeded subset every time."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from bots.evaluation import EvalOptions, Report, run_eval
from bots.evaluation.ablation import ABLATIONS
from bots.evaluation.probes import load_heldout, load_probes, pick_subset
from bots.evaluation.report import ablation_table
from core.config import Settings
from core.memory.embeddings import HashEmbedder
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from tests.fakes.generators import ExampleEchoGenerator, InventingGenerator
from tests.fakes.verifiers import KeepEverything
from tests.scenario.harness import EXAMPLE

SETTINGS = Settings(
    memory_backend="memory",
    embedder="hash",
    llm_provider="fake",
    data_dir=Path(tempfile.mkdtemp(prefix="clonebot-ablation-test-")),
)


async def evaluate(generator: Any, limit: int = 4, **fakes: Any) -> Report:
    embedder = HashEmbedder(dimension=2048)
    return await run_eval(
        EXAMPLE,
        SETTINGS,
        options=EvalOptions(ablate=True, limit=limit, builtin=False),
        embedder=embedder,
        store=InMemoryMemoryStore(embedder),
        generator=generator,
        state=InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        **fakes,
    )


async def test_each_configuration_gets_a_row_and_few_shot_moves_the_voice() -> None:
    report = await evaluate(ExampleEchoGenerator(), verifier=KeepEverything())
    rows = {r["name"]: r for r in report.ablation}
    assert [r["name"] for r in report.ablation] == [a.name for a in ABLATIONS]
    # Without exchanges the model saw no example and wrote like an assistant; with them, like her.
    assert rows["few-shot"]["fidelity.similarity"] > rows["none"]["fidelity.similarity"] + 0.05
    assert rows["none"]["reused"] == rows["few-shot"]["reused"] == 0
    # The full row is the main run's own answers: the scorecard's figures, not asked again.
    full = rows["full"]
    assert full["fidelity.similarity"] == report.metrics["fidelity.similarity"]
    assert full["fidelity.similarity_margin"] == report.metrics["fidelity.similarity_margin"]
    assert full["seconds"] == 0.0
    turns = report.meta["subset_sizes"]["heldout"] + sum(
        r["category"] in ("grounded", "absent", "honesty") for r in report.probes
    )
    assert all(r["turns"] == turns for r in report.ablation)
    # Each asked row costs generations, none of which count in the main run's speed figures.
    asked = len(report.probes) + report.meta["subset_sizes"]["heldout"]
    assert report.metrics["cost.generations"] <= asked
    table = ablation_table(report)
    assert table is not None and table.row_count == len(ABLATIONS)


async def test_rows_show_invented_facts_when_nothing_removes_them() -> None:
    # An inventing model with no claim check: every row must show it, none may hide it.
    report = await evaluate(InventingGenerator(), verifier=KeepEverything())
    rows = {r["name"]: r for r in report.ablation}
    assert rows["none"]["absent.invented_rate"] > 0
    assert rows["full"]["absent.invented_rate"] > 0
    assert all(r["honesty.pass"] == 1.0 for r in report.ablation)


def test_limit_draws_the_same_subset_for_a_seed_and_caps_each_category() -> None:
    probes = load_probes(EXAMPLE / "eval" / "probes.jsonl")
    pairs = load_heldout(EXAMPLE / "eval" / "heldout.jsonl")
    first = pick_subset(probes, pairs, full=True, limit=5, seed=23)
    again = pick_subset(probes, pairs, full=False, limit=5, seed=23)
    other = pick_subset(probes, pairs, full=True, limit=5, seed=24)
    assert first == again
    assert first != other
    counts: dict[str, int] = {}
    for p in first[0]:
        counts[p.category] = counts.get(p.category, 0) + 1
    assert counts and max(counts.values()) == 5
    assert len(first[1]) == 5
    # In file order, so the report reads like the file.
    assert [p.id for p in first[0]] == sorted(
        (p.id for p in first[0]), key=lambda i: [p.id for p in probes].index(i)
    )
    assert re.fullmatch(r"heldout-\d+", first[1][0].id)
