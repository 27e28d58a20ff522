extension CheckDefinition {
    /// Capability names compare ignoring case and a `CAP_` prefix, as container runtimes accept both.
    static let dangerousCapabilities = CheckDefinition(
        id: "dangerousCapabilities",
        category: .security,
        defaultSeverity: .danger,
        message: "Container should not add dangerous capabilities",
        remediation: "Remove ALL, SYS_ADMIN and NET_ADMIN from securityContext.capabilities.add.",
        parameters: [
            ParameterSpec(
                "capabilities", .stringList, default: ["ALL", "SYS_ADMIN", "NET_ADMIN"],
                "Capabilities no container may add (case-insensitive)."
            ),
        ],
        snippet: "securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/capabilities/add"
        ) { context in
            let added = context.container["securityContext"]?["capabilities"]?["add"]
            guard added?.elements != nil else { return true }
            return !context.parameters.stringList("capabilities").contains {
                WorkloadSecurity.containsCapability(added, $0.uppercased())
            }
        }
    )
}
