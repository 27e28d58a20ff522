extension CheckDefinition {
    static let livenessProbeMissing = CheckDefinition(
        id: "livenessProbeMissing",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Liveness probe should be configured",
        remediation: "Add a livenessProbe (httpGet or tcpSocket on the container's port) that fails only when a restart helps.",
        // Init and ephemeral containers cannot have liveness probes; Job pods run to completion.
        // Said so that nobody waits for the mutator to add one.
        explain: { ProbeTarget.whyNone($0.container) },
        rule: .container(roles: [.regular], skipsRunToCompletion: true, field: "livenessProbe") { context in
            context.container["livenessProbe"]?.isObject == true
        }
    )
}
