#!/usr/bin/env bash
# Tests of certs/make-certs.sh: chains, names, key usages, validity, rotation, and a TLS handshake with
# `harbormaster serve` on 127.0.0.1. Certificates are made in a temp dir and deleted; none is committed.
#
# Usage: certs/test.sh   (HARBORMASTER_BIN: the binary to serve with; default .build/debug/harbormaster)
# One PASS/FAIL line per check with its evidence; exit status 1 when any failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAKE="${ROOT}/certs/make-certs.sh"
HM="${HARBORMASTER_BIN:-${ROOT}/.build/debug/harbormaster}"
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"

T="$(mktemp -d "${TMPDIR:-/tmp}/certs-test.XXXXXX")"
SERVER_PID=""
stop_server() {
  [[ -n "${SERVER_PID}" ]] || return 0
  kill -TERM "${SERVER_PID}" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do kill -0 "${SERVER_PID}" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "${SERVER_PID}" 2>/dev/null || true
  wait "${SERVER_PID}" 2>/dev/null || true
  SERVER_PID=""
}
trap 'stop_server; rm -rf "${T}"' EXIT

PASSED=0
FAILED=0
run() { # run "title" function args...: the function prints evidence; non-zero means failure
  local title="$1" out rc=0
  shift
  out="$("$@" 2>&1)" || rc=$?
  if [[ "${rc}" -eq 0 ]]; then
    PASSED=$((PASSED + 1)); printf 'PASS %s\n' "${title}"
  else
    FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "${title}"
  fi
  [[ -n "${out}" ]] && printf '%s\n' "${out}" | sed 's/^/     /' | head -n 25
  return 0
}

ext() { openssl x509 -in "$1" -noout -ext "$2" 2>/dev/null | tail -n +2 | sed 's/^ *//' | paste -sd' '; }
days_valid() { # whole days between notBefore and notAfter
  python3 - "$1" <<'EOF'
import subprocess, sys
from datetime import datetime
def field(name):
    out = subprocess.run(["openssl", "x509", "-in", sys.argv[1], "-noout", "-" + name], capture_output=True, text=True, check=True).stdout
    return datetime.strptime(out.split("=", 1)[1].strip(), "%b %d %H:%M:%S %Y %Z")
print(round((field("enddate") - field("startdate")).total_seconds() / 86400))
EOF
}

t_default_ecdsa() {
  "${MAKE}" --service hm --namespace policy --days 30 --ca-days 400 --out "${T}/a" >"${T}/a.b64" 2>"${T}/a.err"
  local d="${T}/a" want got
  openssl verify -CAfile "${d}/ca.crt" "${d}/tls.crt" || return 1
  want="DNS:hm, DNS:hm.policy, DNS:hm.policy.svc, DNS:hm.policy.svc.cluster.local"
  got="$(ext "${d}/tls.crt" subjectAltName)"
  [[ "${got}" == "${want}" ]] || { echo "SANs: ${got}"; return 1; }
  [[ "$(ext "${d}/tls.crt" keyUsage)" == "Digital Signature" ]] || { echo "keyUsage: $(ext "${d}/tls.crt" keyUsage)"; return 1; }
  openssl x509 -in "${d}/tls.crt" -noout -ext keyUsage | grep -q critical || { echo "keyUsage not critical"; return 1; }
  [[ "$(ext "${d}/tls.crt" extendedKeyUsage)" == "TLS Web Server Authentication" ]] || { echo "EKU: $(ext "${d}/tls.crt" extendedKeyUsage)"; return 1; }
  [[ "$(ext "${d}/tls.crt" basicConstraints)" == "CA:FALSE" ]] || return 1
  [[ "$(ext "${d}/ca.crt" basicConstraints)" == "CA:TRUE, pathlen:0" ]] || { echo "CA constraints: $(ext "${d}/ca.crt" basicConstraints)"; return 1; }
  [[ "$(ext "${d}/ca.crt" keyUsage)" == "Certificate Sign, CRL Sign" ]] || { echo "CA keyUsage: $(ext "${d}/ca.crt" keyUsage)"; return 1; }
  openssl x509 -in "${d}/tls.crt" -noout -text | grep -q 'NIST CURVE: P-256' || { echo "not P-256"; return 1; }
  [[ "$(days_valid "${d}/tls.crt")/$(days_valid "${d}/ca.crt")" == "30/400" ]] || { echo "validity $(days_valid "${d}/tls.crt")/$(days_valid "${d}/ca.crt") days"; return 1; }
  [[ "$(stat -c %a "${d}/tls.key")/$(stat -c %a "${d}/ca.key")" == "600/600" ]] || { echo "key modes $(stat -c %a "${d}/tls.key")"; return 1; }
  [[ "$(wc -l <"${T}/a.b64")" -eq 1 && "$(tr -d '\n' <"${T}/a.b64")" == "$(base64 -w0 "${d}/ca.crt")" ]] ||
    { echo "standard output is not exactly base64(ca.crt)"; return 1; }
  echo "openssl verify: OK; SANs ${got}"
  echo "leaf: P-256, keyUsage critical Digital Signature, EKU serverAuth, CA:FALSE, 30 days; CA: CA:TRUE pathlen 0, Certificate Sign + CRL Sign, 400 days"
  echo "stdout = base64 of ca.crt ($(wc -c <"${T}/a.b64") bytes); keys mode 600"
}

t_dev_names() {
  "${MAKE}" --dev --out "${T}/dev" >/dev/null 2>&1
  local got
  got="$(ext "${T}/dev/tls.crt" subjectAltName)"
  [[ "${got}" == *"DNS:harbormaster.harbormaster.svc"* && "${got}" == *"DNS:localhost"* &&
    "${got}" == *"IP Address:127.0.0.1"* && "${got}" == *"IP Address:0:0:0:0:0:0:0:1"* ]] || { echo "SANs: ${got}"; return 1; }
  echo "defaults (service harbormaster, namespace harbormaster) + --dev: ${got}"
}

t_rsa() {
  "${MAKE}" --rsa --out "${T}/rsa" >/dev/null 2>&1
  openssl verify -CAfile "${T}/rsa/ca.crt" "${T}/rsa/tls.crt" >/dev/null || return 1
  openssl x509 -in "${T}/rsa/tls.crt" -noout -text | grep -q 'Public-Key: (2048 bit)' || { echo "not RSA 2048"; return 1; }
  [[ "$(ext "${T}/rsa/tls.crt" keyUsage)" == "Digital Signature, Key Encipherment" ]] || { echo "keyUsage $(ext "${T}/rsa/tls.crt" keyUsage)"; return 1; }
  "${MAKE}" --rsa 3072 --out "${T}/rsa3" >/dev/null 2>&1
  openssl x509 -in "${T}/rsa3/tls.crt" -noout -text | grep -q 'Public-Key: (3072 bit)' || { echo "--rsa 3072 ignored"; return 1; }
  echo "--rsa: RSA 2048, keyUsage Digital Signature + Key Encipherment, chain verifies; --rsa 3072: 3072 bits"
}

t_rotation() {
  local d="${T}/a" before after serial1 serial2
  before="$(base64 -w0 "${d}/ca.crt")"
  serial1="$(openssl x509 -in "${d}/tls.crt" -noout -serial)"
  if "${MAKE}" --service hm --namespace policy --ca-cert "${d}/ca.crt" --ca-key "${d}/ca.key" --out "${d}" >/dev/null 2>"${T}/rot.err"; then
    echo "overwrote tls.crt without --force"; return 1
  fi
  grep -q 'exists (use --force' "${T}/rot.err" || { cat "${T}/rot.err"; return 1; }
  after="$("${MAKE}" --service hm --namespace policy --ca-cert "${d}/ca.crt" --ca-key "${d}/ca.key" --out "${d}" --force 2>/dev/null)"
  serial2="$(openssl x509 -in "${d}/tls.crt" -noout -serial)"
  [[ "${after}" == "${before}" ]] || { echo "the caBundle changed on a serving-certificate rotation"; return 1; }
  [[ "${serial1}" != "${serial2}" ]] || { echo "same serial"; return 1; }
  openssl verify -CAfile "${d}/ca.crt" "${d}/tls.crt" >/dev/null || return 1
  echo "refused to overwrite without --force; with --ca-cert/--ca-key: new leaf (${serial1#serial=} -> ${serial2#serial=}), same caBundle, verifies"
}

t_bad_args() {
  local rc=0
  "${MAKE}" --service 'Not_A_Label' --out "${T}/bad" >/dev/null 2>"${T}/bad.err" || rc=$?
  [[ "${rc}" -eq 2 ]] && grep -q 'DNS label' "${T}/bad.err" || { echo "rc ${rc}: $(cat "${T}/bad.err")"; return 1; }
  rc=0
  "${MAKE}" --days 0 --out "${T}/bad" >/dev/null 2>"${T}/bad.err" || rc=$?
  [[ "${rc}" -eq 2 ]] || { echo "--days 0 gave rc ${rc}"; return 1; }
  echo "bad service name and --days 0 -> exit 2: $(head -n1 "${T}/bad.err")"
}

t_handshake() {
  [[ -x "${HM}" ]] || { echo "no harbormaster binary at ${HM}"; return 1; }
  local port code
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${HM}" serve --tls-cert "${T}/dev/tls.crt" --tls-key "${T}/dev/tls.key" --listen "127.0.0.1:${port}" \
    --event-loops 1 >"${T}/serve.log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < 80; i++)); do # 20 s at most
    kill -0 "${SERVER_PID}" 2>/dev/null || { cat "${T}/serve.log"; return 1; }
    code="$(curl -s --max-time 2 --cacert "${T}/dev/ca.crt" -o /dev/null -w '%{http_code}' "https://127.0.0.1:${port}/readyz" || true)"
    [[ "${code}" == 200 ]] && break
    sleep 0.25
  done
  [[ "${code}" == 200 ]] || { echo "/readyz never answered 200"; tail -n 5 "${T}/serve.log"; return 1; }
  # openssl s_client, verifying the chain and the name the API server uses.
  timeout 10 openssl s_client -connect "127.0.0.1:${port}" -servername harbormaster.harbormaster.svc \
    -verify_hostname harbormaster.harbormaster.svc -CAfile "${T}/dev/ca.crt" -verify_return_error \
    </dev/null >"${T}/s_client.out" 2>&1 || { tail -n 15 "${T}/s_client.out"; return 1; }
  grep -q 'Verify return code: 0 (ok)' "${T}/s_client.out" || { tail -n 15 "${T}/s_client.out"; return 1; }
  # Python's ssl, verifying by IP address (the --dev names).
  python3 - "${port}" "${T}/dev/ca.crt" >"${T}/py.out" 2>&1 <<'EOF' || { cat "${T}/py.out"; return 1; }
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as sock:
    with ctx.wrap_socket(sock, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        status = tls.recv(4096).split(b"\r\n")[0].decode()
        print(tls.version(), tls.cipher()[0], status)
        assert status.endswith("200 OK"), status
EOF
  stop_server
  echo "s_client: $(grep -m1 -o 'Verify return code: .*' "${T}/s_client.out"), $(grep -m1 -oE 'Protocol *: *TLSv[0-9.]+|New, TLSv[0-9.]+, Cipher is [A-Z0-9_-]+' "${T}/s_client.out")"
  echo "python ssl (hostname 127.0.0.1): $(cat "${T}/py.out")"
}

command -v openssl >/dev/null || { echo "FAIL openssl missing"; exit 1; }
run "certs: default ECDSA P-256 chain, SANs, key usages, validity, caBundle on stdout" t_default_ecdsa
run "certs: --dev adds localhost, 127.0.0.1, ::1" t_dev_names
run "certs: --rsa [bits]" t_rsa
run "certs: rotation with the same CA keeps the caBundle; no overwrite without --force" t_rotation
run "certs: bad arguments exit 2" t_bad_args
run "certs: harbormaster serve with the certificate, openssl s_client and Python ssl verify it on 127.0.0.1" t_handshake
printf '\ncerts: %d passed, %d failed\n' "${PASSED}" "${FAILED}"
[[ "${FAILED}" -eq 0 ]]
