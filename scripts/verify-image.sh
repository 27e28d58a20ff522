#!/usr/bin/env bash
# Check the container image's build and runtime without a Docker engine (none runs here).
#
# Usage: scripts/verify-image.sh [--binary FILE]
#   --binary FILE   skip the build and check this binary (a release build with --static-swift-stdlib)
#
# 1. build:   what the Dockerfile's build stage runs (swift build -c release --static-swift-stdlib --product
#             harbormaster), from the committed sources (git archive HEAD of the files the Dockerfile copies), in
#             the scratch path .build-chart (about 5 minutes on 2 cores); then strip.
# 2. links:   every library `ldd` resolves comes from libc6, libgcc-s1, libstdc++6 (all three in
#             debian:bookworm-slim, which apt needs), libssl3 or libyaml-0-2 (what the runtime stage installs).
# 3. runs:    a root filesystem made of only those five Debian packages (apt-get download + dpkg-deb -x; no shell,
#             no coreutils) plus the binary, entered with chroot as user 65532:65532, which cannot write to it;
#             `harbormaster serve` on 127.0.0.1 with a certificate from certs/make-certs.sh answers /readyz and a
#             review over verified TLS, and exits 0 on SIGTERM.
# Not checked here: `docker build` itself (the swift:6.3-bookworm builder image and its network access).
# Needs root (chroot), Swift 6, openssl, curl, python3 and apt-get. Prints PASS/FAIL per step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${ROOT}/.build-chart"
binary=""
case "${1:-}" in
  --binary) binary="${2:?--binary needs a file}" ;;
  "") ;;
  *) echo "usage: $0 [--binary FILE]" >&2; exit 2 ;;
esac

export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
work="$(mktemp -d "${TMPDIR:-/tmp}/verify-image.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -KILL "${server_pid}" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
  rm -rf "${work}"
}
trap cleanup EXIT

failed=0
pass() { printf 'PASS %s\n' "$1"; shift; for e in "$@"; do printf '     %s\n' "${e}"; done; }
fail() { printf 'FAIL %s\n' "$1"; shift; for e in "$@"; do printf '     %s\n' "${e}"; done; failed=1; }

# 1. build
if [[ -z "${binary}" ]]; then
  mkdir -p "${work}/src"
  git -C "${ROOT}" archive HEAD Package.swift Sources Tests bench | tar -x -C "${work}/src"
  start=$(date +%s)
  if swift build -c release --static-swift-stdlib --product harbormaster \
    --package-path "${work}/src" --scratch-path "${SCRATCH}" >"${work}/build.log" 2>&1; then
    binary="$(swift build -c release --static-swift-stdlib --package-path "${work}/src" --scratch-path "${SCRATCH}" --show-bin-path)/harbormaster"
    pass "static release build (--static-swift-stdlib)" "$(tail -n1 "${work}/build.log") in $(($(date +%s) - start)) s"
  else
    fail "static release build" "$(tail -n 20 "${work}/build.log")"
    exit 1
  fi
fi
strip -o "${work}/harbormaster" "${binary}"
size="$(du -m "${work}/harbormaster" | cut -f1)"

# 2. links
allowed="libc6 libgcc-s1 libstdc++6 libssl3 libyaml-0-2"
libs=()
bad=()
while read -r lib; do
  pkg="$(dpkg -S "$(readlink -f "${lib}")" 2>/dev/null || dpkg -S "${lib}" 2>/dev/null || echo "unknown:")"
  pkg="${pkg%%:*}"
  libs+=("$(basename "${lib}")(${pkg})")
  [[ " ${allowed} " == *" ${pkg} "* ]] || bad+=("${lib} from ${pkg}")
done < <(ldd "${work}/harbormaster" | awk '/=>/ {print $3}')
if ldd "${work}/harbormaster" | grep -qi 'swift'; then bad+=("a Swift runtime library is linked dynamically"); fi
if [[ "${#bad[@]}" -eq 0 ]]; then
  pass "ldd: only libc, libgcc_s, libstdc++, libssl, libcrypto, libyaml" "${libs[*]}" "stripped binary: ${size} MiB"
else
  fail "ldd: unexpected libraries" "${bad[@]}"
fi

# 3. runs in a root filesystem of just those packages
rootfs="${work}/rootfs"
mkdir -p "${work}/debs" "${rootfs}"
if ! (cd "${work}/debs" && apt-get download ${allowed} gcc-12-base >"${work}/apt.log" 2>&1); then
  apt-get update -qq >/dev/null 2>&1 || true
  (cd "${work}/debs" && apt-get download ${allowed} gcc-12-base >"${work}/apt.log" 2>&1) ||
    { fail "apt-get download of the runtime packages" "$(tail -n 5 "${work}/apt.log")"; exit 1; }
fi
for deb in "${work}"/debs/*.deb; do dpkg-deb -x "${deb}" "${rootfs}"; done
# bookworm is merged-/usr: /lib and /lib64 are links into /usr.
for d in lib lib64 bin sbin; do
  if [[ ! -e "${rootfs}/${d}" && -d "${rootfs}/usr/${d}" ]]; then ln -s "usr/${d}" "${rootfs}/${d}"; fi
done
install -D -m 0755 "${work}/harbormaster" "${rootfs}/usr/local/bin/harbormaster"
"${ROOT}/certs/make-certs.sh" --dev --out "${work}/certs" >/dev/null 2>"${work}/certs.log"
install -D -m 0644 "${work}/certs/tls.crt" "${rootfs}/etc/harbormaster/tls/tls.crt"
install -D -m 0640 -g 65532 "${work}/certs/tls.key" "${rootfs}/etc/harbormaster/tls/tls.key"
shells="$(find "${rootfs}" -name sh -o -name bash -o -name dash | wc -l)"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# The statically linked Swift runtime reads its arguments from /proc/self/cmdline, and a container always has
# /proc: mount one, in a private mount namespace so that it goes away with the process.
mkdir -p "${rootfs}/proc"
unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && shift && exec chroot --userspec=65532:65532 "$@"' \
  sh "${rootfs}" "${rootfs}" /usr/local/bin/harbormaster serve \
  --tls-cert /etc/harbormaster/tls/tls.crt --tls-key /etc/harbormaster/tls/tls.key \
  --listen "127.0.0.1:${port}" --event-loops 2 >"${work}/serve.log" 2>&1 &
unshare_pid=$!
# unshare --fork waits for its child, which became harbormaster by exec: signal that one.
for ((i = 0; i < 40; i++)); do
  server_pid="$(ps -o pid= --ppid "${unshare_pid}" | tr -d ' ' | head -n1)"
  [[ -n "${server_pid}" ]] && break
  sleep 0.25
done
ready=0
for ((i = 0; i < 80; i++)); do # 20 s at most
  kill -0 "${server_pid}" 2>/dev/null || break
  if [[ "$(curl -s --max-time 2 --cacert "${work}/certs/ca.crt" -o /dev/null -w '%{http_code}' "https://localhost:${port}/readyz")" == 200 ]]; then
    ready=1
    break
  fi
  sleep 0.25
done
if [[ "${ready}" -eq 1 ]]; then
  answer="$(curl -sS --max-time 5 --cacert "${work}/certs/ca.crt" -H 'Content-Type: application/json' \
    --data-binary "@${ROOT}/samples/reviews/deployment-bad.json" "https://localhost:${port}/validate")"
  kill -TERM "${server_pid}"
  rc=0
  for ((i = 0; i < 120; i++)); do kill -0 "${server_pid}" 2>/dev/null || break; sleep 0.25; done
  kill -0 "${server_pid}" 2>/dev/null && rc=124
  wait "${unshare_pid}" || rc=$?
  server_pid=""
  if [[ "${answer}" == *'"allowed":false'* && "${rc}" -eq 0 ]]; then
    pass "serve in a rootfs of only the runtime packages, as 65532:65532 (read-only to it), no shell (${shells} found)" \
      "/readyz 200 and /validate -> $(printf '%s' "${answer}" | head -c 110)..." "SIGTERM -> exit ${rc}"
  else
    fail "serve in the minimal rootfs" "answer: ${answer:0:200}" "exit status after SIGTERM: ${rc}" "$(tail -n 5 "${work}/serve.log")"
  fi
else
  fail "serve in the minimal rootfs never answered /readyz" "$(tail -n 10 "${work}/serve.log")"
fi

exit "${failed}"
