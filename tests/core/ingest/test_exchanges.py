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
    # Her X replies to fans' tweets she liked (like.js keeps their text).
    assert per_source["x"] > 20
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


def _x_archive(folder: Path, likes: str | None) -> None:
    """Her tweets.js: a thread opener, her reply to it, and her reply to a fan's tweet."""

    def tweet(tid: str, text: str, parent: str | None = None, user: str = "99") -> dict:
        body = {"id_str": tid, "full_text": text, "created_at": "Fri Sep 08 09:00:00 +0000 2023"}
        if parent:
            body |= {
                "in_reply_to_status_id_str": parent,
                "in_reply_to_screen_name": "someone",
                "in_reply_to_user_id_str": user,
            }
        return {"tweet": body}

    tweets = [
        tweet("100", "Thread: what I learned from 100 loaves."),
        tweet("101", "@maraquill 1. Watch the dough, not the clock.", parent="100", user="5"),
        tweet("102", "@pip_bakes Overnight in the fridge, 4 °C.", parent="200"),
        tweet("103", "@jo_bakes No idea, sorry.", parent="300"),
    ]
    data = folder / "data"
    data.mkdir()
    (data / "tweets.js").write_text(
        "window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8"
    )
    if likes is not None:
        (data / "like.js").write_text(likes, encoding="utf-8")


def _likes(*pairs: tuple[str, str]) -> str:
    entries = [{"like": {"tweetId": tid, "fullText": text}} for tid, text in pairs]
    return "window.YTD.like.part0 = " + json.dumps(entries)


def test_an_x_reply_to_a_fan_tweet_she_liked_is_an_exchange(tmp_path: Path) -> None:
    # X's archive has none of the tweets she answered, but like.js has those she liked.
    _x_archive(tmp_path, _likes(("200", "@maraquill how long do you cold proof?"), ("100", "x")))
    source = {"name": "x", "format": "x", "path": "data", "creator_ids": ["maraquill"]}
    sink = InMemoryChunkSink()
    report = asyncio.run(run_ingest(make_bot(source), tmp_path, sink))
    # One: her reply to her own tweet continues a thread (even one she liked), no fan asked it;
    # her reply to a tweet she did not like has no question to go with it.
    assert report.source("x").exchanges == 1
    assert "1 exchange(s)" in report.summary()
    (stored,) = [Exchange.from_chunk(c) for c in sink.chunks(exchange_tenant("mara"))]
    assert stored.question == "how long do you cold proof?"  # her handle is addressing
    assert stored.answer == "Overnight in the fridge, 4 °C."
    assert stored.asker == "x:99"
    assert stored.url == "https://x.com/maraquill/status/102"
    # The liked tweets are never her archive: only her own words are chunks.
    assert all("cold proof" not in c.text for c in sink.chunks("mara"))


def test_x_replies_without_the_fans_text_or_with_a_broken_like_file_are_kept_as_replies(
    tmp_path: Path,
) -> None:
    source = {"name": "x", "format": "x", "path": "data", "creator_ids": ["maraquill"]}
    for n, likes in enumerate((None, "window.YTD.like.part0 = [ {broken")):
        folder = tmp_path / str(n)
        folder.mkdir()
        _x_archive(folder, likes)
        sink = InMemoryChunkSink()
        report = asyncio.run(run_ingest(make_bot(source), folder, sink))
        assert report.source("x").exchanges == 0
        assert report.source("x").items_read == 4
        assert not report.source("x").errors
        assert bool(report.source("x").warnings) is (likes is not None)
