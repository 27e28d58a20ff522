/// Every built-in check, in the order they run and are listed. A check file does nothing until it is listed here.
public enum BuiltinChecks {
    public static let all: [CheckDefinition] = [
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
