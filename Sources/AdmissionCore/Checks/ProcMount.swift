extension CheckDefinition {
    /// `procMount` exists only on the container securityContext; unset means Default.
    static let procMount = CheckDefinition(
        id: "procMount",
        category: .security,
        defaultSeverity: .warning,
        message: "The default /proc mask should be used",
        remediation: "Remove securityContext.procMount or set it to Default.",
        snippet: "securityContext: {procMount: Default}",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/procMount"
        ) { context in
            guard let mount = context.container["securityContext"]?["procMount"], !mount.isNull else { return true }
            return mount.isString("Default")
        }
    )
}
