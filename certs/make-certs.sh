#!/usr/bin/env bash
# Make a CA and a serving certificate for Harbormaster's webhook Service, with openssl.
#
# Usage: certs/make-certs.sh [options]
#   --service NAME      Service name (default: harbormaster)
#   --namespace NS      its namespace (default: harbormaster)
#   --out DIR           where to write ca.crt, ca.key, tls.crt, tls.key (default: ./harbormaster-certs)
#   --days N            serving certificate validity in days (default: 365)
#   --ca-days N         CA validity in days (default: 3650)
#   --rsa [BITS]        RSA keys (default bits: 2048) instead of ECDSA P-256
#   --dev               also valid for localhost, 127.0.0.1 and ::1 (harbormaster serve on a workstation)
#   --ca-cert FILE --ca-key FILE
#                       sign with this existing CA instead of making one (rotating the serving certificate
#                       without touching the webhooks' caBundle); ca.crt in --out is a copy of it
#   --force             overwrite existing files in --out
#
# The serving certificate names <svc>, <svc>.<ns>, <svc>.<ns>.svc and <svc>.<ns>.svc.cluster.local (the API
# server calls <svc>.<ns>.svc), with keyUsage digitalSignature (plus keyEncipherment for RSA) and
# extendedKeyUsage serverAuth. The CA is CA:TRUE, pathlen 0, keyCertSign and cRLSign only.
#
# Standard output is exactly one line: the base64 of ca.crt, the webhooks' caBundle (the chart's
# certificates.secret.caBundle). Everything else goes to standard error.
set -euo pipefail

service=harbormaster
namespace=harbormaster
out=./harbormaster-certs
days=365
ca_days=3650
algo=ecdsa
rsa_bits=2048
dev=0
ca_cert=""
ca_key=""
force=0

usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
die() { echo "make-certs: $*" >&2; exit 2; }
need_arg() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --service) need_arg "$@"; service="$2"; shift 2 ;;
    --namespace) need_arg "$@"; namespace="$2"; shift 2 ;;
    --out) need_arg "$@"; out="$2"; shift 2 ;;
    --days) need_arg "$@"; days="$2"; shift 2 ;;
    --ca-days) need_arg "$@"; ca_days="$2"; shift 2 ;;
    --rsa)
      algo=rsa
      if [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]]; then rsa_bits="$2"; shift; fi
      shift
      ;;
    --dev) dev=1; shift ;;
    --ca-cert) need_arg "$@"; ca_cert="$2"; shift 2 ;;
    --ca-key) need_arg "$@"; ca_key="$2"; shift 2 ;;
    --force) force=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage; die "unknown argument: $1" ;;
  esac
done

dns_label='^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'
[[ "${service}" =~ ${dns_label} ]] || die "--service must be a DNS label (got '${service}')"
[[ "${namespace}" =~ ${dns_label} ]] || die "--namespace must be a DNS label (got '${namespace}')"
[[ "${days}" =~ ^[1-9][0-9]*$ ]] || die "--days must be a positive number"
[[ "${ca_days}" =~ ^[1-9][0-9]*$ ]] || die "--ca-days must be a positive number"
[[ "${algo}" != rsa || "${rsa_bits}" -ge 2048 ]] || die "--rsa needs at least 2048 bits"
if [[ -n "${ca_cert}${ca_key}" ]]; then
  [[ -r "${ca_cert}" && -r "${ca_key}" ]] || die "--ca-cert and --ca-key must both name readable files"
fi
command -v openssl >/dev/null || die "openssl is not installed"

mkdir -p "${out}"
# With --ca-cert only the serving pair is new; ca.crt is rewritten with the same content.
outputs=(tls.crt tls.key)
[[ -z "${ca_cert}" ]] && outputs+=(ca.crt ca.key)
if [[ "${force}" -eq 0 ]]; then
  for f in "${outputs[@]}"; do
    [[ -e "${out}/${f}" ]] && die "${out}/${f} exists (use --force to overwrite, or another --out)"
  done
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/make-certs.XXXXXX")"
trap 'rm -rf "${work}"' EXIT
umask 077 # keys readable by their owner only

new_key() { # new_key FILE
  if [[ "${algo}" == ecdsa ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1"
  else
    openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${rsa_bits}" -out "$1"
  fi
}

if [[ -z "${ca_cert}" ]]; then
  new_key "${work}/ca.key"
  cat >"${work}/ca.ext" <<'EOF'
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
  openssl req -new -key "${work}/ca.key" -subj "/CN=${service}.${namespace} webhook CA" -out "${work}/ca.csr"
  openssl x509 -req -in "${work}/ca.csr" -signkey "${work}/ca.key" -sha256 -days "${ca_days}" \
    -extfile "${work}/ca.ext" -out "${work}/ca.crt" 2>/dev/null
  ca_cert="${work}/ca.crt"
  ca_key="${work}/ca.key"
fi

sans="DNS:${service},DNS:${service}.${namespace},DNS:${service}.${namespace}.svc,DNS:${service}.${namespace}.svc.cluster.local"
[[ "${dev}" -eq 1 ]] && sans="${sans},DNS:localhost,IP:127.0.0.1,IP:::1"
# keyEncipherment only means something for RSA key transport; an ECDSA key can only sign.
usage_list="critical, digitalSignature"
[[ "${algo}" == rsa ]] && usage_list="critical, digitalSignature, keyEncipherment"
cat >"${work}/tls.ext" <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = ${usage_list}
extendedKeyUsage = serverAuth
subjectAltName = ${sans}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

new_key "${work}/tls.key"
openssl req -new -key "${work}/tls.key" -subj "/CN=${service}.${namespace}.svc" -out "${work}/tls.csr"
openssl x509 -req -in "${work}/tls.csr" -CA "${ca_cert}" -CAkey "${ca_key}" -set_serial "0x$(openssl rand -hex 16)" \
  -sha256 -days "${days}" -extfile "${work}/tls.ext" -out "${work}/tls.crt" 2>/dev/null

openssl verify -CAfile "${ca_cert}" "${work}/tls.crt" >/dev/null || die "the new certificate does not verify against the CA"

cp "${ca_cert}" "${work}/ca.crt.copy" && mv -f "${work}/ca.crt.copy" "${out}/ca.crt"
new_ca=0
if [[ "${ca_key}" == "${work}/ca.key" ]]; then cp "${ca_key}" "${out}/ca.key"; new_ca=1; fi
cp "${work}/tls.key" "${out}/tls.key"
cp "${work}/tls.crt" "${out}/tls.crt"
chmod 0644 "${out}/ca.crt" "${out}/tls.crt"

{
  if [[ "${new_ca}" -eq 1 ]]; then
    echo "make-certs: wrote a new CA (${out}/ca.crt, ca.key: keep the key offline) and ${out}/tls.crt, tls.key"
  else
    echo "make-certs: wrote ${out}/tls.crt, tls.key signed by the given CA (${out}/ca.crt is a copy of it)"
  fi
  echo "  serving certificate: ${algo}, ${days} days, ${sans}"
  echo "  create the Secret:   kubectl -n ${namespace} create secret tls ${service}-tls --cert=${out}/tls.crt --key=${out}/tls.key"
  echo "  install:             helm install ... --set certificates.mode=secret --set certificates.secret.name=${service}-tls \\"
  echo "                         --set certificates.secret.caBundle=\$(base64 -w0 ${out}/ca.crt)"
  echo "  caBundle (base64 of ca.crt) follows on standard output"
} >&2
base64 -w0 "${out}/ca.crt"
echo
