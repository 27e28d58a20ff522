extension BuiltinChecks {
    /// Polaris's remaining pod-spec and container checks (same IDs and default severities).
    static let polarisWorkload: [CheckDefinition] = [
        // Security: privilege, identity and capabilities first, then host access, then hardening. Every container
        // check judges regular, init and ephemeral containers alike: each runs on the node with the same powers.
        .privilegeEscalationAllowed,
        .runAsRootAllowed,
        .dangerousCapabilities,
        .insecureCapabilities,
        .notReadOnlyRootFilesystem,
        .hostPortSet,
        .hostPathSet,
        .procMount,
        .hostProcess,
        .linuxHardening,
        .sensitiveContainerEnvVar,
        // Reliability.
        .pullPolicyNotAlways,
        .priorityClassNotSet,
        .topologySpreadConstraint,
        .deploymentMissingReplicas,
        .metadataAndInstanceMismatched,
    ]
}

/// Small helpers shared by the Polaris workload checks.
enum WorkloadSecurity {
    /// The container's `securityContext[key]`, else the pod's: Kubernetes lets the container override the pod.
    /// Only for keys that exist in both (runAsNonRoot, runAsUser, seccompProfile, seLinuxOptions, ...).
    static func effective(_ key: String, _ context: ContainerContext) -> JSONValue? {
        effective(key, container: context.container, pod: context.pod)
    }

    static func effective(_ key: String, container: JSONValue, pod: PodSpecLocation) -> JSONValue? {
        if let own = container["securityContext"]?[key], !own.isNull { return own }
        if let podLevel = pod.spec["securityContext"]?[key], !podLevel.isNull { return podLevel }
        return nil
    }

    /// True when `list` holds a string equal to `name` ignoring case (and a `CAP_` prefix); `name` is upper case.
    static func containsCapability(_ list: JSONValue?, _ name: String) -> Bool {
        guard let elements = list?.elements else { return false }
        for element in elements {
            guard var text = element.string?.uppercased() else { continue }
            if text.hasPrefix("CAP_") { text.removeFirst(4) }
            if text == name { return true }
        }
        return false
    }
}
