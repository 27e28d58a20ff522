extension CheckDefinition {
    /// A Deployment whose PodDisruptionBudget (same namespace, selecting its pod template) demands more available
    /// pods than its HorizontalPodAutoscaler's minReplicas, so that at the minimum no pod may ever be evicted.
    /// A percentage resolves against spec.replicas (1 when unset), rounded up as Kubernetes does.
    /// Cross-resource: needs the PDB and the HPA (`audit`, where their absence passes); the webhook answers nil.
    static let pdbMinAvailableGreaterThanHPAMinReplicas = CheckDefinition(
        id: "pdbMinAvailableGreaterThanHPAMinReplicas",
        category: .reliability,
        defaultSeverity: .warning,
        message: "PodDisruptionBudget minAvailable should not exceed the HorizontalPodAutoscaler minReplicas",
        remediation: "Lower the PodDisruptionBudget's minAvailable to at most the autoscaler's minReplicas.",
        snippet: "apiVersion: policy/v1, kind: PodDisruptionBudget, spec: {minAvailable: 1}",
        rule: .crossResource(appliesTo: { $0.kind == "Deployment" && $0.group == "apps" }) { context in
            guard let cluster = context.cluster else { return nil }
            let object = context.object
            let autoscaler = cluster.objects(kind: "HorizontalPodAutoscaler", namespace: object.namespace).first {
                let target = $0.value["spec"]?["scaleTargetRef"]
                return target?["kind"]?.isString(object.kind) == true && target?["name"]?.isString(object.name) == true
            }
            guard let least = autoscaler?.value["spec"]?["minReplicas"]?.int else { return [] }
            let labels = object.podSpecs.first?.templateMetadata?["labels"]
            let replicas = object.value["spec"]?["replicas"]?.int ?? 1
            let budgets = cluster.objects(kind: "PodDisruptionBudget", namespace: object.namespace)
            return budgets.compactMap { budget in
                let spec = budget.value["spec"]
                guard LabelSelector.matches(spec?["selector"], labels: labels),
                    let wanted = resolvedCount(spec?["minAvailable"], of: replicas), wanted > least
                else { return nil }
                let detail = "PodDisruptionBudget \(budget.name) keeps \(wanted) available, minReplicas is \(least)"
                return Violation(path: .root, detail: detail)
            }
        }
    )

    /// An IntOrString count (`5` or `"50%"`) resolved against `total`, percentages rounded up.
    private static func resolvedCount(_ value: JSONValue?, of total: Int) -> Int? {
        guard let value else { return nil }
        if let count = value.int { return count }
        guard let text = value.string, text.hasSuffix("%"), let percent = Int(text.dropLast()), percent >= 0 else {
            return nil
        }
        let (product, overflow) = percent.multipliedReportingOverflow(by: max(total, 0))
        return overflow ? nil : (product + 99) / 100
    }
}
