extension CheckDefinition {
    /// A Deployment whose RollingUpdate `maxUnavailable` lets every replica go down at once (100%, or a number at
    /// least `replicas`). `Recreate` is not flagged: it is an explicit choice, often required by ReadWriteOnce
    /// volumes or by versions that must not run side by side. Deployments at 0 replicas have nothing to disrupt.
    static let rollingUpdateUnsafe = CheckDefinition(
        id: "rollingUpdateUnsafe",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Rolling update may take every replica down at once",
        remediation: "Set strategy.rollingUpdate.maxUnavailable below the replica count (25% or 0 with a maxSurge).",
        snippet: "spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}}}",
        rule: .object(appliesTo: { $0.kind == "Deployment" && PodSpecLocator.isWorkload($0) }) { context in
            let spec = context.object.value["spec"]
            let replicas = spec?["replicas"]?.int ?? 1
            let strategy = spec?["strategy"]
            guard replicas > 0, strategy?["type"]?.string ?? "RollingUpdate" == "RollingUpdate",
                let maxUnavailable = strategy?["rollingUpdate"]?["maxUnavailable"]
            else { return [] }
            let unavailable: Int
            if let number = maxUnavailable.int {
                unavailable = number
            } else if let text = maxUnavailable.string, text.hasSuffix("%"), let percent = Int(text.dropLast()) {
                unavailable = percent * replicas / 100  // the controller rounds maxUnavailable down
            } else {
                return []
            }
            guard unavailable >= replicas else { return [] }
            let path = JSONPointer(["spec", "strategy", "rollingUpdate", "maxUnavailable"])
            return [Violation(path: path, detail: "maxUnavailable allows all \(replicas) replicas to be unavailable")]
        }
    )
}
