#!/usr/bin/env python3
"""Build byline's NER name lists, `data/lexicons.tsv` (`list<TAB>phrase`), for
`byline train ner --gazetteer data/lexicons.tsv`.

Lists, each from a PyPI package (installed into ./.venv, git-ignored):
- demonym: nationalities ("German", "Germans"): countryinfo==1.0.1 (MIT);
- country: country names and their alternative spellings: countryinfo==1.0.1 (MIT);
- language: ISO 639-1 language names ("Welsh", "Scottish Gaelic"): pycountry==26.2.16
  (LGPL-2.1; the ISO code lists are Debian's iso-codes);
- region: ISO 3166-2 subdivision names (states, provinces, counties): pycountry==26.2.16;
- company: names of the companies in 20 stock indices (DAX, S&P 500, FTSE 100, …), each
  also without its legal suffix ("Adobe Inc." → "Adobe"): pytickersymbols==1.17.10 (MIT;
  names from Wikipedia).
Only these names are written (no other field of the packages).

Usage:  python3 scripts/lexicons.py [out.tsv]
"""
import glob, json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import ROOT, ensure_venv  # noqa: E402

PACKAGES = ["countryinfo==1.0.1", "pycountry==26.2.16", "pytickersymbols==1.17.10"]

SUFFIX = re.compile(
    r"(,? (Inc\.?|Corp\.?|Corporation|Company|Co\.|plc|PLC|AG|SE|SA|S\.A\.|N\.V\.|NV|Ltd\.?|"
    r"Limited|Group|Holdings?|Oyj|ASA|AB|S\.p\.A\.|SpA|KGaA|& Co\.|Incorporated))+$")


def tok(name):
    # CoNLL-style tokens: commas, brackets, 's and quotes split off; a final period
    # stays on its abbreviation ("Inc.").
    name = re.sub(r"([(),\"])", r" \1 ", name)
    name = re.sub(r"'s\b", " 's", name)
    return " ".join(name.split())


def good(name):
    return (name.isascii() and len(name) >= 2 and name[0].isalnum()
            and len(name.split()) <= 6 and "\t" not in name)


def main():
    ensure_venv(".venv", PACKAGES)
    import countryinfo
    import pycountry
    from pytickersymbols.indices_data import INDICES

    out = set()
    data = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    for f in sorted(glob.glob(os.path.join(data, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            c = json.load(fh)
        for d in (c.get("demonym") or "").split(","):
            d = d.strip()
            if d:
                out.add(("demonym", d))
                if d[-1] in "ni" and " " not in d:
                    out.add(("demonym", d + "s"))
        if c.get("name"):
            out.add(("country", c["name"]))
        for alt in c.get("altSpellings") or []:
            if len(alt) > 3:
                out.add(("country", alt))
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            name = re.sub(r"\s*\(.*\)", "", lang.name).split(";")[0].strip()
            out.add(("language", name))
    for sub in pycountry.subdivisions:
        out.add(("region", re.sub(r"\s*\[.*\]|\s*\(.*\)", "", sub.name).strip()))
    for index in INDICES.values():
        for c in index["companies"]:
            name = c["name"].strip()
            out.add(("company", name))
            short = SUFFIX.sub("", name).strip(" ,")
            if short and short != name:
                out.add(("company", short))
    rows = sorted((lst, tok(n)) for lst, n in out if n and good(n))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "lexicons.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# built by scripts/lexicons.py from countryinfo 1.0.1 (MIT), pycountry 26.2.16 "
                "(LGPL-2.1), pytickersymbols 1.17.10 (MIT)\n")
        for lst, n in rows:
            f.write(f"{lst}\t{n}\n")
    counts = {}
    for lst, _ in rows:
        counts[lst] = counts.get(lst, 0) + 1
    print(f"wrote {path}: {len(rows)} phrases {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
