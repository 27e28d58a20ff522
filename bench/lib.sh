# shellcheck shell=bash
# Shared pieces of bench/http.sh and bench/run.sh: installing the tools, the release build, one certificate for
# every server, servers pinned to core 0 and timed to their first good answer, wrk runs with percentiles and
# server CPU, and cleanup of everything started. Source it from a script running `set -euo pipefail`, from the
# repository root.

bench_scratch="${HARBORMASTER_BENCH_SCRATCH:-.build-bench}"
bench_work=""
bench_pids=()
bench_clk_tck=$(getconf CLK_TCK)

bench_log() { echo "bench: $*" >&2; }

bench_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs, with apt-get, whatever of nginx, wrk, openssl, python3 (with venv), taskset, a C compiler and the
# OpenSSL headers is missing. Nothing is installed when everything is there.
bench_install_tools() {
    local missing=()
    command -v nginx >/dev/null || missing+=(nginx-light)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v python3 >/dev/null || missing+=(python3)
    python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
    command -v taskset >/dev/null || missing+=(util-linux)
    command -v cc >/dev/null || command -v clang >/dev/null || missing+=(gcc)
    [ -e /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    bench_log "installing ${missing[*]}"
    bench_sudo timeout 600 apt-get update -qq >&2
    bench_sudo env DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${missing[@]}" >&2
}

# Release build of the given products into $bench_scratch (not .build, so as not to collide with other builds).
# Other people may edit Sources/ while this builds; SwiftPM then stops with "modified during the build": retry.
bench_build() {
    local product attempt
    for product in "$@"; do
        for attempt in 1 2 3; do
            if timeout 1800 swift build -c release --scratch-path "$bench_scratch" --product "$product" >&2; then
                continue 2
            fi
            bench_log "release build of $product failed (attempt $attempt of 3)"
            sleep 3
        done
        return 1
    done
}
bench_binary() { echo "$bench_scratch/release/$1"; }

# A private work directory, and a trap that stops every process recorded in bench_pids and removes it.
bench_init() {
    bench_work=$(mktemp -d "${TMPDIR:-/tmp}/harbormaster-bench.XXXXXX")
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}
bench_cleanup() {
    local pid i
    for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${bench_pids[@]}"; do
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    bench_pids=()
    [ -n "$bench_work" ] && rm -rf "$bench_work"
}

bench_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
bench_have_taskset() { command -v taskset >/dev/null && taskset -c 1 true 2>/dev/null; }
bench_pin() { if bench_have_taskset; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

# One ECDSA P-256 certificate for every server, so that all pay the same handshake and record costs.
bench_certificate() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -keyout "$bench_work/key.pem" -out "$bench_work/cert.pem" 2>/dev/null
}

# Writes an nginx configuration answering every request on 127.0.0.1:PORT with the bytes of REPLY_FILE (from
# memory, status 200, after reading and discarding the body) over TLS 1.2/1.3, one process (no master), no log.
bench_nginx_conf() { # port reply-file conf-file
    local reply
    # shellcheck disable=SC1003 # the quotes are Python's
    reply=$(python3 -c 'import sys; t=open(sys.argv[1]).read(); assert "$" not in t; print(t.replace("\\","\\\\").replace("'"'"'","\\'"'"'"), end="")' "$2")
    # Temporary files under the work directory, so that nginx starts without root (only for compiled-in modules).
    local temp="" module configure
    configure=$(nginx -V 2>&1)
    for module in client_body proxy fastcgi uwsgi scgi; do
        if [ "$module" = client_body ] || [[ "$configure" != *"--without-http_${module}_module"* ]]; then
            temp+="    ${module}_temp_path $bench_work/nginx-$module;"$'\n'
        fi
    done
    cat >"$3" <<NGINX
worker_processes 1;
master_process off;
daemon off;
pid $bench_work/nginx.pid;
error_log $bench_work/nginx-error.log warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
    access_log off;
$temp    client_max_body_size 8m;
    client_body_buffer_size 64k;
    server {
        listen 127.0.0.1:$1 ssl;
        ssl_certificate $bench_work/cert.pem;
        ssl_certificate_key $bench_work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        keepalive_requests 1000000;
        location / {
            default_type application/json;
            return 200 '$reply';
        }
    }
}
NGINX
}

# Starts "$@" pinned to core 0 as a direct child (exec: its PID is the server's), and sets bench_started_pid and
# bench_started_ms: the time from the fork to the first 200 for METHOD PATH (with BODY for a POST), polled from
# core 1 by bench/tools/ready.py, which is polling before the server starts. Not for use in $(...): the PID is
# recorded for cleanup in this shell.
bench_start_timed() { # port method path body log -- command...
    local port=$1 method=$2 path=$3 body=$4 log=$5
    shift 6
    local armed="$bench_work/armed.$port" out="$bench_work/ready.$port" poller start
    rm -f "$armed"
    bench_pin 1 python3 bench/tools/ready.py --port "$port" --method "$method" --path "$path" --body "$body" \
        --armed "$armed" --timeout 60 >"$out" &
    poller=$!
    for _ in $(seq 200); do [ -e "$armed" ] && break; sleep 0.05; done
    [ -e "$armed" ] || { bench_log "the readiness poller did not start"; return 1; }
    start=$EPOCHREALTIME
    (if bench_have_taskset; then exec taskset -c 0 "$@"; else exec "$@"; fi) >"$log" 2>&1 &
    bench_started_pid=$!
    bench_pids+=("$bench_started_pid")
    if ! wait "$poller"; then
        bench_log "$(basename "$1") did not answer $method $path with 200 within 60 s; its log:"
        tail -20 "$log" >&2
        return 1
    fi
    # shellcheck disable=SC2034 # read by the caller
    bench_started_ms=$(python3 -c "print(f'{($(cat "$out") - $start) * 1000:.1f}')")
}

bench_stop() { # pid: SIGTERM, then SIGKILL after 5 s; forgotten by the cleanup (its number may be reused)
    local pid=$1 i kept=()
    kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for i in "${bench_pids[@]}"; do [ "$i" = "$pid" ] || kept+=("$i"); done
    bench_pids=("${kept[@]}")
}

# utime + stime of a process (all its threads), in clock ticks.
bench_cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
# VmHWM (peak RSS) or VmRSS of a process, in kB.
bench_status_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
# Resets VmHWM to the current RSS (Linux 4.0+; the process's owner or root), so that the next reading is the
# peak of what follows. Prints "reset" when it worked.
bench_reset_peak() { if echo 5 2>/dev/null >"/proc/$1/clear_refs"; then echo reset; else echo cumulative; fi; }

# Runs wrk (one thread, pinned to core 1) with bench/tools/post.lua POSTing BODY, and prints one line of
# key=value pairs: requests, duration_us, latency percentiles (µs), errors, the server's CPU ticks and peak RSS
# over the run, and wrk's own CPU time (to see whether the load generator was the bottleneck).
bench_wrk() { # server-pid port path body connections seconds
    local pid=$1 port=$2 path=$3 body=$4 connections=$5 seconds=$6 before after line peak_mode client
    peak_mode=$(bench_reset_peak "$pid")
    before=$(bench_cpu_ticks "$pid")
    line=$( { TIMEFORMAT='client_cpu_s=%3U+%3S'; time BENCH_BODY="$body" bench_pin 1 timeout $((seconds + 60)) \
        wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/tools/post.lua \
        "https://127.0.0.1:$port$path" >"$bench_work/wrk.out" 2>"$bench_work/wrk.err"; } 2>&1 )
    after=$(bench_cpu_ticks "$pid")
    peak=$(bench_status_kb "$pid" VmHWM)
    client=$(python3 -c "print(f'{${line#client_cpu_s=}:.3f}')")
    grep -q '^BENCH ' "$bench_work/wrk.out" || { bench_log "wrk printed no result:"; cat "$bench_work/wrk.out" >&2; return 1; }
    echo "$(sed -n 's/^BENCH //p' "$bench_work/wrk.out") server_cpu_ticks=$((after - before)) clk_tck=$bench_clk_tck peak_rss_kb=$peak peak_mode=$peak_mode client_cpu_s=$client"
}
