extension CheckDefinition {
    /// Windows `hostProcess` can be switched on in the pod securityContext or in any container's: each place that
    /// sets it to true is one violation, with its own path.
    static let hostProcess = CheckDefinition(
        id: "hostProcess",
        category: .security,
        defaultSeverity: .warning,
        message: "Windows hostProcess should not be enabled",
        remediation: "Remove windowsOptions.hostProcess from the pod and container securityContexts (or set false).",
        snippet: "securityContext: {windowsOptions: {hostProcess: false}}",
        rule: .object(appliesTo: PodSpecLocator.isWorkload) { context in
            let field = JSONPointer(["securityContext", "windowsOptions", "hostProcess"])
            var violations: [Violation] = []
            for pod in context.object.podSpecs {
                if pod.spec.value(at: field)?.bool == true {
                    violations.append(Violation(path: pod.path.appending(field), detail: "set on the pod"))
                }
                for location in pod.containers where location.container.value(at: field)?.bool == true {
                    violations.append(Violation(
                        path: location.path.appending(field), detail: "set on container \(location.name)"
                    ))
                }
            }
            return violations
        }
    )
}
