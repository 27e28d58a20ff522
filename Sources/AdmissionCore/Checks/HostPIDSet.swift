extension CheckDefinition {
    static let hostPIDSet = CheckDefinition(
        id: "hostPIDSet",
        category: .security,
        defaultSeverity: .danger,
        message: "Host PID namespace should not be used",
        remediation: "Remove spec.hostPID or set it to false: the pod sees and can signal every process on the node.",
        snippet: "hostPID: false",
        rule: .podSpec(field: "hostPID") { $0.spec["hostPID"]?.bool != true }
    )
}
