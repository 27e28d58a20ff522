extension CheckDefinition {
    /// A PodDisruptionBudget that permits no voluntary eviction: `minAvailable: 100%` or `maxUnavailable` 0 / 0%,
    /// which blocks node drains and cluster upgrades.
    static let pdbDisruptionsIsZero = CheckDefinition(
        id: "pdbDisruptionsIsZero",
        category: .reliability,
        defaultSeverity: .warning,
        message: "PodDisruptionBudget should allow at least one voluntary disruption",
        remediation: "Lower minAvailable below 100% or raise maxUnavailable above 0, so that nodes can be drained.",
        snippet: "spec: {maxUnavailable: 1}",
        rule: .object(appliesTo: { $0.kind == "PodDisruptionBudget" }) { context in
            guard let spec = context.object.value["spec"] else { return [] }
            var violations: [Violation] = []
            if spec["minAvailable"]?.isString("100%") == true {
                violations.append(Violation(path: JSONPointer(["spec", "minAvailable"])))
            }
            if let most = spec["maxUnavailable"], most.int == 0 || most.isString("0%") {
                violations.append(Violation(path: JSONPointer(["spec", "maxUnavailable"])))
            }
            return violations
        }
    )
}
