extension CheckDefinition {
    static let priorityClassNotSet = CheckDefinition(
        id: "priorityClassNotSet",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Priority class should be set",
        remediation: "Set spec.priorityClassName to a PriorityClass that matches how important the workload is.",
        snippet: "priorityClassName: standard",
        rule: .podSpec(field: "priorityClassName") { !($0.spec["priorityClassName"]?.string?.isEmpty ?? true) }
    )
}
