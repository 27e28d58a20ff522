extension CheckDefinition {
    /// A RoleBinding to a ClusterRole that grants `get`/`create` on pods/exec or pods/attach.
    /// Cross-resource: needs the referenced ClusterRole (`audit`); one absent from the input fails, since it
    /// cannot be proven safe, unless it is a default view, edit, admin or cluster-admin ClusterRole, whose
    /// content Kubernetes fixes. The webhook answers nil (cannot tell).
    /// Platform-owned bindings (`system:`, `gce:`, `cluster-admin`) pass.
    static let rolebindingClusterRolePodExecAttach = CheckDefinition(
        id: "rolebindingClusterRolePodExecAttach",
        category: .security,
        defaultSeverity: .danger,
        message: "RoleBinding should not grant exec or attach into pods",
        remediation: "Bind a ClusterRole without get or create on pods/exec and pods/attach.",
        snippet: "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}",
        rule: .crossResource(appliesTo: RBACRules.isKind("RoleBinding")) { context in
            RBACRules.judgeBinding(context, roleKind: "ClusterRole", grant: .podExecOrAttach)
        }
    )
}
