#!/usr/bin/env bash
# Tests of the transformer NER backend: prepares the venv when missing (reuses it when
# present), generates the fixtures with PyTorch (tiny random BERT, DistilBERT and RoBERTa
# token classifiers, and PyTorch's logits and labels for them) into the git-ignored
# tests/fixtures/transformer/generated/, then runs `cargo test --features transformer`.
#
#   scripts/test-transformer.sh [extra cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-transformer.sh
OUT=tests/fixtures/transformer/generated
echo "test-transformer: generating fixtures into $OUT"
"${BYLINE_TRANSFORMER_VENV:-$PWD/.venv-transformer}/bin/python" scripts/make_transformer_fixtures.py "$OUT" 2> >(grep -v -i warn >&2)
scripts/cargo-transformer.sh test "$@"
