extension CheckDefinition {
    static let hostNetworkSet = CheckDefinition(
        id: "hostNetworkSet",
        category: .security,
        defaultSeverity: .danger,
        message: "Host network should not be used",
        remediation: "Remove spec.hostNetwork or set it to false: the pod sees and binds the node's network interfaces.",
        snippet: "hostNetwork: false",
        rule: .podSpec(field: "hostNetwork") { $0.spec["hostNetwork"]?.bool != true }
    )
}
