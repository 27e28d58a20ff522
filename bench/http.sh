#!/usr/bin/env bash
# Keep-alive HTTPS throughput of `harbormaster serve` against nginx serving a fixed AdmissionReview reply over
# TLS, in the same run, on loopback. Prints a markdown table with the ratio to nginx.
#
# Usage: bench/http.sh [SECONDS] [CONNECTIONS...]      (default: 10 s at 1 and 16 connections)
# Needs: wrk, nginx (apt-get install -y wrk nginx-light), openssl, python3. The server runs on core 0 and wrk on
# core 1 when taskset exists, so that client and server do not compete for one core.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
shift || true
connections=("${@:-1 16}")
[ ${#connections[@]} -eq 1 ] && read -r -a connections <<<"${connections[0]}"

for tool in wrk nginx openssl python3; do
    command -v "$tool" >/dev/null || { echo "bench/http.sh needs $tool (apt-get install -y wrk nginx-light)" >&2; exit 2; }
done
swift build -c release --product harbormaster >&2
binary=.build/release/harbormaster

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pin() { if command -v taskset >/dev/null; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }
# Starts a pinned background process whose PID is the process itself (exec), so cleanup can stop it.
start_pinned() { (if command -v taskset >/dev/null; then exec taskset -c "$1" "${@:2}"; else exec "${@:2}"; fi) & pids+=($!); }

# One ECDSA P-256 certificate for both servers, so that both pay the same handshake and record costs.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

review=samples/reviews/deployment-good.json
reply=$(pin 0 "$binary" review "$review")
printf '%s' "$reply" >"$work/reply.json"

# nginx: the physical-limit reference, answering every POST with the same reply, TLS 1.3, one worker.
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_buffer_size 64k;
    server {
        listen 127.0.0.1:$nginx_port ssl;
        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        keepalive_requests 1000000;
        location / {
            default_type application/json;
            alias $work/reply.json;
            error_page 405 =200 \$uri;
        }
    }
}
NGINX
start_pinned 0 nginx -c "$work/nginx.conf" -p "$work"

hm_port=$(free_port)
start_pinned 0 "$binary" serve --listen "127.0.0.1:$hm_port" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
    --event-loops 1 --log-level warning 2>"$work/harbormaster.log"

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "kube-apiserver-admission"
local f = io.open("$review", "rb")
wrk.body = f:read("*all")
f:close()
LUA

for port in "$nginx_port" "$hm_port"; do
    for _ in $(seq 50); do curl -sk "https://127.0.0.1:$port/readyz" -o /dev/null && break; sleep 0.1; done
done

run() { # port path connections -> "requests/s p50 p99"
    pin 1 wrk -t1 -c"$3" -d"${duration}s" --latency -s "$work/post.lua" "https://127.0.0.1:$1$2" |
        awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'
}

echo "| connections | endpoint | nginx req/s | harbormaster req/s | ratio | harbormaster p50 | harbormaster p99 |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for c in "${connections[@]}"; do
    read -r nginx_rps _ _ <<<"$(run "$nginx_port" /validate "$c")"
    for path in /validate /mutate; do
        read -r hm_rps hm_p50 hm_p99 <<<"$(run "$hm_port" "$path" "$c")"
        ratio=$(python3 -c "print(f'{$hm_rps / $nginx_rps:.2f}')")
        echo "| $c | $path | $nginx_rps | $hm_rps | $ratio | $hm_p50 | $hm_p99 |"
    done
done
