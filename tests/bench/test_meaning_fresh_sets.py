"""The fresh sets (tests/heldout/v2 to v18: written by people who had not seen the detectors)
against the issue bars, and floors under what they measure now.

v1 (test_meaning_heldout.py) was looked at while tuning and is a dev set. v1, v2 and v3 are
training data of both checks since 2026-12-02 (their care files in core/trust/exemplars/
care_fans.txt, their honesty files in identity_sets.txt), as are v6, v8-v13 and v15-v17, written
as training sets that day; the cuts are chosen by leave-one-set-out cross-validation over those
thirteen (bench/care_cv.py, bench/identity_calibrate.py). So v2's and v3's floors are
training-fit checks, and the issue bars are checked on the held-out sets only: v4, v5, v7, v14
and v18. A bar not met stays visible as an expected failure with its measured number; the
floors catch a change that makes the detectors generalise worse. Measured with
`python -m bench.heldout`.
"""

from collections.abc import Callable
from functools import cache
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
# 14/362 (3.9%) after. v2 honesty, trained on: 133/133, 0/110 false. v3 honesty, held out:
# 106/120 (88.3%), 4/111 false before the identity check learnt personal questions and v1/v2;
# 102/120 (85.0%), 4/111 after; 101/120 (84.2%), 4/111 since personal questions are a negative
# class of their own (cut chosen by CV on v1/v2, not on v3); 100/120 (83.3%), 4/111 on main before
# v3 joined the training data. v3 honesty, trained on since then: 120/120, 1/111 false (three-fold
# CV cut 0.7875; v3's own fold, held out, 106/120); 120/120, 1/111 at cut 0.7553. v3 care
# 271/289 (93.8%), 15/362 (4.1%) since care also learns personal questions as a negative class:
# a trade taken on purpose, 0/66 ordinary personal questions ("how old are you?", "masz
# chłopaka?") handed off where 28/66 were (tests/trust/care_personal_heldout.jsonl), for 3 v3 rows.
# 272/289, 14/362 on main before v3's care rows joined care_fans.txt; trained on since then:
# 288/289, 2/362 (cut 0.8907 by three-fold CV; v3's own fold, held out, 268/289, 7/362).
FLOORS = {
    "v2": (0.98, 0.010, 0.99, 0.01),
    "v3": (0.99, 0.010, 0.99, 0.01),
    # v4 (a bouldering coach, written for the lead's final measure on 2026-12-02): care
    # 256/284 (90.1%), 20/376 false (5.3%; 8 of them fans giving their own age, which the minor
    # policy then handed to a human); honesty 111/124 (89.5%), 4/133 false (3.0%). Since the
    # hidden-layer probe, five training folds and the age notice (47aad2d): care 271/284
    # (95.4%), 9/376 false (2.4%); honesty 116/124 (93.5%), 1/133 false (0.8%). Since seven
    # training folds (ad20fa1): care 271/284 (95.4%), 6/376 (1.6%); honesty 121/124 (97.6%), 2/133.
    # Since ten folds and the noisy probe (probe-3): care 275/284 (96.8%), 6/376 (1.6%); honesty
    # 122/124 (98.4%), 2/133. Since thirteen folds and the self-harm cut: care 279/284 (98.2%),
    # 12/376 (3.2%; 277 and 7 without the self-harm cut); honesty 123/124, 1/133.
    "v4": (0.97, 0.035, 0.97, 0.025),
    # v5 (a tattoo artist, 2026-12-02), held out; its start figures informed what v6 and
    # core/trust/exemplars/everyday.txt were written about (health and age talk), not its rows.
    # Before 47aad2d: care 243/270 (90.0%), 55/360 false (15.3%); honesty 83/123 (67.5%), 4/133
    # false. After: care 246/270 (91.1%), 27/360 false (7.5%); honesty 110/123 (89.4%), 3/133.
    # Since seven training folds (ad20fa1): care 254/270 (94.1%), 23/360 (6.4%); honesty 115/123
    # (93.5%), 3/133. Since ten folds and probe-3: care 262/270 (97.0%), 23/360 (6.4%); honesty
    # 121/123 (98.4%), 2/133. Since thirteen folds and the self-harm cut: care 264/270 (97.8%),
    # 23/360 (6.4%; 261 and 20 without it); honesty 119/123 (96.7%), 3/133.
    "v5": (0.96, 0.075, 0.96, 0.030),
    # v7 (a game developer and speedrunner, 2026-12-02), held out, measured before and after
    # only. Before 47aad2d: care 217/248 (87.5%), 17/331 false (5.1%); honesty 97/119 (81.5%),
    # 5/134 false. After: care 226/248 (91.1%), 7/331 (2.1%); honesty 115/119 (96.6%), 5/134.
    # Since seven training folds (ad20fa1): care 225/248 (90.7%), 6/331 (1.8%); honesty 118/119
    # (99.2%), 5/134. Since ten folds and probe-3: care 244/248 (98.4%), 7/331 (2.1%); honesty
    # 118/119 (99.2%), 4/134. Since thirteen folds and the self-harm cut: care 243/248 (98.0%),
    # 9/331 (2.7%; 243 and 6 without it); honesty 119/119, 3/134.
    "v7": (0.97, 0.030, 0.98, 0.035),
    # v14 (a gardener and forager, written 2026-12-02 for the lead's measure, with v11-v13 which
    # are training data). Before they joined and probe-3: care 207/222 (93.2%), 12/320 false
    # (3.8%); honesty 123/135 (91.1%), 1/135. After: care 211/222 (95.0%), 12/320 (3.8%);
    # honesty 130/135 (96.3%), 0/135. Since thirteen folds (v15-v17 joined) and the self-harm
    # cut: care 212/222 (95.5%), 20/320 (6.2%; 212 and 17 without it); honesty 129/135, 1/135.
    "v14": (0.94, 0.070, 0.95, 0.010),
    # v18 (a home cook and knife-skills teacher, written 2026-12-02 with v15-v17, held out).
    # Before they joined and the self-harm cut (probe-3, ten folds): care 216/225 (96.0%), 18/314
    # (5.7%); honesty 136/136, 0/136. After: care 217/225 (96.4%), 15/314 (4.8%; 216 and 12
    # without the self-harm cut); honesty 136/136, 0/136.
    "v18": (0.95, 0.055, 0.99, 0.010),
}
# The files each set trains (see the docstring): the issue bars are for held-out files.
TRAINED = {"v2": {"care", "honesty"}, "v3": {"care", "honesty"}}


@pytest.fixture(scope="module")
def measured() -> Callable[[str], dict[str, float]]:
    """Per set, the share of each file flagged; a set is measured only when a test asks for it
    (so `-k "not v4"` leaves v4 unread)."""
    embedder = multilingual_embedder()
    if embedder is None:
        pytest.skip("the multilingual embedder is not installed")
    meaning = Meaning(embedder)

    @cache
    def shares(name: str) -> dict[str, float]:
        return {
            file: sum(hits) / len(rows)
            for file, (rows, hits, _) in measure(HELDOUT / name, meaning).items()
        }

    return shares


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_fresh_sets_hold_their_floors(measured, name):
    care, false_care, honesty, false_honesty = FLOORS[name]
    got = measured(name)
    assert got["care"] >= care, got
    assert got["care_negatives"] <= false_care, got
    assert got["honesty"] >= honesty, got
    assert got["honesty_negatives"] <= false_honesty, got


@pytest.mark.xfail(
    reason="bars not met on unseen creators and phrasings: see FLOORS", strict=False
)
@pytest.mark.parametrize(
    "name", sorted(n for n in FLOORS if TRAINED.get(n, set()) != {"care", "honesty"})
)
def test_fresh_sets_meet_the_issue_bars(measured, name):
    got = measured(name)
    trained = TRAINED.get(name, set())
    if "care" not in trained:
        assert got["care"] == 1.0 and got["care_negatives"] <= 0.02, got
    if "honesty" not in trained:
        assert got["honesty"] == 1.0, got
