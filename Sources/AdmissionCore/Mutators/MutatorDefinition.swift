/// A mutator: data plus one pure function that records the changes it wants in a `PatchBuilder`.
///
/// Changes are computed against the object as received (never a typed round trip), and all mutators share one
/// builder, so their patches merge into one minimal patch. A mutator must be idempotent: on its own output it
/// changes nothing. It fills in what is missing and never overrides a value the author wrote.
public final class MutatorDefinition: Sendable {
    /// Stable lowerCamelCase ID, used in the policy file, in exemption annotations and in provenance.
    public let id: String
    public let description: String
    public let enabledByDefault: Bool
    public let parameters: [ParameterSpec]
    /// The checks whose findings this mutator's output no longer has (where it applies): each such finding's
    /// `fix` is the part of this mutator's patch at the finding's path.
    public let fixes: [String]
    /// True when it changes the pod spec, which the API server refuses to change on an existing Pod: such a
    /// mutator never runs on a Pod UPDATE.
    public let changesPodSpec: Bool
    public let mutate: @Sendable (MutationContext, inout PatchBuilder) -> Void

    public init(
        id: String, description: String, enabledByDefault: Bool, parameters: [ParameterSpec] = [],
        fixes: [String] = [], changesPodSpec: Bool = true,
        mutate: @escaping @Sendable (MutationContext, inout PatchBuilder) -> Void
    ) {
        self.id = id
        self.description = description
        self.enabledByDefault = enabledByDefault
        self.parameters = parameters
        self.fixes = fixes
        self.changesPodSpec = changesPodSpec
        self.mutate = mutate
    }
}

/// What a mutator sees: the object as received, its parameters, and which containers it must leave alone.
public struct MutationContext: Sendable {
    public let object: KubernetesObject
    public let parameters: Parameters
    /// Container-level exemption rules (`exemptions.rules` with `containers:`) that cover this mutator.
    let exemptContainers: [GlobPattern]

    public init(object: KubernetesObject, parameters: Parameters, exemptContainers: [GlobPattern] = []) {
        self.object = object
        self.parameters = parameters
        self.exemptContainers = exemptContainers
    }

    /// The containers of every pod spec with the given roles, minus exempt ones. Ephemeral containers are never
    /// offered: they are added through their own subresource, and the API forbids most fields on them.
    public func containers(_ roles: Set<ContainerRole> = [.regular, .initContainer]) -> [(pod: PodSpecLocation, location: ContainerLocation)] {
        object.podSpecs.flatMap { pod in
            pod.containers.filter { location in
                location.role != .ephemeral && roles.contains(location.role)
                    && !exemptContainers.contains { $0.matches(location.name) }
            }.map { (pod, $0) }
        }
    }
}

extension PodSpecLocation {
    /// A pod that declares `spec.os.name: windows`: the API rejects the Linux-only securityContext fields on it
    /// (seccompProfile, capabilities, readOnlyRootFilesystem, allowPrivilegeEscalation, among others).
    var runsOnWindows: Bool { spec["os"]?["name"]?.isString("windows") == true }
}
