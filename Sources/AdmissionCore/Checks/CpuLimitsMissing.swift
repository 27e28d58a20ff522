extension CheckDefinition {
    static let cpuLimitsMissing = CheckDefinition(
        id: "cpuLimitsMissing",
        category: .efficiency,
        defaultSeverity: .warning,
        message: "CPU limit should be set",
        remediation: "Set resources.limits.cpu so that one container cannot starve its neighbours.",
        // Ephemeral containers are excluded: the API forbids resources on them.
        rule: .container(roles: [.regular, .initContainer], skipsRunToCompletion: false, field: "resources/limits/cpu") {
            $0.container["resources"]?["limits"]?["cpu"]?.quantity != nil
        }
    )
}
