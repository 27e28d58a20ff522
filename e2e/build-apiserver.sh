#!/usr/bin/env bash
# Build kube-apiserver v1.20.2 from Debian bookworm's `kubernetes` source package
# and cache the binary outside the repository.
#
# No kube-apiserver binary is packaged for Debian, but the source package holds the
# full upstream v1.20.2 tree including vendor/. We fetch it with a PRIVATE apt
# configuration (the system's sources are left alone), unpack it, lay it out under
# a GOPATH as k8s.io/kubernetes and run upstream's `make WHAT=cmd/kube-apiserver`.
#
# Usage: e2e/build-apiserver.sh [--force]
# Output: path of the cached binary on stdout (last line).
# Env:    HARBORMASTER_E2E_CACHE (default ~/.cache/harbormaster-e2e)
#         KUBE_SRC_VERSION      (default 1.20.5+really1.20.2-1.1+deb12u1)
set -euo pipefail

KUBE_SRC_VERSION="${KUBE_SRC_VERSION:-1.20.5+really1.20.2-1.1+deb12u1}"
CACHE_DIR="${HARBORMASTER_E2E_CACHE:-${HOME}/.cache/harbormaster-e2e}"
BIN="${CACHE_DIR}/kube-apiserver-v1.20.2"
# Bump when the recipe changes in a way that makes older cached binaries wrong: they are rebuilt.
RECIPE="2: debian ${KUBE_SRC_VERSION}, vendored reflect2 replaced by Debian's 1.0.2"
MARKER="${BIN}.recipe"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { printf '[build-apiserver] %s\n' "$*" >&2; }

if [[ -x "${BIN}" && "${FORCE}" -eq 0 && "$(cat "${MARKER}" 2>/dev/null)" == "${RECIPE}" ]]; then
  log "cached: ${BIN}"
  printf '%s\n' "${BIN}"
  exit 0
fi

mkdir -p "${CACHE_DIR}"

# --- tools -----------------------------------------------------------------
need_pkgs=()
command -v go >/dev/null 2>&1 || need_pkgs+=(golang-go)
command -v rsync >/dev/null 2>&1 || need_pkgs+=(rsync)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
command -v dpkg-source >/dev/null 2>&1 || need_pkgs+=(dpkg-dev)
command -v make >/dev/null 2>&1 || need_pkgs+=(make)
command -v etcd >/dev/null 2>&1 || need_pkgs+=(etcd-server)
REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
[[ -f "${REFLECT2_SRC}/go_above_118.go" ]] || need_pkgs+=(golang-github-modern-go-reflect2-dev)
if ((${#need_pkgs[@]} > 0)); then
  log "installing: ${need_pkgs[*]}"
  if [[ "$(id -u)" -ne 0 ]]; then
    log "not root: install these packages first: ${need_pkgs[*]}"
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >&2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hm-apiserver-build.XXXXXX")"
MAKE_PID=""
cleanup() {
  # make runs in its own process group (setsid): stop the whole group (go, compile, ...) if still running.
  if [[ -n "${MAKE_PID}" ]] && kill -0 "${MAKE_PID}" 2>/dev/null; then
    kill -TERM -- "-${MAKE_PID}" 2>/dev/null || true
    wait "${MAKE_PID}" 2>/dev/null || true
  fi
  # Go's module/build cache marks files read-only; make them removable first.
  chmod -R u+w "${WORK}" 2>/dev/null || true
  rm -rf "${WORK}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- private apt config with a deb-src line ----------------------------------
# Reuse the system's mirror (deb.debian.org or whatever debian.sources names).
MIRROR="http://deb.debian.org/debian"
if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
  m="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  [[ -n "${m}" ]] && MIRROR="${m}"
fi
APTDIR="${WORK}/apt"
mkdir -p "${APTDIR}/lists/partial" "${APTDIR}/cache/archives/partial" \
  "${APTDIR}/sources.list.d" "${APTDIR}/preferences.d"
cat >"${APTDIR}/sources.list" <<EOF
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR} bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR%/debian}/debian-security bookworm-security main
EOF
cat >"${APTDIR}/apt.conf" <<EOF
Dir::Etc::SourceList "${APTDIR}/sources.list";
Dir::Etc::SourceParts "${APTDIR}/sources.list.d";
Dir::Etc::Preferences "${APTDIR}/preferences";
Dir::Etc::PreferencesParts "${APTDIR}/preferences.d";
Dir::State "${APTDIR}";
Dir::State::Lists "${APTDIR}/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "${APTDIR}/cache";
Dir::Cache::archives "${APTDIR}/cache/archives";
Debug::NoLocking "true";
APT::Sandbox::User "root";
EOF
export APT_CONFIG="${APTDIR}/apt.conf"

log "apt-get update (private config, mirror ${MIRROR})"
apt-get update -qq >&2

SRC="${WORK}/src"
mkdir -p "${SRC}"
log "downloading source package kubernetes=${KUBE_SRC_VERSION}"
(cd "${SRC}" && apt-get source --download-only "kubernetes=${KUBE_SRC_VERSION}" >&2)
unset APT_CONFIG

DSC="$(find "${SRC}" -maxdepth 1 -name 'kubernetes_*.dsc' | head -n1)"
[[ -n "${DSC}" ]] || { log "no .dsc downloaded"; exit 1; }
log "unpacking $(basename "${DSC}")"
(cd "${SRC}" && dpkg-source --no-check -x "$(basename "${DSC}")" tree >&2)

# --- GOPATH layout -------------------------------------------------------------
export GOPATH="${WORK}/gopath"
K8S="${GOPATH}/src/k8s.io/kubernetes"
mkdir -p "$(dirname "${K8S}")"
mv "${SRC}/tree" "${K8S}"
rm -rf "${SRC}"

cd "${K8S}"

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which links to reflect.mapiterinit with its
# pre-Go-1.18 signature. Built with Go >= 1.18 (bookworm has 1.19), the apiserver then dies with
# "fatal error: fault" (SIGSEGV in aeshashbody / mapiternext) the first time json-iterator encodes a map with
# sorted keys, e.g. while calling an admission webhook. reflect2 v1.0.2 fixes exactly this (go_above_118.go)
# and keeps the API; Debian ships it as golang-github-modern-go-reflect2-dev. Swap it into vendor/.
if grep -Eq '^# github.com/modern-go/reflect2 v1\.0\.1( |$)' vendor/modules.txt; then
  log "replacing vendored reflect2 v1.0.1 with ${REFLECT2_SRC} (Debian 1.0.2: Go 1.18+ map iteration fix)"
  find vendor/github.com/modern-go/reflect2 -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
  find "${REFLECT2_SRC}" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
    -exec cp {} vendor/github.com/modern-go/reflect2/ \;
fi
grep -q 'go_above_118' <(ls vendor/github.com/modern-go/reflect2) ||
  { log "vendored reflect2 lacks the Go 1.18 fix; refusing to build a binary that crashes"; exit 1; }

# The Debian tree is not a git checkout: give the build fixed version data.
export KUBE_GIT_VERSION="v1.20.2"
export KUBE_GIT_COMMIT="faecb196815e248d3ecfb03c680a4507229c2a56"
export KUBE_GIT_TREE_STATE="clean"
export KUBE_GIT_MAJOR="1"
export KUBE_GIT_MINOR="20"
export GOCACHE="${WORK}/gocache"
# No GO111MODULE / GOFLAGS here: v1.20's hack/lib/golang.sh sets up its own GOPATH under _output/ and builds in
# GOPATH mode from vendor/ (it would even turn GOFLAGS=-mod=vendor into a bogus build tag). Nothing is fetched.
unset GOFLAGS GO111MODULE
export GOPROXY=off
export GOTOOLCHAIN=local
export GOMAXPROCS="${GOMAXPROCS:-2}"
export KUBE_BUILD_PLATFORMS="linux/amd64"

log "make WHAT=cmd/kube-apiserver (go $(go env GOVERSION); ~8 min on 2 idle cores)"
start=$(date +%s)
setsid make WHAT=cmd/kube-apiserver >&2 &
MAKE_PID=$!
wait "${MAKE_PID}"
MAKE_PID=""
end=$(date +%s)
log "make finished in $((end - start)) s"

OUT="$(find "${K8S}/_output" -type f -name kube-apiserver -perm -u+x | head -n1)"
[[ -n "${OUT}" ]] || { log "kube-apiserver binary not found under _output"; exit 1; }
"${OUT}" --version >&2
install -m 0755 "${OUT}" "${BIN}.tmp"
mv "${BIN}.tmp" "${BIN}"
printf '%s\n' "${RECIPE}" >"${MARKER}"
log "cached: ${BIN}"
printf '%s\n' "${BIN}"
