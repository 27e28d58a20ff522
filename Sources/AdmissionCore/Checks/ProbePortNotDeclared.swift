extension CheckDefinition {
    /// A liveness, readiness or startup probe (httpGet, tcpSocket or grpc) aimed at a port name the container does not
    /// declare (the probe can never succeed), or at a port number missing from `ports` when the container lists its
    /// ports: usually a typo or a port changed in one place only. Containers that list no ports declare nothing
    /// (Kubernetes does not require it), so their numeric probe ports pass.
    static let probePortNotDeclared = CheckDefinition(
        id: "probePortNotDeclared",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Probe targets a port the container does not declare",
        remediation: "Point the probe at one of the container's ports, or declare the port in the container's ports.",
        snippet: "ports: [{name: http, containerPort: 8080}], readinessProbe: {httpGet: {path: /ready, port: http}}",
        rule: .container(roles: [.regular], skipsRunToCompletion: true, field: "ports") { context in
            let container = context.container
            let ports = container["ports"]?.elements
            let listsPorts = (ports?.count ?? 0) > 0
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                guard let probe = container[probe], probe.isObject else { continue }
                for handler in ["httpGet", "tcpSocket", "grpc"] {
                    guard let port = probe[handler]?["port"] else { continue }
                    let declared: Bool
                    if let number = port.int {
                        declared = !listsPorts || ports?.contains { $0["containerPort"]?.int == number } == true
                    } else if let name = port.string {
                        declared = ports?.contains { $0["name"]?.isString(name) == true } ?? false
                    } else {
                        continue
                    }
                    if !declared { return false }
                }
            }
            return true
        }
    )
}
