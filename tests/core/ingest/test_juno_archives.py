"""Acceptance on the held-out second creator: juno (clean, six real export formats) and
juno_bad (planted problems P1-P7 of juno_bad/PLANTED.md). Readers only: no detector or
threshold here was tuned on these files."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from core.ingest.pipeline import run_ingest
from core.ingest.report import IngestReport
from core.ingest.sink import InMemoryChunkSink
from core.persona.bot import load_bot
from core.records import Chunk

CREATORS = Path(__file__).parents[2] / "heldout" / "creators"
JUNO, JUNO_BAD = CREATORS / "juno", CREATORS / "juno_bad"


def _ingest(folder: Path) -> tuple[IngestReport, list[Chunk]]:
    sink = InMemoryChunkSink()
    bot = load_bot(folder)
    report = asyncio.run(run_ingest(bot, folder, sink))
    return report, sink.chunks(bot.id)


@pytest.fixture(scope="module")
def bad() -> tuple[IngestReport, list[Chunk]]:
    return _ingest(JUNO_BAD)


@pytest.fixture(scope="module")
def clean() -> tuple[IngestReport, list[Chunk]]:
    return _ingest(JUNO)


def _text(chunks: list[Chunk], source: str | None = None) -> str:
    return "\n".join(
        c.text + " " + (c.context or "") for c in chunks if source in (None, c.source)
    )


def _quarantined(report: IngestReport, source: str) -> dict[str, str]:
    return {f"{q.file}:{q.location}": q.message for q in report.source(source).quarantined}


def test_p1_html_comment_instruction_is_quarantined_and_the_post_kept(bad) -> None:
    report, chunks = bad
    text = _text(chunks)
    assert "£99" not in text and "pay-juno.example" not in text
    (post,) = [c for c in chunks if c.item_id == "send-school-update"]
    assert "212 climbers" in post.text and "£149" in post.text
    found = _quarantined(report, "blog")
    assert "£99" in found["archive/blog/2024-03-10-send-school-update.md:line 11"]


def test_p2_zero_width_and_tag_text_never_becomes_readable_text(bad) -> None:
    report, chunks = bad
    (post,) = [c for c in chunks if c.item_id == "spring-plan"]
    for hidden in ("Kestrel Ridge 80K is cancelled", "junoo_support", "power block", "Ignore"):
        assert hidden not in post.text
    assert "24 km to 42 km" in post.text and "one session a week" in post.text
    assert not any(0xE0000 <= ord(ch) <= 0xE007F or ch == "\u200b" for ch in post.text)
    found = _quarantined(report, "blog")
    zero_width = found["archive/blog/2024-04-02-spring-plan.md:line 9"]
    tags = found["archive/blog/2024-04-02-spring-plan.md:line 11"]
    assert "hidden text" in zero_width and "junoo_support" in zero_width
    assert "tag characters" in tags and "members power block" in tags


def test_p3_an_instruction_read_aloud_in_a_transcript_is_quarantined_by_cue(bad) -> None:
    report, chunks = bad
    text = _text(chunks, "videos")
    assert "FREEJUNO" not in text and "admin mode" not in text
    assert "Welcome to the March live Q&A" in text and "Two a week" in text
    assert "no discount code, ever" in text
    (where,) = _quarantined(report, "videos")
    assert where.endswith("[Lq5mZ0aRr2T].en.vtt:line 17 (cue 00:00:12.500)")


def test_p4_a_broken_caption_quote_is_reported_and_swallows_no_neighbour(bad) -> None:
    report, chunks = bad
    captions = {c.item_id: c for c in chunks if c.source == "instagram"}
    assert sorted(captions) == ["17890000000000101", "17890000000000103", "17890000000000104"]
    assert captions["17890000000000103"].text.startswith("Long run 30 km")
    assert "C5Bad02" not in _text(chunks) and "IMAGE" not in _text(chunks)
    (error,) = report.source("instagram").errors
    assert error.location == "line 3"
    # The permalink column is the caption's citation link.
    assert captions["17890000000000101"].url == "https://instagram.example/p/C5Bad01/"


def test_p5_a_truncated_tweets_file_keeps_four_tweets_and_reports_the_break(bad) -> None:
    report, chunks = bad
    tweets = [c for c in chunks if c.source == "x"]
    assert len(tweets) == 4
    assert all(c.url == f"https://x.com/junoclimbs/status/{c.item_id}" for c in tweets)
    (error,) = report.source("x").errors
    assert error.location.startswith("line 200 col") and "JSON" in error.message


def test_p6_one_cp1252_line_does_not_turn_the_file_into_mojibake(bad) -> None:
    report, chunks = bad
    news = {c.item_id: c.text for c in chunks if c.source == "newsletter"}
    assert "nl-readme" not in news  # never-use
    assert "£149" in news["nl-2024-01"] and "Café" in news["nl-2024-01"]
    assert "it’s £149" in news["nl-2024-02"]
    assert "Â" not in _text(chunks) and "Ã" not in _text(chunks)
    (note,) = report.source("newsletter").warnings
    assert "line 3" in note.message


def test_p7_a_nickname_impostor_is_never_her_and_the_handle_finds_her(bad) -> None:
    report, chunks = bad
    discord = {c.item_id for c in chunks if c.source == "discord"}
    assert discord == {"1010000000000000002", "1010000000000000005"}
    assert "USDT" not in _text(chunks)
    (warning,) = report.source("discord").warnings
    assert "juno_climbs_official" in warning.message and "840000000000000666" in warning.message


def test_the_control_post_is_ingested_with_no_warning(bad) -> None:
    report, chunks = bad
    assert any(c.item_id == "skin-and-tape" for c in chunks)
    assert not [p for p in report.all_warnings + report.all_quarantined if "skin" in p.file]


def test_reingesting_juno_bad_over_a_good_ingest_keeps_the_good_chunks(tmp_path: Path) -> None:
    # The clean archive's captions and tweets are stored first; the broken files then arrive.
    folder = tmp_path / "juno"
    shutil.copytree(JUNO_BAD, folder)
    bot = load_bot(folder)
    sink = InMemoryChunkSink()
    good = folder / "archive" / "instagram_captions.csv"
    good.write_text(
        "id,timestamp,caption,permalink\n"
        "17890000000000102,2024-04-12T08:00:00+0000,Hill repeats: 8 x 3 minutes.,"
        "https://instagram.example/p/C5Bad02/\n",
        encoding="utf-8",
    )
    asyncio.run(run_ingest(bot, folder, sink))
    shutil.copy(JUNO_BAD / "archive" / "instagram_captions.csv", good)
    report = asyncio.run(run_ingest(bot, folder, sink))
    assert report.source("instagram").stale_kept == 1
    kept = [c for c in sink.chunks() if c.item_id == "17890000000000102"]
    assert [c.text for c in kept] == ["Hill repeats: 8 x 3 minutes."]


def test_the_clean_archive_ingests_every_source_with_platform_links(clean) -> None:
    report, chunks = clean
    assert report.ok, report.summary()
    assert not report.all_quarantined, report.all_quarantined
    assert all(s.items_read for s in report.sources), report.summary()
    by_source: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_source.setdefault(c.source, []).append(c)
    assert all(
        (c.url or "").startswith("https://discord.com/channels/") for c in by_source["discord"]
    )
    assert all(
        (c.url or "").startswith("https://x.com/junoclimbs/status/") for c in by_source["x"]
    )
    assert all(
        (c.url or "").startswith("https://t.me/verticalmileschat/") for c in by_source["telegram"]
    )
    assert all(
        (c.url or "").startswith("https://instagram.example/p/") for c in by_source["instagram"]
    )
    videos = {c.item_id for c in by_source["videos"]}
    # yt-dlp's "[VIDEOID]" in the file name is the id, not the whole name.
    assert videos == {"Jx8kQ2vLm0A", "pT3rWq9ZbN4", "Wn7YcK2dQe8"}
    assert all("watch?v=" + c.item_id + "&t=" in (c.url or "") for c in by_source["videos"])
