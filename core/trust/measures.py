"""What a number measures, in any language: "24 hours", "24 horas" and "24个小时" are one length
of time, "24 días" another; "£35", "35 £" and "35ポンド" one price, "35 €" another.

Across languages the word a number counts is translated, so core/trust/quantities.py (which
binds a number to the words beside it) cannot compare it. Units of time and money, and metric
units spelled out, are a closed class that a translation keeps: each is listed here once, with
its words in the languages the clone answers in most (en es de fr pt it nl sv zh ja). A word
of four letters or more matches as a prefix ("stund" for Stunde, Stunden); a shorter one only
whole. Anything else a number counts (tiles, students, mugs) is left to similarity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.text.fold import fold
from core.trust.dates import undated
from core.trust.quantities import NUMBER_WORDS

_MEASURES = {
    "s": "second seconds secon segun sekun 秒",
    "min": "minut minuu 分钟 分鐘 分間",
    "h": "hour hours hora horas stund heure ora ore uur timme timmar 小时 小時 時間 钟头",
    "day": "day days dia dias tag tage tagen jour giorn dag dagen dagar 天 日間",
    "week": "week weeks seman woche semai setti weken vecka veckor 周 週 星期 週間",
    "month": "month mes meses mese mesi monat mois maand manad manader 月 ヶ月 か月 カ月",
    "year": "year years ano anos jahr ans annee anni anno jaar jaren 年",
    "£": "£ pound libra pfund livre sterl pond ポンド 英镑 英鎊",
    "€": "€ euro ユーロ 欧元 歐元",
    "$": "$ dolla dolar ドル 美元",
    "¥": "¥ yen 円 日元",
    "%": "% percent porcentaje prozent pourcent cento procent 百分",
    "kg": "kg kilo kilog 公斤 千克 キロ",
    "g": "g gram gramm 克 グラム",
    "l": "l litre liter litro 升 リットル",
    "ml": "ml milli 毫升 ミリリットル",
}
_SHORT = 3
_WORDS = {
    w: m
    for m, words in _MEASURES.items()
    for w in words.split()
    if len(w) <= _SHORT or not w.isascii()
}
_PREFIXES = [
    (w, m)
    for m, words in _MEASURES.items()
    for w in words.split()
    if len(w) > _SHORT and w.isascii()
]
_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")
# A number, then what it measures: a symbol or word right after it (a counter like 个 between),
# or a currency symbol right before it.
_AFTER = re.compile(
    r"(?<![\d.,])(\d+(?:[.,:]\d+)*)\s*-?\s*(?:[个個ヶかカ箇]\s*)?([%£€$¥]|[^\W\d_]+)"
)
_BEFORE = re.compile(r"([£€$¥])\s*(\d+(?:[.,:]\d+)*)")
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u00a0'](?=\d{3}(?!\d))")


def _bare(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def measure_of(word: str) -> str:
    """The measure a word names ("horas" -> "h", "ポンド" -> "£"), or ""."""
    bare = _bare(word)
    if bare in _WORDS:
        return _WORDS[bare]
    for w in sorted((w for w in _WORDS if not w.isascii()), key=len, reverse=True):
        if word.startswith(w):  # CJK runs have no spaces: 小时才能打开 starts with 小时
            return _WORDS[w]
    return next((m for p, m in _PREFIXES if bare.startswith(p)), "")


@lru_cache(maxsize=8192)
def measures(text: str) -> frozenset[tuple[str, str]]:
    """Each number of `text` with what it measures ("" when nothing on the list)."""
    folded = _THOUSANDS.sub("", undated(fold(text)))  # "5月" is May, no measure of months
    folded = _NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group(1)], folded.lower())
    found: dict[int, tuple[str, str]] = {}  # where the number starts -> (value, measure)
    for m in _AFTER.finditer(folded):
        found[m.start(1)] = (m.group(1).replace(",", "."), measure_of(m.group(2)))
    for m in _BEFORE.finditer(folded):  # "£35 a session": the symbol before decides
        found[m.start(2)] = (m.group(2).replace(",", "."), _WORDS[m.group(1)])
    out = set(found.values())
    return frozenset(out)


def measures_agree(claim: str, unit: str) -> bool:
    """False if a number of `claim` measures one thing and the same number in `unit` only
    others ("24 días" against "24 hours"); a number either side leaves unmeasured agrees."""
    theirs = measures(unit)
    for value, what in measures(claim):
        if not what:
            continue
        said = {m for v, m in theirs if v == value}
        if said and "" not in said and what not in said:
            return False
    return True
