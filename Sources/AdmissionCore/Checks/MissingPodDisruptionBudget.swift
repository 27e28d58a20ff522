extension CheckDefinition {
    /// A Deployment whose pod-template labels no PodDisruptionBudget of its namespace selects (matchLabels and
    /// matchExpressions). Cross-resource: needs the PDBs (`audit`, where absence decides); the webhook answers nil.
    static let missingPodDisruptionBudget = CheckDefinition(
        id: "missingPodDisruptionBudget",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Deployment should be covered by a PodDisruptionBudget",
        remediation: "Add a PodDisruptionBudget whose selector matches the pod template labels.",
        snippet: "apiVersion: policy/v1, kind: PodDisruptionBudget, spec: {maxUnavailable: 1, selector: {...}}",
        rule: .crossResource(appliesTo: { $0.kind == "Deployment" && $0.group == "apps" }) { context in
            guard let cluster = context.cluster else { return nil }
            let object = context.object
            let labels = object.podSpecs.first?.templateMetadata?["labels"]
            let budgets = cluster.objects(kind: "PodDisruptionBudget", namespace: object.namespace)
            if budgets.contains(where: { LabelSelector.matches($0.value["spec"]?["selector"], labels: labels) }) {
                return []
            }
            return [Violation(path: JSONPointer(["spec", "template", "metadata", "labels"]))]
        }
    )
}
