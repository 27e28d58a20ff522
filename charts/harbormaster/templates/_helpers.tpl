{{/*
Names. Truncated to 52 characters so that the longest derived name ("<full>-ca-issuer", "<full>-test") still fits
the 63 characters of a DNS label.
*/}}
{{- define "harbormaster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "harbormaster.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "harbormaster.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries, besides name and instance. */}}
{{- define "harbormaster.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: harbormaster
{{- end -}}

{{/*
Selector of the webhook pods. instance is the full name rather than the release name: Harbormaster's
metadataAndInstanceMismatched check wants app.kubernetes.io/instance to equal metadata.name.
*/}}
{{- define "harbormaster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "harbormaster.name" . }}
app.kubernetes.io/instance: {{ include "harbormaster.fullname" . }}
app.kubernetes.io/component: webhook
{{- end -}}

{{- define "harbormaster.labels" -}}
{{ include "harbormaster.selectorLabels" . }}
{{ include "harbormaster.commonLabels" . }}
{{- end -}}

{{/* image reference: repository:tag, or repository:tag@digest. Call with (dict "image" X "default" TAG). */}}
{{- define "harbormaster.imageRef" -}}
{{- $tag := toString (default .default .image.tag) -}}
{{- if .image.digest -}}
{{- printf "%s:%s@%s" .image.repository $tag .image.digest -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "harbormaster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "harbormaster.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding tls.crt and tls.key (and ca.crt, except perhaps in secret mode). */}}
{{- define "harbormaster.tlsSecretName" -}}
{{- if eq .Values.certificates.mode "secret" -}}
{{- .Values.certificates.secret.name -}}
{{- else -}}
{{- printf "%s-tls" (include "harbormaster.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The names the serving certificate must carry: how the API server reaches the Service. */}}
{{- define "harbormaster.dnsNames" -}}
{{- $svc := include "harbormaster.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) | toJson -}}
{{- end -}}

{{/*
API versions that a 1.20 server lacks. `helm template` reports every group/version its client library knows
whatever --kube-version says, so the version check decides there; on a live install both agree.
*/}}
{{- define "harbormaster.pdbApiVersion" -}}
{{- if and (.Capabilities.APIVersions.Has "policy/v1") (semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version) -}}
policy/v1
{{- else -}}
policy/v1beta1
{{- end -}}
{{- end -}}

{{- define "harbormaster.hpaApiVersion" -}}
{{- if and (.Capabilities.APIVersions.Has "autoscaling/v2") (semverCompare ">=1.23-0" .Capabilities.KubeVersion.Version) -}}
autoscaling/v2
{{- else -}}
autoscaling/v2beta2
{{- end -}}
{{- end -}}

{{/* The fewest webhook pods that run: what a failurePolicy of Fail has to rely on. */}}
{{- define "harbormaster.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas -}}
{{- else -}}
{{- .Values.replicaCount -}}
{{- end -}}
{{- end -}}

{{/*
Combinations the schema cannot express. Each failure says what to change.
*/}}
{{- define "harbormaster.validateValues" -}}
{{- $min := int (include "harbormaster.minReplicas" .) -}}
{{- $pdb := .Values.podDisruptionBudget -}}
{{- if eq .Values.webhook.failurePolicy "Fail" -}}
{{- if or (lt $min 2) (not $pdb.enabled) -}}
{{- fail (printf "\n\nwebhook.failurePolicy=Fail needs at least 2 replicas and a PodDisruptionBudget (got %s=%d, podDisruptionBudget.enabled=%t).\nWith Fail, the API server rejects every matching create and update whenever no Harbormaster pod answers; one pod (or pods a drain may evict all at once) means one crash or node drain blocks the cluster's workloads.\nKeep webhook.failurePolicy=Ignore, or set replicaCount (autoscaling.minReplicas) to 2 or more and podDisruptionBudget.enabled=true.\n" (ternary "autoscaling.minReplicas" "replicaCount" .Values.autoscaling.enabled) $min $pdb.enabled) -}}
{{- end -}}
{{- end -}}
{{- if and $pdb.enabled (not (kindIs "invalid" $pdb.minAvailable)) (not (kindIs "invalid" $pdb.maxUnavailable)) -}}
{{- fail "\n\npodDisruptionBudget: set either maxUnavailable or minAvailable, not both (set the other to null).\n" -}}
{{- end -}}
{{- if and $pdb.enabled (kindIs "invalid" $pdb.minAvailable) (kindIs "invalid" $pdb.maxUnavailable) -}}
{{- fail "\n\npodDisruptionBudget: set maxUnavailable or minAvailable.\n" -}}
{{- end -}}
{{- if and $pdb.enabled (not (kindIs "invalid" $pdb.minAvailable)) (not (kindIs "string" $pdb.minAvailable)) -}}
{{- if ge (int $pdb.minAvailable) $min -}}
{{- fail (printf "\n\npodDisruptionBudget.minAvailable=%d with %d replicas allows no voluntary disruption: every node drain would block. Lower it, or use maxUnavailable: 1.\n" (int $pdb.minAvailable) $min) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (le (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) -}}
{{- fail (printf "\n\nautoscaling.maxReplicas (%d) must be greater than autoscaling.minReplicas (%d), or the autoscaler has nothing to do.\n" (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) -}}
{{- end -}}
{{- if eq .Values.certificates.mode "secret" -}}
{{- if or (not .Values.certificates.secret.name) (not .Values.certificates.secret.caBundle) -}}
{{- fail "\n\ncertificates.mode=secret needs certificates.secret.name (an existing Secret with tls.crt and tls.key in the release namespace) and certificates.secret.caBundle (base64 of the PEM CA that signed it; certs/make-certs.sh prints it).\n" -}}
{{- end -}}
{{- if not (contains "BEGIN CERTIFICATE" (b64dec .Values.certificates.secret.caBundle)) -}}
{{- fail "\n\ncertificates.secret.caBundle must be the base64 of a PEM bundle (-----BEGIN CERTIFICATE-----...), e.g. `base64 -w0 ca.crt`.\n" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Self-signed mode: a CA and a serving certificate, made at install and kept on upgrade.
`lookup` reads the Secret of the previous release; it is reused while it was made for the same DNS names and
expires after now + renewBeforeDays. Otherwise (first install, renamed Service, close to expiry, or `helm
template`, where lookup finds nothing) a new pair is made. On a renewal the old CA stays in the caBundle next to
the new one, so that pods still serving the old certificate until the kubelet refreshes their volume keep being
trusted. Result: YAML with caCert, tlsCert, tlsKey (base64), caBundle (base64), notAfter, sans.
*/}}
{{- define "harbormaster.selfSignedTLS" -}}
{{- $c := .Values.certificates.selfSigned -}}
{{- $dns := include "harbormaster.dnsNames" . | fromJsonArray -}}
{{- $sans := join "," $dns | sha256sum | trunc 16 -}}
{{- $layout := "2006-01-02T15:04:05Z07:00" -}}
{{- $renewAt := now | dateModify (printf "+%dh" (mul (int $c.renewBeforeDays) 24)) | unixEpoch | int64 -}}
{{- $old := lookup "v1" "Secret" .Release.Namespace (include "harbormaster.tlsSecretName" .) -}}
{{- $oldData := dict -}}
{{- $oldAnn := dict -}}
{{- if $old -}}
{{- $oldData = $old.data | default dict -}}
{{- $oldAnn = $old.metadata.annotations | default dict -}}
{{- end -}}
{{- $oldNotAfter := index $oldAnn "harbormaster.dev/not-after" | default "" -}}
{{- $complete := and (index $oldData "tls.crt") (index $oldData "tls.key") (index $oldData "ca.crt") -}}
{{- $reuse := false -}}
{{- if and $complete $oldNotAfter (eq (index $oldAnn "harbormaster.dev/sans" | default "") $sans) -}}
{{- if gt (toDate $layout $oldNotAfter | unixEpoch | int64) $renewAt -}}
{{- $reuse = true -}}
{{- end -}}
{{- end -}}
{{- if $reuse -}}
caCert: {{ index $oldData "ca.crt" }}
tlsCert: {{ index $oldData "tls.crt" }}
tlsKey: {{ index $oldData "tls.key" }}
caBundle: {{ index $oldData "ca.crt" }}
notAfter: {{ $oldNotAfter | quote }}
{{- else -}}
{{- $days := int $c.validityDays -}}
{{- $caKey := genPrivateKey $c.keyAlgorithm -}}
{{- $ca := genCAWithKey (printf "%s-ca" (include "harbormaster.fullname" .)) $days $caKey -}}
{{- $key := genPrivateKey $c.keyAlgorithm -}}
{{- $cert := genSignedCertWithKey (index $dns 2) nil $dns $days $ca $key -}}
{{- $bundle := $ca.Cert -}}
{{- if and $complete (eq (index $oldAnn "harbormaster.dev/sans" | default "") $sans) -}}
{{- $bundle = printf "%s\n%s" (index $oldData "ca.crt" | b64dec | trim) (trim $ca.Cert) -}}
{{- end -}}
caCert: {{ $ca.Cert | b64enc }}
tlsCert: {{ $cert.Cert | b64enc }}
tlsKey: {{ $cert.Key | b64enc }}
caBundle: {{ $bundle | b64enc }}
notAfter: {{ dateInZone $layout (now | dateModify (printf "+%dh" (mul $days 24))) "UTC" | quote }}
{{- end }}
sans: {{ $sans }}
{{- end -}}

{{/* Annotations of both webhook configurations: cert-manager's CA injection in certManager mode. */}}
{{- define "harbormaster.webhookAnnotations" -}}
{{- if .injectFrom -}}
annotations:
  cert-manager.io/inject-ca-from: {{ .injectFrom }}
{{- end -}}
{{- end -}}

{{/* What the validating and the mutating webhook share. Call with the dict built in webhooks.yaml plus "path". */}}
{{- define "harbormaster.webhookCommon" -}}
{{- $v := .ctx.Values -}}
{{- $excluded := concat (list "kube-system" "kube-node-lease" .ctx.Release.Namespace) $v.webhook.namespaceSelector.excludeNamespaces | uniq -}}
clientConfig:
  service:
    name: {{ .full }}
    namespace: {{ .ctx.Release.Namespace }}
    path: {{ .path }}
    port: {{ $v.service.port }}
  {{- if .caBundle }}
  caBundle: {{ .caBundle }}
  {{- end }}
admissionReviewVersions: [v1, v1beta1]
sideEffects: None
matchPolicy: Equivalent
timeoutSeconds: {{ $v.webhook.timeoutSeconds }}
failurePolicy: {{ $v.webhook.failurePolicy }}
# Never the control plane's namespaces nor Harbormaster's own: its pods must be able to start whatever the
# policy says. kubernetes.io/metadata.name is set by API servers from 1.21 on; the opt-out label works everywhere.
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ toJson $excluded }}
    - key: {{ $v.webhook.namespaceSelector.optOutLabel }}
      operator: NotIn
      values: [disabled]
    {{- with $v.webhook.namespaceSelector.matchExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- with $v.webhook.objectSelector }}
objectSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
