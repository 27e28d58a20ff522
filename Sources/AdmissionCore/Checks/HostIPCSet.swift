extension CheckDefinition {
    static let hostIPCSet = CheckDefinition(
        id: "hostIPCSet",
        category: .security,
        defaultSeverity: .danger,
        message: "Host IPC namespace should not be used",
        remediation: "Remove spec.hostIPC or set it to false: the pod shares System V IPC and POSIX shared memory with the node.",
        snippet: "hostIPC: false",
        rule: .podSpec(field: "hostIPC") { $0.spec["hostIPC"]?.bool != true }
    )
}
