"""bot.toml's source formats: core's own readers, and the platform exports bots registers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.ingest.formats import format_named, format_names, register_format
from core.ingest.markdown import read_markdown
from core.persona.bot import BUILTIN_FORMATS, load_bot

from .conftest import make_bot

ROOT = Path(__file__).resolve().parents[3]


def test_every_built_in_name_bot_toml_accepts_has_a_reader() -> None:
    assert all(format_named(name) is not None for name in BUILTIN_FORMATS)


def test_the_platform_exports_are_registered_by_bots_under_their_bot_toml_names() -> None:
    import bots  # noqa: F401  (the composition root registers them on import)

    assert {"telegram", "discord"} <= set(format_names())
    assert format_named("telegram").suffixes == (".json",)  # type: ignore[union-attr]


def test_an_unknown_format_is_refused_when_bot_toml_is_read_naming_the_known_ones() -> None:
    with pytest.raises(ValueError) as caught:
        make_bot({"name": "a", "path": "a.txt", "format": "myspace"})
    message = str(caught.value)
    assert "unknown format 'myspace'" in message and "'markdown'" in message


def test_a_second_reader_for_a_registered_name_is_refused_and_the_same_one_is_a_no_op() -> None:
    register_format("markdown", read_markdown, (".md", ".markdown", ".txt"))
    with pytest.raises(ValueError, match="already registered"):
        register_format("markdown", lambda text, ctx: iter(()), (".md",))
    assert format_named("markdown").reader is read_markdown  # type: ignore[union-attr]


def test_core_alone_knows_no_platform_export_and_says_so_at_load(tmp_path: Path) -> None:
    # A fresh interpreter that never imports bots: the example names telegram and discord.
    script = (
        "from pathlib import Path\n"
        "from core.persona.bot import BotConfigError, load_bot\n"
        "try:\n"
        "    load_bot(Path('bots/example'))\n"
        "except BotConfigError as exc:  # what the CLI prints\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "unknown format 'telegram'" in out and "unknown format 'discord'" in out
    # With bots imported (tests/conftest does), the same folder loads.
    assert load_bot(ROOT / "bots" / "example").id == "example"
