"""The prompt-privacy pair sets are what the threshold's figures claim: two splits, two creators
each, leaks in six languages or more, negatives that share topic words, no text in both."""

import json
from collections import Counter

import pytest

from tests.probes.privacy import CREATORS, SPLITS, TRANSLATED, instructions, persona

KINDS = {"dump", "bullet", "paraphrase", "reordered", "third", "translated", "ontopic"}


def _rows(split: str) -> list[dict]:
    return [json.loads(line) for line in SPLITS[split].read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_each_split_has_two_creators_six_languages_and_hard_negatives(split):
    rows = _rows(split)
    assert all(r["label"] in (0, 1) and r["kind"] in KINDS for r in rows)
    assert all(r["creator"] in CREATORS for r in rows)
    leaks = [r for r in rows if r["label"] == 1]
    langs = Counter(r["lang"] for r in leaks)
    assert {"en", "es", "de", "fr", "pt", "zh"} <= set(langs), langs
    assert len({r["creator"] for r in leaks}) >= 2
    assert {r["kind"] for r in leaks} >= {"dump", "bullet", "paraphrase", "translated"}
    assert sum(r["label"] == 0 for r in rows) >= 40, "hand-written on-topic negatives"
    assert len(leaks) >= 60


def test_no_text_is_in_both_splits_and_the_held_out_has_creators_nobody_tuned_on():
    tune, held = _rows("tune"), _rows("holdout")
    assert not {r["text"] for r in tune} & {r["text"] for r in held}
    assert {r["creator"] for r in held} - {r["creator"] for r in tune} >= {"juno", "dario"}


def test_every_creator_has_instructions_to_leak():
    for creator in CREATORS:
        found = instructions(creator)
        assert len(found) >= 8, creator
        assert persona(creator).fictional


TRANSLATED_LANGS = {"es", "de", "fr", "pt", "it", "nl", "zh", "ja"}


def _translated(split: str) -> list[dict]:
    text = TRANSLATED[split].read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_each_translated_set_has_leaks_and_ordinary_replies_in_eight_languages(split):
    rows = _translated(split)
    # Korean rows were added to the tuning split for the CJK cut (session 8, leak5).
    langs = TRANSLATED_LANGS | {"ko"}
    assert all(r["creator"] in CREATORS and r["lang"] in langs for r in rows)
    assert all(r["kind"] in {"translated", "ontopic", "refusal"} for r in rows)
    assert all((r["kind"] == "translated") == (r["label"] == 1) for r in rows)
    for label in (0, 1):
        per_lang = Counter(r["lang"] for r in rows if r["label"] == label)
        assert set(per_lang) >= TRANSLATED_LANGS and min(per_lang.values()) >= 4, per_lang


def test_the_translated_held_out_set_is_on_a_creator_nobody_tuned_on():
    tune, held = _translated("tune"), _translated("holdout")
    tuned = {r["creator"] for r in tune} | {r["creator"] for r in _rows("tune")}
    assert {r["creator"] for r in held} == {"dario"} and "dario" not in tuned
    everything = [*_rows("tune"), *_rows("holdout"), *tune]
    assert not {r["text"] for r in held} & {r["text"] for r in everything}
    assert not {r["text"] for r in tune} & {r["text"] for r in [*_rows("tune"), *_rows("holdout")]}


def test_the_second_translated_held_out_set_is_cjk_heavy_on_a_creator_of_its_own():
    v2 = _translated("holdout_v2")
    assert {r["creator"] for r in v2} == {"teodor"}
    assert all(r["kind"] in {"translated", "ontopic", "refusal"} for r in v2)
    assert all((r["kind"] == "translated") == (r["label"] == 1) for r in v2)
    leaks = Counter(r["lang"] for r in v2 if r["label"] == 1)
    assert leaks["zh"] >= 10 and leaks["ja"] >= 10 and leaks["ko"] >= 5, leaks
    assert sum(r["label"] == 0 for r in v2) >= sum(leaks.values())
    others = [*_rows("tune"), *_rows("holdout"), *_translated("tune"), *_translated("holdout")]
    assert "teodor" not in {r["creator"] for r in others}
    assert not {r["text"] for r in v2} & {r["text"] for r in others}


def test_the_cjk_training_set_has_two_creators_both_chinese_scripts_and_hard_negatives():
    text = TRANSLATED["cjk_train"].read_text(encoding="utf-8")
    rows = [json.loads(x) for x in text.splitlines()]
    assert {r["creator"] for r in rows} == {"mara", "noor"}
    assert all(r["creator"] in CREATORS and r["label"] in (0, 1) for r in rows)
    langs = Counter((r["lang"], r["label"]) for r in rows)
    assert langs["zh", 1] >= 25 and langs["zh", 0] >= 20
    assert all(langs[lang, label] >= 5 for lang in ("ja", "ko") for label in (0, 1))
    assert all(langs[lang, label] >= 2 for lang in ("es", "de", "fr") for label in (0, 1))
    zh = [r["text"] for r in rows if r["lang"] == "zh"]
    assert any("設定" in t or "規則" in t for t in zh), "traditional script"
    assert any("，" in t for t in zh) and any("、" in t for t in zh) and any("," in t for t in zh)
    held = {r["text"] for r in _rows("tune")} | {r["text"] for r in _rows("holdout")}
    assert not {r["text"] for r in rows} & held
