#!/usr/bin/env bash
# Every test CI runs: the default build's tests, then the transformer backend's
# (which prepare their venv on first use: torch 2.4 from PyPI, about 2.8 GB).
#
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test
scripts/test-transformer.sh
