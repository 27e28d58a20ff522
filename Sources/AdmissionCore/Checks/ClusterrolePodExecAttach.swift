extension CheckDefinition {
    /// A ClusterRole granting `get`/`create` on pods/exec or pods/attach (also through `*`). Kubernetes's own
    /// roles (admin, edit, cluster-admin, `system:`) and `gce:` ones are not the user's to change, so they pass.
    static let clusterrolePodExecAttach = CheckDefinition(
        id: "clusterrolePodExecAttach",
        category: .security,
        defaultSeverity: .danger,
        message: "ClusterRole should not allow exec or attach into pods",
        remediation: "Remove get and create on pods/exec and pods/attach (and wildcards covering them) from the rules.",
        snippet: #"rules: [{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}]"#,
        rule: .object(appliesTo: RBACRules.isKind("ClusterRole")) { context in
            let name = context.object.name
            let builtIn = ["admin", "edit", "cluster-admin"].contains(name)
            guard !builtIn, !RBACRules.isPlatformOwned(name) else { return [] }
            return RBACRules.offendingRules(of: context.object.value, RBACRules.grantsPodExecOrAttach)
        }
    )
}
