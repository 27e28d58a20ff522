/// Input the harness cannot use: a missing file, a syntax error, a document that is not what the command needs.
/// The CLI prints `description` as one line on standard error and exits 2.
public struct HarnessError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// `FILE: message`, or `FILE:LINE:COLUMN: message` when the position is known.
    init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        var location = file
        if let line { location += ":\(line)" }
        if let line, let column, line > 0 { location += ":\(column)" }
        description = "\(location): \(message)"
    }
}
