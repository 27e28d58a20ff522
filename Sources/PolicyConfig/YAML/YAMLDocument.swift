import AdmissionCore

/// One document of a YAML stream (documents are separated by `---`).
public struct YAMLDocument: Sendable {
    /// The document's content, or `nil` for an empty document: a stray `---` at the end of a stream, or a
    /// `---` followed only by comments.
    public var root: YAMLNode?
    /// Where the document starts (its `---`, or its first content when the marker is implicit).
    public var mark: YAMLMark
    /// The file the document was loaded from, used to attribute errors.
    public var file: String?

    /// Creates a document; normally `YAMLLoader.load` does this.
    public init(root: YAMLNode?, mark: YAMLMark, file: String? = nil) {
        self.root = root
        self.mark = mark
        self.file = file
    }

    /// The document as JSON (an empty document is `null`), following the rules on `YAMLNode.json(maxNodes:file:)`.
    /// Errors name the document's file.
    public func json(maxNodes: Int = 1_000_000) throws(YAMLError) -> JSON {
        guard let root else { return .null }
        return try root.json(maxNodes: maxNodes, file: file)
    }
}
