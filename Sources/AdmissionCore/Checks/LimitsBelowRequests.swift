extension CheckDefinition {
    /// A resource limit lower than the request for the same resource (the API server rejects this for pods, but
    /// templates in `review` and `audit` are not validated), compared as quantities: `0.5` and `500m` are equal.
    static let limitsBelowRequests = CheckDefinition(
        id: "limitsBelowRequests",
        category: .efficiency,
        defaultSeverity: .warning,
        message: "Resource limit is lower than its request",
        remediation: "Raise the limit to at least the request, or lower the request.",
        snippet: "resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}",
        rule: .container(roles: [.regular, .initContainer], skipsRunToCompletion: false, field: "resources/limits") {
            guard let resources = $0.container["resources"], let limits = resources["limits"]?.members,
                let requests = resources["requests"], requests.isObject
            else { return true }
            for (name, limit) in limits {
                guard let limit = limit.quantity, let request = requests[name]?.quantity else { continue }
                if limit < request { return false }
            }
            return true
        }
    )
}
