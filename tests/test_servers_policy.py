"""Tests needing PostgreSQL or Redis skip on a machine without them, and fail the run in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEEDS_A_DEAD_SERVER = """
from tests.servers import require_postgres


def test_needs_postgres():
    require_postgres("postgresql://postgres@127.0.0.1:1/none")
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    test = tmp_path / "test_needs_server.py"
    test.write_text(NEEDS_A_DEAD_SERVER)
    environ = {k: v for k, v in os.environ.items() if k != "CLONEBOT_REQUIRE_SERVERS"}
    environ |= {"PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", str(test)],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_server_the_test_skips_and_says_why(tmp_path: Path) -> None:
    run = _run(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout


def test_in_ci_a_skip_for_want_of_a_server_fails_the_run(tmp_path: Path) -> None:
    run = _run(tmp_path, CLONEBOT_REQUIRE_SERVERS="1")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "PostgreSQL" in run.stdout and "CLONEBOT_REQUIRE_SERVERS" in run.stdout


def test_ci_requires_the_servers() -> None:
    assert "CLONEBOT_REQUIRE_SERVERS=1" in (ROOT / ".ci" / "run").read_text()


def test_pyproject_cites_no_file_missing_from_the_repo() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert "FACTS.md" not in text or (ROOT / "FACTS.md").exists()
