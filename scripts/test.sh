#!/usr/bin/env bash
# Every test CI runs, each once, saying what it is doing:
#   1. what the tests need beyond Rust: a small venv with DuckDB (scripts/setup-tables.sh)
#      and headless Chromium (scripts/setup-browser.sh), installed once per machine;
#   2. the default build's tests (`cargo test`: the quick check on its own);
#   3. the transformer backend's own tests (scripts/test-transformer.sh: a venv with
#      torch 2.4 from PyPI, about 2.8 GB, installed once; then the tests built with
#      `--features transformer`);
#   4. a short fuzzing run of every fuzz target where a nightly toolchain is installed
#      (scripts/fuzz.sh; BYLINE_FUZZ_SECONDS=0 skips it, default 10 s per target).
# A first run on a fresh clone builds byline twice (default and transformer) and takes
# about 15-30 minutes on two cores and about 10 GB of disk; later runs take minutes.
#
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "test.sh: [$1/4] $2 ($(date +%H:%M:%S))" >&2; }

step 1 "what the tests need: DuckDB venv, headless Chromium"
BYLINE_TABLES_PYTHON=$(scripts/setup-tables.sh | tail -1)
BYLINE_CHROMIUM=$(scripts/setup-browser.sh | tail -1)
# Both are required here: their tests fail rather than skip.
export BYLINE_TABLES_PYTHON BYLINE_REQUIRE_TABLES=1 BYLINE_CHROMIUM BYLINE_REQUIRE_BROWSER=1

step 2 "the default build's tests: cargo test (builds byline in debug mode first)"
cargo test

step 3 "the transformer backend's tests (torch venv, fixtures, cargo test --features transformer)"
scripts/test-transformer.sh --lib --test encoder --test transformer --test transformer_cli

secs=${BYLINE_FUZZ_SECONDS:-10}
if [ "$secs" != 0 ]; then
    step 4 "fuzzing each target for ${secs} s (scripts/fuzz.sh)"
    scripts/fuzz.sh "$secs"
else
    step 4 "fuzzing skipped (BYLINE_FUZZ_SECONDS=0)"
fi
echo "test.sh: all tests passed ($(date +%H:%M:%S))" >&2
