extension CheckDefinition {
    /// Liveness and readiness probes that are equal as JSON objects (member order ignored): a failing dependency
    /// then restarts the container instead of only taking it out of rotation.
    static let probesIdentical = CheckDefinition(
        id: "probesIdentical",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Liveness and readiness probes should not be identical",
        remediation: "Make the liveness probe check only that the process is alive; let readiness check dependencies.",
        snippet: "livenessProbe: {tcpSocket: {port: http}}, readinessProbe: {httpGet: {path: /ready, port: http}}",
        rule: .container(roles: [.regular], skipsRunToCompletion: true, field: "livenessProbe") { context in
            // Empty probes configure nothing: livenessProbeMissing and the API server's validation deal with them.
            guard let liveness = context.container["livenessProbe"], liveness.isObject, liveness.count > 0,
                let readiness = context.container["readinessProbe"], readiness.isObject
            else { return true }
            // Identical bytes are the common case and need no allocation; otherwise compare as JSON values.
            if liveness.rawBytes.elementsEqual(readiness.rawBytes) { return false }
            return !liveness.isEqual(to: readiness)
        }
    )
}
