"""Ingest keeps each creator reply with the fan message it answered, as an exchange."""

import asyncio
import json
from pathlib import Path

from core.ingest.pipeline import run_ingest
from core.ingest.sink import InMemoryChunkSink
from core.memory.exchanges import Exchange, exchange_tenant
from core.persona.bot import load_bot
from core.records import Visibility

from .conftest import make_bot

EXAMPLE = Path(__file__).parents[3] / "bots" / "example"


def test_the_example_archive_yields_exchanges_per_source_with_links_and_askers() -> None:
    bot = load_bot(EXAMPLE)
    sink = InMemoryChunkSink()
    report = asyncio.run(run_ingest(bot, EXAMPLE, sink))
    per_source = {s.name: s.exchanges for s in report.sources}
    assert per_source["discord"] > 20 and per_source["telegram"] > 10
    assert per_source["blog"] == 0
    assert "exchange(s)" in report.summary()
    stored = [Exchange.from_chunk(c) for c in sink.chunks(exchange_tenant(bot.id))]
    assert len(stored) == report.exchanges
    discord = [e for e in stored if e.source == "discord"]
    assert all(e.url and e.url.startswith("https://discord.com/channels/") for e in discord)
    assert all(e.asker and e.asker.startswith("discord:") for e in discord)
    # The answer is the creator's words; the question is never stored as her archive.
    archive = {c.text for c in sink.chunks(bot.id)}
    assert all(e.answer in archive for e in discord)
    assert not {e.question for e in discord} & archive
    # Re-ingest stores nothing new and removes nothing.
    again = asyncio.run(run_ingest(bot, EXAMPLE, sink))
    assert again.exchanges == report.exchanges
    assert len(sink.chunks(exchange_tenant(bot.id))) == len(stored)


def test_a_paid_sources_exchanges_keep_its_visibility_and_leave_with_it(tmp_path: Path) -> None:
    export = {
        "guild": {"id": "1"},
        "channel": {"id": "2"},
        "messages": [
            {
                "id": "10",
                "type": "Default",
                "content": "how long do you proof?",
                "author": {"id": "77", "name": "fan"},
            },
            {
                "id": "11",
                "type": "Reply",
                "content": "Overnight, in the fridge.",
                "reference": {"messageId": "10"},
                "author": {"id": "5", "name": "mara"},
            },
        ],
    }
    (tmp_path / "d.json").write_text(json.dumps(export), encoding="utf-8")
    source = {
        "name": "club",
        "format": "discord",
        "path": "d.json",
        "visibility": "paid",
        "creator_ids": ["5"],
    }
    sink = InMemoryChunkSink()
    report = asyncio.run(run_ingest(make_bot(source), tmp_path, sink))
    assert report.source("club").exchanges == 1
    (stored,) = [Exchange.from_chunk(c) for c in sink.chunks(exchange_tenant("mara"))]
    assert stored.question == "how long do you proof?"
    assert stored.answer == "Overnight, in the fridge."
    assert stored.visibility is Visibility.PAID
    assert stored.asker == "discord:77"
    # Dropping the source from bot.toml drops its exchanges too.
    asyncio.run(run_ingest(make_bot(), tmp_path, sink))
    assert sink.chunks(exchange_tenant("mara")) == []
