extension CheckDefinition {
    /// A HorizontalPodAutoscaler allowed to scale down to a single replica (minReplicas set below 2).
    static let hpaMinAvailability = CheckDefinition(
        id: "hpaMinAvailability",
        category: .reliability,
        defaultSeverity: .warning,
        message: "HorizontalPodAutoscaler minReplicas should be at least 2",
        remediation: "Set spec.minReplicas to 2 or more so that one pod failing does not take the service down.",
        snippet: "spec: {minReplicas: 2, maxReplicas: 10}",
        rule: .object(appliesTo: { $0.kind == "HorizontalPodAutoscaler" && $0.group == "autoscaling" }) { context in
            guard let least = context.object.value["spec"]?["minReplicas"]?.int, least < 2 else { return [] }
            return [Violation(path: JSONPointer(["spec", "minReplicas"]))]
        }
    )
}
