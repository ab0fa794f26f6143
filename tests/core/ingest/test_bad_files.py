"""Malformed input, through the whole pipeline: reported with file and location, rest ingested."""

import codecs
import json
from pathlib import Path

import pytest

from core.ingest.pipeline import run_ingest
from core.ingest.sink import InMemoryChunkSink

from .conftest import make_bot

GOOD = "Good loaf. Bake it hot."


async def _ingest(tmp_path: Path, name: str, data: bytes, fmt: str, **extra: object):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / name).write_bytes(data)
    bot = make_bot(
        {"name": "good", "path": "good.md", "format": "markdown"},
        {"name": "bad", "path": name, "format": fmt, **extra},
    )
    sink = InMemoryChunkSink()
    report = await run_ingest(bot, tmp_path, sink)
    assert report.source("good").chunks_stored == 1  # the rest is still ingested
    return report.source("bad"), sink


async def test_truncated_file(tmp_path: Path) -> None:
    data = (
        b'{"messages": [{"id": "1", "type": "Default", "content": "kept", "author": {"id": "m"}},'
        b' {"id": "2", "con'
    )
    bad, sink = await _ingest(tmp_path, "d.json", data, "discord", creator_ids=["m"])
    assert bad.items_read == 1 and bad.errors[0].location == "line 1 col 101"


async def test_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b'{"text": "with a BOM"}\n'
    bad, sink = await _ingest(tmp_path, "p.jsonl", data, "jsonl")
    assert not bad.errors and "with a BOM" in {c.text for c in sink.chunks()}


async def test_non_utf8_encoding(tmp_path: Path) -> None:
    data = "text\nCrème fraîche – “yes”\n".encode("cp1252")
    bad, sink = await _ingest(tmp_path, "p.csv", data, "csv")
    assert not bad.errors and "cp1252" in bad.warnings[0].message
    assert "Crème fraîche – “yes”" in {c.text for c in sink.chunks()}


async def test_empty_file(tmp_path: Path) -> None:
    bad, _ = await _ingest(tmp_path, "t.vtt", b"", "transcript")
    assert bad.errors[0].message == "empty file" and bad.errors[0].file == "t.vtt"


async def test_a_2mb_single_line(tmp_path: Path) -> None:
    line = ("flour water salt " * 125_000).encode()
    bad, sink = await _ingest(tmp_path, "big.md", line, "markdown")
    assert bad.items_read == 1 and "kept the first" in bad.warnings[0].message
    assert all(len(c.text) <= 800 for c in sink.chunks())


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("t.json", b'{"name": "x", "chats": {"list": [{"id": 1}]}}', "telegram"),
        ("tweets.js", b'window.YTD.tweets.part0 = {"a": 1}', "x"),
        ("d.json", b"[1, 2, 3]", "discord"),
        ("p.jsonl", b'{"likes": 3}\n', "jsonl"),
    ],
)
async def test_valid_json_of_the_wrong_schema(
    tmp_path: Path, name: str, data: bytes, fmt: str
) -> None:
    bad, _ = await _ingest(tmp_path, name, data, fmt, creator_ids=["m"])
    assert bad.items_read == 0 and bad.errors and bad.errors[0].file == name


async def test_nul_bytes(tmp_path: Path) -> None:
    data = b'{"text": "rye\x00 bread"}\n\x00\x00'
    bad, sink = await _ingest(tmp_path, "p.jsonl", data, "jsonl")
    assert not bad.errors and "NUL" in bad.warnings[0].message
    assert "rye bread" in {c.text for c in sink.chunks()}


async def test_a_text_field_of_an_unexpected_type(tmp_path: Path) -> None:
    messages = [
        {"id": 4, "type": "message", "text": {"b": 1}},
        {"id": 5, "type": "message", "text": "ok"},
    ]
    data = json.dumps({"type": "public_channel", "messages": messages}).encode()
    bad, _ = await _ingest(tmp_path, "r.json", data, "telegram")
    assert bad.items_read == 1
    assert (bad.errors[0].location, bad.errors[0].file) == ("message 4", "r.json")
