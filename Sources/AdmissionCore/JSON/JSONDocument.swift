/// A parsed JSON text: the original bytes plus a flat index ("tape") of every value in them.
///
/// Parsing validates the whole text (RFC 8259) but builds no tree and decodes no string: a `JSONValue` is an
/// index into the tape, strings are compared against keys byte for byte, and a subtree nobody asks about costs
/// nothing beyond its tape entries. Serializing an untouched value copies its original bytes, so unknown fields,
/// big integers, decimals and escapes come out exactly as they came in.
public final class JSONDocument: Sendable {
    /// Deeper nesting is rejected: Kubernetes objects stay far below this, and it bounds the parser's stack.
    public static let maxDepth = 512

    let bytes: [UInt8]
    let tape: [TapeEntry]

    /// Parses `bytes` as one JSON text (leading and trailing whitespace allowed).
    public init(parsing bytes: [UInt8]) throws(JSONParseError) {
        self.bytes = bytes
        self.tape = try JSONTapeBuilder.parse(bytes)
    }

    public convenience init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// Number of bytes of the JSON text.
    public var byteCount: Int { bytes.count }
}

/// One value on the tape. Containers record where their subtree ends, so lookups skip whole subtrees in O(1).
struct TapeEntry: Sendable {
    enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, escapedString, array, object
    }

    var kind: Kind
    /// Byte range of the value. For strings, the contents between the quotes.
    var start: UInt32
    var end: UInt32
    /// Tape index just past this value's subtree (the next sibling, or the parent's end).
    var next: UInt32
    /// Members of an object or elements of an array.
    var count: UInt32
}
