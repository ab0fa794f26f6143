"""The self-harm cut: a message the probe gives self-harm alone, at its own measured cut, reaches
a human even when its probability is shared with `none` and the care cut misses it."""

import numpy as np
import pytest

from core.trust.escalation import SEVERE, classify
from core.trust.meaning import Bank, Detector, Exemplar, Meaning, Threshold


class _Named:
    model_name = "synthetic-4d"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise AssertionError("the test gives every vector itself")


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


# Three tight clusters on the axes of a 4-d space: none, self-harm, money.
CENTRES = {"none": [1, 0, 0, 0], "self-harm": [0, 1, 0, 0], "money": [0, 0, 1, 0]}


@pytest.fixture
def bank() -> Bank:
    rng = np.random.default_rng(1)
    rows, vectors = [], []
    for label, centre in CENTRES.items():
        for i in range(40):
            rows.append(Exemplar(label, "en", f"{label} {i}"))
            vectors.append(_unit(list(np.asarray(centre) + rng.normal(0, 0.05, 4))))
    return Bank(rows, np.stack(vectors))


def _meaning(bank: Bank, severe: float | None) -> Meaning:
    embedder = _Named()
    thresholds = {} if severe is None else {SEVERE: {embedder.model_name: Threshold(severe)}}
    meaning = Meaning(embedder, thresholds=thresholds)
    meaning.detectors["care"] = Detector("care", bank, Threshold(0.95), embedder)
    return meaning


HALF_HARM = _unit([1, 1, 0, 0.05])  # between none and self-harm
HALF_MONEY = _unit([1, 0, 1, 0.05])  # between none and money


def test_between_none_and_self_harm_is_missed_by_the_care_cut_alone(bank: Bank) -> None:
    p = bank.label_proba(HALF_HARM[None, :], "self-harm")[0]
    assert 0.2 < p < 0.95, p  # the probability is shared: under the care cut
    assert classify("hello there", _meaning(bank, None), HALF_HARM) is None


def test_the_self_harm_cut_hands_it_to_a_human(bank: Bank) -> None:
    p = float(bank.label_proba(HALF_HARM[None, :], "self-harm")[0])
    care = classify("hello there", _meaning(bank, p - 0.01), HALF_HARM)
    assert care is not None and care.category == "self-harm" and care.by == "meaning"
    assert classify("hello there", _meaning(bank, p + 0.01), HALF_HARM) is None


def test_the_self_harm_cut_is_for_self_harm_only(bank: Bank) -> None:
    # Money as likely as self-harm was above stays with the care cut, which misses it.
    p = float(bank.label_proba(HALF_MONEY[None, :], "money")[0])
    assert p > 0.2
    assert classify("hello there", _meaning(bank, 0.05), HALF_MONEY) is None


def test_a_vector_of_another_embedder_is_not_read(bank: Bank) -> None:
    assert classify("hello there", _meaning(bank, 0.05), np.ones(8, np.float32) / 8**0.5) is None
