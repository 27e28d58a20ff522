/// Every built-in mutator, in the order they run. A mutator file does nothing until it is listed here.
public enum BuiltinMutators {
    public static let all: [MutatorDefinition] = [
        .defaultResourceRequests,
    ]

    /// The mutator with this ID, if it exists.
    public static func named(_ id: String) -> MutatorDefinition? { all.first { $0.id == id } }
}
