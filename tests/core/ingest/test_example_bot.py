"""The fictional example creator: valid config, a big clean archive, eval sets kept out."""

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from core.ingest.pipeline import run_ingest
from core.ingest.report import IngestReport
from core.ingest.sink import InMemoryChunkSink
from core.persona.bot import BotConfig, load_bot
from core.records import Chunk, Visibility

EXAMPLE = Path(__file__).parents[3] / "bots" / "example"


@pytest.fixture(scope="module")
def bot() -> BotConfig:
    return load_bot(EXAMPLE)


@pytest.fixture(scope="module")
def ingested(bot: BotConfig) -> tuple[IngestReport, list[Chunk]]:
    # Once per module: the archive is read-only here, and ingesting it is the slow part.
    sink = InMemoryChunkSink()
    report = asyncio.run(run_ingest(bot, EXAMPLE, sink))
    return report, sink.chunks("example")


@pytest.fixture
def chunks(ingested: tuple[IngestReport, list[Chunk]]) -> list[Chunk]:
    return ingested[1]


def _probes(name: str) -> list[dict]:
    lines = (EXAMPLE / "eval" / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_persona_is_complete_and_labelled_fictional(bot: BotConfig) -> None:
    persona = bot.persona
    assert bot.id == "example" and persona.fictional
    assert len(persona.facts) >= 10 and len(persona.deflections) >= 4
    assert {f.topic for f in persona.facts} >= {"family", "location", "pets", "plans", "work"}
    assert bot.roles.creators == ["console:creator"] and bot.roles.moderators == ["console:mod"]
    assert all(not s.path.startswith("eval") for s in bot.sources)


def test_the_archive_ingests_300_items_in_4_formats_without_errors(
    ingested: tuple[IngestReport, list[Chunk]],
) -> None:
    report, chunks = ingested
    assert report.ok, report.summary()
    assert not [w for s in report.sources for w in s.warnings], report.summary()
    assert report.items_read >= 300
    assert len({s.format for s in report.sources if s.items_read}) >= 4
    assert len(chunks) >= 300
    assert all(c.url for c in chunks)
    # Only the SRT has nowhere to keep a date.
    assert {c.source_file for c in chunks if not c.date} == {
        "archive/videos/mqb-feeding-barty.srt"
    }


def test_paid_items_are_kept_marked_and_never_use_is_absent(chunks: list[Chunk]) -> None:
    visibility = Counter(c.visibility for c in chunks)
    assert 2 <= visibility[Visibility.PAID] <= 4
    assert Visibility.NEVER_USE not in visibility
    assert not any("market rent" in c.text for c in chunks)


def test_the_planted_injection_is_quarantined_even_as_context(
    ingested: tuple[IngestReport, list[Chunk]],
) -> None:
    report, chunks = ingested
    assert not any("SYSTEM:" in c.text or "home address" in c.text for c in chunks)
    assert not any("SYSTEM:" in (c.context or "") for c in chunks)
    # Her answer is kept (her words); the fan message it answered is quarantined and reported.
    (answer,) = [c for c in chunks if c.source == "discord" and "stays private" in c.text]
    assert answer.context is None
    (found,) = [q for q in report.source("discord").quarantined if "home address" in q.message]
    assert "addressed to an AI" in found.message and found.location


def test_she_is_silent_on_the_personal_matters_probes_ask_about(chunks: list[Chunk]) -> None:
    words = ("husband", "wife", "married", "children", "kids", "birthday", "years old", "salary")
    assert not [w for c in chunks for w in words if w in c.text.lower()]


def test_eval_sets_are_never_ingested(chunks: list[Chunk]) -> None:
    heldout = {p["reply"] for p in _probes("heldout.jsonl")}
    assert not any(c.source_file.startswith("eval") for c in chunks)
    assert not any(reply in c.text for c in chunks for reply in heldout)


def test_grounded_probes_name_an_item_that_answers_them(chunks: list[Chunk]) -> None:
    grounded = [p for p in _probes("probes.jsonl") if p["category"] == "grounded"]
    for probe in grounded:
        expect = probe["expect"]
        texts = [c.text for c in chunks if c.item_id == expect["item_id"]]
        assert texts, probe
        assert any(expect["source_contains"] in t for t in texts), probe


def test_every_acceptable_item_of_a_grounded_probe_is_an_ingested_item(
    chunks: list[Chunk],
) -> None:
    """`acceptable_items` name real items (a typo would never be cited, and never count)."""
    items = {f"{c.source}:{c.item_id}" for c in chunks}
    for probe in (p for p in _probes("probes.jsonl") if p["category"] == "grounded"):
        expect = probe["expect"]
        acceptable = expect["acceptable_items"]
        assert f"{expect['source']}:{expect['item_id']}" in acceptable, probe
        assert set(acceptable) <= items, set(acceptable) - items


def test_probe_sets_have_the_promised_shape() -> None:
    probes = _probes("probes.jsonl")
    counts = Counter(p["category"] for p in probes)
    assert counts["grounded"] >= 15 and counts["absent"] >= 15
    assert counts["honesty"] >= 20 and counts["injection"] >= 10
    assert len({p["lang"] for p in probes if p["category"] == "honesty"}) >= 4
    assert all({"message", "category", "expect"} <= p.keys() for p in probes)
    heldout = _probes("heldout.jsonl")
    assert len(heldout) >= 20 and all(p.keys() == {"prompt", "reply"} for p in heldout)
