"""Tests never import bench/: fakes, probe data and judges they share with it live in tests/."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def bench_imports(path: Path) -> list[int]:
    """Lines of `path` that import bench or a module of it."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "bench" or name.startswith("bench.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_test_outside_tests_bench_imports_bench() -> None:
    offenders = {
        path.relative_to(TESTS).as_posix(): lines
        for path in sorted(TESTS.rglob("*.py"))
        if "bench" not in path.relative_to(TESTS).parts[:1] and (lines := bench_imports(path))
    }
    assert offenders == {}, "move what tests share with bench/ into tests/fakes or tests/probes"


def test_the_scan_finds_both_import_forms(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "import benchmark\nfrom bench import redteam\ndef f():\n    import bench.verify_tune\n",
        encoding="utf-8",
    )
    assert bench_imports(sample) == [2, 4]
