extension CheckDefinition {
    static let memoryRequestsMissing = CheckDefinition(
        id: "memoryRequestsMissing",
        category: .efficiency,
        defaultSeverity: .warning,
        message: "Memory request should be set",
        remediation: "Set resources.requests.memory to the container's working set (the scheduler reserves it).",
        // Ephemeral containers are excluded: the API forbids resources on them.
        rule: .container(roles: [.regular, .initContainer], skipsRunToCompletion: false, field: "resources/requests/memory") {
            $0.container["resources"]?["requests"]?["memory"]?.quantity != nil
        }
    )
}
