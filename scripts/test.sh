#!/usr/bin/env bash
# Every test CI runs: the default build's tests (with a small venv holding DuckDB,
# scripts/setup-tables.sh), then the transformer backend's
# (which prepare their venv on first use: torch 2.4 from PyPI, about 2.8 GB), then
# a short fuzzing run of every fuzz target where a nightly toolchain is installed
# (scripts/fuzz.sh; BYLINE_FUZZ_SECONDS=0 skips it).
#
#   scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# DuckDB, for the test that reads the Parquet tables (tests/export.rs); required here.
BYLINE_TABLES_PYTHON=$(scripts/setup-tables.sh | tail -1)
export BYLINE_TABLES_PYTHON BYLINE_REQUIRE_TABLES=1
cargo test
scripts/test-transformer.sh
secs=${BYLINE_FUZZ_SECONDS:-10}
if [ "$secs" != 0 ]; then
    scripts/fuzz.sh "$secs"
fi
