#!/usr/bin/env bash
# Words/s of byline's transformer NER stage against PyTorch/transformers in Python, on the
# CPU, same model (bert-base-sized, random weights), same sentences, same batching
# (per document, sentences sorted by length, batches of 16), side by side:
#
#   scripts/bench-transformer.sh [DOCS.jsonl] [--threads N] [--batch-size N]
#
# Without DOCS.jsonl it generates 8 synthetic articles (byline generate). Prepares the
# venv when missing; builds the release example bench_transformer.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=""
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then DOCS=$1; shift; fi
EXTRA=("$@")
W=target/bench-transformer
PY="${BYLINE_TRANSFORMER_VENV:-$PWD/.venv-transformer}/bin/python"
mkdir -p "$W"
scripts/setup-transformer.sh >/dev/null
scripts/cargo-transformer.sh build --release --quiet --example bench_transformer --bin byline
if [ -z "$DOCS" ]; then
    DOCS=$W/docs.jsonl
    [ -f "$DOCS" ] || target/release/byline generate --docs 8 --seed 7 -o "$DOCS"
fi
if [ ! -f "$W/bert-base/model.safetensors" ] || [ "$DOCS" -nt "$W/bert-base/model.safetensors" ]; then
    "$PY" scripts/bench_transformer.py make-model "$W/bert-base" "$DOCS" 2> >(grep -vi warn >&2)
fi
echo "CPU: $(nproc) cores visible; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# byline first writes the sentences it tags, for Python to tag the same ones. Then the two
# alternate, ROUNDS times, each timing REPEAT passes and reporting its best (on a shared
# machine the worst passes measure the neighbours).
ROUNDS=${ROUNDS:-2}
REPEAT=${REPEAT:-2}
# MODULE=1 adds a third contender each round: byline on rust-bert's own module-by-module
# forward pass instead of the fused one.
MODULE=${MODULE:-0}
target/release/examples/bench_transformer "$W/bert-base" "$DOCS" --words-out "$W/words.json" --repeat 0 "${EXTRA[@]}" >/dev/null
for _ in $(seq "$ROUNDS"); do
    target/release/examples/bench_transformer "$W/bert-base" "$DOCS" --repeat "$REPEAT" "${EXTRA[@]}"
    if [ "$MODULE" = 1 ]; then
        target/release/examples/bench_transformer "$W/bert-base" "$DOCS" --repeat "$REPEAT" "${EXTRA[@]}" --rust-bert-forward
    fi
    "$PY" scripts/bench_transformer.py run "$W/bert-base" "$W/words.json" --repeat "$REPEAT" "${EXTRA[@]}" 2> >(grep -vi warn >&2)
done
