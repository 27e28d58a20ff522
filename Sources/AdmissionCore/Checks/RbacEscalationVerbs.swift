extension CheckDefinition {
    /// A Role or ClusterRole granting `bind`, `escalate` or `impersonate`, the verbs that let a subject obtain more
    /// permissions than it holds. Kubernetes's own roles (`system:*`, cluster-admin, admin, edit) are exempt; `*` is
    /// `rbacWildcardRules`'s finding.
    static let rbacEscalationVerbs = CheckDefinition(
        id: "rbacEscalationVerbs",
        category: .security,
        defaultSeverity: .warning,
        message: "Role grants a privilege escalation verb",
        remediation: "Remove bind, escalate and impersonate unless the subject must manage RBAC or act as other users.",
        snippet: "rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, update]}]",
        rule: .object(appliesTo: RoleHygiene.isRole) { context in
            guard !RoleHygiene.isBuiltIn(context.object) else { return [] }
            let verbs: Set<String> = ["bind", "escalate", "impersonate"]
            return RoleHygiene.grants(context.object, fields: ["verbs"], values: verbs).map {
                Violation(path: $0.path, detail: "\($0.value) granted")
            }
        }
    )
}
