extension CheckDefinition {
    /// A Role granting `get`/`create` on pods/exec or pods/attach (also through `*`); `system:` and `gce:`
    /// Roles belong to the platform and pass.
    static let rolePodExecAttach = CheckDefinition(
        id: "rolePodExecAttach",
        category: .security,
        defaultSeverity: .danger,
        message: "Role should not allow exec or attach into pods",
        remediation: "Remove get and create on pods/exec and pods/attach (and wildcards covering them) from the rules.",
        snippet: #"rules: [{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}]"#,
        rule: .object(appliesTo: RBACRules.isKind("Role")) { context in
            guard !RBACRules.isPlatformOwned(context.object.name) else { return [] }
            return RBACRules.offendingRules(of: context.object.value, RBACRules.grantsPodExecOrAttach)
        }
    )
}
