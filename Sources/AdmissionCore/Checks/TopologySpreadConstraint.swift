extension CheckDefinition {
    /// Jobs and CronJobs pass (their pods run to completion), and so do DaemonSets, which already place one pod
    /// per node: spreading constraints mean nothing to either.
    static let topologySpreadConstraint = CheckDefinition(
        id: "topologySpreadConstraint",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Pods should be spread across topology domains",
        remediation: "Add spec.topologySpreadConstraints, e.g. maxSkew 1 over topology.kubernetes.io/zone.",
        rule: .podSpec(field: "topologySpreadConstraints") { context in
            if context.pod.runsToCompletion || context.object.kind == "DaemonSet" { return true }
            return (context.spec["topologySpreadConstraints"]?.elements?.count ?? 0) > 0
        }
    )
}
