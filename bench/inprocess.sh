#!/usr/bin/env bash
# In-process benchmark: decode + judge + encode per review, release build, ratio to a Foundation reference.
# Usage: bench/inprocess.sh            (prints a markdown table; paste it into BENCHMARKS.md with the date)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product harbormaster-bench >&2
# Pin to one core when taskset exists, so the scheduler does not migrate the loop mid-sample.
if command -v taskset >/dev/null; then exec taskset -c 1 .build/release/harbormaster-bench; fi
exec .build/release/harbormaster-bench
