/// Every built-in mutator, in the order they run. A mutator file does nothing until it is listed here.
/// `defaultReplicas` runs before the spreading mutators, which count the replicas it sets; the requests
/// before the limits, which are derived from them.
public enum BuiltinMutators {
    public static let all: [MutatorDefinition] = [
        .defaultLabels,
        .defaultReplicas,
        .defaultResourceRequests,
        .defaultResourceLimits,
        .defaultProbes,
        .defaultPodAntiAffinity,
        .defaultTopologySpread,
        // Security defaults: off unless switched on, one switch each.
        .defaultRunAsNonRoot,
        .defaultNoPrivilegeEscalation,
        .defaultDropCapabilities,
        .defaultSeccompProfile,
        .defaultReadOnlyRootFilesystem,
        .defaultNoServiceAccountToken,
        .defaultImagePullPolicy,
    ]

    /// The mutator with this ID, if it exists.
    public static func named(_ id: String) -> MutatorDefinition? { all.first { $0.id == id } }
}
