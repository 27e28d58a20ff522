// Generated from examples/policy.yaml; PolicyFileTests checks that the two stay identical.
// Regenerate: scripts/embed-default-policy.sh
enum DefaultPolicyText {
    static let yaml = #"""
# Harbormaster policy: the reference file. Every key is documented here.
#
# This is exactly the built-in policy: `harbormaster serve`, `review` and `audit` use these values when no
# --config is given (the binary embeds this file; a test keeps the two identical). Copy it, change what you need,
# and pass it with --config. Unknown keys, check IDs, mutator IDs and severities are errors that name the
# line and column, so a typo never silently turns a check off.

# What happens to findings:
#   enforce - `danger` findings deny the request; `warning` findings are returned as admission warnings.
#   warn    - nothing is denied; every finding is returned as a warning (a safe first rollout).
#   audit   - nothing is denied or warned; findings are only reported (by `harbormaster audit`, and in logs).
mode: enforce

# Check ID -> severity (ignore | warning | danger), or a map with `severity` and the check's parameters.
# `ignore` turns a check off. Unlisted checks run at their default severity (`harbormaster checks` lists them).
# IDs follow Polaris where Polaris has the same check, so Polaris configurations carry over.
# Dated enforcement: `denyAfter: 2027-03-31` in a check's map makes it warn until and including that day
# (each warning says when it will start denying) and deny from the day after; severity defaults to danger.
#   e.g.  readinessProbeMissing: {severity: danger, denyAfter: 2027-03-31}
checks:
  # Reliability
  livenessProbeMissing:                     warning  # Liveness probe should be configured
  readinessProbeMissing:                    warning  # Readiness probe should be configured
  tagNotSpecified:                          danger   # Image should name a tag other than latest, or a digest
  pullPolicyNotAlways:                      warning  # Image pull policy should be Always
  priorityClassNotSet:                      warning  # Priority class should be set
  topologySpreadConstraint:                 warning  # Pods should be spread across topology domains
  deploymentMissingReplicas:                warning  # Deployment should run 2 or more replicas [needs other objects: see docs/checks.md]
  metadataAndInstanceMismatched:            warning  # Label app.kubernetes.io/instance should equal metadata.name
  missingPodDisruptionBudget:               warning  # Deployment should be covered by a PodDisruptionBudget [needs other objects: see docs/checks.md]
  pdbDisruptionsIsZero:                     warning  # PodDisruptionBudget should allow at least one voluntary disruption
  pdbMinAvailableGreaterThanHPAMinReplicas: warning  # PodDisruptionBudget minAvailable should not exceed the HorizontalPodAutoscaler minReplicas [needs other objects: see docs/checks.md]
  hpaMaxAvailability:                       warning  # HorizontalPodAutoscaler maxReplicas should be greater than minReplicas
  hpaMinAvailability:                       warning  # HorizontalPodAutoscaler minReplicas should be at least 2
  deprecatedApiVersion:  # API version is deprecated or removed in the target Kubernetes version
    severity: warning
    # Kubernetes version to judge against, e.g. 1.32.
    targetVersion: "1.32"
  probesIdentical:                          warning  # Liveness and readiness probes should not be identical
  probePortNotDeclared:                     warning  # Probe targets a port the container does not declare
  rollingUpdateUnsafe:                      warning  # Rolling update may take every replica down at once
  podAntiAffinityMissing:                   warning  # Replicas should be spread across nodes or zones
  hpaTargetMissingRequests:                 warning  # HPA target has containers without the request its utilization metric needs [needs other objects: see docs/checks.md]
  nakedPod:                                 warning  # Pod should be managed by a controller
  # Efficiency
  cpuRequestsMissing:                       warning  # CPU request should be set
  memoryRequestsMissing:                    warning  # Memory request should be set
  cpuLimitsMissing:                         warning  # CPU limit should be set
  memoryLimitsMissing:                      warning  # Memory limit should be set
  limitsBelowRequests:                      warning  # Resource limit is lower than its request
  # Security
  runAsPrivileged:                          danger   # Should not be running as privileged
  hostNetworkSet:                           danger   # Host network should not be used
  hostPIDSet:                               danger   # Host PID namespace should not be used
  hostIPCSet:                               danger   # Host IPC namespace should not be used
  privilegeEscalationAllowed:               danger   # Privilege escalation should not be allowed
  runAsRootAllowed:                         danger   # Should not be allowed to run as root
  dangerousCapabilities:  # Container should not add dangerous capabilities
    severity: danger
    # Capabilities no container may add (case-insensitive).
    capabilities:
      - ALL
      - SYS_ADMIN
      - NET_ADMIN
  insecureCapabilities:                     warning  # Container should drop all default capabilities
  notReadOnlyRootFilesystem:                warning  # Filesystem should be read only
  hostPortSet:                              warning  # Host port should not be configured
  hostPathSet:                              warning  # HostPath volumes should not be used
  procMount:                                warning  # The default /proc mask should be used
  hostProcess:                              warning  # Windows hostProcess should not be enabled
  linuxHardening:                           warning  # Container should be hardened with AppArmor, seccomp, SELinux or dropped capabilities
  sensitiveContainerEnvVar:  # Container should not hold credentials in literal environment variables
    severity: danger
    # Env var names containing one of these (case-insensitive) must not hold a literal value.
    nameFragments:
      - PASSWORD
      - PASSWD
      - SECRET
      - TOKEN
      - API_KEY
      - APIKEY
      - PRIVATE_KEY
      - CREDENTIAL
    # Exact env var names (case-insensitive) that must not hold a literal value.
    names:
      - AZURE_BATCH_KEY
      - AZURE_STORAGE_KEY
      - OCI_CLI_KEY_CONTENT
  missingNetworkPolicy:                     warning  # Pod should be selected by a NetworkPolicy restricting ingress and egress [needs other objects: see docs/checks.md]
  automountServiceAccountToken:             warning  # Pod should not mount a service-account token automatically [needs other objects: see docs/checks.md]
  sensitiveConfigmapContent:                danger   # ConfigMap should not hold credentials
  tlsSettingsMissing:                       warning  # Ingress should configure TLS
  clusterrolePodExecAttach:                 danger   # ClusterRole should not allow exec or attach into pods
  rolePodExecAttach:                        danger   # Role should not allow exec or attach into pods
  clusterrolebindingClusterAdmin:           danger   # ClusterRoleBinding should not grant cluster-admin [needs other objects: see docs/checks.md]
  clusterrolebindingPodExecAttach:          danger   # ClusterRoleBinding should not grant exec or attach into pods [needs other objects: see docs/checks.md]
  rolebindingClusterAdminClusterRole:       danger   # RoleBinding should not grant cluster-admin [needs other objects: see docs/checks.md]
  rolebindingClusterAdminRole:              danger   # RoleBinding should not grant every permission in its namespace [needs other objects: see docs/checks.md]
  rolebindingClusterRolePodExecAttach:      danger   # RoleBinding should not grant exec or attach into pods [needs other objects: see docs/checks.md]
  rolebindingRolePodExecAttach:             danger   # RoleBinding should not grant exec or attach into pods [needs other objects: see docs/checks.md]
  imageNotMinimal:  # Image should be a minimal variant
    severity: warning
    # Image names (last path component) that are full, general-purpose images.
    baseImages:
      - ubuntu
      - debian
      - centos
      - fedora
      - amazonlinux
      - python
      - node
      - ruby
      - openjdk
      - golang
      - php
    # Words in a tag that mark a minimal variant.
    minimalTagMarkers:
      - slim
      - alpine
      - distroless
      - minimal
  imageRegistryNotAllowed:  # Image comes from a registry that is not allowed
    severity: warning
    # Registry hosts images may come from (docker.io for Docker Hub); empty allows all.
    allowedRegistries: []
  rbacWildcardRules:                        warning  # Role grants access with a wildcard
  rbacEscalationVerbs:                      warning  # Role grants a privilege escalation verb
  defaultServiceAccountBound:               warning  # Binding grants permissions to a default service account
  # Organization
  defaultNamespaceUsed:                     warning  # Workload should not run in the default namespace
  requiredLabelsMissing:  # Required labels are missing
    severity: warning
    # Label keys every workload must carry.
    labels:
      - app.kubernetes.io/name
    # More labels per kind, each with a glob its value must match ("*": any non-empty value), e.g. {Deployment: {team: "pay*"}}.
    byKind: {}
  namespaceOwnerLabelMissing:  # Namespace should name its owner in a label
    severity: warning
    # Label keys a Namespace needs one of.
    labels:
      - owner
      - team

# Mutator ID -> `enabled` plus the mutator's parameters. Mutators run in the mutating webhook (/mutate), in
# `review --mutate` and in `fix`. Each fills in only what is missing (it never overwrites a value the object
# sets), derives its values from the workload where it can, and is idempotent. docs/mutators.md says what each
# one adds and why the defaults are what they are.
mutators:
  defaultLabels:
    enabled: true
    name: true          # app.kubernetes.io/name: the workload's name
    instance: true      # app.kubernetes.io/instance: the workload's metadata.name
    labels: {}          # more labels to add where missing, e.g. {team: payments}
  defaultReplicas:
    enabled: false      # off: an HPA-scaled Deployment omits replicas, and injecting one fights the HPA
    replicas: 2
  defaultResourceRequests:
    enabled: true
    cpu: 100m           # request for containers without a CPU request ("" leaves CPU alone); capped by a lower limit
    memory: 128Mi       # request for containers without a memory request ("" leaves memory alone)
  defaultResourceLimits:
    enabled: true
    memory: 256Mi       # smallest memory limit set where none is ("" leaves memory limits alone)
    memoryRequestRatio: 2   # ...and at least the memory request times this
    cpu: ""             # CPU limit where none is ("": none; many teams set CPU requests only)
  defaultProbes:
    enabled: true
    readinessPath: ""   # HTTP path on ports named http/https/metrics ("": tcpSocket on the port)
    livenessPath: ""
    startupProbe: false
    startupFailureThreshold: 30
  defaultPodAntiAffinity:
    enabled: true       # preferred anti-affinity on kubernetes.io/hostname, 2+ replicas only
  defaultTopologySpread:
    enabled: true       # zone spread with ScheduleAnyway, 2+ replicas only
  # Security defaults: off unless switched on, one switch each (each can stop an image that needs the opposite).
  defaultRunAsNonRoot:
    enabled: false
  defaultNoPrivilegeEscalation:
    enabled: false
  defaultDropCapabilities:
    enabled: false
  defaultSeccompProfile:
    enabled: false
  defaultReadOnlyRootFilesystem:
    enabled: false
  defaultNoServiceAccountToken:
    enabled: false
  defaultImagePullPolicy:
    enabled: false
    policy: Always

# How verdicts are answered (docs/admission.md shows each with an example).
#   maxWarnings     at most this many warnings per response (1-100); the rest become "+N more (see audit
#                   annotations)". Each warning is cut to 120 characters, all together to 4 KB.
#   dryRunPreview   on dry-run requests (kubectl apply --dry-run=server), show every finding, audit mode
#                   included, and what each mutator would set, as warnings; denials still deny.
#   updateRatchet   on UPDATE, deny only violations the update introduces; violations the old object had
#                   already are warnings. (An update that leaves the spec unchanged, such as removing a
#                   finalizer, is never denied for pod-spec findings, ratchet or not.)
admission:
  maxWarnings: 10
  dryRunPreview: true
  updateRatchet: true

# When the mutating webhook acts. onUpdate: mutate on UPDATE too (off: changing a live workload's template
# restarts its pods; Pod specs are never changed on UPDATE, they are immutable). provenanceAnnotation: list the
# mutators that changed an object in its harbormaster.io/mutated-by annotation.
mutation:
  onUpdate: false
  provenanceAnnotation: true

# Exemptions: what is not judged.
#   namespaces - objects in these namespaces are neither judged nor mutated. Listing namespaces replaces this
#                default list. Not affected by allowConfigExemptions: it keeps the cluster from locking itself out.
#   rules      - findings dropped for matching objects; a rule without checks: stops the mutators too.
#                A rule matches when every field it sets matches:
#                  namespaces: [names or globs]   object's namespace   (any when left out)
#                  names:      [names or globs]   object's metadata.name; use a glob for a prefix: "legacy-*"
#                  containers: [names or globs]   only findings about these containers are dropped
#                  checks:     [check IDs]        which checks (every check when left out); a mutator ID
#                                                 here makes that mutator leave the matching objects (or,
#                                                 with containers:, those containers) alone
#                Globs: `*` is any run of characters, `?` exactly one character.
#                Polaris's exemption list is accepted too, as `exemptions:` itself being a list, with Polaris's
#                keys: namespace, controllerNames (matched as prefixes), containerNames, rules (check IDs).
#   for example:
#     rules:
#       - namespaces: ["legacy-*"]
#         names: ["batch-importer"]
#         checks: [runAsPrivileged, hostPIDSet]
#       - containers: [istio-proxy, linkerd-proxy]    # sidecars injected by the mesh, in every namespace
#         checks: [cpuLimitsMissing, memoryLimitsMissing]
#
# Objects can opt out by annotation (metadata.annotations):
#   harbormaster.io/exempt: "true"                 every check and mutator
#   harbormaster.io/exempt-<checkID>: "<reason>"   one check or mutator (any value but "" or "false")
#   harbormaster.io/exempt-until: "2027-03-31"     the last day the two above hold; afterwards they are ignored
#                                                  and each finding says when its exemption expired
#   polaris.fairwinds.com/exempt: "true", polaris.fairwinds.com/<checkID>-exempt: "true"
#                                                  Polaris's forms, honoured while polarisAnnotations is true
exemptions:
  namespaces:
    - kube-system
    - kube-node-lease
  rules: []

# Which exemptions are honoured (namespace overrides below can turn the first two off for some namespaces):
allowAnnotationExemptions: true   # annotations on the object (false: teams cannot exempt their own objects)
allowConfigExemptions: true       # exemptions.rules above
polarisAnnotations: true          # polaris.fairwinds.com/ annotations as aliases of harbormaster.io/ ones
# A Polaris configuration file is accepted as it is: Polaris's disallowExemptions (both kinds),
# disallowConfigExemptions and disallowAnnotationExemptions turn the switches above off; Polaris keys and check IDs
# that Harbormaster does not implement (customChecks, mutations, displayName, ...) are reported as warnings with
# line and column, and the rest of the file applies.

# Per-namespace overrides. The FIRST entry whose `match` covers an object's namespace applies (exact names or
# globs); the others are not consulted, so list specific entries before general ones. An entry can set:
#   match: [names or globs]                  required
#   mode: enforce | warn | audit             instead of the global mode
#   checks: {checkID: severity, ...}         severities only; parameters stay those set under `checks:` above
#   mutators: {mutatorID: true | false, ...} mutators switched on or off; parameters stay those set above
#   allowAnnotationExemptions, allowConfigExemptions: true | false
# for example:
#   - match: ["team-*", sandbox]
#     mode: warn
#     checks: {cpuLimitsMissing: danger}
#   - match: ["prod-*"]
#     allowAnnotationExemptions: false
#     allowConfigExemptions: false
namespaces: []
"""#
}
