/// One failed check on one object (and, for container checks, one container).
public struct Finding: Sendable, Equatable {
    public let checkID: String
    public let severity: Severity
    public let category: CheckCategory
    /// One line: the check's message plus any detail.
    public let message: String
    public let remediation: String
    /// JSON Pointer, from the object's root, to where the problem sits (or where the missing field belongs).
    public let path: JSONPointer
    /// The container's name, for container checks.
    public let container: String?
    /// JSONPatch operations that fix this finding, when a mutator can; paths from the object's root.
    public var fix: [PatchOperation]

    /// `checkID (container "app"): message`, the form used in denials and warnings.
    public var summary: String {
        let scope = container.map { " (container \"\($0)\")" } ?? ""
        return "\(checkID)\(scope): \(message)"
    }
}

/// Everything the engine concluded about one object.
public struct Judgement: Sendable {
    public var findings: [Finding] = []
    /// How many times each check that ran on the object was evaluated (passes included), in run order.
    /// Kept as a list: building a dictionary on every request would cost more than judging.
    var runCounts: [(checkID: String, count: Int)] = []

    /// How many times each check ran on the object, so that tests can tell "passed" from "never ran".
    public var evaluations: [String: Int] {
        Dictionary(runCounts.map { ($0.checkID, $0.count) }, uniquingKeysWith: +)
    }

    public var hasDanger: Bool { findings.contains { $0.severity == .danger } }
}
