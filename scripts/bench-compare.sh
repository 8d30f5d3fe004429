#!/usr/bin/env bash
# Compare the speed of two byline binaries on the same input, alternating them so
# that both see the same machine load: prints each run's pipeline words/s and the
# median of each binary.
#
#   scripts/bench-compare.sh OLD_BINARY NEW_BINARY [INPUT] [ROUNDS] [SECONDS]
#
# INPUT defaults to ../shared/data/polnear/train/text, ROUNDS to 5, SECONDS (per
# measurement, `byline bench --seconds`) to 3.
set -euo pipefail
OLD=${1:?old binary}; NEW=${2:?new binary}
INPUT=${3:-../shared/data/polnear/train/text}
ROUNDS=${4:-5}; SECONDS_EACH=${5:-3}
words() { "$1" bench "$INPUT" --seconds "$SECONDS_EACH" 2>&1 | awk '$1 == "pipeline" { print $3 }'; }
old=(); new=()
for r in $(seq "$ROUNDS"); do
    o=$(words "$OLD"); n=$(words "$NEW")
    old+=("$o"); new+=("$n")
    echo "round $r: old $o  new $n words/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mo=$(median "${old[@]}"); mn=$(median "${new[@]}")
echo "median: old $mo  new $mn words/s  (new/old $(awk -v a="$mn" -v b="$mo" 'BEGIN { printf "%.3f", a / b }'))"
