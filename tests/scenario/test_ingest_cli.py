"""`clonebot ingest` and `clonebot chat --script` from the command line, on juno and juno_bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import core.llm.generator
from bots.cli import app

CREATORS = Path(__file__).parents[1] / "heldout" / "creators"


@pytest.fixture
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLONEBOT_LLM_PROVIDER", "fake")
    monkeypatch.setenv("CLONEBOT_EMBEDDER", "hash")
    monkeypatch.setenv("CLONEBOT_MEMORY_BACKEND", "memory")
    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CLONEBOT_STATE_URL", raising=False)
    monkeypatch.delenv("CLONEBOT_REDIS_URL", raising=False)
    return tmp_path


@pytest.fixture
def no_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("ingest loaded the LLM")

    monkeypatch.setattr(core.llm.generator, "make_generator", refuse)


def test_ingest_with_errors_exits_non_zero_and_shows_every_problem(
    offline_env: Path, no_llm: None
) -> None:
    folder = offline_env / "juno_bad"
    shutil.copytree(CREATORS / "juno_bad", folder)
    result = CliRunner().invoke(app, ["ingest", str(folder)], terminal_width=200)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "error: archive/instagram_captions.csv:line 3" in out
    assert "error: archive/x/data/tweets.js:line 200" in out
    assert "warning: archive/newsletter.jsonl" in out and "juno_climbs_official" in out
    assert "quarantined: archive/blog/2024-03-10-send-school-update.md:line 11" in out
    assert "[Lq5mZ0aRr2T].en.vtt:line 17" in out  # square brackets survive (no markup)
    assert "Traceback" not in out


def test_a_clean_ingest_exits_zero_without_loading_the_llm(
    offline_env: Path, no_llm: None
) -> None:
    result = CliRunner().invoke(app, ["ingest", str(CREATORS / "juno")], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower()


def test_a_missing_source_path_exits_non_zero(offline_env: Path, no_llm: None) -> None:
    folder = offline_env / "juno"
    shutil.copytree(CREATORS / "juno", folder)
    (folder / "archive" / "instagram_captions.csv").unlink()
    result = CliRunner().invoke(app, ["ingest", str(folder)], terminal_width=200)
    assert result.exit_code == 1
    assert "archive/instagram_captions.csv: not found; what was stored from it is kept" in (
        result.output
    )


def test_chat_script_with_invalid_utf8_names_the_line(offline_env: Path, no_llm: None) -> None:
    # 19.23: no traceback, the line named, and nothing loaded before the script is read.
    script = offline_env / "script.txt"
    script.write_bytes(b"hello\nhow are you?\ncaf\xe9 au lait\n")
    result = CliRunner().invoke(
        app, ["chat", str(CREATORS / "juno"), "--script", str(script)], terminal_width=200
    )
    assert result.exit_code == 2
    assert "line 3 is not valid UTF-8 (byte 0xe9)" in result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
