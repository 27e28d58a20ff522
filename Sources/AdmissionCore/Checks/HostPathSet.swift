extension CheckDefinition {
    /// One violation per hostPath volume, each pointing at that volume's `hostPath`.
    static let hostPathSet = CheckDefinition(
        id: "hostPathSet",
        category: .security,
        defaultSeverity: .warning,
        message: "HostPath volumes should not be used",
        remediation: "Replace hostPath volumes with emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim.",
        snippet: "volumes: [{name: data, emptyDir: {}}]",
        rule: .object(appliesTo: PodSpecLocator.isWorkload) { context in
            var violations: [Violation] = []
            for pod in context.object.podSpecs {
                guard let volumes = pod.spec["volumes"]?.elements else { continue }
                for (position, volume) in volumes.enumerated() {
                    guard let hostPath = volume["hostPath"], !hostPath.isNull else { continue }
                    let name = volume["name"]?.string ?? String(position)
                    violations.append(Violation(
                        path: pod.path.appending("volumes").appending(position).appending("hostPath"),
                        detail: "volume \(name) mounts \(hostPath["path"]?.string ?? "a host directory")"
                    ))
                }
            }
            return violations
        }
    )
}
