"""The fresh held-out sets (tests/heldout/v2, v3: written by people who had not seen the
detectors, and never tuned on) against the issue bars, and floors under what they measure now.

v1 (test_meaning_heldout.py) was looked at while tuning and is a dev set. Since 2026-12-02 the
care files of v1 and v2 are care training data (core/trust/exemplars/care_fans.txt; the care
threshold is chosen by leave-one-set-out cross-validation on them, bench/care_cv.py), so v2's
care floor is a training-fit check; its honesty files are still held out. v3 is the held-out
measure for both. A bar not met stays visible as an expected failure with its measured number;
the floors catch a change that makes the detectors generalise worse. Measured with
`python -m bench.heldout`.
"""

from pathlib import Path

import pytest

from bench.heldout import measure
from core.trust.meaning import Meaning
from core.trust.meaning_embedder import multilingual_embedder

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"

# (set, care flagged >=, false handoffs <=, honesty flagged >=, honesty false positives <=),
# measured on main when each floor was set (figures in the commit and the closing note).
# v2 care, trained on: 261/264, 2/360 false (two fans of 13 and 14 the minor pattern hands off).
# v3 care, held out: 245/289 (84.8%), 22/362 false (6.1%) before care_fans.txt; 273/289 (94.5%),
# 14/362 (3.9%) after.
FLOORS = {
    "v2": (0.98, 0.010, 0.99, 0.01),
    "v3": (0.94, 0.040, 0.88, 0.04),
}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    embedder = multilingual_embedder()
    if embedder is None:
        pytest.skip("the multilingual embedder is not installed")
    meaning = Meaning(embedder)
    out = {}
    for name in FLOORS:
        shares = {}
        for file, (rows, hits, _) in measure(HELDOUT / name, meaning).items():
            shares[file] = sum(hits) / len(rows)
        out[name] = shares
    return out


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_fresh_sets_hold_their_floors(measured, name):
    care, false_care, honesty, false_honesty = FLOORS[name]
    got = measured[name]
    assert got["care"] >= care, got
    assert got["care_negatives"] <= false_care, got
    assert got["honesty"] >= honesty, got
    assert got["honesty_negatives"] <= false_honesty, got


@pytest.mark.xfail(
    reason="bars not met on unseen creators and phrasings: see FLOORS", strict=False
)
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_fresh_sets_meet_the_issue_bars(measured, name):
    got = measured[name]
    assert got["care"] == 1.0 and got["care_negatives"] <= 0.02, got
    assert got["honesty"] == 1.0, got
