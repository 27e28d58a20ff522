extension CheckDefinition {
    /// A Deployment, StatefulSet or ReplicaSet with 2 or more replicas and nothing spreading them over nodes or zones:
    /// neither a pod anti-affinity term nor a topologySpreadConstraint on a hostname or zone topology key.
    static let podAntiAffinityMissing = CheckDefinition(
        id: "podAntiAffinityMissing",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Replicas should be spread across nodes or zones",
        remediation: "Add a topologySpreadConstraint or pod anti-affinity on the hostname or zone topology key.",
        rule: .object(appliesTo: {
            ["Deployment", "StatefulSet", "ReplicaSet"].contains($0.kind) && PodSpecLocator.isWorkload($0)
        }) { context in
            guard (context.object.value["spec"]?["replicas"]?.int ?? 1) >= 2, let pod = context.object.podSpecs.first
            else { return [] }
            let keys = [
                "kubernetes.io/hostname", "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone",
            ]
            func spreads(_ term: JSONValue?) -> Bool { keys.contains { term?["topologyKey"]?.isString($0) == true } }
            let antiAffinity = pod.spec["affinity"]?["podAntiAffinity"]
            let required = antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]?.elements
            let preferred = antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.elements
            let constraints = pod.spec["topologySpreadConstraints"]?.elements
            if required?.contains(where: { spreads($0) }) == true
                || preferred?.contains(where: { spreads($0["podAffinityTerm"]) }) == true
                || constraints?.contains(where: { spreads($0) }) == true
            {
                return []
            }
            return [Violation(path: pod.path.appending("affinity"))]
        }
    )
}
