extension CheckDefinition {
    static let defaultNamespaceUsed = CheckDefinition(
        id: "defaultNamespaceUsed",
        category: .organization,
        defaultSeverity: .warning,
        message: "Workload should not run in the default namespace",
        remediation: "Deploy into a namespace of its own (metadata.namespace), which scopes RBAC, quotas and policies.",
        snippet: "metadata: {namespace: payments}",
        rule: .object(appliesTo: PodSpecLocator.isWorkload) { context in
            context.object.namespace == "default" ? [Violation(path: JSONPointer(["metadata", "namespace"]))] : []
        }
    )
}
