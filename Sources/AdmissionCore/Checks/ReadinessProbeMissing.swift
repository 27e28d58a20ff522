extension CheckDefinition {
    static let readinessProbeMissing = CheckDefinition(
        id: "readinessProbeMissing",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Readiness probe should be configured",
        remediation: "Add a readinessProbe so that the Service sends traffic only to pods that can serve it.",
        // Said so that nobody waits for the mutator to add one.
        explain: { ProbeTarget.whyNone($0.container) },
        rule: .container(roles: [.regular], skipsRunToCompletion: true, field: "readinessProbe") { context in
            context.container["readinessProbe"]?.isObject == true
        }
    )
}
