extension CheckDefinition {
    static let runAsPrivileged = CheckDefinition(
        id: "runAsPrivileged",
        category: .security,
        defaultSeverity: .danger,
        message: "Should not be running as privileged",
        remediation: "Remove securityContext.privileged or set it to false; grant only the capabilities the container needs.",
        snippet: "securityContext: {privileged: false}",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "securityContext/privileged"
        ) {
            $0.container["securityContext"]?["privileged"]?.bool != true
        }
    )
}
