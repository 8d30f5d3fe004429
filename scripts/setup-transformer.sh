#!/usr/bin/env bash
# Prepare what the `transformer` feature needs: a project venv, .venv-transformer/, with
# PyPI's torch 2.4.0 (libtorch for tch 0.17 / rust-bert 0.23) and transformers 4.44 (for
# test fixtures and the benchmark). Reuses the venv when it already has them.
#
#   scripts/setup-transformer.sh          then build with scripts/cargo-transformer.sh
#
# PYTHON picks the interpreter (default: python3.11, else python3; 3.8-3.12 have torch 2.4 wheels).
set -euo pipefail
cd "$(dirname "$0")/.."
# The venv lives in .venv-transformer/ unless BYLINE_TRANSFORMER_VENV names another place
# (CI keeps one outside its fresh clones, so the 2.8 GB download happens once per machine).
VENV=${BYLINE_TRANSFORMER_VENV:-$PWD/.venv-transformer}
TORCH=2.4.0
TRANSFORMERS=4.44.2

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" - <<PY 2>/dev/null
import torch, transformers, safetensors
assert torch.__version__.split("+")[0] == "$TORCH", torch.__version__
assert transformers.__version__ == "$TRANSFORMERS", transformers.__version__
PY
then
    echo "setup-transformer: $VENV already has torch $TORCH and transformers $TRANSFORMERS"
    exit 0
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x "$VENV/bin/python" ]; then
    echo "setup-transformer: creating $VENV with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi
echo "setup-transformer: installing torch==$TORCH (about 2.8 GB with its CUDA runtime packages; a few quiet minutes, once per machine) and transformers==$TRANSFORMERS"
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
    "torch==$TORCH" "transformers==$TRANSFORMERS" safetensors "numpy<2.5"
"$VENV/bin/python" -c 'import torch; print("setup-transformer: torch", torch.__version__, "libtorch in", torch.__path__[0] + "/lib")'
