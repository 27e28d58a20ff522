extension CheckDefinition {
    /// A RoleBinding to a Role (same namespace) with a `*`/`*`/`*` rule (or all verbs).
    /// Cross-resource: needs the referenced Role (`audit`); one absent from the input fails, since it cannot be
    /// proven safe. The webhook answers nil (cannot tell). Platform-owned bindings (`system:`, `gce:`,
    /// `cluster-admin`) pass.
    static let rolebindingClusterAdminRole = CheckDefinition(
        id: "rolebindingClusterAdminRole",
        category: .security,
        defaultSeverity: .danger,
        message: "RoleBinding should not grant every permission in its namespace",
        remediation: "Bind a Role that grants only the resources and verbs the subjects need, not */*/*.",
        snippet: "kind: Role, rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}]",
        rule: .crossResource(appliesTo: RBACRules.isKind("RoleBinding")) { context in
            RBACRules.judgeBinding(context, roleKind: "Role", grant: .everything)
        }
    )
}
