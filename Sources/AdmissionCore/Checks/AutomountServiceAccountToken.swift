extension CheckDefinition {
    /// A pod that gets a service-account token mounted: its spec sets automountServiceAccountToken true, or
    /// leaves it unset while its ServiceAccount (serviceAccountName, else `default`) does not set it false.
    /// Cross-resource: an unset field needs the ServiceAccount (`audit`, where one absent from the input cannot
    /// be proven to disable it and fails); the webhook decides only from the pod spec and otherwise answers nil.
    static let automountServiceAccountToken = CheckDefinition(
        id: "automountServiceAccountToken",
        category: .security,
        defaultSeverity: .warning,
        message: "Pod should not mount a service-account token automatically",
        remediation: "Set automountServiceAccountToken: false on the pod spec unless it calls the Kubernetes API.",
        rule: .crossResource(appliesTo: { !$0.podSpecs.isEmpty }) { context in
            var violations: [Violation] = []
            var unknown = false
            for pod in context.object.podSpecs {
                let path = pod.path.appending("automountServiceAccountToken")
                if let own = pod.spec["automountServiceAccountToken"]?.bool {
                    if own { violations.append(Violation(path: path)) }
                    continue
                }
                guard let cluster = context.cluster else {
                    unknown = true
                    continue
                }
                let name = pod.spec["serviceAccountName"]?.string ?? pod.spec["serviceAccount"]?.string ?? "default"
                let account = cluster.object(kind: "ServiceAccount", name: name, namespace: context.object.namespace)
                if account?.value["automountServiceAccountToken"]?.bool != false {
                    violations.append(Violation(path: path, detail: "ServiceAccount \(name) does not disable it"))
                }
            }
            return unknown && violations.isEmpty ? nil : violations
        }
    )
}
