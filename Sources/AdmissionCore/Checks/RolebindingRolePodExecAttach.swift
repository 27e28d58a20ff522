extension CheckDefinition {
    /// A RoleBinding to a Role (same namespace) that grants `get`/`create` on pods/exec or pods/attach.
    /// Cross-resource: needs the referenced Role (`audit`); one absent from the input fails, since it cannot be
    /// proven safe. The webhook answers nil (cannot tell). Platform-owned bindings (`system:`, `gce:`,
    /// `cluster-admin`) pass.
    static let rolebindingRolePodExecAttach = CheckDefinition(
        id: "rolebindingRolePodExecAttach",
        category: .security,
        defaultSeverity: .danger,
        message: "RoleBinding should not grant exec or attach into pods",
        remediation: "Bind a Role without get or create on pods/exec and pods/attach.",
        snippet: #"kind: Role, rules: [{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}]"#,
        rule: .crossResource(appliesTo: RBACRules.isKind("RoleBinding")) { context in
            RBACRules.judgeBinding(context, roleKind: "Role", grant: .podExecOrAttach)
        }
    )
}
