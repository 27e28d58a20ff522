extension CheckDefinition {
    /// A `hostPort` of 0 means "none" to Kubernetes, so only a non-zero value fails.
    static let hostPortSet = CheckDefinition(
        id: "hostPortSet",
        category: .security,
        defaultSeverity: .warning,
        message: "Host port should not be configured",
        remediation: "Remove hostPort from the container's ports and expose the port through a Service instead.",
        snippet: "ports: [{name: http, containerPort: 8080}]",
        rule: .container(roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "ports") {
            guard let ports = $0.container["ports"]?.elements else { return true }
            for port in ports {
                guard let hostPort = port["hostPort"], !hostPort.isNull else { continue }
                if hostPort.int != 0 { return false }
            }
            return true
        }
    )
}
