#!/usr/bin/env bash
# Run cargo with the `transformer` feature against the project venv's libtorch:
#
#   scripts/cargo-transformer.sh build --release     -> target/release/byline
#   scripts/cargo-transformer.sh test
#
# It sets LIBTORCH_USE_PYTORCH=1 with the venv active, so torch-sys takes libtorch from
# the torch wheel and never downloads; build.rs gives the binary an rpath to it, so the
# binary runs afterwards with no environment variables. Run scripts/setup-transformer.sh first.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${BYLINE_TRANSFORMER_VENV:-$ROOT/.venv-transformer}"
if [ ! -x "$VENV/bin/python" ]; then
    echo "cargo-transformer: $VENV is missing; run scripts/setup-transformer.sh first" >&2
    exit 2
fi
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"
export LIBTORCH_USE_PYTORCH=1
unset LIBTORCH LIBTORCH_LIB LIBTORCH_INCLUDE
sub="$1"; shift
exec cargo "$sub" --features transformer "$@"
