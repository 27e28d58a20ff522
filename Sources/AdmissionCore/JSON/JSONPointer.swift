/// An RFC 6901 JSON Pointer. Tokens are stored unescaped; `description` escapes `~` as `~0` and `/` as `~1`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public private(set) var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// The document root ("").
    public static let root = JSONPointer()

    /// Parses the textual form (`""` or `/a/b~1c`). Returns nil when it does not start with `/`.
    public init?(parsing text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            // Order matters: "~01" is "~1" unescaped, not "/".
            String($0.replacing("~1", with: "/").replacing("~0", with: "~"))
        }
    }

    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            // Most tokens need no escaping; only pay for replacement when they do.
            if token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                // Byte by byte: String.replacing costs ~20 times more, and label keys (`app.kubernetes.io/name`)
                // are in nearly every patch.
                var escaped: [UInt8] = []
                escaped.reserveCapacity(token.utf8.count + 4)
                for byte in token.utf8 {
                    switch byte {
                    case UInt8(ascii: "~"): escaped += [UInt8(ascii: "~"), UInt8(ascii: "0")]
                    case UInt8(ascii: "/"): escaped += [UInt8(ascii: "~"), UInt8(ascii: "1")]
                    default: escaped.append(byte)
                    }
                }
                text += String(decoding: escaped, as: UTF8.self)
            } else {
                text += token
            }
        }
        return text
    }

    /// The path as the Kubernetes API names fields in errors: `spec.template.spec.containers[0].image`, with keys
    /// that hold dots or slashes in brackets: `metadata.labels[app.kubernetes.io/name]`.
    public var fieldPath: String {
        var text = ""
        for token in tokens {
            // Bytes, not String.contains: that goes through string processing and cost ~20 times more here.
            if Self.arrayIndex(token) != nil
                || token.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") })
            {
                text += "[\(token)]"
            } else {
                text += text.isEmpty ? token : "." + token
            }
        }
        return text
    }

    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    public func appending(_ other: JSONPointer) -> JSONPointer {
        var copy = self
        copy.tokens.append(contentsOf: other.tokens)
        return copy
    }

    public var parent: JSONPointer? {
        guard !tokens.isEmpty else { return nil }
        return JSONPointer(Array(tokens.dropLast()))
    }

    public var lastToken: String? { tokens.last }

    /// An array index token per RFC 6901: `0` or a number without leading zeros.
    static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, first != UInt8(ascii: "0") || token.utf8.count == 1,
            token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(token)
    }
}
