#!/usr/bin/env bash
# Print the path of a cached kubernetes-validate (PyPI), installing it once into its own venv.
#
# Cache: ${HARBORMASTER_HELM_CACHE:-~/.cache/harbormaster-helm}/kubernetes-validate-<version>/ (a venv).
set -euo pipefail

VERSION=1.37.0
CACHE="${HARBORMASTER_HELM_CACHE:-${HOME}/.cache/harbormaster-helm}"
venv="${CACHE}/kubernetes-validate-${VERSION}"
bin="${venv}/bin/kubernetes-validate"

# The venv is complete only once the marker exists (an interrupted install is redone).
if [[ -x "${bin}" && -f "${venv}/.complete" ]]; then
  echo "${bin}"
  exit 0
fi

echo "get-kubernetes-validate: installing kubernetes-validate==${VERSION} into ${venv} (once)" >&2
rm -rf "${venv}"
python3 -m venv "${venv}" >&2
timeout 600 "${venv}/bin/python" -m pip install --quiet "kubernetes-validate==${VERSION}" >&2
"${bin}" --version >&2
touch "${venv}/.complete"
echo "${bin}"
