extension CheckDefinition {
    /// A pod (or pod template) that no NetworkPolicy of its namespace both selects and restricts in both
    /// directions (policyTypes Ingress and Egress, with at least one rule each), as Polaris requires.
    /// Cross-resource: needs the NetworkPolicies (`audit`, where absence decides); the webhook answers nil.
    static let missingNetworkPolicy = CheckDefinition(
        id: "missingNetworkPolicy",
        category: .security,
        defaultSeverity: .warning,
        message: "Pod should be selected by a NetworkPolicy restricting ingress and egress",
        remediation: "Add a NetworkPolicy selecting the pod labels with Ingress and Egress policyTypes and rules.",
        snippet: "spec: {podSelector: {...}, policyTypes: [Ingress, Egress], ingress: [...], egress: [...]}",
        rule: .crossResource(appliesTo: { !$0.podSpecs.isEmpty }) { context in
            guard let cluster = context.cluster else { return nil }
            let policies = cluster.objects(kind: "NetworkPolicy", group: "networking.k8s.io",
                namespace: context.object.namespace).map { $0.value["spec"] }.filter(restrictsBothWays)
            return context.object.podSpecs.compactMap { pod in
                let labels = pod.templateMetadata?["labels"]
                let covered = policies.contains { LabelSelector.matches($0?["podSelector"], labels: labels) }
                return covered ? nil : Violation(path: pod.templateMetadataPath.appending("labels"))
            }
        }
    )

    /// Both policyTypes are declared and each direction has at least one rule.
    private static func restrictsBothWays(_ spec: JSONValue?) -> Bool {
        guard let spec, let types = spec["policyTypes"]?.elements else { return false }
        return types.contains { $0.isString("Ingress") } && types.contains { $0.isString("Egress") }
            && (spec["ingress"]?.elements?.count ?? 0) > 0 && (spec["egress"]?.elements?.count ?? 0) > 0
    }
}
