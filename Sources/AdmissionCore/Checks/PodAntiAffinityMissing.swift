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
            if PodSpreading.isSpread(pod.spec) { return [] }
            return [Violation(path: pod.path.appending("affinity"))]
        }
    )
}

/// Whether a pod spec already spreads its replicas over nodes or zones: a pod anti-affinity term (required or
/// preferred) or a topologySpreadConstraint on a hostname or zone key. The check and its mutator agree on this.
enum PodSpreading {
    static let topologyKeys = ["kubernetes.io/hostname", "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"]

    static func isSpread(_ spec: JSONValue) -> Bool {
        func spreads(_ term: JSONValue?) -> Bool { topologyKeys.contains { term?["topologyKey"]?.isString($0) == true } }
        let antiAffinity = spec["affinity"]?["podAntiAffinity"]
        return antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]?.elements?.contains(where: { spreads($0) }) == true
            || antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.elements?
                .contains(where: { spreads($0["podAffinityTerm"]) }) == true
            || spec["topologySpreadConstraints"]?.elements?.contains(where: { spreads($0) }) == true
    }
}
