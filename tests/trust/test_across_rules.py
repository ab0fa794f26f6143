"""The cross-language check's rules for what translation changes: city names
(core/trust/places.py), what a number measures (core/trust/measures.py), and a "not" lost
with a clause cut from its sentence (core/trust/verify.py)."""

from __future__ import annotations

import asyncio

import pytest

from core.trust.across import across
from core.trust.measures import measures_agree
from core.trust.places import cjk_places, place
from core.trust.specifics import specifics


def test_a_city_is_one_place_under_its_names_in_every_language():
    for a, b in (
        ("Lisboa", "Lisbon"),
        ("Köln", "Cologne"),
        ("Múnich", "Munich"),
        ("Londres", "London"),
    ):
        assert place(a) & place(b), (a, b)
    assert not place("Oporto") & place("Lisbon")
    assert not place("Paris") & place("Lyon")
    assert {n for n in cjk_places("2022年我在里斯本待了三周")} == {"里斯本"}
    assert cjk_places("東京でパン屋を")["東京"][0] & place("Tokyo")


def test_a_short_cjk_city_name_that_is_also_a_word_is_not_read_as_another_place():
    # コーチ is Kochi, and "coach": beside no word of place it names nothing for sure.
    ids, sure = cjk_places("AIってそのうちコーチの代わりになると思う？")["コーチ"]
    assert ids and not sure
    assert cjk_places("2019年にマンチェスターからブリストルに")["マンチェスター"][1]


def test_translated_city_names_agree_and_another_city_does_not():
    unit = "In May 2022 I spent three weeks in Lisbon learning to paint tiles."
    spec = specifics(unit)
    for lang, claim in (
        ("es", "En mayo de 2022 pasé tres semanas en Lisboa aprendiendo a pintar azulejos."),
        ("de", "Im Mai 2022 war ich drei Wochen in Lissabon, um Fliesen malen zu lernen."),
        ("zh", "2022年我在里斯本待了三个星期，学习画瓷砖。"),
        ("ja", "2022年、リスボンで3週間タイルの絵付けを学びました。"),
    ):
        found = across(claim, lang, unit, spec)
        assert found.agrees and found.anchored, claim
    for lang, claim in (
        ("es", "En mayo de 2022 pasé tres semanas en Oporto aprendiendo a pintar azulejos."),
        ("zh", "2022年我在马德里待了三个星期，学习画瓷砖。"),
        ("ja", "2022年、マドリードで3週間タイルの絵付けを学びました。"),
    ):
        assert not across(claim, lang, unit, spec).agrees, claim


def test_a_number_must_measure_the_same_thing_in_translation():
    unit = "A glaze firing takes 9 hours, and the kiln needs another 24 hours to cool."
    assert measures_agree("el horno necesita otras 24 horas para enfriarse", unit)
    assert measures_agree("窑还要再冷却24个小时", unit)
    assert not measures_agree("el horno necesita otros 24 días para enfriarse", unit)
    assert not measures_agree("窑还要再冷却24天", unit)
    assert not measures_agree("Een glazuurstook duurt 9 minuten.", unit)
    price = "The class is £35 a session, 2% off for a whole term."
    assert measures_agree("Der Kurs kostet 35 £ pro Termin.", price)
    assert measures_agree("1回35ポンドです。", price)
    assert not measures_agree("Der Kurs kostet 35 € pro Termin.", price)
    assert not measures_agree("1回35ユーロです。", price)
    assert not measures_agree("con un 2 g de descuento", price)
    # Counted in words and in another language: three weeks are not tre mesi.
    assert not measures_agree("ho passato tre mesi a Lisbona", "I spent three weeks in Lisbon")
    assert measures_agree("ho passato tre settimane a Lisbona", "I spent three weeks in Lisbon")
    # What the list does not name (tiles, students) is left to similarity.
    assert measures_agree("Traje 40 azulejos.", "I came home with 40 tiles.")


@pytest.mark.parametrize(
    ("lang", "claim", "negated"),
    [
        ("de", "Porzellan verwende ich beim Unterrichten nicht, weil es Fehler bestraft.", True),
        ("de", "Einen Sponsor habe ich keinen.", True),
        ("nl", "Porselein gebruik ik niet meer.", True),
        ("nl", "Sponsors heb ik geen.", True),
        ("sv", "Porslin använder jag inte när jag undervisar.", True),
        ("de", "Porzellan verwende ich beim Unterrichten gern.", False),
        ("nl", "Porselein gebruik ik nog steeds.", False),
    ],
)
def test_a_not_at_the_clause_end_is_read_in_german_dutch_and_swedish(lang, claim, negated):
    unit = "I don't use porcelain for teaching."
    found = across(claim, lang, unit, specifics(unit))
    assert found.agrees is negated, claim


@pytest.mark.slow
def test_a_clause_cut_from_a_negated_sentence_does_not_support_its_sentence_without_the_not():
    """'if you are under 16' is a clause of 'if you are under 16, don't hangboard': a German
    sentence nearer to the whole than to the clause must say the whole's "not" too."""
    from core.memory.memory import embed_texts
    from core.trust.meaning_embedder import multilingual_embedder
    from core.trust.verify import (
        CROSS_THRESHOLDS,
        SUPPORT_THRESHOLDS,
        ClaimVerifier,
        Support,
        decide,
    )

    e5 = multilingual_embedder()
    if e5 is None:
        pytest.skip("multilingual-e5 is not installed")

    async def embed(texts: list[str]):  # type: ignore[no-untyped-def]
        return await embed_texts(e5, texts)

    verifier = ClaimVerifier(embed, e5.model_name)
    support = [
        Support(
            "Before anything else: if you are under 16, or have climbed for less than two "
            "years, don't hangboard. Climb instead. Your tendons will thank you.",
            source=1,
        )
    ]
    found = asyncio.run(
        verifier.rank("Wer unter 16 ist, sollte unbedingt am Hangboard trainieren.", support)
    )
    rule = SUPPORT_THRESHOLDS[e5.model_name], CROSS_THRESHOLDS[e5.model_name]
    # The clause alone agrees (16, no "not" either side), and is close enough to support...
    assert any(c.across and c.similarity >= rule[1].similar for c in found)
    # ...but the whole sentence is nearer and says "not": nothing supports the claim.
    assert decide(found, *rule) is None


def test_the_month_of_may_is_not_italian_never():
    unit = "In May 2022 I spent three weeks in Lisbon."
    assert across(
        "Im Mai 2022 war ich drei Wochen in Lissabon.", "de", unit, specifics(unit)
    ).agrees
    assert across(
        "En mai 2022, j'ai passé trois semaines à Lisbonne.", "fr", unit, specifics(unit)
    ).agrees
    never = "I never open the kiln above 100 °C."
    assert across("Non apro mai il forno sopra i 100 °C.", "it", never, specifics(never)).agrees
