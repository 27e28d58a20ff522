/// A position in a YAML source: 1-based line and column, as editors and `FILE:LINE:COLUMN` messages count them.
///
/// Columns count characters (Unicode scalars), not bytes, because that is how libyaml advances its marks.
public struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a mark from 1-based coordinates.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }

    /// Orders marks by position in the source.
    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
