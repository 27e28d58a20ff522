extension CheckDefinition {
    /// A Role or ClusterRole with `*` among a rule's verbs, resources or apiGroups: it grants whatever exists now and
    /// whatever is added later. Kubernetes's own roles (`system:*`, cluster-admin, admin, edit) are exempt.
    static let rbacWildcardRules = CheckDefinition(
        id: "rbacWildcardRules",
        category: .security,
        defaultSeverity: .warning,
        message: "Role grants access with a wildcard",
        remediation: "List the verbs, resources and API groups the role needs instead of using *.",
        snippet: "rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}]",
        rule: .object(appliesTo: RoleHygiene.isRole) { context in
            guard !RoleHygiene.isBuiltIn(context.object) else { return [] }
            return RoleHygiene.grants(context.object, fields: ["verbs", "resources", "apiGroups"], values: ["*"]).map {
                Violation(path: $0.path, detail: "* in \($0.field)")
            }
        }
    )
}
