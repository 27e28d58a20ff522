#!/usr/bin/env bash
# Side by side, in one run on loopback: the physical limit (nginx answering every POST with a fixed ~700-byte
# AdmissionReview reply over TLS), `harbormaster serve` (release build, default policy, /validate and /mutate) and
# what users write instead (bench/reference/python_webhook.py: aiohttp, Python's ssl, a few checks), on the same
# request bodies (a ~1.3 KB Pod review, the 4.8 KB samples/reviews/deployment-good.json, a ~1 MB Deployment
# review) and the same ECDSA P-256 certificate. Measures keep-alive throughput and latency (p50/p99/p99.9) at 1,
# 16 and 64 connections, the rate of new connections (a full TLS handshake per request), server CPU per request,
# peak RSS (under load and with 500 idle keep-alive connections) and the time from start to the first good answer.
# Prints a markdown section with the ratios to nginx and to Python and the issue's targets, and writes it to
# BENCHMARKS.md between its markers, replacing the previous run's.
#
# Usage: bench/run.sh [--quick] [--seconds N] [--rounds R] [--rev REV] [--write | --no-write]
#   --quick       a smoke run: one round of 2 s per cell (about 2 minutes); prints the section but does not
#                 write BENCHMARKS.md (unless --write)
#   --seconds N   seconds per round of a cell (default 4)
#   --rounds R    rounds of each cell, spread over the run; the one with the highest throughput is reported
#                 (default 2: the whole run takes about 7 minutes on 2 cores, plus the build)
#   --rev REV     build Harbormaster from commit REV (exported with git archive into the cache) instead of the
#                 working tree: for measuring a commit while Sources/ is being edited
#   --no-write    print only
#
# Installs what is missing: nginx-light, wrk, python3-venv, a C compiler and libssl-dev with apt-get (sudo when
# not root); aiohttp from PyPI into a venv, and bench/tools/newconn.c compiled, both cached under
# ${HARBORMASTER_BENCH_CACHE:-~/.cache/harbormaster-bench}. Servers run on core 0 and the load generators on
# core 1 (taskset), one server process or event loop each. Needs Linux (/proc).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

seconds=4 rounds=2 quick=0 write="" rev="" idle_count=500 new_connections=16
connections=(1 16 64)
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 seconds=2 rounds=1 ;;
        --seconds) seconds=${2:?--seconds needs a number}; shift ;;
        --rounds) rounds=${2:?--rounds needs a number}; shift ;;
        --rev) rev=${2:?--rev needs a commit}; shift ;;
        --write) write=1 ;;
        --no-write) write=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ "$seconds" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]] ||
    { echo "bench/run.sh: --seconds and --rounds take whole numbers" >&2; exit 2; }
[ -n "$write" ] || write=$((1 - quick))
warmup=$((quick ? 1 : 2))
cache="${HARBORMASTER_BENCH_CACHE:-$HOME/.cache/harbormaster-bench}"

bench_install_tools
bench_init
mkdir -p "$cache"

# --- Harbormaster, release build --------------------------------------------------------------------------------
if [ -n "$rev" ]; then
    commit=$(git rev-parse --verify "$rev^{commit}")
    # Keyed by what the server is built from, so that commits touching only docs or bench/ share one build.
    src="$cache/src-$(git rev-parse "$commit:Sources" "$commit:Package.swift" | sha256sum | cut -c1-16)"
    if [ ! -e "$src/Package.swift" ]; then
        rm -rf "$src" "$src.partial"
        mkdir -p "$src.partial"
        git archive "$commit" | tar -x -C "$src.partial"
        mv "$src.partial" "$src"
    fi
    (cd "$src" && bench_build harbormaster)
    binary="$src/$bench_scratch/release/harbormaster"
    revision="$(git rev-parse --short "$commit") (clean export)"
else
    bench_build harbormaster
    binary="$PWD/$(bench_binary harbormaster)"
    revision=$(git rev-parse --short HEAD)
    if [ -n "$(git status --porcelain -- Sources Package.swift)" ]; then revision+=" + uncommitted changes in Sources/"; fi
fi

# --- The Python reference (aiohttp from PyPI, in a cached venv) ----------------------------------------------------
python_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
venv="$cache/venv-py$python_version-$(sha256sum bench/reference/requirements.txt | cut -c1-12)"
if ! "$venv/bin/python" -c 'import aiohttp' 2>/dev/null; then
    bench_log "creating $venv (aiohttp from PyPI; once)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    if ! timeout 600 "$venv/bin/python" -m pip install --quiet -r bench/reference/requirements.txt >&2; then
        rm -rf "$venv"
        bench_log "pip install -r bench/reference/requirements.txt failed"
        exit 1
    fi
fi

# --- The new-connection load generator ------------------------------------------------------------------------------
newconn="$cache/newconn-$(sha256sum bench/tools/newconn.c | cut -c1-12)"
if [ ! -x "$newconn" ]; then
    compiler=$(command -v cc || command -v clang)
    "$compiler" -O2 -o "$newconn.$$" bench/tools/newconn.c -lssl -lcrypto -lpthread
    mv -f "$newconn.$$" "$newconn"
fi

# --- Bodies, the reply nginx sends, the certificate -----------------------------------------------------------------
cp samples/reviews/deployment-good.json "$bench_work/deployment.json"
python3 bench/tools/payloads.py "$bench_work"
# Harbormaster's own answer to a review it allows with five warnings: 724 bytes.
printf '%s' "$("$binary" review samples/reviews/deployment-no-resources.json)" >"$bench_work/reply.json"
bench_certificate

results="$bench_work/results.txt" meta="$bench_work/meta.tsv"
: >"$results"
: >"$meta"
record() { echo "$*" >>"$results"; }
note() { printf '%s\t%s\n' "$1" "$2" >>"$meta"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$EPOCHREALTIME

# --- Start the three servers, each timed from fork to its first good answer: started and stopped a few times
# (a single start on a shared machine may meet a busy core), then started for good ------------------------------
start_nginx() {
    port=$(bench_free_port)
    bench_nginx_conf "$port" "$bench_work/reply.json" "$bench_work/nginx.conf"
    bench_start_timed "$port" POST /validate "$bench_work/deployment.json" "$bench_work/nginx.log" -- \
        nginx -c "$bench_work/nginx.conf" -p "$bench_work"
}
start_harbormaster() {
    port=$(bench_free_port)
    bench_start_timed "$port" GET /readyz "" "$bench_work/harbormaster.log" -- \
        "$binary" serve --listen "127.0.0.1:$port" --tls-cert "$bench_work/cert.pem" --tls-key "$bench_work/key.pem" \
        --event-loops 1 --log-level warning
}
start_python() {
    port=$(bench_free_port)
    bench_start_timed "$port" POST /validate "$bench_work/deployment.json" "$bench_work/python.log" -- \
        "$venv/bin/python" bench/reference/python_webhook.py --cert "$bench_work/cert.pem" --key "$bench_work/key.pem" \
        --port "$port"
}
starts=$((quick ? 3 : 5))
for server in nginx harbormaster python; do
    for attempt in $(seq "$starts"); do
        "start_$server"
        record "kind=ready server=$server ready_ms=$bench_started_ms"
        [ "$attempt" -eq "$starts" ] || bench_stop "$bench_started_pid"
    done
    record "kind=start server=$server rss_kb=$(bench_status_kb "$bench_started_pid" VmRSS) anon_kb=$(bench_status_kb "$bench_started_pid" RssAnon)"
    printf -v "${server}_pid" '%s' "$bench_started_pid"
    printf -v "${server}_port" '%s' "$port"
done
# shellcheck disable=SC2154 # set by printf -v above
hm_pid=$harbormaster_pid hm_port=$harbormaster_port py_pid=$python_pid py_port=$python_port

# name pid port path
targets=(
    "nginx $nginx_pid $nginx_port /validate"
    "harbormaster-validate $hm_pid $hm_port /validate"
    "harbormaster-mutate $hm_pid $hm_port /mutate"
    "python $py_pid $py_port /validate"
)

# --- Keep-alive: each body at each connection count, the servers one after the other in each cell; each round
# goes over all its cells before the next round starts, so that a burst of load from elsewhere spoils one round
# of a cell, not all of them ------------------------------------------------------------------------------------
cells=$((rounds * 3 * ${#connections[@]} * ${#targets[@]}))
cell=0
keepalive() { # payload...
    local round payload c target name pid port path line
    for round in $(seq "$rounds"); do
        for payload in "$@"; do
            for c in "${connections[@]}"; do
                for target in "${targets[@]}"; do
                    read -r name pid port path <<<"$target"
                    line=$(bench_wrk "$pid" "$port" "$path" "$bench_work/$payload.json" "$c" "$seconds")
                    record "kind=keepalive round=$round server=$name payload=$payload connections=$c $line"
                    cell=$((cell + 1))
                    bench_log "[$cell/$cells] $payload, $c connections, $name: $(awk -v l="$line" 'BEGIN {
                        n = split(l, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
                        printf "%.0f req/s, p99 %d us", v["requests"] / v["duration_us"] * 1e6, v["p99_us"] }')"
                done
            done
        done
    done
}
bench_log "keep-alive: $cells measurements of $seconds s, after a $warmup s warm-up of each server"
for target in "${targets[@]}"; do
    read -r name pid port path <<<"$target"
    bench_wrk "$pid" "$port" "$path" "$bench_work/deployment.json" 16 "$warmup" >/dev/null
done
keepalive small-pod deployment

# --- Memory with idle keep-alive connections (before any 1 MB body has grown the heaps) --------------------------
for target in "nginx $nginx_pid $nginx_port" "harbormaster $hm_pid $hm_port" "python $py_pid $py_port"; do
    read -r name pid port <<<"$target"
    mode=$(bench_reset_peak "$pid")
    line=$(bench_pin 1 timeout 300 python3 bench/tools/idle.py --port "$port" --pid "$pid" --path /validate \
        --body "$bench_work/small-pod.json" --count "$idle_count")
    record "kind=idle server=$name $line peak_mode=$mode"
    bench_log "$idle_count idle connections, $name: $line"
done

# --- New connections: a full TLS handshake per request (4.8 KB Deployment) -----------------------------------------
for target in $(for _ in $(seq "$rounds"); do echo "nginx,$nginx_pid,$nginx_port,/validate" \
    "harbormaster-validate,$hm_pid,$hm_port,/validate" "python,$py_pid,$py_port,/validate"; done); do
    IFS=, read -r name pid port path <<<"$target"
    before=$(bench_cpu_ticks "$pid")
    client=$( { TIMEFORMAT='%3U+%3S'; time bench_pin 1 timeout $((seconds + 60)) "$newconn" "$port" "$path" \
        "$bench_work/deployment.json" "$new_connections" "$seconds" >"$bench_work/newconn.out" \
        2>"$bench_work/newconn.err"; } 2>&1 )
    after=$(bench_cpu_ticks "$pid")
    line="$(cat "$bench_work/newconn.out") server_cpu_ticks=$((after - before)) clk_tck=$bench_clk_tck"
    record "kind=newconn server=$name payload=deployment connections=$new_connections $line client_cpu_s=$(python3 -c "print($client)")"
    bench_log "new connections, $name: $line"
done

# --- Keep-alive with the ~1 MB body, last: it grows every server's heap for good ------------------------------------
keepalive large-deployment

elapsed=$(python3 -c "print(round($EPOCHREALTIME - $started))")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report -----------------------------------------------------------------------------------------------------
note date "$(date -u '+%Y-%m-%d %H:%M UTC')"
note cpu "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
note cores "$(nproc)"
note kernel "$(uname -r)"
note revision "$revision"
note swift "$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -1)"
note nginx "$(nginx -v 2>&1 | sed 's|.*nginx/||')"
note openssl "$(openssl version | cut -d' ' -f2)"
note python "$("$venv/bin/python" -c 'import platform; print(platform.python_version())')"
note aiohttp "$("$venv/bin/python" -c 'import aiohttp; print(aiohttp.__version__)')"
note wrk "$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
note pinned "$(bench_have_taskset && echo yes || echo no)"
note seconds "$seconds"
note rounds "$rounds"
note quick "$quick"
note load_before "$load_before"
note load_after "$load_after"
note elapsed_s "$elapsed"
note total_s "$SECONDS"
note idle_count "$idle_count"
note reply_bytes "$(wc -c <"$bench_work/reply.json")"
for payload in small-pod deployment large-deployment; do note "bytes_$payload" "$(wc -c <"$bench_work/$payload.json")"; done

# The raw figures, kept (bench/results/ is not committed): `python3 bench/tools/report.py DIR/results.txt
# DIR/meta.tsv` renders the section again.
raw="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$raw"
cp "$results" "$meta" "$raw/"
bench_log "raw results in $raw"
python3 bench/tools/report.py "$results" "$meta" >"$bench_work/section.md"
cat "$bench_work/section.md"
if [ "$write" -eq 1 ]; then
    python3 bench/tools/report.py --splice BENCHMARKS.md "$bench_work/section.md"
    bench_log "wrote the section to BENCHMARKS.md"
fi
