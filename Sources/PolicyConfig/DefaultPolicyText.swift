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
checks:
  # Reliability
  livenessProbeMissing: warning     # containers of long-running pods (not Jobs/CronJobs, not init containers)
  readinessProbeMissing: warning
  tagNotSpecified: danger           # image must name a tag other than latest, or a digest
  # Efficiency (regular and init containers; the API forbids resources on ephemeral containers)
  cpuRequestsMissing: warning
  memoryRequestsMissing: warning
  cpuLimitsMissing: warning
  memoryLimitsMissing: warning
  # Security
  runAsPrivileged: danger
  hostNetworkSet: danger
  hostPIDSet: danger
  hostIPCSet: danger
  # Organization
  defaultNamespaceUsed: warning     # workloads in the `default` namespace
  requiredLabelsMissing:
    severity: warning
    # Label keys that every workload must carry on metadata.labels and on its pod template's labels.
    labels:
      - app.kubernetes.io/name

# Mutator ID -> `enabled` plus the mutator's parameters. Mutators run in the mutating webhook (/mutate) and in
# `review --mutate`; each is idempotent and never overwrites a value the object already sets.
mutators:
  defaultResourceRequests:
    enabled: true
    cpu: 100m        # request for containers without a CPU request ("" leaves CPU alone); capped by a lower limit
    memory: 128Mi    # request for containers without a memory request ("" leaves memory alone)

# Objects in these namespaces are neither judged nor mutated. Listing namespaces replaces this default list.
# Single objects can opt out by annotation: `harbormaster.dev/exempt: "true"` (every check and mutator) or
# `harbormaster.dev/<checkID>-exempt: "true"` (one check or mutator).
exemptions:
  namespaces:
    - kube-system
    - kube-node-lease
"""#
}
