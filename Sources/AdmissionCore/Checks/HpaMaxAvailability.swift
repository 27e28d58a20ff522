extension CheckDefinition {
    /// A HorizontalPodAutoscaler whose maxReplicas does not exceed its minReplicas (when minReplicas is set),
    /// so it can never scale.
    static let hpaMaxAvailability = CheckDefinition(
        id: "hpaMaxAvailability",
        category: .reliability,
        defaultSeverity: .warning,
        message: "HorizontalPodAutoscaler maxReplicas should be greater than minReplicas",
        remediation: "Raise spec.maxReplicas above spec.minReplicas so that the autoscaler has room to scale.",
        snippet: "spec: {minReplicas: 2, maxReplicas: 10}",
        rule: .object(appliesTo: { $0.kind == "HorizontalPodAutoscaler" && $0.group == "autoscaling" }) { context in
            let spec = context.object.value["spec"]
            guard let least = spec?["minReplicas"]?.int, let most = spec?["maxReplicas"]?.int, most <= least else {
                return []
            }
            return [Violation(path: JSONPointer(["spec", "maxReplicas"]))]
        }
    )
}
