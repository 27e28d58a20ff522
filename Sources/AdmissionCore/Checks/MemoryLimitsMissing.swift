extension CheckDefinition {
    static let memoryLimitsMissing = CheckDefinition(
        id: "memoryLimitsMissing",
        category: .efficiency,
        defaultSeverity: .warning,
        message: "Memory limit should be set",
        remediation: "Set resources.limits.memory so that a leak ends in an OOM kill of this container, not of the node.",
        // Ephemeral containers are excluded: the API forbids resources on them.
        rule: .container(roles: [.regular, .initContainer], skipsRunToCompletion: false, field: "resources/limits/memory") {
            $0.container["resources"]?["limits"]?["memory"]?.quantity != nil
        }
    )
}
