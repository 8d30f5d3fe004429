#!/usr/bin/env bash
# Coverage-guided fuzzing of byline (cargo-fuzz, libFuzzer) on the nightly toolchain.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]     default: 60 seconds each, every target
#   scripts/fuzz.sh 3600 pipeline              a one-hour campaign on one target
#
# Targets (fuzz/fuzz_targets/): segment, pipeline, jsonl, models. Each run keeps its
# corpus in fuzz/corpus/TARGET (seeded from data/samples for the text targets) and
# writes a crashing input to fuzz/artifacts/TARGET; its last lines say how many
# executions ran and what coverage was reached. Exits 1 if a target crashed.
# Without a nightly toolchain it says so and exits 0 (CI runs it only where one is).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(segment pipeline jsonl models)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain (rustup toolchain install nightly); skipping"
    exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz from crates.io (a minute, once)"
    if ! cargo install cargo-fuzz --locked --quiet; then
        echo "fuzz: cannot install cargo-fuzz; skipping"
        exit 0
    fi
fi
failed=0
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus" fuzz/artifacts/$t
    if [ "$t" = segment ] || [ "$t" = pipeline ]; then
        cp -n data/samples/*.txt "$corpus"/ 2>/dev/null || true
    fi
    echo "fuzz: $t for ${secs}s"
    log=$(mktemp)
    # -rss_limit_mb: a pipeline run over 2 GB is a bug worth a report too.
    if cargo +nightly fuzz run "$t" "$corpus" -- -max_total_time="$secs" \
        -rss_limit_mb=2048 -max_len=65536 -timeout=30 \
        -artifact_prefix=fuzz/artifacts/$t/ >"$log" 2>&1; then
        # The last status line (executions, coverage, corpus) and the run count.
        grep -E "^#[0-9]+.*cov:" "$log" | tail -1 || true
        grep -E "^Done [0-9]+ runs" "$log" | tail -1 || true
    else
        failed=1
        # What failed (a panic's message, libFuzzer's verdict), then the input.
        grep -m 5 -E "panicked at|^ERROR: libFuzzer|==ERROR|out-of-memory|timeout after" -A 3 "$log" || true
        tail -25 "$log"
        echo "fuzz: $t FAILED (its input is under fuzz/artifacts/$t/)"
    fi
    rm -f "$log"
done
exit $failed
