"""Numbers are bound to their units and to what they count: a reply that reuses the source's
numbers for other things (swapped quantities, another price, another year) is not supported,
and a sentence copied or paraphrased with its numbers in place still is."""

from __future__ import annotations

import asyncio

import pytest

from core.memory.embeddings import HashEmbedder
from core.memory.memory import embed_texts
from core.trust.quantities import quantities, quantities_agree
from core.trust.verify import ClaimVerifier, Support

STARTER = (
    "How I keep him: in the fridge, fed once a week. The night before a bake I take 10 g and "
    "feed it 1:5:5, so 10 g starter, 50 g flour, 50 g water. The flour is 80% strong white and "
    "20% wholemeal rye. By breakfast he has tripled and smells like yoghurt and green apples."
)
COURSE = "The spring course costs £99 with a £20 deposit, and 12 students fit in the kitchen."
BAKERY = (
    "I opened my micro-bakery, Quill & Crumb, in March 2019: bread subscriptions and a Saturday "
    "market stall. I closed the bread subscriptions in September 2023."
)
ZH = "我每周喂一次酵种，用10克酵种、50克面粉和50克水。"


def verdict(claim: str, source: str) -> bool:
    async def embed(texts: list[str]):  # type: ignore[no-untyped-def]
        return await embed_texts(HashEmbedder(), texts)

    verifier = ClaimVerifier(embed, "hash-bow-256")
    out = asyncio.run(verifier.verify(claim, [Support(source, source=1)]))
    return bool(out.text)


def test_a_number_carries_its_unit_and_the_words_beside_it():
    [q] = quantities("The spring course costs £99.")
    assert (q.value, q.unit) == ("99", "£") and "costs" in q.words
    found = {(q.value, q.unit) for q in quantities("so 10 g starter, 50 g flour, 80% rye")}
    assert found == {("10", "g"), ("50", "g"), ("80", "%")}
    assert [q.value for q in quantities("feed it 1:5:5")] == ["1:5:5"]
    assert [(q.value, q.unit) for q in quantities("用50克面粉")] == [("50", "克")]
    assert [q.value for q in quantities("six students and 12,5 % protein")] == ["6", "12.5"]


@pytest.mark.parametrize(
    ("lie", "source"),
    [
        # The demo: every number is the source's, none of them counts what it says.
        ("5 g flour, 5 g water, 5 g salt.", STARTER),
        # Swapped quantities.
        ("I feed him 50 g starter and 10 g flour.", STARTER),
        ("The flour is 20% strong white and 80% wholemeal rye.", STARTER),
        # A price that is the source's other price.
        ("The spring course costs £20.", COURSE),
        ("The spring course has a £99 deposit.", COURSE),
        ("The spring course costs 99 g.", COURSE),
        ("20 students fit in the kitchen.", COURSE),
        # A year that is the source's other year.
        ("I opened my micro-bakery in March 2023.", BAKERY),
        ("I closed the bread subscriptions in September 2019.", BAKERY),
        # Other scripts.
        ("我用5克面粉。", ZH),
        ("我用10克面粉和50克酵种。", ZH),
    ],
)
def test_numbers_reused_for_other_things_disagree(lie: str, source: str) -> None:
    assert not quantities_agree(lie, source), lie
    assert not verdict(lie, source), lie


@pytest.mark.parametrize(
    ("true", "source"),
    [
        ("The night before a bake I take 10 g and feed it 1:5:5.", STARTER),
        ("So 10 g starter, 50 g flour, 50 g water.", STARTER),
        ("I feed it 10 g starter, 50 g flour and 50 g water.", STARTER),
        ("The flour is 80% strong white and 20% wholemeal rye.", STARTER),
        ("The spring course costs £99.", COURSE),
        ("There is a £20 deposit for the spring course.", COURSE),
        ("12 students fit in the kitchen.", COURSE),
        ("I opened my micro-bakery in March 2019.", BAKERY),
        ("I closed the bread subscriptions in September 2023.", BAKERY),
        ("我用50克面粉和50克水。", ZH),
    ],
)
def test_numbers_in_their_places_agree(true: str, source: str) -> None:
    assert quantities_agree(true, source), true


# -- dates: "2022年5月" is May 2022, not five months ----------------------------------------

MAY = "In May 2022 I spent three weeks in Lisbon learning to paint tiles."


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # A CJK date is a year and a month, in the same language as its source...
        ("2022年5月我去了里斯本。", "2022年5月我在里斯本学画瓷砖。"),
        ("2022年5月にリスボンへ行きました。", "2022年5月、リスボンでタイルの絵付けを学びました。"),
        ("2022년 5월에 리스본에 갔어요.", "2022년 5월에 리스본에서 타일 그림을 배웠어요."),
        ("我在3月9日开课。", "课程3月9日开始，学费99英镑。"),
    ],
)
def test_a_cjk_date_agrees_with_the_same_date(claim: str, source: str) -> None:
    from core.trust.specifics import agrees, specifics

    assert agrees(specifics(claim), source, specifics(source)), claim


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # ...never a count of months: "5月" is May, "5个月" / "5ヶ月" / "5개월" five months.
        ("我在里斯本待了5个月。", "2022年5月我在里斯本学画瓷砖。"),
        ("2022年5月我在里斯本。", "2022年我在里斯本待了5个月。"),
        ("リスボンに5ヶ月いました。", "2022年5月、リスボンでタイルの絵付けを学びました。"),
        ("2022년 5월에 리스본에 있었어요.", "2022년에 리스본에서 5개월 있었어요."),
        # Another month or day of the same year is another date.
        ("2022年6月我在里斯本学画瓷砖。", "2022年5月我在里斯本学画瓷砖。"),
        ("我在3月10日开课。", "课程3月9日开始，学费99英镑。"),
        ("2021년 5월에 리스본에 갔어요.", "2022년 5월에 리스본에서 타일 그림을 배웠어요."),
    ],
)
def test_a_cjk_date_is_not_a_count_of_months_nor_another_date(claim: str, source: str) -> None:
    from core.trust.specifics import agrees, specifics

    assert not agrees(specifics(claim), source, specifics(source)), claim


def test_a_date_is_compared_as_a_date_across_languages() -> None:
    from core.trust.across import across
    from core.trust.specifics import specifics

    spec = specifics(MAY)
    for lang, claim in (
        ("zh", "2022年5月我在里斯本待了三个星期，学习画瓷砖。"),
        ("ja", "2022年5月、リスボンで3週間タイルの絵付けを学びました。"),
        ("ko", "2022년 5월에 리스본에서 3주 동안 타일 그림을 배웠어요."),
        ("es", "En mayo de 2022 pasé tres semanas en Lisboa aprendiendo a pintar azulejos."),
    ):
        assert across(claim, lang, MAY, spec).agrees, claim
    for lang, claim in (
        ("zh", "2022年6月我在里斯本待了三个星期，学习画瓷砖。"),  # another month
        ("ja", "2022年、リスボンで5ヶ月タイルの絵付けを学びました。"),  # five months
        ("ko", "2022년 6월에 리스본에서 3주 동안 타일 그림을 배웠어요."),
        ("fr", "En juin 2022, j'ai passé trois semaines à Lisbonne."),
    ):
        assert not across(claim, lang, MAY, spec).agrees, claim
    course = "The spring course starts on the 9th of March."
    assert across("春季课程3月9日开始。", "zh", course, specifics(course)).agrees
    assert not across("春季课程3月10日开始。", "zh", course, specifics(course)).agrees
