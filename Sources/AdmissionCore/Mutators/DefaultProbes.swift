extension MutatorDefinition {
    /// Probes derived from the ports the container declares (see `ProbeTarget`). Readiness reacts fast; liveness
    /// waits twice as long and tolerates more failures, so that a slow dependency takes a pod out of rotation
    /// without restarting it. A container that declares no TCP port gets nothing: a guessed probe that fails
    /// would restart a healthy container forever, which is worse than no probe.
    static let defaultProbes = MutatorDefinition(
        id: "defaultProbes",
        description: "Adds missing readiness and liveness probes on the port the container declares (never guessed)",
        enabledByDefault: true,
        parameters: [
            ParameterSpec("readinessPath", .string, default: "", "HTTP path for readiness on ports named for HTTP (\"\": tcpSocket)."),
            ParameterSpec("livenessPath", .string, default: "", "HTTP path for liveness on ports named for HTTP (\"\": tcpSocket)."),
            ParameterSpec("startupProbe", .boolean, default: false, "Also add a startup probe, for slow starters."),
            ParameterSpec("startupFailureThreshold", .integer, default: 30, "Startup probe attempts, 10 s apart, before the container is restarted."),
        ],
        fixes: ["readinessProbeMissing", "livenessProbeMissing"],
        mutate: { context, patch in
            let parameters = context.parameters
            let wantsStartup = parameters.bool("startupProbe")
            for (pod, location) in context.containers([.regular]) where !pod.runsToCompletion {
                // The common case, probes already written, costs two lookups.
                let container = location.container
                if container["readinessProbe"].map({ !$0.isNull }) == true, container["livenessProbe"].map({ !$0.isNull }) == true,
                    !wantsStartup || container["startupProbe"].map({ !$0.isNull }) == true
                {
                    continue
                }
                guard let target = ProbeTarget(container) else { continue }
                let readinessPath = location.path.appending("readinessProbe")
                let livenessPath = location.path.appending("livenessProbe")
                var readiness = target.probe(path: parameters.string("readinessPath"), period: 10, timeout: 1, failures: 3)
                // probesIdentical the other way round: a hand-written liveness probe may equal the derived readiness.
                if let existing = patch.value(at: livenessPath), existing == readiness {
                    readiness = target.probe(path: parameters.string("readinessPath"), period: 10, timeout: 1, failures: 2)
                }
                patch.setIfMissing(readinessPath, readiness)
                var liveness = target.probe(path: parameters.string("livenessPath"), period: 20, timeout: 5, failures: 6)
                // probesIdentical: a hand-written readiness probe may equal what would be derived for liveness.
                if let existing = patch.value(at: readinessPath), existing == liveness {
                    liveness = target.probe(path: parameters.string("livenessPath"), period: 20, timeout: 5, failures: 7)
                }
                patch.setIfMissing(livenessPath, liveness)
                if wantsStartup {
                    let attempts = max(1, parameters.int("startupFailureThreshold") ?? 30)
                    let startup = target.probe(path: parameters.string("livenessPath"), period: 10, timeout: 1, failures: attempts)
                    patch.setIfMissing(location.path.appending("startupProbe"), startup)
                }
            }
        }
    )
}

/// The port a probe for a container should use: a port named `http`, `https` or `metrics` first (in that
/// order), else the first TCP `containerPort`. Nil when the container declares no TCP port.
struct ProbeTarget {
    /// The port's name when it has one (a probe by name survives a renumbering), else its number.
    let port: JSON
    /// True for ports whose name says they speak HTTP(S), so an `httpGet` makes sense on them.
    let speaksHTTP: Bool
    let secure: Bool

    static let preferredNames = ["http", "https", "metrics"]

    init?(_ container: JSONValue) {
        guard let ports = container["ports"]?.elements else { return nil }
        var candidates: [(name: String?, number: Int)] = []
        for port in ports {
            let isTCP = port["protocol"].map { $0.isNull || $0.isString("TCP") } ?? true
            guard isTCP, let number = port["containerPort"]?.int, number > 0 else { continue }
            candidates.append((port["name"]?.string.flatMap { $0.isEmpty ? nil : $0 }, number))
        }
        let chosen = Self.preferredNames.lazy.compactMap { name in candidates.first { $0.name == name } }.first
            ?? candidates.first
        guard let chosen else { return nil }
        port = chosen.name.map(JSON.string) ?? .number(JSONNumber(chosen.number))
        let name = chosen.name ?? ""
        speaksHTTP = Self.preferredNames.contains(name) || name.hasPrefix("http-") || name.hasPrefix("https-")
        secure = name.hasPrefix("https")
    }

    /// Why no probe is derived for `container`, or nil when one is.
    static func whyNone(_ container: JSONValue) -> String? {
        ProbeTarget(container) == nil ? "the container declares no TCP port, so no probe can be derived for it" : nil
    }

    /// An `httpGet` probe when the port speaks HTTP and a path is configured, else `tcpSocket`.
    func probe(path: String?, period: Int, timeout: Int, failures: Int) -> JSON {
        var handler: (name: String, value: JSON) = ("tcpSocket", ["port": port])
        if speaksHTTP, let path, !path.isEmpty {
            handler = ("httpGet", secure ? ["path": .string(path), "port": port, "scheme": "HTTPS"] : ["path": .string(path), "port": port])
        }
        return .object(JSONObject([
            JSONObject.Member(key: handler.name, value: handler.value),
            JSONObject.Member(key: "periodSeconds", value: .number(JSONNumber(period))),
            JSONObject.Member(key: "timeoutSeconds", value: .number(JSONNumber(timeout))),
            JSONObject.Member(key: "failureThreshold", value: .number(JSONNumber(failures))),
        ]))
    }
}
