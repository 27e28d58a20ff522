/// One entry of the policy's `namespaces:` list: for objects in a namespace matching `match` (exact names or
/// globs), these settings replace the policy's. The first matching entry wins; later ones are not consulted.
public struct NamespaceOverride: Sendable {
    public var match: [GlobPattern]
    /// The mode in these namespaces (the policy's when nil).
    public var mode: EnforcementMode?
    /// Severities that replace the policy's for these namespaces; parameters stay the policy's.
    public var severities: [String: Severity]
    public var allowAnnotationExemptions: Bool?
    public var allowConfigExemptions: Bool?
    /// Mutators switched on or off in these namespaces; parameters stay the policy's.
    public var mutators: [String: Bool]

    public init(
        match: [GlobPattern], mode: EnforcementMode? = nil, severities: [String: Severity] = [:],
        allowAnnotationExemptions: Bool? = nil, allowConfigExemptions: Bool? = nil, mutators: [String: Bool] = [:]
    ) {
        self.mutators = mutators
        self.match = match
        self.mode = mode
        self.severities = severities
        self.allowAnnotationExemptions = allowAnnotationExemptions
        self.allowConfigExemptions = allowConfigExemptions
    }

    public func matches(_ namespace: String) -> Bool { match.contains { $0.matches(namespace) } }
}
