extension CheckDefinition {
    /// A ClusterRoleBinding to cluster-admin, or to a ClusterRole with a `*`/`*`/`*` rule (or all verbs).
    /// Cross-resource: needs the referenced ClusterRole (`audit`); one absent from the input fails, since it
    /// cannot be proven safe, unless it is a default view, edit, admin or cluster-admin ClusterRole, whose
    /// content Kubernetes fixes. The webhook answers nil (cannot tell), except that a binding to
    /// cluster-admin fails alone. Platform-owned bindings (`system:`, `gce:`, `cluster-admin`) pass.
    static let clusterrolebindingClusterAdmin = CheckDefinition(
        id: "clusterrolebindingClusterAdmin",
        category: .security,
        defaultSeverity: .danger,
        message: "ClusterRoleBinding should not grant cluster-admin",
        remediation:
            "Bind a ClusterRole granting only what the subjects need, not cluster-admin or */*/*.",
        snippet: "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}",
        rule: .crossResource(appliesTo: RBACRules.isKind("ClusterRoleBinding")) { context in
            RBACRules.judgeBinding(
                context, roleKind: "ClusterRole", grant: .everything,
                decidesAlone: { $0 == "cluster-admin" })
        }
    )
}
