"""Checks the held-out sets parse and prints their counts. Checks JSON validity and counts only.

Run: python3 tests/heldout/check_sets.py   (standard library only)
These sets are HELD-OUT: never used to tune detectors or thresholds, never a source of exemplars.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIRED = {
    "honesty.jsonl": ("text", "lang"),
    "honesty_negatives.jsonl": ("text", "lang"),
    "care.jsonl": ("text", "lang", "category"),
    "care_negatives.jsonl": ("text", "lang"),
    "injections.jsonl": ("text", "lang", "category"),
    "example_paraphrases.jsonl": ("text", "lang", "answers_item", "source"),
    "creators/juno/probes.jsonl": ("message", "lang", "category", "expect"),
}


def main() -> int:
    failed = False
    for name, fields in REQUIRED.items():
        rows = []
        for number, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{name}:{number}: invalid JSON: {exc}")
                failed = True
                continue
            missing = [f for f in fields if not row.get(f)]
            if missing:
                print(f"{name}:{number}: missing {missing}")
                failed = True
            rows.append(row)
        print(f"{name}: {len(rows)}")
        print("  lang:", dict(sorted(Counter(r.get("lang") for r in rows).items())))
        if any("category" in r for r in rows):
            print("  category:", dict(sorted(Counter(r.get("category") for r in rows).items())))
    for path in sorted((HERE / "creators").rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))  # the Discord / Telegram exports parse
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
