#!/usr/bin/env bash
# In-process benchmark: decode + judge + encode per review, release build, ratio to a Foundation reference, and
# how the cost grows with the size of the body (1 KB to 1 MB) and with the number of containers (1, 10, 100).
#
# Usage: bench/inprocess.sh                   prints markdown tables of times (paste them into BENCHMARKS.md with the date)
#        bench/inprocess.sh instructions      instructions per review of every case (callgrind, startup subtracted):
#                                             the figure that noise on a shared machine does not move (a few minutes)
#        bench/inprocess.sh list              the case indices and body sizes
#        bench/inprocess.sh profile N [COUNT] runs case N COUNT times (2,000), for valgrind --tool=callgrind
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_build harbormaster-bench
binary=$(bench_binary harbormaster-bench)
# The same hash seed in every process, so that generated bodies and dictionary work repeat exactly.
export SWIFT_DETERMINISTIC_HASHING=1

if [ "${1:-}" = instructions ]; then
    command -v valgrind >/dev/null || { bench_sudo timeout 600 apt-get update -qq; bench_sudo env DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq valgrind; } >&2
    instructions() { # case count -> instructions of the whole process
        timeout 1200 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" profile "$1" "$2" 2>&1 |
            awk '/Collected/ {print $NF}'
    }
    echo "| # | case | bytes | instructions per review | per byte |"
    echo "|---:|---|---:|---:|---:|"
    "$binary" list | while IFS=$'\t' read -r index bytes name; do
        count=$((4000000 / bytes))
        count=$((count < 2 ? 2 : count > 2000 ? 2000 : count))
        startup=$(instructions "$index" 0)
        total=$(instructions "$index" "$count")
        per=$(((total - startup) / count))
        echo "| $index | $name | $bytes | $per | $(python3 -c "print(f'{$per / $bytes:.1f}')") |"
    done
    exit 0
fi
# Pin to one core when taskset exists, so the scheduler does not migrate the loop mid-sample.
if bench_have_taskset; then exec taskset -c 1 "$binary" "$@"; fi
exec "$binary" "$@"
