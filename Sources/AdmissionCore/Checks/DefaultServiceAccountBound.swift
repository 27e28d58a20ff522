extension CheckDefinition {
    /// A RoleBinding or ClusterRoleBinding whose subjects include a ServiceAccount named `default`: every pod that
    /// does not name its own service account then gets the permissions.
    static let defaultServiceAccountBound = CheckDefinition(
        id: "defaultServiceAccountBound",
        category: .security,
        defaultSeverity: .warning,
        message: "Binding grants permissions to a default service account",
        remediation: "Bind the role to a dedicated ServiceAccount and set it as the workload's serviceAccountName.",
        snippet: "subjects: [{kind: ServiceAccount, name: web, namespace: shop}]",
        rule: .object(appliesTo: {
            ($0.kind == "RoleBinding" || $0.kind == "ClusterRoleBinding") && $0.group == "rbac.authorization.k8s.io"
        }) { context in
            guard let subjects = context.object.value["subjects"]?.elements else { return [] }
            return subjects.enumerated().compactMap { index, subject in
                guard subject["kind"]?.isString("ServiceAccount") == true, subject["name"]?.isString("default") == true
                else { return nil }
                let namespace = subject["namespace"]?.string ?? context.object.namespace
                return Violation(path: JSONPointer(["subjects", String(index), "name"]), detail: "\(namespace)/default")
            }
        }
    )
}
