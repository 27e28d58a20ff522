extension MutatorDefinition {
    /// Set on each container rather than the pod, so that an exempt container keeps running as it did. Off by
    /// default: an image built to run as root then fails to start (CreateContainerConfigError).
    static let defaultRunAsNonRoot = MutatorDefinition(
        id: "defaultRunAsNonRoot",
        description: "Sets securityContext.runAsNonRoot: true on containers that may run as root (off by default)",
        enabledByDefault: false,
        fixes: ["runAsRootAllowed"],
        mutate: { context, patch in
            for (pod, location) in context.containers() {
                func effective(_ key: String) -> JSONValue? {
                    WorkloadSecurity.effective(key, container: location.container, pod: pod)
                }
                // Already safe (true, a non-zero user) or an explicit choice the author made: left alone. A pod-level
                // `false` is as deliberate as a container's, and `runAsUser: 0` with runAsNonRoot would never start.
                if effective("runAsNonRoot") != nil || effective("runAsUser") != nil { continue }
                patch.setIfMissing(location.path.appending("securityContext").appending("runAsNonRoot"), true)
            }
        }
    )
}
