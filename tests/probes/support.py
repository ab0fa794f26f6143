"""The claim verifier's labelled (claim, source, supported?) pairs, scored: read by
tests/trust/test_verify.py and by bench/verify_tune.py, which sweeps the thresholds on them."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.memory.memory import embed_texts
from core.ports import Embedder
from core.trust.verify import Candidate, ClaimVerifier, Support, Thresholds, decide

PAIRS = Path(__file__).resolve().parents[1] / "trust" / "support_pairs.json"


@dataclass(frozen=True, slots=True)
class Scored:
    split: str
    label: int
    note: str
    similarity: float  # best cosine to any unit of the source
    found: list[Candidate]
    claim: str = ""
    source: str = ""


async def score(embedder: Embedder, path: Path) -> list[Scored]:
    """Each pair's candidate support units, found once; thresholds are then swept offline."""
    data = json.loads(await asyncio.to_thread(path.read_text, encoding="utf-8"))
    if isinstance(data["sources"], str):  # the cross-language pairs reuse another file's sources
        other = path.parent / data["sources"]
        data["sources"] = json.loads(other.read_text(encoding="utf-8"))["sources"]

    async def embed(texts: list[str]) -> np.ndarray:
        return await embed_texts(embedder, texts)

    verifier = ClaimVerifier(embed, embedder.model_name)
    out = []
    for pair in data["pairs"]:
        support = [Support(data["sources"][pair["support"]], source=1)]
        claim = pair["claim"]
        found = await verifier.rank(claim, support)
        similarity = found[0].similarity if found else 0.0
        source = data["sources"][pair["support"]]
        out.append(
            Scored(pair["split"], pair["label"], pair["note"], similarity, found, claim, source)
        )
    return out


def supported(row: Scored, t: Thresholds, cross: Thresholds | None = None) -> bool:
    """Whether the verifier would keep the claim: `cross` is the rule for a unit in another
    language than the claim (None: the same-language rule for every unit, as before it)."""
    return decide(row.found, t, cross) is not None


def pr(decisions: list[bool], labels: list[int]) -> tuple[float, float]:
    tp = sum(d and y for d, y in zip(decisions, labels, strict=True))
    fp = sum(d and not y for d, y in zip(decisions, labels, strict=True))
    fn = sum(not d and y for d, y in zip(decisions, labels, strict=True))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)
