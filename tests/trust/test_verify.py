"""Pins the claim verifier: sentences in any script, specifics, support, modes and citations."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from core.memory.embeddings import HashEmbedder, MiniLMEmbedder
from core.memory.memory import embed_texts
from core.ports import Embedder
from core.trust.sentences import split_sentences
from core.trust.specifics import specifics
from core.trust.verify import ClaimVerifier, Kind, Mode, Support

PAIRS = Path(__file__).parent / "support_pairs.json"
FACTS = [
    "I started baking sourdough in 2014 in my grandmother's kitchen.",
    "I have a niece called Pip who loves making pizza with me.",
    "My dog is a greyhound named Biscuit.",
]
FLOUR = (
    "People ask about flour more than anything else, so here is how I choose. Everyday loaves: "
    "strong white bread flour around 12.5–13% protein. Baguettes: French T65. I am not "
    "sponsored by any flour brand. I buy my own flour, and that is on purpose."
)
COURSE = "The spring course starts on the 9th of March. It costs £99, all materials included."


@cache
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def verifier(embedder: Embedder | None = None) -> ClaimVerifier:
    embedder = embedder or HashEmbedder()

    async def embed(texts: list[str]) -> np.ndarray:
        return await embed_texts(embedder, texts)

    return ClaimVerifier(embed, embedder.model_name)


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def facts(*extra: str) -> list[Support]:
    return [Support(t) for t in (*FACTS, *extra)]


# -- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I use 3.5 kg. Then rest.", ["I use 3.5 kg.", "Then rest."]),
        (
            "See https://mara.example/a.b?x=1. Next!",
            ["See https://mara.example/a.b?x=1.", "Next!"],
        ),
        ("我用黑麦粉。每周喂一次！你呢？", ["我用黑麦粉。", "每周喂一次！", "你呢？"]),
        ("Dr. Smith said hi. e.g. this works.", ["Dr. Smith said hi.", "e.g. this works."]),
        ("Videos at 17:00 UK time. Ratio 1:5:5.", ["Videos at 17:00 UK time.", "Ratio 1:5:5."]),
        ("Rye, always. [1] Then bake.", ["Rye, always. [1]", "Then bake."]),
        ("Write to mara@quill.example. Thanks!", ["Write to mara@quill.example.", "Thanks!"]),
        ("Line one\nLine two", ["Line one", "Line two"]),
    ],
)
def test_sentences_split_in_any_script_without_cutting_urls_or_decimals(text, expected):
    assert split_sentences(text) == expected


def test_specifics_carry_numbers_names_negation_and_speaker():
    s = specifics("My friend Sam sold me three loaves for £12 in Lyon.")
    assert {"3", "12"} <= s.numbers and {"sam", "lyon"} <= s.names
    assert s.first_person and not s.negated
    assert specifics("Je ne mange jamais de viande.").negated
    assert specifics("我不吃肉。").negated and specifics("我不吃肉。").first_person
    assert specifics("1,000 grams").numbers == specifics("1000 grams").numbers
    assert "mara quill" not in specifics("Mara Quill bakes.", ["Mara Quill"]).names


# -- support ------------------------------------------------------------------------------------


def test_invented_child_is_removed_even_with_a_niece_fact():
    out = run(verifier().verify("My daughter goes to a school in NYC.", facts()))
    assert out.text == "" and out.removed


def test_a_supported_claim_survives_and_an_unsupported_entity_does_not():
    v = verifier()
    assert run(v.verify("My niece Pip loves making pizza with me.", facts())).text
    assert not run(v.verify("My dog Rex is a greyhound.", facts())).text


def test_a_changed_number_or_a_flipped_negation_is_not_supported():
    v = verifier()
    support = [Support(COURSE, source=1)]
    assert run(v.verify("It costs £99, all materials included.", support)).text
    assert not run(v.verify("It costs £89, all materials included.", support)).text
    flour = [Support(FLOUR, source=1)]
    assert run(v.verify("I am not sponsored by any flour brand.", flour)).text
    assert not run(v.verify("I am sponsored by a flour brand.", flour)).text


def test_the_fans_words_back_what_the_fan_said_never_a_claim_about_the_creator():
    v = verifier()
    fan = [Support("My sister Juno just moved to Bath!", from_fan=True)]
    assert run(v.verify("Say hi to your sister Juno in Bath!", fan, mode="balanced")).text
    asked = [Support("You live in Bath, right?", from_fan=True)]
    assert not run(v.verify("Yes, I live in Bath.", asked)).text


def test_citations_follow_the_sentences_they_support_and_unused_ones_drop():
    v = verifier()
    support = [Support(COURSE, source=1), Support(FLOUR, source=2)]
    text = "I buy my own flour, and that is on purpose [1]. My husband Dave helps [2]."
    out = run(v.verify(text, support))
    assert out.text == "I buy my own flour, and that is on purpose [2]."
    assert out.sources_used == (2,)


def test_the_demo_flour_answer_is_not_supported_by_her_flour_guide():
    made_up = "I'm using a type of flour called gluten-free flour, but I'm not a baker."
    for embedder in (HashEmbedder(), minilm()):
        out = run(verifier(embedder).verify(made_up, facts() + [Support(FLOUR, source=1)]))
        assert out.text == "", embedder.model_name


# -- modes --------------------------------------------------------------------------------------


def test_strict_needs_support_for_every_sentence_balanced_lets_chit_chat_through():
    v = verifier(minilm())
    text = "Thanks so much for asking! I buy my own flour, and that is on purpose."
    support = [Support(FLOUR, source=1)]
    strict = run(v.verify(text, support, mode=Mode.STRICT))
    balanced = run(v.verify(text, support, mode=Mode.BALANCED))
    assert strict.text == "I buy my own flour, and that is on purpose [1]."
    assert balanced.text.startswith("Thanks so much for asking!")
    invented = "Happy baking! My husband Dave bakes with me on Sundays."
    for mode in Mode:
        assert "Dave" not in run(v.verify(invented, support, mode=mode)).text


def test_creative_lets_an_opinion_through_but_not_a_fact_dressed_as_one():
    v = verifier(minilm())
    out = run(v.verify("Honestly, nothing beats a slow loaf.", [], mode=Mode.CREATIVE))
    assert out.text
    out = run(v.verify("Honestly, I think my £300 course is the best.", [], mode="creative"))
    assert not out.text


def test_sentence_kinds_measured_on_sentences_not_in_the_examples():
    labelled = {
        Kind.CHITCHAT: [
            "Thanks a lot for the lovely message!",
            "Good luck with your first loaf!",
            "Hope you have a great weekend.",
            "So sorry that happened to you.",
            "¡Mucha suerte con tu pan!",
            "Viel Spaß beim Backen!",
        ],
        Kind.CLAIM: [
            "I bake every loaf in a cast-iron pot.",
            "My starter is older than my car.",
            "The workshop sold out in a day.",
            "I moved to the coast last year.",
            "Mi horno llega a doscientos grados.",
            "Ich backe jeden Morgen um sechs.",
        ],
    }
    v = verifier(minilm())
    right = total = 0
    for kind, sentences in labelled.items():
        for got in run(v.kinds(sentences)):
            total += 1
            # An opinion is not a claim, but it is no chit-chat either: count it as wrong.
            right += got is kind
    assert right / total >= 0.8, f"{right}/{total} sentence kinds right"


# -- the measured thresholds --------------------------------------------------------------------


def test_the_measured_thresholds_hold_on_the_labelled_pairs():
    from tests.probes.support import pr, score, supported

    rows = asyncio.run(score(minilm(), PAIRS))
    t = verifier(minilm()).thresholds
    for split, precision in (("tune", 0.95), ("holdout", 0.85)):
        sub = [r for r in rows if r.split == split]
        p, r = pr([supported(x, t) for x in sub], [x.label for x in sub])
        assert p >= precision, f"{split}: precision {p:.2f}"
        assert r >= 0.6, f"{split}: recall {r:.2f}"
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    assert {p["support"].split(":")[0] for p in data["pairs"]} == {"mara", "ines"}


@pytest.mark.slow
def test_the_multilingual_thresholds_hold_and_generalise_better_than_minilm():
    """The claim check runs on multilingual-e5 when it is installed (bots/bootstrap via
    verifier_for): its measured thresholds hold on the tuning split and do better than
    MiniLM's on the held-out split, which was never tuned on."""
    from core.trust.meaning_embedder import multilingual_embedder
    from tests.probes.support import pr, score, supported

    e5 = multilingual_embedder()
    if e5 is None:
        pytest.skip("multilingual-e5 is not installed")
    found = {}
    for embedder in (e5, minilm()):
        rows = asyncio.run(score(embedder, PAIRS))  # type: ignore[arg-type]
        t = verifier(embedder).thresholds  # type: ignore[arg-type]
        for split in ("tune", "holdout"):
            sub = [r for r in rows if r.split == split]
            found[embedder.model_name, split] = pr(
                [supported(x, t) for x in sub], [x.label for x in sub]
            )
    p, r = found[e5.model_name, "tune"]
    # 0.85 on the first 77 pairs; the 22 added for the place, unit and negation rules hold
    # translations whose cosine stays under the cross threshold (0.86 for 里昂), so 0.80.
    assert p >= 0.95 and r >= 0.80, (p, r)
    p, r = found[e5.model_name, "holdout"]
    mp, mr = found[minilm().model_name, "holdout"]
    assert p >= mp and r > mr, (p, r, mp, mr)


def test_strict_keeps_paraphrases_in_her_words_and_drops_words_she_never_used():
    v = verifier(minilm())
    support = [Support(FLOUR, source=1)]
    kept = "I use strong white bread flour for everyday loaves."
    assert run(v.verify(kept, support, mode=Mode.STRICT)).text
    for added in ("I use homemade flour.", "I buy my own organic flour."):
        assert not run(v.verify(added, support, mode=Mode.STRICT)).text, added
    # The fan's words are no vocabulary for a claim about her.
    fan = Support("Do you use homemade flour?", from_fan=True)
    assert not run(v.verify("I use homemade flour.", [*support, fan], mode=Mode.STRICT)).text


def test_strict_accepts_a_word_she_used_elsewhere_in_her_archive():
    v = verifier(minilm())
    support = [Support(FLOUR, source=1)]
    tip = "I buy my own flour on purpose, every week."
    assert not run(v.verify(tip, support, mode=Mode.STRICT)).text
    v.learn_vocabulary(["New videos every week, and a bake-along once a month."])
    assert run(v.verify(tip, support, mode=Mode.STRICT)).text


# -- across languages -----------------------------------------------------------------------


def test_across_languages_numbers_names_and_negation_must_survive_translation():
    from core.trust.across import across

    unit = "In 2016 I spent three months learning at a boulangerie in Lyon."
    spec = specifics(unit)
    ok = across("En 2016 pasé tres meses aprendiendo en una panadería de Lyon.", "es", unit, spec)
    assert ok.agrees and ok.anchored
    for claim in (
        "En 2016 pasé seis meses aprendiendo en una panadería de Lyon.",  # another number
        "En 2016 pasé tres meses aprendiendo en una panadería de París.",  # another name
        "En 2016 no pasé tres meses en una panadería de Lyon.",  # negation flipped
        "2016年我在巴黎学了五个月。",  # a Chinese numeral is a number too
    ):
        assert not across(claim, "es", unit, spec).agrees, claim


def test_latin_names_inside_chinese_text_and_units_beside_cjk_are_read():
    from core.trust.across import across, normalised

    assert normalised("素烧用十个小时") == "素烧用 10 个小时"
    unit = "Barty (Bartholomew, when he misbehaves) came from my friend Jo in 2014."
    assert across("Barty是2014年我的朋友Jo给我的。", "zh", unit, specifics(unit)).anchored
    assert not across("Barty是2014年我的朋友Anna给我的。", "zh", unit, specifics(unit)).agrees
    mugs = "My mugs hold about 350 ml."
    assert across("私のマグカップの容量は約350mlです。", "ja", mugs, specifics(mugs)).agrees


def test_german_nouns_are_not_names_but_names_where_a_name_stands_are():
    from core.trust.across import across

    unit = "The night before a bake I take 10 g and feed it 1:5:5, so 10 g starter, 50 g flour."
    claim = "Am Abend vor dem Backen nehme ich 10 g und füttere ihn 1:5:5, also 10 g Anstellgut."
    assert across(claim, "de", unit, specifics(unit)).agrees
    kiln = "My kiln is an electric kiln called Dragon."
    assert not across(
        "Mein Ofen ist ein Elektroofen namens Phoenix.", "de", kiln, specifics(kiln)
    ).agrees
    cat = "I have a ginger cat called Poolish."
    assert not across("Meine Tochter Saoirse liebt Poolish.", "de", cat, specifics(cat)).agrees


@pytest.mark.slow
def test_the_cross_language_thresholds_hold_on_the_tuning_pairs():
    """The rule for a sentence in another language than its unit (CROSS_THRESHOLDS) keeps
    precision on the cross-language tuning pairs, finds most of them where the old rule found
    almost none, and leaves the same-language verdicts as they were."""
    from core.trust.meaning_embedder import multilingual_embedder
    from core.trust.verify import CROSS_THRESHOLDS, SUPPORT_THRESHOLDS
    from tests.probes.support import pr, score, supported

    e5 = multilingual_embedder()
    if e5 is None:
        pytest.skip("multilingual-e5 is not installed")
    same, cross = SUPPORT_THRESHOLDS[e5.model_name], CROSS_THRESHOLDS[e5.model_name]
    rows = asyncio.run(score(e5, PAIRS.parent / "support_pairs_xl.json"))  # type: ignore[arg-type]
    labels = [r.label for r in rows]
    p, r = pr([supported(x, same, cross) for x in rows], labels)
    # 0.85 on the first 77 pairs; the 22 added for the place, unit and negation rules hold
    # translations whose cosine stays under the cross threshold (0.86 for 里昂), so 0.80.
    assert p >= 0.95 and r >= 0.80, (p, r)
    _, old = pr([supported(x, same) for x in rows], labels)
    assert old <= 0.2, old
    rows = asyncio.run(score(e5, PAIRS))  # type: ignore[arg-type]
    tune = [x for x in rows if x.split == "tune" and x.note != "other-language"]
    assert [supported(x, same, cross) for x in tune] == [supported(x, same) for x in tune]


# -- negation per clause --------------------------------------------------------------------


def test_negation_is_compared_clause_by_clause_where_the_words_say_which():
    from core.trust.specifics import agrees

    def agree(claim: str, unit: str) -> bool:
        return agrees(specifics(claim), unit, specifics(unit))

    said = "I don't use rye, I use spelt."
    # The same two clauses in another order, or only the clause the claim shares.
    assert agree(said, "I use spelt; rye I don't use.")
    assert agree(said, "I use spelt")
    # Each clause flipped: one "not" per sentence on both sides, yet the opposite claim.
    assert not agree(said, "I use rye, I don't use spelt.")
    assert not agree("I use rye.", "I don't use rye.")
    assert not agree("I am sponsored by a flour brand.", "I am not sponsored by any flour brand.")


def test_strict_needs_the_supporting_unit_to_share_half_its_words():
    # make demo, 2026-12-02: multilingual-e5 scored this 0.93 against her sponsorship fact, a
    # "paraphrase" of a sentence that says something else.
    from core.trust.verify import shares_enough

    fact = "I don't take sponsorship from flour brands; I buy my own flour."
    assert not shares_enough("I don't use flour for bread but use it to make bread.", fact)
    assert shares_enough("I buy my own flour and take no sponsorship.", fact)


@pytest.mark.parametrize(
    ("claim", "unit", "agreed"),
    [
        # One "not" each side, in opposite clauses joined by a conjunction (no comma).
        ("I love rye but I don't use spelt.", "I don't love rye but I use spelt.", False),
        ("No uso centeno pero uso espelta.", "Uso centeno pero no uso espelta.", False),
        (
            "Ich mag Roggen, aber ich nutze keinen Dinkel.",
            "Ich mag keinen Roggen, aber ich nutze Dinkel.",
            False,
        ),
        (
            "J'aime le seigle mais je n'utilise pas d'épeautre.",
            "Je n'aime pas le seigle mais j'utilise de l'épeautre.",
            False,
        ),
        # The source says "not" of one clause; the claim says only the other, with no "not".
        ("I bake with rye.", "I bake with rye but never with spelt.", True),
        ("Horneo con centeno.", "Horneo con centeno pero nunca con espelta.", True),
        ("Ich backe mit Roggen.", "Ich backe mit Roggen, aber nie mit Dinkel.", True),
        (
            "Je cuis avec du seigle.",
            "Je cuis avec du seigle mais jamais avec de l'épeautre.",
            True,
        ),
        # ...and not when it is the negated clause the claim states without its "not".
        ("I bake with spelt.", "I bake with rye but never with spelt.", False),
        ("Horneo con espelta.", "Horneo con centeno pero nunca con espelta.", False),
        ("Ich backe mit Dinkel.", "Ich backe mit Roggen, aber nie mit Dinkel.", False),
        (
            "Je cuis avec de l'épeautre.",
            "Je cuis avec du seigle mais jamais avec de l'épeautre.",
            False,
        ),
        # A "not" that governs a whole list stays one clause.
        ("I don't use rye and spelt.", "I don't use rye and spelt.", True),
        ("I use rye and spelt.", "I don't use rye and spelt.", False),
    ],
)
def test_negation_in_another_clause_is_not_the_claims_negation(claim, unit, agreed):
    from core.trust.specifics import agrees

    assert agrees(specifics(claim), unit, specifics(unit)) is agreed


# -- a name keeps its kind ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "unit"),
    [
        ("My dog Miso sleeps all day.", "My cat is called Miso and she sleeps all day."),
        ("My brother Noa lives in Lyon.", "My sister Noa lives in Lyon."),
        ("My cat Pip loves the beach.", "My old dog is a greyhound called Pip."),
        ("My wife Sam cooks every Sunday.", "My husband Sam cooks every Sunday."),
        ("Mi perro Miso duerme todo el día.", "Mi gata se llama Miso y duerme todo el día."),
        ("Mi hermano Noa vive en Lyon.", "Mi hermana Noa vive en Lyon."),
        (
            "Mon chien Miso dort toute la journée.",
            "Ma chatte s'appelle Miso, elle dort toute la journée.",
        ),
        ("Mon frère Noa habite à Lyon.", "Ma sœur Noa habite à Lyon."),
        ("Meu cachorro Miso dorme o dia todo.", "Minha gata se chama Miso e dorme o dia todo."),
        ("Mio fratello Noa vive a Lione.", "Mia sorella Noa vive a Lione."),
        (
            "Mein Hund Miso schläft den ganzen Tag.",
            "Meine Katze heißt Miso und schläft den ganzen Tag.",
        ),
    ],
)
def test_a_name_given_to_another_kind_disagrees(claim, unit):
    from core.trust.specifics import agrees

    assert not agrees(specifics(claim), unit, specifics(unit)), claim
    v = verifier()
    assert not run(v.verify(claim, [Support(unit, source=1)], mode="balanced")).text, claim


@pytest.mark.parametrize(
    ("claim", "unit"),
    [
        ("My cat Miso sleeps all day.", "My cat is called Miso and she sleeps all day."),
        ("My ginger cat Miso sleeps all day.", "I have a cat called Miso, she sleeps all day."),
        ("Miso sleeps all day.", "My cat is called Miso and she sleeps all day."),
        ("I took Miso to the vet.", "My cat Miso hates the vet, so I took Miso there."),
        ("Mi gata negra Miso duerme todo el día.", "Mi gata se llama Miso y duerme todo el día."),
        ("Ma sœur Noa habite à Lyon.", "Ma sœur Noa habite à Lyon depuis 2019."),
        ("Mia sorella Noa vive a Lione.", "Mia sorella Noa vive a Lione."),
        (
            "Meine Katze Miso schläft den ganzen Tag.",
            "Meine Katze heißt Miso, sie schläft den ganzen Tag.",
        ),
        ("I opened my bakery in March 2019.", "I opened my micro-bakery in March 2019."),
        # "X is a Y called Name": X and Y are both its kind.
        ("My dog Pip loves the beach.", "My old dog is a greyhound called Pip."),
        # A compound names the same kind ("micro-bakery" is a bakery).
        ("My bakery Quill sells rye.", "My micro-bakery Quill sells rye and spelt."),
    ],
)
def test_a_name_given_its_own_kind_agrees(claim, unit):
    from core.trust.specifics import agrees

    assert agrees(specifics(claim), unit, specifics(unit)), claim
