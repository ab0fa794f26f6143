import shutil
from pathlib import Path
from typing import Any

import pytest

from core.ingest.pipeline import run_ingest
from core.ingest.sink import InMemoryChunkSink
from core.records import Visibility

from .conftest import FIXTURES, make_bot

MARA_DISCORD = "333000000000000003"
SOURCES: list[dict[str, Any]] = [
    {"name": "blog", "path": "archive/blog", "format": "markdown", "creator_ids": ["Mara Quill"]},
    {"name": "x", "path": "archive/tweets.js", "format": "x", "creator_ids": ["maraquill"]},
    {
        "name": "tg",
        "path": "archive/result.json",
        "format": "telegram",
        "creator_ids": ["user5550001"],
    },
    {
        "name": "dc",
        "path": "archive/discord.json",
        "format": "discord",
        "creator_ids": [MARA_DISCORD],
    },
    {
        "name": "vtt",
        "path": "archive/talk.vtt",
        "format": "transcript",
        "creator_ids": ["Mara Quill"],
    },
    {"name": "srt", "path": "archive/talk.srt", "format": "transcript"},
    {"name": "ig", "path": "archive/posts.csv", "format": "csv"},
    {"name": "news", "path": "archive/posts.jsonl", "format": "jsonl"},
]


@pytest.fixture
def bot_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "archive")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "probes.jsonl").write_text('{"text": "EVAL SECRET"}\n')
    return tmp_path


async def test_every_format_is_ingested_with_provenance_and_no_errors(bot_dir: Path) -> None:
    sink = InMemoryChunkSink()
    report = await run_ingest(make_bot(*SOURCES), bot_dir, sink)
    assert report.ok, report.summary()
    assert {s.name: s.items_read for s in report.sources} == {
        "blog": 3, "x": 3, "tg": 2, "dc": 3, "vtt": 1, "srt": 1, "ig": 3, "news": 3,
    }  # fmt: skip
    chunks = sink.chunks("mara")
    assert report.chunks_stored == len(chunks) == report.chunks
    texts = " ".join(c.text for c in chunks)
    assert "&amp;" not in texts and "\r" not in texts
    assert "never want the clone" not in texts and "Private note" not in texts
    assert "dotfiles" not in texts and "EVAL SECRET" not in texts
    by_item = {c.item_id: c for c in chunks}
    assert by_item["first-loaf"].source_file == "archive/blog/2024-03-02-first-loaf.md"
    assert by_item["c2"].visibility is Visibility.PAID
    # The fan message this reply answers speaks to an AI: quarantined, not kept as context.
    assert by_item["900000000000000004"].context is None
    assert any("home address" in q.message for q in report.all_quarantined)
    vtt = [c for c in chunks if c.source == "vtt"]
    assert [(c.start, c.end) for c in vtt] == [("00:00:00", "00:00:40"), ("00:01:30", "00:01:50")]
    assert vtt[1].url == "https://video.example/watch?v=batard&t=90"
    assert report.source("tg").skipped["service message"] == 1
    assert report.source("blog").skipped["never-use"] == 1


async def test_reingest_is_a_no_op(bot_dir: Path) -> None:
    sink = InMemoryChunkSink()
    bot = make_bot(*SOURCES)
    first = await run_ingest(bot, bot_dir, sink)
    second = await run_ingest(bot, bot_dir, sink)
    assert first.chunks_stored > 0
    assert second.chunks_stored == 0 and second.chunks_removed == 0
    assert second.chunks == first.chunks


async def test_removing_a_source_from_the_config_removes_its_chunks(bot_dir: Path) -> None:
    sink = InMemoryChunkSink()
    await run_ingest(make_bot(*SOURCES), bot_dir, sink)
    report = await run_ingest(make_bot(*SOURCES[1:]), bot_dir, sink)
    assert report.removed_sources["blog"] == 3
    assert "blog" not in await sink.sources("mara")


async def test_a_missing_source_path_is_an_error_that_keeps_its_chunks(bot_dir: Path) -> None:
    # 19.22: a typo or a moved file must not wipe the source; removing it from bot.toml does.
    sink = InMemoryChunkSink()
    bot = make_bot(*SOURCES)
    await run_ingest(bot, bot_dir, sink)
    before = await sink.chunk_ids("mara", "ig")
    (bot_dir / "archive" / "posts.csv").unlink()
    (bot_dir / "archive" / "blog" / "kitchen-notes.txt").unlink()
    report = await run_ingest(bot, bot_dir, sink)
    ig = report.source("ig")
    assert ig.missing and ig.chunks_removed == 0 and ig.stale_kept == len(before) == 3
    assert not report.ok and "not found" in ig.errors[0].message
    assert await sink.chunk_ids("mara", "ig") == before
    # A file deleted inside a folder source that still exists is gone on purpose.
    assert report.source("blog").chunks_removed == 1
    report = await run_ingest(make_bot(*[s for s in SOURCES if s["name"] != "ig"]), bot_dir, sink)
    assert report.removed_sources["ig"] == 3 and await sink.chunk_ids("mara", "ig") == set()
    assert {c.item_id for c in sink.chunks() if c.source == "blog"} == {
        "first-loaf",
        "2024-04-10-members-lamination",
    }


async def test_an_edited_item_replaces_its_old_chunks(bot_dir: Path) -> None:
    sink = InMemoryChunkSink()
    bot = make_bot(*SOURCES)
    await run_ingest(bot, bot_dir, sink)
    (bot_dir / "archive" / "blog" / "kitchen-notes.txt").write_text("Rye likes 90% now.\n")
    report = await run_ingest(bot, bot_dir, sink)
    assert (report.source("blog").chunks_stored, report.source("blog").chunks_removed) == (1, 1)
    assert "Rye likes 90% now." in {c.text for c in sink.chunks()}


async def test_a_malformed_file_keeps_what_was_stored_and_the_rest_is_ingested(
    bot_dir: Path,
) -> None:
    sink = InMemoryChunkSink()
    bot = make_bot(*SOURCES)
    await run_ingest(bot, bot_dir, sink)
    before = await sink.chunk_ids("mara", "dc")
    discord = bot_dir / "archive" / "discord.json"
    discord.write_text(discord.read_text()[:300])  # truncated mid-header
    report = await run_ingest(bot, bot_dir, sink)
    dc = report.source("dc")
    assert dc.errors and dc.errors[0].file == "archive/discord.json"
    assert dc.errors[0].location.startswith("line")
    assert dc.chunks_removed == 0 and dc.stale_kept == len(before)
    assert await sink.chunk_ids("mara", "dc") == before
    assert all(not s.errors for s in report.sources if s.name != "dc")


async def test_eval_files_are_never_read_even_if_listed(bot_dir: Path) -> None:
    sink = InMemoryChunkSink()
    bot = make_bot({"name": "ev", "path": "eval/probes.jsonl", "format": "jsonl"})
    report = await run_ingest(bot, bot_dir, sink)
    assert "eval/" in report.source("ev").errors[0].message
    assert sink.chunks() == []


async def test_duplicate_source_names_are_reported(bot_dir: Path) -> None:
    report = await run_ingest(make_bot(SOURCES[6], SOURCES[6]), bot_dir, InMemoryChunkSink())
    assert len(report.sources) == 1 and "duplicate" in report.errors[0].message


async def test_progress_is_reported_per_source(bot_dir: Path) -> None:
    seen: list[tuple[str, int]] = []
    await run_ingest(
        make_bot(*SOURCES[:2]),
        bot_dir,
        InMemoryChunkSink(),
        on_progress=lambda s, n: seen.append((s, n)),
    )
    assert ("blog", 3) in seen and seen[-1][0] == "x"


async def test_summary_names_sources_skips_and_errors(bot_dir: Path) -> None:
    (bot_dir / "archive" / "posts.jsonl").write_text('{"text": 5}\n')
    report = await run_ingest(make_bot(*SOURCES), bot_dir, InMemoryChunkSink())
    text = report.summary()
    assert "tg (telegram): 2 read" in text and "skipped 1: service message" in text
    assert "archive/posts.jsonl:line 1: 'text' is int" in text


async def test_ingest_hands_every_chunk_as_the_claim_check_reads_it_to_prepare(
    bot_dir: Path,
) -> None:
    from core.trust.verify import chunk_text

    sink = InMemoryChunkSink()
    bot = make_bot(*SOURCES[:1])
    seen: list[str] = []

    async def prepare(texts: list[str]) -> int:
        seen.extend(texts)
        return len(texts)

    await run_ingest(bot, bot_dir, sink, prepare=prepare)
    want = sorted(chunk_text(c) for c in sink.chunks("mara"))
    assert sorted(seen) == want and any(t.count(".\n") for t in seen), "titles included"
    seen.clear()
    report = await run_ingest(bot, bot_dir, sink, prepare=prepare)
    assert report.chunks_stored == 0
    assert sorted(seen) == want, "chunks stored before (an older ingest) are prepared too"


async def test_a_failed_prepare_costs_the_ingest_nothing(bot_dir: Path) -> None:
    async def broken(texts: list[str]) -> int:
        raise RuntimeError("model unavailable")

    sink = InMemoryChunkSink()
    report = await run_ingest(make_bot(*SOURCES[:1]), bot_dir, sink, prepare=broken)
    assert report.ok and report.chunks_stored == len(sink.chunks("mara")) > 0


async def test_the_cli_prepares_the_claim_check_once_after_the_report_and_survives_a_failure(
    bot_dir: Path,
) -> None:
    from rich.console import Console

    from bots.ingest_view import ingest_with_progress
    from core.trust.verify import chunk_text

    calls: list[list[str]] = []

    async def prepare(texts: list[str]) -> int:
        calls.append(list(texts))
        return len(texts)

    async def broken(texts: list[str]) -> int:
        raise RuntimeError("model unavailable")

    bot = make_bot(*SOURCES[:2])
    for given, says in ((prepare, "Claim check prepared"), (broken, "Claim check not prepared")):
        sink, console = InMemoryChunkSink(), Console(record=True, width=200)
        report = await ingest_with_progress(bot, bot_dir, sink, object(), console, prepare=given)  # type: ignore[arg-type]
        printed = console.export_text()
        assert report.ok and says in printed
        # One call for the whole archive, after the report table is on screen.
        assert printed.index("ingest mara") < printed.index(says)
    assert len(calls) == 1
    assert sorted(calls[0]) == sorted(chunk_text(c) for c in sink.chunks("mara"))
    sink, console = InMemoryChunkSink(), Console(record=True, width=200)
    await ingest_with_progress(bot, bot_dir, sink, object(), console)  # type: ignore[arg-type]
    assert "Claim check" not in console.export_text()
