#!/usr/bin/env bash
# Every test CI runs: the default build's tests, then the transformer backend's
# (which prepare their venv on first use: torch 2.4 from PyPI, about 2.8 GB), then
# a short fuzzing run of every fuzz target where a nightly toolchain is installed
# (scripts/fuzz.sh; BYLINE_FUZZ_SECONDS=0 skips it).
#
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test
scripts/test-transformer.sh
secs=${BYLINE_FUZZ_SECONDS:-10}
if [ "$secs" != 0 ]; then
    scripts/fuzz.sh "$secs"
fi
