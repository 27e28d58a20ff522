#!/usr/bin/env bash
# Keep-alive HTTPS throughput of `harbormaster serve` against nginx serving a fixed AdmissionReview reply over
# TLS, in the same run, on loopback: the short version of bench/run.sh (which also measures latency, CPU,
# memory, new connections and a Python webhook). Prints a markdown table with the ratio to nginx.
#
# Usage: bench/http.sh [SECONDS] [CONNECTIONS...]      (default: 10 s at 1 and 16 connections)
# Installs wrk and nginx-light when missing. The servers run on core 0 and wrk on core 1 when taskset exists.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
duration="${1:-10}"
shift || true
connections=("${@:-1 16}")
[ ${#connections[@]} -eq 1 ] && read -r -a connections <<<"${connections[0]}"

bench_install_tools
bench_build harbormaster
binary="$PWD/$(bench_binary harbormaster)"
bench_init
bench_certificate

review=samples/reviews/deployment-good.json
# nginx answers with Harbormaster's own 724-byte reply to a review it allows with warnings.
printf '%s' "$("$binary" review samples/reviews/deployment-no-resources.json)" >"$bench_work/reply.json"

nginx_port=$(bench_free_port)
bench_nginx_conf "$nginx_port" "$bench_work/reply.json" "$bench_work/nginx.conf"
bench_start_timed "$nginx_port" POST /validate "$review" "$bench_work/nginx.log" -- \
    nginx -c "$bench_work/nginx.conf" -p "$bench_work"
nginx_pid=$bench_started_pid

hm_port=$(bench_free_port)
bench_start_timed "$hm_port" GET /readyz "" "$bench_work/harbormaster.log" -- \
    "$binary" serve --listen "127.0.0.1:$hm_port" --tls-cert "$bench_work/cert.pem" --tls-key "$bench_work/key.pem" \
    --event-loops 1 --log-level warning
hm_pid=$bench_started_pid

run() { # pid port path connections -> "requests/s p50 p99 errors"
    bench_wrk "$1" "$2" "$3" "$review" "$4" "$duration" | tr ' ' '\n' | awk -F= '{v[$1] = $2} END {
        printf "%.0f %d %d %d\n", v["requests"] / v["duration_us"] * 1e6, v["p50_us"], v["p99_us"],
            v["errors_connect"] + v["errors_read"] + v["errors_write"] + v["errors_status"] + v["errors_timeout"] }'
}

echo "| connections | endpoint | nginx req/s | harbormaster req/s | ratio | harbormaster p50 | harbormaster p99 |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for c in "${connections[@]}"; do
    read -r nginx_rps _ _ nginx_errors <<<"$(run "$nginx_pid" "$nginx_port" /validate "$c")"
    for path in /validate /mutate; do
        read -r hm_rps hm_p50 hm_p99 hm_errors <<<"$(run "$hm_pid" "$hm_port" "$path" "$c")"
        if [ "$nginx_errors" -ne 0 ] || [ "$hm_errors" -ne 0 ]; then
            bench_log "errors: nginx $nginx_errors, harbormaster $hm_errors"
        fi
        ratio=$(python3 -c "print(f'{$hm_rps / $nginx_rps:.2f}')")
        echo "| $c | $path | $nginx_rps | $hm_rps | $ratio | $hm_p50 µs | $hm_p99 µs |"
    done
done
