extension CheckDefinition {
    static let cpuRequestsMissing = CheckDefinition(
        id: "cpuRequestsMissing",
        category: .efficiency,
        defaultSeverity: .warning,
        message: "CPU request should be set",
        remediation: "Set resources.requests.cpu to what the container needs under normal load (the scheduler reserves it).",
        // Ephemeral containers are excluded: the API forbids resources on them.
        rule: .container(roles: [.regular, .initContainer], skipsRunToCompletion: false, field: "resources/requests/cpu") {
            $0.container["resources"]?["requests"]?["cpu"]?.quantity != nil
        }
    )
}
