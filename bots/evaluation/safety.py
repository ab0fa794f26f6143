"""Reads the red-team suite's results file, whatever its exact shape, into pass rates."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _rate(node: Any) -> tuple[int, int] | None:
    """(passed, total) of a results node: counts, a rate, or a list of verdicts."""
    if isinstance(node, list):
        verdicts = [r.get("passed", r.get("pass")) for r in node if isinstance(r, dict)]
        flags = [v for v in verdicts if isinstance(v, bool)]
        return (sum(flags), len(flags)) if flags else None
    if not isinstance(node, dict):
        return None
    passed, total = node.get("passed"), node.get("total")
    if isinstance(passed, int) and isinstance(total, int) and total > 0:
        return passed, total
    rate = node.get("pass_rate")
    if isinstance(rate, int | float):
        n = total if isinstance(total, int) and total > 0 else 1000
        return round(rate * n), n
    for key in ("summary", "results", "cases"):
        if key in node and (found := _rate(node[key])) is not None:
            return found
    return None


def parse_redteam(data: Any) -> dict[str, Any] | None:
    """Overall and per-category pass rates from a red-team results document, or None."""
    groups = None
    if isinstance(data, dict):
        groups = data.get("categories") or data.get("suites") or data.get("by_category")
    categories: dict[str, float] = {}
    if isinstance(groups, dict):
        for name, node in groups.items():
            if (found := _rate(node)) is not None:
                categories[str(name)] = found[0] / found[1]
    overall = _rate(data)
    if overall is None and categories:
        return {"pass_rate": sum(categories.values()) / len(categories), "categories": categories}
    if overall is None:
        return None
    return {"pass_rate": overall[0] / overall[1], "categories": categories}


def find_redteam(folder: Path, bot_id: str, data_dir: Path) -> Path | None:
    """The newest red-team results file in the usual places, if `make redteam` left one."""
    fixed = [
        data_dir / bot_id / "redteam.json",
        data_dir / "redteam" / f"{bot_id}.json",
        data_dir / "redteam" / bot_id / "report.json",
        folder / "eval" / "redteam-results.json",
    ]
    found = [p for p in fixed if p.is_file()]
    if data_dir.is_dir():
        found += [p for p in data_dir.glob("**/redteam*.json") if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def read_redteam(
    folder: Path, bot_id: str, data_dir: Path, explicit: Path | None
) -> dict[str, Any] | None:
    """Pass rates from `explicit` or the newest results file found; None means n/a."""
    path = explicit or find_redteam(folder, bot_id, data_dir)
    if path is None:
        return None
    try:
        parsed = parse_redteam(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        log.warning("red-team results %s unreadable: %s", path, exc)
        return None
    return None if parsed is None else parsed | {"path": str(path)}
