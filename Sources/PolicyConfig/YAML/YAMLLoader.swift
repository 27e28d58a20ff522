/// Loads YAML streams into `YAMLNode` trees (with libyaml), one `YAMLDocument` per `---`-separated document.
public enum YAMLLoader {
    /// Collections may nest at most this deep (counting through aliases); deeper input is a `YAMLError`.
    public static let maxDepth = YAMLTreeBuilder.maxDepth

    /// Parses every document of a YAML stream.
    ///
    /// An empty stream, or one holding only comments, has no documents; a `---` with nothing after it is a
    /// document whose `root` is `nil`. Anchors are scoped to their document. Syntax errors, invalid UTF-8, unknown
    /// anchors and excessive nesting throw a `YAMLError` naming `file`, line and column.
    ///
    /// - Parameters:
    ///   - bytes: The stream, UTF-8 (or UTF-16 with a byte order mark).
    ///   - file: The file name to put in errors and documents, if any.
    public static func load(_ bytes: [UInt8], file: String? = nil) throws(YAMLError) -> [YAMLDocument] {
        try YAMLParser.parse(bytes, file: file)
    }

    /// Parses every document of a YAML stream given as text; see `load(_:file:)` for bytes.
    public static func load(_ text: String, file: String? = nil) throws(YAMLError) -> [YAMLDocument] {
        try YAMLParser.parse(Array(text.utf8), file: file)
    }
}
