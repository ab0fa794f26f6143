"""`clonebot stats` prints each day's message outcomes from the clone's state store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bots.cli import app
from core.config import Settings
from core.state import open_state_store
from tests.scenario.harness import EXAMPLE


def test_stats_shows_outcomes_per_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path))
    today = datetime.now(UTC).date().isoformat()

    async def seed() -> None:
        state = await open_state_store(Settings(), "example")
        await state.add_outcomes("example", today, {"answered": 7, "coalesced": 31})
        await state.add_outcomes("example", today, {"dropped": 2, "notice_sent": 1})
        await state.close()

    asyncio.run(seed())
    result = CliRunner().invoke(app, ["stats", str(EXAMPLE)], terminal_width=200)
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.output.splitlines() if today in line]
    cells = [c.strip() for c in row.split("│") if c.strip()]
    assert cells == [today, "7", "31", "0", "1", "0", "2", "41"]
