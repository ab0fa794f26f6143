"""`clonebot eval` end to end through the real CLI and bootstrap (fake LLM, hash embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bots.cli import app
from tests.scenario.harness import EXAMPLE


@pytest.fixture
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLONEBOT_LLM_PROVIDER", "fake")
    monkeypatch.setenv("CLONEBOT_EMBEDDER", "hash")
    monkeypatch.setenv("CLONEBOT_MEMORY_BACKEND", "memory")
    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CLONEBOT_STATE_URL", raising=False)
    monkeypatch.delenv("CLONEBOT_REDIS_URL", raising=False)
    return tmp_path


def test_eval_writes_json_and_html_to_out(offline_env: Path) -> None:
    out = offline_env / "report"
    result = CliRunner().invoke(app, ["eval", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "eval-report.json").read_text(encoding="utf-8"))
    page = (out / "eval-report.html").read_text(encoding="utf-8")
    assert report["meta"]["subset"] == "default"
    assert report["meta"]["llm"].startswith("fake:")
    assert report["metrics"]["honesty.disclosure"] == 1.0
    assert len(report["probes"]) == report["meta"]["subset_sizes"]["probes"] > 0
    assert "<h2>Scorecard</h2>" in page and "data:image/png;base64," in page
    assert "clonebot eval" in result.output and "recall@" in result.output


def test_a_better_baseline_flags_regressions_and_fails_when_asked(offline_env: Path) -> None:
    better = offline_env / "better.json"
    metrics = {"retrieval.recall@depth": 1.0, "speed.reply_p50": 0.000001}
    better.write_text(json.dumps({"schema": 1, "meta": {}, "metrics": metrics}))
    redteam = offline_env / "redteam.json"
    redteam.write_text(json.dumps({"categories": {"leaks": {"passed": 9, "total": 10}}}))

    out = offline_env / "second"
    args = ["eval", str(EXAMPLE), "--no-plots", "--out", str(out), "--baseline", str(better)]
    result = CliRunner().invoke(app, [*args, "--redteam", str(redteam), "--fail-on-regression"])
    assert result.exit_code == 1, result.output
    report = json.loads((out / "eval-report.json").read_text(encoding="utf-8"))
    flagged = {r["metric"] for r in report["regressions"]}
    assert flagged == {"retrieval.recall@depth", "speed.reply_p50"}
    assert report["metrics"]["safety.redteam_pass"] == pytest.approx(0.9)
    assert report["baseline"] == metrics
    assert "regression" in result.output and "baseline" in result.output


def test_ablate_and_limit_through_the_cli(offline_env: Path) -> None:
    out = offline_env / "ablation"
    args = ["eval", str(EXAMPLE), "--no-plots", "--out", str(out), "--ablate", "--limit", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "eval-report.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in report["ablation"]] == [
        "none",
        "few-shot",
        "reuse",
        "style",
        "full",
    ]
    assert report["meta"]["subset"] == "limit 2 per category (seed 23)"
    assert report["meta"]["subset_sizes"]["heldout"] == 2
    assert "voice ablation" in result.output
    assert "Voice ablation" in (out / "eval-report.html").read_text(encoding="utf-8")
    assert CliRunner().invoke(app, [*args[:-1], "0"]).exit_code != 0  # --limit 0 is refused


@pytest.mark.slow
def test_the_example_on_the_embedded_local_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`clonebot eval bots/example` as CI runs it: real MiniLM, real SmolLM2, default subset."""
    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path / "data"))
    for name in ("LLM_PROVIDER", "EMBEDDER", "MEMORY_BACKEND", "STATE_URL", "REDIS_URL"):
        monkeypatch.delenv(f"CLONEBOT_{name}", raising=False)
    result = CliRunner().invoke(app, ["eval", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "eval-report.json").read_text(encoding="utf-8"))
    assert report["meta"]["llm"].startswith("local:")
    assert report["meta"]["embedder"] == "all-MiniLM-L6-v2"
    assert report["metrics"]["speed.ttft_p50"] > 0
    assert report["metrics"]["honesty.disclosure"] == 1.0
    assert report["metrics"]["safety.injection_pass"] == 1.0
