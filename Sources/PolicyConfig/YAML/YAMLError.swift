/// A problem in a YAML source: a syntax error reported by libyaml, or a semantic error found at a node
/// (an unknown anchor, a complex mapping key, a document that expands too far, a policy field of the wrong type).
///
/// `description` is `FILE:LINE:COLUMN: MESSAGE`, or `LINE:COLUMN: MESSAGE` when there is no file name, so editors
/// and terminals can jump to the spot.
public struct YAMLError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, without the position.
    public var message: String
    /// The file the YAML came from, when known.
    public var file: String?
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem.
    public var column: Int

    /// Creates an error at explicit 1-based coordinates.
    public init(message: String, file: String? = nil, line: Int, column: Int) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// Creates an error at a node's (or document's) mark; use this for semantic errors found after parsing.
    public init(message: String, mark: YAMLMark, file: String? = nil) {
        self.init(message: message, file: file, line: mark.line, column: mark.column)
    }

    /// The error's position as a mark.
    public var mark: YAMLMark { YAMLMark(line: line, column: column) }

    /// `FILE:LINE:COLUMN: MESSAGE`, or `LINE:COLUMN: MESSAGE` without a file.
    public var description: String {
        if let file { return "\(file):\(line):\(column): \(message)" }
        return "\(line):\(column): \(message)"
    }
}
