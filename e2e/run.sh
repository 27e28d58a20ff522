#!/usr/bin/env bash
# End-to-end test of Harbormaster against a real kube-apiserver (v1.20.2) and etcd, all on 127.0.0.1.
#
# Usage: e2e/run.sh [--infra-only]
#   --infra-only   start etcd + kube-apiserver, register the webhooks (failurePolicy Ignore, pointing at a
#                  closed port) and check that objects are admitted; no Harbormaster needed.
#
# Environment:
#   HARBORMASTER_BIN      harbormaster binary to test (default: .build/{release,debug}/harbormaster,
#                         built with `swift build` when missing or without `serve`)
#   SWIFT_SCRATCH_PATH    passed to `swift build --scratch-path` when the script builds harbormaster
#   HARBORMASTER_ARGS     extra arguments for `harbormaster serve` (word-split), e.g. "--log-level debug"
#   KUBE_APISERVER        kube-apiserver binary (default: the cache, built by e2e/build-apiserver.sh)
#   HARBORMASTER_E2E_CACHE  cache dir (default ~/.cache/harbormaster-e2e)
#   E2E_KEEP_TMP=1        keep the temp dir (logs, certs, kubeconfig) after the run
#
# Exit status: 0 when every scenario passed, 1 otherwise (2 for setup errors).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
MANIFESTS="${SCRIPT_DIR}/manifests"
CACHE_DIR="${HARBORMASTER_E2E_CACHE:-${HOME}/.cache/harbormaster-e2e}"
INFRA_ONLY=0
case "${1:-}" in
  --infra-only) INFRA_ONLY=1 ;;
  "") ;;
  -h | --help)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "unknown argument: $1 (try --help)" >&2
    exit 2
    ;;
esac

# Every connection this script and the apiserver make goes to loopback: keep proxies out of it.
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy

T_START=$(date +%s)
TMP=""
ETCD_PID=""
APISERVER_PID=""
HM_PID=""
PASSED=0
FAILED=0
RESULTS=()
TORN_DOWN=0

log() { printf '[e2e %3ss] %s\n' "$(($(date +%s) - T_START))" "$*" >&2; }

tail_logs() {
  local f crash
  for f in harbormaster apiserver etcd; do
    [[ -n "${TMP}" && -s "${TMP}/${f}.log" ]] || continue
    crash="$(grep -n -m1 -E '^(panic:|fatal error:|unexpected fault)|Fatal error:' "${TMP}/${f}.log" | cut -d: -f1 || true)"
    if [[ -n "${crash}" ]]; then
      printf -- '----- %s.log: CRASH at line %s -----\n' "${f}" "${crash}" >&2
      sed -n "$((crash > 5 ? crash - 5 : 1)),$((crash + 20))p" "${TMP}/${f}.log" | cut -c1-300 >&2 || true
    else
      printf -- '----- last 25 lines of %s.log -----\n' "${f}" >&2
      tail -n 25 "${TMP}/${f}.log" | cut -c1-300 >&2 || true
    fi
  done
  printf -- '-----\n' >&2
}

die() {
  log "SETUP ERROR: $*"
  tail_logs
  exit 2
}

# stop_pid NAME PID: SIGTERM, wait up to 10 s, then SIGKILL. Only ever our own child PIDs.
stop_pid() {
  local name="$1" pid="$2" i
  [[ -n "${pid}" ]] || return 0
  kill -0 "${pid}" 2>/dev/null || return 0
  kill -TERM "${pid}" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "${name} (pid ${pid}) ignored SIGTERM; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  wait "${pid}" 2>/dev/null || true
}

teardown() {
  [[ "${TORN_DOWN}" -eq 1 ]] && return 0
  TORN_DOWN=1
  stop_pid harbormaster "${HM_PID}"
  stop_pid kube-apiserver "${APISERVER_PID}"
  stop_pid etcd "${ETCD_PID}"
  if [[ -n "${TMP}" && -d "${TMP}" ]]; then
    if [[ "${E2E_KEEP_TMP:-0}" == "1" ]]; then
      log "kept ${TMP}"
    else
      rm -rf "${TMP}"
    fi
  fi
}
trap teardown EXIT
trap 'log "interrupted"; exit 130' INT TERM

pass() {
  PASSED=$((PASSED + 1))
  RESULTS+=("PASS $1")
  printf 'PASS %s\n' "$1"
}

fail() {
  FAILED=$((FAILED + 1))
  RESULTS+=("FAIL $1")
  printf 'FAIL %s\n' "$1"
  [[ $# -gt 1 ]] && printf '     %s\n' "${@:2}"
  tail_logs
}

# run_scenario "N. title" function: functions return non-zero (after printing why) on failure.
run_scenario() {
  local title="$1" fn="$2"
  log "scenario ${title}"
  if [[ -n "${APISERVER_PID}" && "${TORN_DOWN}" -eq 0 ]] && ! kill -0 "${APISERVER_PID}" 2>/dev/null; then
    fail "${title}" "reason: kube-apiserver (pid ${APISERVER_PID}) is no longer running"
    return 0
  fi
  if "${fn}"; then pass "${title}"; else fail "${title}"; fi
}

# why MESSAGE [FILE]: explain a scenario failure, with the output file that shows it.
why() {
  printf '     reason: %s\n' "$1"
  if [[ $# -gt 1 && -s "$2" ]]; then
    sed 's/^/       | /' "$2" | head -n 30
  fi
  return 1
}

# wait_until TIMEOUT_S DESCRIPTION COMMAND...: poll every 0.25 s until COMMAND succeeds; give up at once
# when COMMAND returns 2 (the process being waited for has exited).
wait_until() {
  local timeout="$1" what="$2" deadline rc
  shift 2
  deadline=$(($(date +%s) + timeout))
  while true; do
    rc=0
    "$@" >/dev/null 2>&1 || rc=$?
    ((rc == 0)) && return 0
    if ((rc == 2)); then
      log "gave up waiting for ${what}: the process exited"
      return 1
    fi
    if (($(date +%s) >= deadline)); then
      log "timed out after ${timeout}s waiting for ${what}"
      return 1
    fi
    sleep 0.25
  done
}

free_ports() { # free_ports N: N distinct free loopback ports, one per line
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
    s.close()
EOF
}

k() { kubectl --kubeconfig "${TMP}/kubeconfig" --cache-dir "${TMP}/kube-cache" --request-timeout=20s "$@"; }

# render TEMPLATE FAILURE_POLICY: a webhook configuration with this run's URL and CA.
render() {
  sed -e "s#__URL__#${HM_URL}#" -e "s#__CA_BUNDLE__#${CA_BUNDLE}#" -e "s#__FAILURE_POLICY__#$2#" "$1"
}

# ---------------------------------------------------------------------------------------------------------
# Tools and binaries
# ---------------------------------------------------------------------------------------------------------
for tool in kubectl openssl curl python3 jq ss etcd; do
  command -v "${tool}" >/dev/null 2>&1 || die "missing tool: ${tool} (apt-get install jq iproute2 etcd-server ...)"
done

KUBE_APISERVER="${KUBE_APISERVER:-${CACHE_DIR}/kube-apiserver-v1.20.2}"
if [[ ! -x "${KUBE_APISERVER}" ]]; then
  log "kube-apiserver not cached; building it (one time, ~7-8 min): e2e/build-apiserver.sh"
  HARBORMASTER_E2E_CACHE="${CACHE_DIR}" "${SCRIPT_DIR}/build-apiserver.sh" >&2 || die "apiserver build failed"
  KUBE_APISERVER="${CACHE_DIR}/kube-apiserver-v1.20.2"
fi

has_serve() { [[ -x "$1" ]] && "$1" serve --help 2>&1 | grep -q -- '--tls-cert'; }

HM=""
if [[ "${INFRA_ONLY}" -eq 0 ]]; then
  if [[ -n "${HARBORMASTER_BIN:-}" ]]; then
    has_serve "${HARBORMASTER_BIN}" || die "HARBORMASTER_BIN=${HARBORMASTER_BIN} has no working 'serve'"
    HM="${HARBORMASTER_BIN}"
  else
    scratch="${SWIFT_SCRATCH_PATH:-${ROOT}/.build}"
    # The newer of the release and debug binaries that has `serve` (an old one may predate current sources).
    for cand in "${scratch}/release/harbormaster" "${scratch}/debug/harbormaster"; do
      has_serve "${cand}" || continue
      if [[ -z "${HM}" || "${cand}" -nt "${HM}" ]]; then HM="${cand}"; fi
    done
    if [[ -z "${HM}" ]]; then
      log "building harbormaster: swift build --scratch-path ${scratch}"
      (cd "${ROOT}" && swift build --scratch-path "${scratch}" --product harbormaster >&2) || die "swift build failed"
      HM="${scratch}/debug/harbormaster"
      has_serve "${HM}" || die "${HM} has no working 'serve' command"
    fi
  fi
  log "harbormaster: ${HM}"
fi
log "kube-apiserver: ${KUBE_APISERVER} ($("${KUBE_APISERVER}" --version 2>/dev/null || echo '?'))"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/harbormaster-e2e.XXXXXX")"
mkdir -p "${TMP}/pki" "${TMP}/etcd" "${TMP}/apiserver-certs" "${TMP}/kube-cache" "${TMP}/out"
OUT="${TMP}/out"

mapfile -t PORTS < <(free_ports 4)
[[ "${#PORTS[@]}" -eq 4 ]] || die "could not pick free ports"
ETCD_CLIENT_PORT="${PORTS[0]}"
ETCD_PEER_PORT="${PORTS[1]}"
APISERVER_PORT="${PORTS[2]}"
HM_PORT="${PORTS[3]}"
HM_URL="https://127.0.0.1:${HM_PORT}"

# ---------------------------------------------------------------------------------------------------------
# Certificates: ECDSA P-256 CA + serving leaf for Harbormaster; RSA key for service-account tokens
# ---------------------------------------------------------------------------------------------------------
log "generating certificates in ${TMP}/pki"
(
  cd "${TMP}/pki"
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  openssl req -x509 -new -key ca.key -sha256 -days 1 -subj "/CN=harbormaster-e2e-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
  openssl ecparam -name prime256v1 -genkey -noout -out server.key
  openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
  cat >server.ext <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EOF
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 1 \
    -extfile server.ext -out server.crt
  openssl genrsa -out sa.key 2048
  openssl rsa -in sa.key -pubout -out sa.pub
) >"${TMP}/openssl.log" 2>&1 || {
  cat "${TMP}/openssl.log" >&2
  die "openssl failed"
}
CA_BUNDLE="$(base64 -w0 <"${TMP}/pki/ca.crt")"

ADMIN_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
printf '%s,admin,admin-uid,"system:masters"\n' "${ADMIN_TOKEN}" >"${TMP}/tokens.csv"

# ---------------------------------------------------------------------------------------------------------
# etcd + kube-apiserver on loopback
# ---------------------------------------------------------------------------------------------------------
log "starting etcd on 127.0.0.1:${ETCD_CLIENT_PORT}"
etcd \
  --name e2e \
  --data-dir "${TMP}/etcd" \
  --listen-client-urls "http://127.0.0.1:${ETCD_CLIENT_PORT}" \
  --advertise-client-urls "http://127.0.0.1:${ETCD_CLIENT_PORT}" \
  --listen-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
  --initial-advertise-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
  --initial-cluster "e2e=http://127.0.0.1:${ETCD_PEER_PORT}" \
  --initial-cluster-state new \
  >"${TMP}/etcd.log" 2>&1 &
ETCD_PID=$!
etcd_healthy() {
  kill -0 "${ETCD_PID}" 2>/dev/null || return 2
  curl -fsS --max-time 2 "http://127.0.0.1:${ETCD_CLIENT_PORT}/health" | grep -q '"health":"true"'
}
wait_until 30 "etcd /health" etcd_healthy ||
  die "etcd did not become healthy"

log "starting kube-apiserver on 127.0.0.1:${APISERVER_PORT}"
"${KUBE_APISERVER}" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --secure-port="${APISERVER_PORT}" \
  --insecure-port=0 \
  --cert-dir="${TMP}/apiserver-certs" \
  --etcd-servers="http://127.0.0.1:${ETCD_CLIENT_PORT}" \
  --token-auth-file="${TMP}/tokens.csv" \
  --authorization-mode=RBAC \
  --enable-admission-plugins=ValidatingAdmissionWebhook,MutatingAdmissionWebhook \
  --disable-admission-plugins=ServiceAccount \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="${TMP}/pki/sa.pub" \
  --service-account-signing-key-file="${TMP}/pki/sa.key" \
  --service-cluster-ip-range=10.96.0.0/24 \
  --endpoint-reconciler-type=none \
  --allow-privileged=true \
  --profiling=false \
  --audit-policy-file="${MANIFESTS}/audit-policy.yaml" \
  --audit-log-path="${TMP}/audit.log" \
  --audit-log-mode=blocking \
  --v=1 \
  >"${TMP}/apiserver.log" 2>&1 &
APISERVER_PID=$!

cat >"${TMP}/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: e2e
    cluster:
      server: https://127.0.0.1:${APISERVER_PORT}
      insecure-skip-tls-verify: true
users:
  - name: admin
    user:
      token: ${ADMIN_TOKEN}
contexts:
  - name: e2e
    context:
      cluster: e2e
      user: admin
current-context: e2e
EOF

apiserver_ready() {
  kill -0 "${APISERVER_PID}" 2>/dev/null || return 2
  curl -ksS --max-time 2 -H "Authorization: Bearer ${ADMIN_TOKEN}" \
    "https://127.0.0.1:${APISERVER_PORT}/readyz" | grep -qx ok
}
wait_until 60 "kube-apiserver /readyz" apiserver_ready || die "kube-apiserver did not become ready"
wait_until 30 "default namespace" k get namespace default || die "kubectl cannot reach the apiserver"
log "apiserver ready: $(k version -o json 2>/dev/null | jq -r '.serverVersion.gitVersion')"

# kube-system is excluded by label (v1.20 has no automatic kubernetes.io/metadata.name label).
k label namespace kube-system harbormaster.dev/webhook=disabled --overwrite >/dev/null ||
  die "cannot label kube-system"
k apply -f "${MANIFESTS}/namespaces.yaml" >/dev/null || die "cannot create test namespaces"
for ns in hm-e2e hm-e2e-dryrun; do
  # No controller-manager runs here, so nobody creates the default ServiceAccount: do it by hand.
  k -n "${ns}" create serviceaccount default >/dev/null 2>&1 || true
done
# A workload from before Harbormaster: stored while no webhook is registered (scenario 8 updates it).
k -n hm-e2e apply -f "${MANIFESTS}/deployment-legacy.yaml" >/dev/null || die "cannot create the legacy Deployment"

# Listening sockets of our processes: none may be on a wildcard address.
check_loopback_only() {
  local pids=() p bad
  for p in "${ETCD_PID}" "${APISERVER_PID}" "${HM_PID}"; do [[ -n "${p}" ]] && pids+=("${p}"); done
  ss -Hltnp >"${OUT}/listen.txt" 2>&1 || return 1
  : >"${OUT}/listen-ours.txt"
  for p in "${pids[@]}"; do grep -E "pid=${p}," "${OUT}/listen.txt" >>"${OUT}/listen-ours.txt" || true; done
  [[ -s "${OUT}/listen-ours.txt" ]] || {
    why "no listening sockets found for pids ${pids[*]}" "${OUT}/listen.txt"
    return 1
  }
  bad="$(awk '{print $4}' "${OUT}/listen-ours.txt" | grep -Ev '^(127\.[0-9.]+|\[::1\]):[0-9]+$' || true)"
  if [[ -n "${bad}" ]]; then
    why "non-loopback listeners: ${bad//$'\n'/ }" "${OUT}/listen-ours.txt"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------------
# --infra-only: webhooks registered with failurePolicy Ignore, nothing listening: objects are admitted.
# ---------------------------------------------------------------------------------------------------------
patch_failure_policy() { # patch_failure_policy Fail|Ignore
  k patch validatingwebhookconfiguration harbormaster-e2e --type=json \
    -p "[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"$1\"}]" >/dev/null &&
    k patch mutatingwebhookconfiguration harbormaster-e2e --type=json \
      -p "[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"$1\"}]" >/dev/null
}

infra_webhooks_ignore() {
  render "${MANIFESTS}/validating-webhook.yaml" Ignore | k apply -f - >"${OUT}/i.out" 2>&1 ||
    { why "cannot register validating webhook" "${OUT}/i.out"; return 1; }
  render "${MANIFESTS}/mutating-webhook.yaml" Ignore | k apply -f - >"${OUT}/i.out" 2>&1 ||
    { why "cannot register mutating webhook" "${OUT}/i.out"; return 1; }
  k get validatingwebhookconfiguration harbormaster-e2e -o json >"${OUT}/vwc.json" || return 1
  [[ "$(jq -r '.webhooks[0].failurePolicy' "${OUT}/vwc.json")" == "Ignore" ]] || return 1
  # Wait until the apiserver really calls the (closed) webhook and fails open, then create for real.
  wait_until 30 "apiserver to fail open on the webhook" dry_run_failed_open ||
    { why "apiserver never logged 'failing open'" "${OUT}/i.out"; return 1; }
  k -n hm-e2e apply -f "${MANIFESTS}/deployment-bad.yaml" >"${OUT}/i.out" 2>&1 ||
    { why "bad deployment not admitted with Ignore + server down" "${OUT}/i.out"; return 1; }
  k -n hm-e2e get deployment bad-app -o json >"${OUT}/bad.json" || return 1
  echo "     evidence: $(jq -r '.metadata.name + " stored, image " + .spec.template.spec.containers[0].image' "${OUT}/bad.json")"
  echo "     evidence: apiserver log: $(grep -m1 -o 'Failed calling webhook, failing open.*' "${TMP}/apiserver.log" | head -c 200)"
}

dry_run_failed_open() {
  k -n hm-e2e-dryrun apply --dry-run=server -f "${MANIFESTS}/deployment-good.yaml" >"${OUT}/i.out" 2>&1 &&
    grep -q 'failing open' "${TMP}/apiserver.log"
}

infra_webhooks_fail() {
  patch_failure_policy Fail || { why "patching failurePolicy to Fail failed"; return 1; }
  wait_until 30 "create to be rejected under Fail" create_outage_rejected ||
    { why "create still admitted with failurePolicy Fail and nothing listening" "${OUT}/s8a.err"; return 1; }
  echo "     evidence: $(grep -m1 -o 'failed calling webhook[^;]*' "${OUT}/s8a.err" | head -c 200)"
}

create_outage_rejected() {
  ! k -n hm-e2e apply --dry-run=server -f "${MANIFESTS}/deployment-outage.yaml" >"${OUT}/s8a.out" 2>"${OUT}/s8a.err" &&
    grep -q 'failed calling webhook' "${OUT}/s8a.err"
}

if [[ "${INFRA_ONLY}" -eq 1 ]]; then
  run_scenario "I1. etcd + kube-apiserver on loopback only" check_loopback_only
  run_scenario "I2. webhooks registered (Ignore), webhook down -> admitted" infra_webhooks_ignore
  run_scenario "I3. failurePolicy Fail, webhook down -> rejected" infra_webhooks_fail
  printf '\nSUMMARY (infra-only): %d passed, %d failed\n' "${PASSED}" "${FAILED}"
  [[ "${FAILED}" -eq 0 ]]
  exit
fi

# ---------------------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------------------
hm_ready() {
  kill -0 "${HM_PID}" 2>/dev/null || return 2
  [[ "$(curl -sS --max-time 2 --cacert "${TMP}/pki/ca.crt" -o /dev/null -w '%{http_code}' "${HM_URL}/readyz")" == 200 ]]
}

s1_start_harbormaster() {
  local extra=()
  read -r -a extra <<<"${HARBORMASTER_ARGS:-}"
  "${HM}" serve --listen "127.0.0.1:${HM_PORT}" \
    --tls-cert "${TMP}/pki/server.crt" --tls-key "${TMP}/pki/server.key" "${extra[@]}" \
    >"${TMP}/harbormaster.log" 2>&1 &
  HM_PID=$!
  if ! wait_until 30 "harbormaster /readyz" hm_ready; then
    kill -0 "${HM_PID}" 2>/dev/null || why "harbormaster exited early" "${TMP}/harbormaster.log"
    why "/readyz never answered 200 over TLS with --cacert"
    return 1
  fi
  local code
  code="$(curl -sS --max-time 2 --cacert "${TMP}/pki/ca.crt" -o /dev/null -w '%{http_code}' "${HM_URL}/healthz")"
  [[ "${code}" == 200 ]] || { why "/healthz answered ${code}"; return 1; }
  code="$(curl -sS --max-time 2 --cacert "${TMP}/pki/ca.crt" -o "${OUT}/metrics.txt" -w '%{http_code}' "${HM_URL}/metrics")"
  [[ "${code}" == 200 && -s "${OUT}/metrics.txt" ]] || { why "/metrics answered ${code}"; return 1; }
  # The certificate must verify by name too (SAN DNS:localhost).
  curl -fsS --max-time 2 --cacert "${TMP}/pki/ca.crt" -o /dev/null \
    --resolve "localhost:${HM_PORT}:127.0.0.1" "https://localhost:${HM_PORT}/readyz" ||
    { why "TLS verification as localhost failed"; return 1; }
  echo "     evidence: pid ${HM_PID}, ${HM_URL}/readyz, /healthz and /metrics 200, TLS verified against the e2e CA"
}

# The webhooks are in effect once a server dry-run of a Deployment without resources is either denied by
# validate.harbormaster.dev or comes back mutated by mutate.harbormaster.dev (requests injected). Whether the
# policy then judges correctly is for the scenarios to say.
webhooks_in_effect() {
  if k -n hm-e2e-dryrun apply --dry-run=server -o json -f "${MANIFESTS}/deployment-bad.yaml" \
    >"${OUT}/probe.out" 2>"${OUT}/probe.err"; then
    jq -e '.spec.template.spec.containers[0].resources.requests.cpu != null' "${OUT}/probe.out" >/dev/null
  else
    grep -q 'admission webhook "validate.harbormaster.dev"' "${OUT}/probe.err"
  fi
}

s2_register_webhooks() {
  render "${MANIFESTS}/validating-webhook.yaml" Fail | k apply -f - >"${OUT}/s2.out" 2>&1 ||
    { why "apply ValidatingWebhookConfiguration failed" "${OUT}/s2.out"; return 1; }
  render "${MANIFESTS}/mutating-webhook.yaml" Fail | k apply -f - >"${OUT}/s2.out" 2>&1 ||
    { why "apply MutatingWebhookConfiguration failed" "${OUT}/s2.out"; return 1; }
  k get validatingwebhookconfiguration harbormaster-e2e -o json >"${OUT}/vwc.json" || return 1
  k get mutatingwebhookconfiguration harbormaster-e2e -o json >"${OUT}/mwc.json" || return 1
  local v m
  v="$(jq -r '.webhooks[0] | [.clientConfig.url, .failurePolicy, (.admissionReviewVersions|join(",")), .sideEffects, (.timeoutSeconds|tostring)] | join(" ")' "${OUT}/vwc.json")"
  m="$(jq -r '.webhooks[0] | [.clientConfig.url, .failurePolicy] | join(" ")' "${OUT}/mwc.json")"
  [[ "${v}" == "${HM_URL}/validate Fail v1,v1beta1 None 5" ]] || { why "validating config stored as: ${v}"; return 1; }
  [[ "${m}" == "${HM_URL}/mutate Fail" ]] || { why "mutating config stored as: ${m}"; return 1; }
  k get namespace hm-e2e hm-e2e-dryrun >/dev/null 2>&1 || { why "test namespaces missing"; return 1; }
  # The apiserver picks configurations up through an informer: wait until the webhook is really called.
  wait_until 30 "the webhooks to take effect" webhooks_in_effect ||
    { why "the webhooks never took effect (server dry-run neither denied nor mutated by Harbormaster)" "${OUT}/probe.err"; return 1; }
  sleep 1 # both configurations come through separate informers: give the other one a moment as well
  echo "     evidence: validate -> ${v}; mutate -> ${m}; namespaces hm-e2e, hm-e2e-dryrun"
}

s3_bad_denied() {
  if k -n hm-e2e apply -f "${MANIFESTS}/deployment-bad.yaml" >"${OUT}/s3.out" 2>"${OUT}/s3.err"; then
    why "bad Deployment was admitted" "${OUT}/s3.out"
    return 1
  fi
  local id
  for id in tagNotSpecified runAsPrivileged; do
    grep -q "${id}" "${OUT}/s3.err" || { why "stderr does not name ${id}" "${OUT}/s3.err"; return 1; }
  done
  grep -q 'denied the request' "${OUT}/s3.err" || { why "not a webhook denial" "${OUT}/s3.err"; return 1; }
  if k -n hm-e2e get deployment bad-app >/dev/null 2>&1; then why "bad-app was stored anyway"; return 1; fi
  # kube-system is excluded by namespaceSelector (and exempt in Harbormaster's default policy): admitted there.
  k -n kube-system apply -f "${MANIFESTS}/deployment-bad.yaml" >"${OUT}/s3b.out" 2>&1 ||
    { why "bad Deployment denied in kube-system (should be excluded)" "${OUT}/s3b.out"; return 1; }
  # The raw API answer: HTTP 403 with a Status whose code is 403 (what the webhook's status.code became).
  local http
  http="$(curl -ksS --max-time 10 -o "${OUT}/s3-raw.json" -w '%{http_code}' \
    -H "Authorization: Bearer ${ADMIN_TOKEN}" -H 'Content-Type: application/yaml' -H 'Accept: application/json' \
    --data-binary "@${MANIFESTS}/deployment-bad.yaml" \
    "https://127.0.0.1:${APISERVER_PORT}/apis/apps/v1/namespaces/hm-e2e/deployments")"
  [[ "${http}" == 403 && "$(jq -r '.code' "${OUT}/s3-raw.json")" == 403 ]] ||
    { why "raw POST answered HTTP ${http}" "${OUT}/s3-raw.json"; return 1; }
  echo "     evidence: $(grep -m1 'denied the request' "${OUT}/s3.err" | sed 's/.*admission webhook/admission webhook/' | head -c 250)"
  echo "     evidence: raw POST -> HTTP ${http}, Status code $(jq -r '.code' "${OUT}/s3-raw.json"), reason $(jq -r '.reason // "(none)"' "${OUT}/s3-raw.json")"
  echo "     evidence: the same Deployment in kube-system is admitted (excluded)"
}

s4_good_admitted() {
  k -n hm-e2e apply -f "${MANIFESTS}/deployment-good.yaml" >"${OUT}/s4.out" 2>"${OUT}/s4.err" ||
    { why "good Deployment denied" "${OUT}/s4.err"; return 1; }
  k -n hm-e2e get deployment good-app -o json >"${OUT}/good.json" 2>&1 ||
    { why "good-app not stored" "${OUT}/good.json"; return 1; }
  local req
  req="$(jq -c '.spec.template.spec.containers[0].resources.requests' "${OUT}/good.json")"
  [[ "${req}" == '{"cpu":"250m","memory":"256Mi"}' ]] || { why "requests changed: ${req}"; return 1; }
  local warns
  warns="$(grep -c '^Warning:' "${OUT}/s4.err" || true)"
  [[ "${warns}" == 0 ]] || log "note: the good Deployment drew warnings: $(grep '^Warning:' "${OUT}/s4.err" | tr '\n' ' ')"
  # UPDATE goes through the webhook too: switching the image to :latest is denied, the stored image stays.
  if k -n hm-e2e set image deployment/good-app web=nginx:latest >"${OUT}/s4u.out" 2>&1; then
    why "UPDATE to nginx:latest was admitted" "${OUT}/s4u.out"
    return 1
  fi
  grep -q tagNotSpecified "${OUT}/s4u.out" || { why "UPDATE denial does not name tagNotSpecified" "${OUT}/s4u.out"; return 1; }
  local img
  img="$(k -n hm-e2e get deployment good-app -o jsonpath='{.spec.template.spec.containers[0].image}')"
  [[ "${img}" == nginx:1.27.3 ]] || { why "stored image is now ${img}"; return 1; }
  echo "     evidence: $(cat "${OUT}/s4.out") (${warns} warnings); stored requests ${req} (untouched by the mutator)"
  echo "     evidence: UPDATE to nginx:latest denied (tagNotSpecified); stored image still ${img}"
}

s5_mutation_stored() {
  k -n hm-e2e apply -f "${MANIFESTS}/deployment-no-resources.yaml" >"${OUT}/s5.out" 2>&1 ||
    { why "Deployment without resources denied" "${OUT}/s5.out"; return 1; }
  k -n hm-e2e get deployment defaults-app -o json >"${OUT}/defaults.json" || return 1
  # Each line: what the stored object holds, as jq prints it, then what the mutators should have derived.
  local expectations=(
    '.spec.template.spec.containers[0].resources.requests|tojson' '{"cpu":"100m","memory":"128Mi"}'
    '.spec.template.spec.containers[0].resources.limits|tojson' '{"memory":"256Mi"}'
    '.spec.template.spec.containers[0].readinessProbe|[.tcpSocket.port,.periodSeconds,.failureThreshold]|tojson' '["http",10,3]'
    '.spec.template.spec.containers[0].livenessProbe|[.tcpSocket.port,.periodSeconds,.failureThreshold]|tojson' '["http",20,6]'
    '[.metadata.labels["app.kubernetes.io/instance"],.spec.template.metadata.labels["app.kubernetes.io/instance"]]|tojson' '["defaults-app","defaults-app"]'
    '.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm|[.topologyKey,.labelSelector]|tojson' '["kubernetes.io/hostname",{"matchLabels":{"app.kubernetes.io/name":"defaults-app"}}]'
    '.spec.template.spec.topologySpreadConstraints[0]|[.topologyKey,.whenUnsatisfiable,.maxSkew]|tojson' '["topology.kubernetes.io/zone","ScheduleAnyway",1]'
    '.spec.selector|tojson' '{"matchLabels":{"app.kubernetes.io/name":"defaults-app"}}'
    '.metadata.annotations["harbormaster.io/mutated-by"]' 'defaultLabels,defaultResourceRequests,defaultResourceLimits,defaultProbes,defaultPodAntiAffinity,defaultTopologySpread'
  )
  local i got
  for ((i = 0; i < ${#expectations[@]}; i += 2)); do
    got="$(jq -r "${expectations[i]}" "${OUT}/defaults.json")"
    [[ "${got}" == "${expectations[i + 1]}" ]] ||
      { why "stored Deployment: ${expectations[i]} is ${got}, want ${expectations[i + 1]}" "${OUT}/defaults.json"; return 1; }
  done
  # Pods are covered by the same rules.
  k -n hm-e2e apply -f "${MANIFESTS}/pod-no-resources.yaml" >"${OUT}/s5p.out" 2>&1 ||
    { why "Pod without resources denied" "${OUT}/s5p.out"; return 1; }
  local pod
  pod="$(k -n hm-e2e get pod defaults-pod -o json | jq -c '.spec.containers[0].resources.requests')"
  [[ "${pod}" == '{"cpu":"100m","memory":"128Mi"}' ]] || { why "stored Pod requests: ${pod}"; return 1; }
  echo "     evidence: stored Deployment defaults-app: requests $(jq -c '.spec.template.spec.containers[0].resources.requests' "${OUT}/defaults.json"), limits $(jq -c '.spec.template.spec.containers[0].resources.limits' "${OUT}/defaults.json")"
  echo "     evidence: probes readiness $(jq -c '.spec.template.spec.containers[0].readinessProbe' "${OUT}/defaults.json") liveness $(jq -c '.spec.template.spec.containers[0].livenessProbe' "${OUT}/defaults.json")"
  echo "     evidence: mutated-by $(jq -r '.metadata.annotations["harbormaster.io/mutated-by"]' "${OUT}/defaults.json"); selector unchanged; stored Pod defaults-pod ${pod}"
}

s6_dry_run() {
  if k -n hm-e2e-dryrun apply --dry-run=server -f "${MANIFESTS}/deployment-bad.yaml" >"${OUT}/s6.out" 2>"${OUT}/s6.err"; then
    why "server dry-run of the bad Deployment was admitted" "${OUT}/s6.out"
    return 1
  fi
  local id
  for id in tagNotSpecified runAsPrivileged; do
    grep -q "${id}" "${OUT}/s6.err" || { why "dry-run stderr does not name ${id}" "${OUT}/s6.err"; return 1; }
  done
  k -n hm-e2e-dryrun apply --dry-run=server -f "${MANIFESTS}/deployment-good.yaml" >"${OUT}/s6g.out" 2>&1 ||
    { why "server dry-run of the good Deployment was denied" "${OUT}/s6g.out"; return 1; }
  grep -q 'server dry run' "${OUT}/s6g.out" || { why "not a server dry run" "${OUT}/s6g.out"; return 1; }
  local n
  n="$(k -n hm-e2e-dryrun get deployments -o json | jq '.items | length')"
  [[ "${n}" == 0 ]] || { why "${n} Deployments stored in hm-e2e-dryrun after dry runs"; return 1; }
  echo "     evidence: bad -> denied ($(grep -o 'tagNotSpecified\|runAsPrivileged' "${OUT}/s6.err" | sort -u | tr '\n' ' ')); good -> '$(tr -d '\n' <"${OUT}/s6g.out")'; 0 Deployments stored"
}

s7_warnings() {
  k -n default apply -f "${MANIFESTS}/deployment-warnings.yaml" >"${OUT}/s7.out" 2>"${OUT}/s7.err" ||
    { why "warning-only Deployment denied" "${OUT}/s7.err"; return 1; }
  grep -q '^Warning:' "${OUT}/s7.err" || { why "kubectl printed no Warning: lines" "${OUT}/s7.err"; return 1; }
  local id
  for id in livenessProbeMissing defaultNamespaceUsed; do
    grep '^Warning:' "${OUT}/s7.err" | grep -q "${id}" || { why "no warning naming ${id}" "${OUT}/s7.err"; return 1; }
  done
  # The mutating webhook ran first: the labels it added draw no warning, and the probe warning says why none was added.
  if grep '^Warning:' "${OUT}/s7.err" | grep -q requiredLabelsMissing; then
    why "requiredLabelsMissing warned although defaultLabels adds the label" "${OUT}/s7.err"; return 1
  fi
  grep '^Warning:' "${OUT}/s7.err" | grep -q 'declares no TCP port' ||
    { why "the probe warning does not say why no probe was added" "${OUT}/s7.err"; return 1; }
  k -n default get deployment warn-app >/dev/null 2>&1 || { why "warn-app not stored"; return 1; }
  echo "     evidence: $(grep -c '^Warning:' "${OUT}/s7.err") Warning: lines, e.g. '$(grep -m1 '^Warning:' "${OUT}/s7.err" | head -c 160)'"
}

s8_ratchet() {
  # A change to the pod template of an object that already violated tagNotSpecified: allowed, with a warning.
  k -n hm-e2e patch deployment legacy-app --type=merge \
    -p '{"spec":{"template":{"metadata":{"annotations":{"example.dev/restartedAt":"1"}}}}}' >"${OUT}/ratchet1.out" 2>"${OUT}/ratchet1.err" ||
    { why "an update keeping an old violation was denied" "${OUT}/ratchet1.err"; return 1; }
  grep '^Warning:' "${OUT}/ratchet1.err" | grep -q 'already there before this update, not denied: tagNotSpecified' ||
    { why "no warning saying the violation was already there" "${OUT}/ratchet1.err"; return 1; }
  # An update that adds a violation (host networking) is denied, and the denial names only that one.
  if k -n hm-e2e patch deployment legacy-app --type=json \
    -p '[{"op":"add","path":"/spec/template/spec/hostNetwork","value":true}]' \
    >"${OUT}/ratchet2.out" 2>"${OUT}/ratchet2.err"; then
    why "an update adding hostNetwork was admitted" "${OUT}/ratchet2.out"; return 1
  fi
  grep -q 'failed hostNetworkSet$' "${OUT}/ratchet2.err" || { why "the denial does not name hostNetworkSet alone" "${OUT}/ratchet2.err"; return 1; }
  # Metadata only (a finalizer, then its removal): never denied for the pod spec, ratchet or not.
  k -n hm-e2e patch deployment legacy-app --type=merge -p '{"metadata":{"finalizers":["example.dev/cleanup"]}}' \
    >"${OUT}/ratchet3.out" 2>&1 || { why "adding a finalizer was denied" "${OUT}/ratchet3.out"; return 1; }
  k -n hm-e2e patch deployment legacy-app --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]' \
    >"${OUT}/ratchet4.out" 2>&1 || { why "removing the finalizer was denied" "${OUT}/ratchet4.out"; return 1; }
  echo "     evidence: old violation -> '$(grep -m1 '^Warning:' "${OUT}/ratchet1.err" | head -c 150)'"
  echo "     evidence: new violation -> '$(grep -m1 -o 'Harbormaster denied.*failed hostNetworkSet' "${OUT}/ratchet2.err" | head -c 150)'; finalizer added and removed"
}

s9_preview_and_audit_log() {
  # Dry run: the mutators say what they would set, and every finding shows, while nothing is stored.
  k -n hm-e2e-dryrun apply --dry-run=server -f "${MANIFESTS}/deployment-warnings.yaml" >"${OUT}/s9.out" 2>"${OUT}/s9.err" ||
    { why "dry run of the warning-only Deployment denied" "${OUT}/s9.err"; return 1; }
  grep '^Warning:' "${OUT}/s9.err" | grep -q 'defaultLabels would set metadata.labels\[app.kubernetes.io/name\]' ||
    { why "no mutation preview among the warnings" "${OUT}/s9.err"; return 1; }
  grep '^Warning:' "${OUT}/s9.err" | grep -q 'livenessProbeMissing' || { why "no finding among the dry-run warnings" "${OUT}/s9.err"; return 1; }
  # The apiserver's audit log holds Harbormaster's audit annotations for each review.
  local denied allowed
  denied="$(jq -r 'select(.objectRef.name == "bad-app" and .annotations["validate.harbormaster.dev/verdict"] == "denied")
    | .annotations["validate.harbormaster.dev/checks"]' "${TMP}/audit.log" | head -n1)"
  [[ "${denied}" == *tagNotSpecified* && "${denied}" == *runAsPrivileged* ]] ||
    { why "no audit event records the denial of bad-app with its checks (got '${denied}')" "${TMP}/audit.log"; return 1; }
  allowed="$(jq -r 'select(.objectRef.name == "legacy-app" and .verb == "patch" and .annotations["validate.harbormaster.dev/verdict"] == "warned")
    | .annotations["validate.harbormaster.dev/policy"]' "${TMP}/audit.log" | head -n1)"
  [[ -n "${allowed}" ]] || { why "no audit event records the warned update of legacy-app" "${TMP}/audit.log"; return 1; }
  echo "     evidence: dry run -> $(grep -c '^Warning:' "${OUT}/s9.err") warnings, e.g. '$(grep -m1 'would set' "${OUT}/s9.err" | head -c 120)'"
  echo "     evidence: audit log: bad-app denied (checks ${denied}); legacy-app patch warned under policy ${allowed}"
}

# The Helm chart (charts/harbormaster) on this v1.20 apiserver: rendered for it (beta PDB and HPA APIs), accepted
# by a server-side dry run with Harbormaster judging its Deployment; then installed with helm v3, upgraded (the
# self-signed certificate is kept through `lookup`), renewed (old and new CA both trusted meanwhile), uninstalled.
s9b_helm_chart() {
  local helm chart="${ROOT}/charts/harbormaster" ns=hm-chart
  helm="$("${ROOT}/charts/tools/get-helm.sh" v3 2>"${OUT}/helm.err")" || { why "cannot get helm (charts/tools/get-helm.sh)" "${OUT}/helm.err"; return 1; }
  s9b_helm() { HELM_CACHE_HOME="${TMP}/helm" HELM_CONFIG_HOME="${TMP}/helm" HELM_DATA_HOME="${TMP}/helm" \
    timeout 120 "${helm}" --kubeconfig "${TMP}/kubeconfig" "$@"; }
  k create namespace "${ns}" >/dev/null || return 1
  local server api_args=() a
  server="$(k version -o json | jq -r '.serverVersion.gitVersion')"
  for a in $(k api-versions); do api_args+=(--api-versions "${a}"); done
  s9b_helm template harbormaster "${chart}" -n "${ns}" --kube-version "${server}" "${api_args[@]}" --set autoscaling.enabled=true \
    >"${OUT}/chart.yaml" 2>"${OUT}/chart.err" || { why "helm template failed" "${OUT}/chart.err"; return 1; }
  grep -q '^apiVersion: policy/v1beta1' "${OUT}/chart.yaml" && grep -q '^apiVersion: autoscaling/v2beta2' "${OUT}/chart.yaml" ||
    { why "not rendered with policy/v1beta1 and autoscaling/v2beta2 for ${server}" "${OUT}/chart.yaml"; return 1; }
  k apply --dry-run=server -f "${OUT}/chart.yaml" >"${OUT}/chart-dry.out" 2>"${OUT}/chart-dry.err" ||
    { why "server dry run of the rendered chart rejected" "${OUT}/chart-dry.err"; return 1; }
  local objects accepted
  objects="$(grep -c '^kind:' "${OUT}/chart.yaml")"
  accepted="$(grep -c '(server dry run)' "${OUT}/chart-dry.out")"
  [[ "${objects}" == "${accepted}" ]] || { why "${accepted} of ${objects} objects accepted" "${OUT}/chart-dry.out"; return 1; }
  # Installed for real. No namespace carries the label below, so the chart's webhooks are never called and the
  # other scenarios are unaffected; its Deployment still goes through the e2e Harbormaster (failurePolicy Fail).
  printf 'webhook:\n  namespaceSelector:\n    matchExpressions: [{key: harbormaster.dev/chart-e2e, operator: Exists}]\n' >"${OUT}/chart-values.yaml"
  local v=(-n "${ns}" -f "${OUT}/chart-values.yaml")
  s9b_helm install harbormaster "${chart}" "${v[@]}" >"${OUT}/helm-install.out" 2>&1 || { why "helm install failed" "${OUT}/helm-install.out"; return 1; }
  grep -q "helm test harbormaster -n ${ns}" "${OUT}/helm-install.out" && grep -q 'does not label namespaces' "${OUT}/helm-install.out" ||
    { why "NOTES do not say how to check it, or miss the <1.21 warning" "${OUT}/helm-install.out"; return 1; }
  s9b_tls() { k -n "${ns}" get secret harbormaster-tls -o jsonpath='{.data.tls\.crt}'; }
  s9b_bundle() { k get validatingwebhookconfiguration harbormaster -o jsonpath='{.webhooks[0].clientConfig.caBundle}' | base64 -d; }
  local tls1 tls2 tls3 ca
  tls1="$(s9b_tls)"
  ca="$(k -n "${ns}" get secret harbormaster-tls -o jsonpath='{.data.ca\.crt}' | base64 -d)"
  [[ -n "${tls1}" && "$(s9b_bundle)" == "${ca}" ]] || { why "caBundle is not the Secret's ca.crt after install"; return 1; }
  s9b_helm upgrade harbormaster "${chart}" "${v[@]}" >"${OUT}/helm-upgrade.out" 2>&1 || { why "helm upgrade failed" "${OUT}/helm-upgrade.out"; return 1; }
  tls2="$(s9b_tls)"
  [[ "${tls2}" == "${tls1}" && "$(s9b_bundle)" == "${ca}" ]] || { why "helm upgrade replaced the self-signed certificate"; return 1; }
  # Within renewBeforeDays of expiry (here: always), an upgrade renews; the old CA stays trusted next to the new one.
  s9b_helm upgrade harbormaster "${chart}" "${v[@]}" --set certificates.selfSigned.renewBeforeDays=36500 >"${OUT}/helm-renew.out" 2>&1 ||
    { why "helm upgrade (renewal) failed" "${OUT}/helm-renew.out"; return 1; }
  tls3="$(s9b_tls)"
  local cas
  cas="$(s9b_bundle | grep -c 'BEGIN CERTIFICATE')"
  [[ "${tls3}" != "${tls1}" && "${cas}" == 2 && "$(s9b_bundle)" == "${ca}"* ]] ||
    { why "renewal: new certificate $([[ "${tls3}" != "${tls1}" ]] && echo yes || echo no), ${cas} CAs in the caBundle"; return 1; }
  s9b_helm uninstall harbormaster -n "${ns}" >"${OUT}/helm-uninstall.out" 2>&1 || { why "helm uninstall failed" "${OUT}/helm-uninstall.out"; return 1; }
  if k get validatingwebhookconfiguration harbormaster >/dev/null 2>&1; then why "webhook configuration left after uninstall"; return 1; fi
  echo "     evidence: rendered for ${server}: ${objects} objects (PDB policy/v1beta1, HPA autoscaling/v2beta2), all accepted by --dry-run=server$(grep -q '^Warning:' "${OUT}/chart-dry.err" && echo "; $(grep '^Warning:' "${OUT}/chart-dry.err" | paste -sd' ')")"
  echo "     evidence: helm $("${helm}" version --template '{{.Version}}') install -> NOTES with the checks; upgrade kept tls.crt; renewal -> new tls.crt, caBundle old+new CA (${cas}); uninstall removed the webhooks"
}

create_outage() { k -n hm-e2e apply -f "${MANIFESTS}/deployment-outage.yaml" >"${OUT}/s8b.out" 2>&1; }

s10_failure_policy() {
  local pid="${HM_PID}"
  stop_pid harbormaster "${pid}"
  HM_PID=""
  if kill -0 "${pid}" 2>/dev/null; then why "harbormaster pid ${pid} still alive"; return 1; fi
  if k -n hm-e2e apply -f "${MANIFESTS}/deployment-outage.yaml" >"${OUT}/s8a.out" 2>"${OUT}/s8a.err"; then
    why "create admitted with failurePolicy Fail and the webhook down" "${OUT}/s8a.out"
    return 1
  fi
  grep -q 'failed calling webhook' "${OUT}/s8a.err" || { why "rejected, but not for the webhook" "${OUT}/s8a.err"; return 1; }
  patch_failure_policy Ignore || { why "patching failurePolicy to Ignore failed"; return 1; }
  local v m
  v="$(k get validatingwebhookconfiguration harbormaster-e2e -o jsonpath='{.webhooks[0].failurePolicy}')"
  m="$(k get mutatingwebhookconfiguration harbormaster-e2e -o jsonpath='{.webhooks[0].failurePolicy}')"
  [[ "${v}/${m}" == Ignore/Ignore ]] || { why "failurePolicy now ${v}/${m}"; return 1; }
  wait_until 30 "create to be admitted under Ignore" create_outage ||
    { why "create still rejected with failurePolicy Ignore" "${OUT}/s8b.out"; return 1; }
  local req
  req="$(k -n hm-e2e get deployment outage-app -o json | jq -c '.spec.template.spec.containers[0].resources.requests // {}')"
  [[ "${req}" == '{}' ]] || { why "outage-app was mutated (${req}) although the webhook is down"; return 1; }
  echo "     evidence: Fail -> '$(grep -m1 -o 'failed calling webhook[^;]*' "${OUT}/s8a.err" | head -c 200)'"
  echo "     evidence: Ignore -> '$(tr -d '\n' <"${OUT}/s8b.out")', stored without requests (mutator skipped)"
}

# Loopback-only check while everything is still running (Harbormaster included); the cleanup half runs last.
LISTEN_OK=0
LISTEN_NOTE=""
s11_cleanup() {
  [[ "${LISTEN_OK}" -eq 1 ]] || { why "listening-socket check failed earlier: ${LISTEN_NOTE}"; return 1; }
  local pids=("${ETCD_PID}" "${APISERVER_PID}") p tmp="${TMP}" keep="${E2E_KEEP_TMP:-0}"
  # Save evidence before the temp dir goes.
  local ours
  ours="$(awk '{print $4}' "${OUT}/listen-ours.txt" | tr '\n' ' ')"
  teardown
  for p in "${pids[@]}" "${HM_PID_SAVED}"; do
    [[ -z "${p}" ]] && continue
    if kill -0 "${p}" 2>/dev/null; then why "pid ${p} still running after teardown"; return 1; fi
  done
  if [[ "${keep}" != 1 && -e "${tmp}" ]]; then why "${tmp} still exists"; return 1; fi
  local port
  for port in "${ETCD_CLIENT_PORT}" "${ETCD_PEER_PORT}" "${APISERVER_PORT}" "${HM_PORT}"; do
    if ss -Hltn "sport = :${port}" | grep -q .; then why "port ${port} still listening"; return 1; fi
  done
  local gone="temp dir removed"
  [[ "${keep}" == 1 ]] && gone="temp dir kept (E2E_KEEP_TMP=1)"
  echo "     evidence: listeners were only ${ours}; pids ${pids[*]} ${HM_PID_SAVED} stopped; ports freed; ${gone}"
}

run_scenario "1. start harbormaster (TLS, /readyz)" s1_start_harbormaster
if [[ "${FAILED}" -gt 0 ]]; then
  printf '\nSUMMARY: %d passed, %d failed (harbormaster did not start; remaining scenarios skipped)\n' "${PASSED}" "${FAILED}"
  exit 1
fi
HM_PID_SAVED="${HM_PID}"
if check_loopback_only >"${OUT}/listen-why.txt"; then LISTEN_OK=1; else LISTEN_NOTE="$(tr '\n' ' ' <"${OUT}/listen-why.txt")"; fi
run_scenario "2. register validating + mutating webhooks, namespaces" s2_register_webhooks
run_scenario "3. bad Deployment denied (tagNotSpecified, runAsPrivileged)" s3_bad_denied
run_scenario "4. good Deployment admitted (UPDATE to :latest denied)" s4_good_admitted
run_scenario "5. mutating webhook: stored Deployment has the derived defaults" s5_mutation_stored
run_scenario "6. --dry-run=server: bad denied, good admitted, nothing stored" s6_dry_run
run_scenario "7. warning-only Deployment: kubectl shows Warning: lines" s7_warnings
run_scenario "8. UPDATE ratchet: old violation warns, new one denied, finalizers pass" s8_ratchet
run_scenario "9. dry-run preview; audit annotations in the apiserver audit log" s9_preview_and_audit_log
run_scenario "9b. Helm chart: server dry run on 1.20, install, upgrade keeps the certificate, renewal" s9b_helm_chart
run_scenario "10. harbormaster down: Fail rejects, Ignore admits" s10_failure_policy
run_scenario "11. loopback only; all processes stopped; temp dir removed" s11_cleanup

printf '\nSUMMARY: %d passed, %d failed (%ss)\n' "${PASSED}" "${FAILED}" "$(($(date +%s) - T_START))"
for r in "${RESULTS[@]}"; do printf '  %s\n' "${r}"; done
[[ "${FAILED}" -eq 0 ]]
