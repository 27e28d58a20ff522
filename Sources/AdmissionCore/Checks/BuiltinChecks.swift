/// Every built-in check, in the order they run and are listed. A check file does nothing until it is listed in
/// one of the groups below; `all` is the groups in order.
public enum BuiltinChecks {
    public static let all: [CheckDefinition] = core + polarisWorkload + polarisCluster + practices

    /// The first checks: probes, resources, image tag, privileged, host namespaces, namespace and labels.
    static let core: [CheckDefinition] = [
        // Reliability
        .livenessProbeMissing,
        .readinessProbeMissing,
        .tagNotSpecified,
        // Efficiency
        .cpuRequestsMissing,
        .memoryRequestsMissing,
        .cpuLimitsMissing,
        .memoryLimitsMissing,
        // Security
        .runAsPrivileged,
        .hostNetworkSet,
        .hostPIDSet,
        .hostIPCSet,
        // Organization
        .defaultNamespaceUsed,
        .requiredLabelsMissing,
    ]

    /// The check with this ID, if it exists.
    public static func named(_ id: String) -> CheckDefinition? { all.first { $0.id == id } }
}
