/// A mutator: data plus one pure function from an object to RFC 6902 operations.
///
/// Operations are computed against the object as received (never a typed round trip). A mutator must be
/// idempotent: run on its own output it returns no operation. It adds a missing parent whole, since JSON Patch
/// `add` cannot create intermediate objects.
public struct MutatorDefinition: Sendable {
    public let id: String
    public let description: String
    public let enabledByDefault: Bool
    public let parameters: [ParameterSpec]
    public let mutate: @Sendable (MutationContext) -> [PatchOperation]

    public init(
        id: String, description: String, enabledByDefault: Bool, parameters: [ParameterSpec] = [],
        mutate: @escaping @Sendable (MutationContext) -> [PatchOperation]
    ) {
        self.id = id
        self.description = description
        self.enabledByDefault = enabledByDefault
        self.parameters = parameters
        self.mutate = mutate
    }
}

public struct MutationContext: Sendable {
    public let object: KubernetesObject
    public let parameters: Parameters
}
