"""Dates read as dates in any language: "2022年5月", "2022년 5월", "May 2022" and "mayo de 2022"
are one month, and "5月" (May) is no "5个月" (five months).

The number checks (core/trust/specifics.py, quantities.py, measures.py) see a date's month and
day as bare numbers, so a Chinese, Japanese or Korean date read as "5 months" agreed with a
source's five months and disagreed with its "May 2022". Here a date is found first and becomes
(year, month, day), compared as a date; its month and day digits are then taken out of what the
number checks read (`undated`), and its year stays a number as before. Cues: the CJK date
characters 年 月 日 号 and 년 월 일 (a duration puts a counter between: 个月, ヶ月, 개월) and the
month names of the Latin-script languages the clone answers in most, a closed class like the
number words, read as a month only beside a day or a year ("I may go" is no date).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.text.fold import fold

Date = tuple[int | None, int | None, int | None]  # year, month, day

# Month names in en es de fr pt it nl sv (with and without accents): a closed class, like the
# number words. Short forms that are also words are left out: "jan" (a name), "mar" (es sea),
# "jul" (sv Christmas), "sept" (fr seven), "dez" (pt ten).
_MONTH_NAMES = [
    "january enero januar janvier janeiro gennaio januari",
    "february febrero februar février fevrier fevereiro febbraio februari feb",
    "march marzo märz marz maerz mars março marco maart",
    "april abril avril aprile apr",
    "may mayo mai maio maggio mei maj",
    "june junio juni juin junho giugno",
    "july julio juli juillet julho luglio",
    "august agosto août aout augustus augusti aug",
    "september septiembre setiembre septembre setembro settembre sep",
    "october octubre oktober octobre outubro ottobre okt oct",
    "november noviembre novembre novembro nov",
    "december diciembre dezember décembre decembre dezembro dicembre dec",
]
_MONTHS = {w: n for n, words in enumerate(_MONTH_NAMES, 1) for w in words.split()}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<said>(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|eme|o|º|\.)?)"
_OF = r"(?:\s+(?:of|de|del|di|du)\b)?"  # "9th of March", "9 de marzo de 2022"
_LATIN = [
    re.compile(p, re.I)
    for p in (
        # 9 March 2019, 9th of March, 9 de marzo de 2022, 9. März 2022, le 9 mars
        rf"\b{_DAY}{_OF}\s+{_MONTH}\b(?:{_OF},?\s+{_YEAR})?",
        # March 9, 2019 / March 9th
        rf"\b{_MONTH}\s+{_DAY}\b(?!\s*[:%])(?:,?\s+{_YEAR})?",
        # March 2019 / mayo de 2022
        rf"\b{_MONTH}\s+(?:(?:de|del|di)\s+)?{_YEAR}",
    )
]
# A CJK month: digits right before 月 or 월 (a duration has a counter between: 个月 ヶ月 개월).
_CJK = re.compile(
    r"(?:(?P<year>\d{4})\s*[年년]\s*)?(?<![\d个個ヶかカ개])(?P<month>\d{1,2})\s*[月월]"
    r"(?:\s*(?P<day>\d{1,2})\s*[日号號일])?"
)


Cut = tuple[int, int, str]  # a span of text and what the number checks read there instead


@lru_cache(maxsize=8192)
def _found(text: str) -> tuple[tuple[Date, tuple[Cut, ...]], ...]:
    """Each date of `text` (folded) with what the number checks must not read of it."""
    out: list[tuple[Date, tuple[Cut, ...]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_CJK, *_LATIN):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            month_text = groups["month"]
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
            day = int(groups["day"]) if groups.get("day") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            year = int(groups["year"]) if groups.get("year") else None
            if not month_text.isdigit() and year is None and day is None:
                continue
            if month_text.isdigit():
                # A CJK date from its month on is cut to a clause stop: its year then counts
                # none of the words after it ("2022年5月にリスボン": not "に…").
                cuts: tuple[Cut, ...] = ((m.start("month"), m.end(), "，"),)
            else:  # a Latin date's day is cut (its month name is no number)
                cuts = ((*m.span("said"), ""),) if day is not None else ()
            out.append(((year, month, day), cuts))
            taken.append(m.span())
    return tuple(out)


def dates(text: str) -> frozenset[Date]:
    """The dates of `text` that have a month: (year or None, month, day or None)."""
    return frozenset(d for d, _ in _found(fold(text)))


@lru_cache(maxsize=8192)
def undated(text: str) -> str:
    """`text` (folded) without its dates' month and day digits, for the number checks: the
    year stays, so "2022年5月に" reads "2022年，に" and "the 9th of March" "the  of March"."""
    cuts = sorted(c for _, found in _found(text) for c in found)
    for start, end, instead in reversed(cuts):
        text = text[:start] + instead + text[end:]
    return text


def dates_agree(claim: str, source: str) -> bool:
    """True if every date of `claim` is a date of `source`: the same month, the same year where
    both say one (a year alone is a number, checked as numbers are), and the same day. A day the
    source's date lacks is more than the source says ("3月9日" against "in March")."""
    theirs = dates(source)
    for year, month, day in dates(claim):
        if not any(
            m == month and (year is None or y in (None, year)) and (day is None or d == day)
            for y, m, d in theirs
        ):
            return False
    return True
