"""Probe and held-out pair files (`<bot>/eval/*.jsonl`): loading, validation and subsets."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

CATEGORIES = (
    "grounded",
    "absent",
    "honesty",
    "injection",
    "safety",
    "indirect",
    "care",
    "paid",
)
# The default (CI) subset: enough of each category to move every metric, small enough for the
# embedded 135M model to finish in about a minute on 2 cores. `--full` runs everything.
DEFAULT_SUBSET = {
    "grounded": 4,
    "absent": 3,
    "honesty": 3,
    "injection": 2,
    "safety": 4,
    "indirect": 1,
    "care": 2,
    "paid": 1,
    "heldout": 3,
}
HARMS = ("scam", "defamation", "fake_announcement", "contact")

T = TypeVar("T")


class ProbeFileError(ValueError):
    """A probe or held-out file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Probe:
    """One fan message with what a good reply must (not) do.

    Attributes:
        id: `<category>-<n>`, stable across runs of the same file.
        message: What the fan says.
        category: One of CATEGORIES: grounded, absent, honesty, injection, safety (scams,
            defamation, fake announcements, contact requests: `expect.harm`), indirect (an
            injection planted in archive text: `plant`), care (must reach a human), paid
            (members-only text a public fan must not get).
        expect: Category-specific expectations (see docs/eval.md).
        lang: The fan's language; scoring rules are chosen by it.
        note: Free text for people reading the report.
        plant: For indirect probes, the archive post carrying the injection.
        builtin: Made by the eval itself (bots.evaluation.battery), not read from a file.
    """

    id: str
    message: str
    category: str
    expect: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"
    note: str = ""
    plant: str = ""
    builtin: bool = False

    def acceptable(self) -> list[tuple[str | None, str]]:
        """(source or None, item id) pairs a grounded answer may cite.

        `expect.item_ids` (a list), `expect.acceptable_items` ("source:item" strings) and the
        single `expect.item_id` (with `expect.source`) all count.
        """
        out: list[tuple[str | None, str]] = []
        source = self.expect.get("source")
        if self.expect.get("item_id"):
            out.append((source, str(self.expect["item_id"])))
        for value in self.expect.get("item_ids") or []:
            out.append((source, str(value)))
        for value in self.expect.get("acceptable_items") or []:
            src, sep, item = str(value).partition(":")
            out.append((src, item) if sep else (None, src))
        return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class HeldoutPair:
    """A fan prompt and the creator's real reply, never ingested."""

    id: str
    prompt: str
    reply: str


def _lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ProbeFileError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise ProbeFileError(f"{path}:{n}: expected a JSON object")
        out.append((n, data))
    return out


def load_probes(path: Path) -> list[Probe]:
    """Read a probes file; a missing file is an empty battery.

    Raises:
        ProbeFileError: On bad JSON, an unknown category or a grounded probe without item_id.
    """
    if not path.is_file():
        return []
    probes: list[Probe] = []
    counts: dict[str, int] = {}
    for n, data in _lines(path):
        category = str(data.get("category", ""))
        message = str(data.get("message", "")).strip()
        if category not in CATEGORIES:
            raise ProbeFileError(f"{path}:{n}: category must be one of {', '.join(CATEGORIES)}")
        if not message:
            raise ProbeFileError(f"{path}:{n}: empty message")
        expect = data.get("expect") or {}
        ids = expect.get("item_ids")
        if ids is not None and not (isinstance(ids, list) and all(ids)):
            raise ProbeFileError(f"{path}:{n}: expect.item_ids must be a list of item ids")
        if category == "grounded" and not (
            expect.get("item_id") or ids or expect.get("acceptable_items")
        ):
            raise ProbeFileError(f"{path}:{n}: a grounded probe needs expect.item_id(s)")
        if category == "safety" and expect.get("harm") not in HARMS:
            raise ProbeFileError(f"{path}:{n}: expect.harm must be one of {', '.join(HARMS)}")
        if category == "indirect" and not str(data.get("plant") or "").strip():
            raise ProbeFileError(f"{path}:{n}: an indirect probe needs `plant` (archive text)")
        counts[category] = counts.get(category, 0) + 1
        probes.append(
            Probe(
                id=f"{category}-{counts[category]}",
                message=message,
                category=category,
                expect=dict(expect),
                lang=str(data.get("lang") or "en"),
                note=str(data.get("note") or ""),
                plant=str(data.get("plant") or ""),
            )
        )
    return probes


def load_heldout(path: Path) -> list[HeldoutPair]:
    """Read held-out pairs; a missing file means no fidelity section."""
    if not path.is_file():
        return []
    pairs: list[HeldoutPair] = []
    for n, data in _lines(path):
        prompt, reply = str(data.get("prompt", "")).strip(), str(data.get("reply", "")).strip()
        if not prompt or not reply:
            raise ProbeFileError(f"{path}:{n}: needs both prompt and reply")
        pairs.append(HeldoutPair(f"heldout-{len(pairs) + 1}", prompt, reply))
    return pairs


def spread(items: Sequence[T], n: int) -> list[T]:
    """`n` items evenly spread over the sequence (deterministic), so a subset covers its range."""
    if n >= len(items):
        return list(items)
    if n <= 0:
        return []
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def sample(items: Sequence[T], n: int, seed: str) -> list[T]:
    """`n` items drawn at random with a fixed seed, kept in file order (same seed, same items)."""
    if n >= len(items):
        return list(items)
    chosen = sorted(random.Random(seed).sample(range(len(items)), max(0, n)))
    return [items[i] for i in chosen]


def pick_subset(
    probes: Sequence[Probe],
    pairs: Sequence[HeldoutPair],
    *,
    full: bool,
    limit: int | None = None,
    seed: int = 23,
) -> tuple[list[Probe], list[HeldoutPair]]:
    """The probes and pairs to run: everything with `full`, else `DEFAULT_SUBSET` of each.

    `limit` caps every category (and the held-out pairs) at that many, drawn from all of them
    with `seed`: a run too slow for the whole battery still measures each metric, on the same
    probes every time.
    """
    if limit is not None:
        chosen = []
        for category in CATEGORIES:
            of_kind = [p for p in probes if p.category == category]
            chosen += sample(of_kind, limit, f"{seed}:{category}")
        return chosen, sample(pairs, limit, f"{seed}:heldout")
    if full:
        return list(probes), list(pairs)
    chosen = []
    for category in CATEGORIES:
        of_kind = [p for p in probes if p.category == category]
        chosen += spread(of_kind, DEFAULT_SUBSET[category])
    return chosen, spread(pairs, DEFAULT_SUBSET["heldout"])
