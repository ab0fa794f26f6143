"""Checks the held-out sets parse and prints their counts. Checks JSON validity and counts only.

Run: python3 tests/heldout/check_sets.py   (standard library only)
These sets are HELD-OUT: never used to tune detectors or thresholds, never a source of exemplars,
except the care files of v1 and v2, which are care training data since 2026-12-02 (README.md).
v2/ also gets its own rules checked (labels, minimum sizes, no text shared with v1 or across a
positive/negative pair); overlaps are reported by v2 line number only, so v1 stays unread.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REQUIRED = {
    "honesty.jsonl": ("text", "lang"),
    "honesty_negatives.jsonl": ("text", "lang"),
    "care.jsonl": ("text", "lang", "category"),
    "care_negatives.jsonl": ("text", "lang"),
    "injections.jsonl": ("text", "lang", "category"),
    "example_paraphrases.jsonl": ("text", "lang", "answers_item", "source"),
    "creators/juno/probes.jsonl": ("message", "lang", "category", "expect"),
    "privacy/pairs.jsonl": ("creator", "kind", "lang", "about", "text"),
    "privacy/translated_v2.jsonl": ("creator", "kind", "lang", "about", "text"),
    "v2/honesty.jsonl": ("text", "lang"),
    "v2/honesty_negatives.jsonl": ("text", "lang"),
    "v2/care.jsonl": ("text", "lang", "category"),
    "v2/care_negatives.jsonl": ("text", "lang", "kind", "creator"),
}
V2_LANGS = {"en", "es", "de", "fr", "pt", "it", "nl", "sv", "zh", "ja", "pl", "tr", "ko"}
HONESTY_LANGS = ("en", "es", "de", "fr", "pt", "it", "nl", "sv", "zh", "ja")
CARE_CATEGORIES = (
    "self_harm",
    "eating_disorder",
    "abuse",
    "medical",
    "mental_health",
    "money",
    "meeting",
    "minors",
    "threat",
)
NEGATIVE_KINDS = {"idiom", "money", "health", "age", "place", "online_meet", "ordinary"}
CREATORS = {"mara", "juno", "wren", "none"}


def load(name: str, fields: tuple[str, ...]) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of one JSONL file and the problems found (bad JSON, missing fields)."""
    rows, problems = [], []
    for number, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: invalid JSON: {exc}")
            continue
        if not isinstance(row, dict):
            problems.append(f"{name}:{number}: not a JSON object")
            continue
        missing = [f for f in fields if not row.get(f)]
        if missing:
            problems.append(f"{name}:{number}: missing {missing}")
        row["_line"] = number
        rows.append(row)
    return rows, problems


def counts(rows: list[dict[str, Any]], field: str) -> dict[str, int]:
    """How many rows carry each value of a field (a missing field counts as "None")."""
    return dict(sorted(Counter(str(r.get(field)) for r in rows).items()))


def key(text: object) -> str:
    """Text folded for duplicate checks: NFKC, case, whitespace and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def table(rows: list[dict[str, Any]], langs: list[str]) -> None:
    """Prints category x language counts (care rows)."""
    print("  " + "category".ljust(16) + "total " + " ".join(f"{lang:>3}" for lang in langs))
    for category in CARE_CATEGORIES:
        mine = [r for r in rows if r.get("category") == category]
        cells = " ".join(f"{sum(r.get('lang') == lang for r in mine):>3}" for lang in langs)
        print(f"  {category:<16}{len(mine):>5} {cells}")


def v2_problems(sets: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The v2 rules: known labels, minimum sizes, no duplicates, no text shared with v1."""
    care, negatives = sets["v2/care.jsonl"], sets["v2/care_negatives.jsonl"]
    honesty, honesty_neg = sets["v2/honesty.jsonl"], sets["v2/honesty_negatives.jsonl"]
    out = []
    for name in ("v2/care.jsonl", "v2/care_negatives.jsonl", "v2/honesty.jsonl"):
        out += [
            f"{name}:{r['_line']}: unknown lang" for r in sets[name] if r["lang"] not in V2_LANGS
        ]
    out += [
        f"v2/care.jsonl:{r['_line']}: category"
        for r in care
        if r["category"] not in CARE_CATEGORIES
    ]
    for r in negatives:
        if (
            r.get("hard", True) is not True
            or r["kind"] not in NEGATIVE_KINDS
            or r["creator"] not in CREATORS
        ):
            out.append(f"v2/care_negatives.jsonl:{r['_line']}: hard/kind/creator")
    for category in CARE_CATEGORIES:
        mine = [r for r in care if r["category"] == category]
        if len(mine) < 20 or len({r["lang"] for r in mine}) < 6:
            out.append(f"v2/care.jsonl: {category} needs >= 20 rows in >= 6 languages")
    if (
        len(care) < 180
        or len(negatives) < 300
        or sum(r.get("hard", False) for r in negatives) < 120
    ):
        out.append("v2 care sets below 180 positives / 300 negatives / 120 hard negatives")
    if len(honesty) < 120 or len(honesty_neg) < 100:
        out.append("v2 honesty sets below 120 questions / 100 negatives")
    out += [
        f"v2/honesty.jsonl: {lang} has < 10"
        for lang in HONESTY_LANGS
        if sum(r["lang"] == lang for r in honesty) < 10
    ]
    v1 = {
        key(r["text"])
        for name in REQUIRED
        if not name.startswith("v2/")
        for r in sets[name]
        if "text" in r
    }
    seen: dict[str, str] = {}
    for name in (
        "v2/care.jsonl",
        "v2/care_negatives.jsonl",
        "v2/honesty.jsonl",
        "v2/honesty_negatives.jsonl",
    ):
        for r in sets[name]:
            k = key(r["text"])
            if k in v1:
                out.append(f"{name}:{r['_line']}: same text as a v1 row")
            if k in seen:
                out.append(f"{name}:{r['_line']}: duplicate of {seen[k]}")
            seen.setdefault(k, f"{name}:{r['_line']}")
    return out


def main() -> int:
    sets, problems = {}, []
    for name, fields in REQUIRED.items():
        sets[name], found = load(name, fields)
        problems += found
        rows = sets[name]
        print(f"{name}: {len(rows)}")
        print("  lang:", counts(rows, "lang"))
        if name == "v2/care.jsonl":
            table(
                rows,
                sorted({str(r.get("lang")) for r in rows}, key=lambda lang: (lang != "en", lang)),
            )
        elif any("category" in r for r in rows):
            print("  category:", counts(rows, "category"))
        if name == "v2/care_negatives.jsonl":
            print("  hard:", sum(r.get("hard", False) for r in rows))
            print("  kind:", counts(rows, "kind"))
            print("  creator:", counts(rows, "creator"))
    for path in sorted((HERE / "creators").rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))  # the Discord / Telegram exports parse
    if not problems:
        problems = v2_problems(sets)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
