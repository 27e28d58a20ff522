/// A value inside a parsed `JSONDocument`: what checks read. Every accessor is safe on any shape: asking an
/// array for a key, or a string for an integer, answers `nil`, never a trap.
public struct JSONValue: Sendable {
    public enum Kind: Sendable, Equatable {
        case null, bool, number, string, array, object
    }

    let document: JSONDocument
    let index: Int

    init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    var entry: TapeEntry { document.tape[index] }

    public var kind: Kind {
        switch entry.kind {
        case .null: return .null
        case .false, .true: return .bool
        case .number: return .number
        case .string, .escapedString: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    public var isNull: Bool { entry.kind == .null }
    public var isObject: Bool { entry.kind == .object }
    public var isArray: Bool { entry.kind == .array }

    /// The member named `key` of an object (the last one, if the key repeats, as the API server reads it).
    public subscript(key: String) -> JSONValue? {
        var key = key
        let found: Int? = key.withUTF8 { wanted in
            document.tape.withUnsafeBufferPointer { tape in
                document.bytes.withUnsafeBufferPointer { bytes in
                    let object = tape[index]
                    guard object.kind == .object else { return nil }
                    var found: Int?
                    var cursor = index + 1
                    let end = Int(object.next)
                    while cursor < end {
                        if Self.keyMatches(tape[cursor], wanted, bytes) { found = cursor + 1 }
                        cursor = Int(tape[cursor + 1].next)
                    }
                    return found
                }
            }
        }
        return found.map { JSONValue(document: document, index: $0) }
    }

    /// The element at `position` of an array.
    public subscript(position: Int) -> JSONValue? {
        guard position >= 0, let elements else { return nil }
        return elements.dropFirst(position).first(where: { _ in true })
    }

    /// The string's decoded text (escapes resolved).
    public var string: String? {
        let entry = self.entry
        switch entry.kind {
        case .string: return String(decoding: document.bytes[Int(entry.start)..<Int(entry.end)], as: UTF8.self)
        case .escapedString: return JSONStringUnescaper.unescape(document.bytes[Int(entry.start)..<Int(entry.end)])
        default: return nil
        }
    }

    /// True when this is a string whose decoded text contains `needle` (ASCII, compared ignoring ASCII case).
    /// Searched in place for strings without escapes (nearly all), so scanning many values allocates nothing;
    /// escaped strings are decoded first, so `\u0050ASSWORD` cannot hide a match.
    public func stringContains(asciiIgnoringCase needle: [UInt8]) -> Bool {
        let entry = self.entry
        switch entry.kind {
        case .string:
            return document.bytes.withUnsafeBufferPointer {
                Self.contains(UnsafeBufferPointer(rebasing: $0[Int(entry.start)..<Int(entry.end)]), needle)
            }
        case .escapedString:
            var text = string ?? ""
            return text.withUTF8 { Self.contains($0, needle) }
        default:
            return false
        }
    }

    /// True when this is a non-empty string.
    public var isNonEmptyString: Bool {
        let entry = self.entry
        return (entry.kind == .string || entry.kind == .escapedString) && entry.end > entry.start
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= text.count else { return false }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        let first = lower(needle[0])
        var start = 0
        while start + needle.count <= text.count {
            if lower(text[start]) == first {
                var offset = 1
                while offset < needle.count, lower(text[start + offset]) == lower(needle[offset]) { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    /// True when this is a string equal to `text`, compared without decoding in the common case.
    public func isString(_ text: String) -> Bool {
        let entry = self.entry
        switch entry.kind {
        case .string:
            var text = text
            return text.withUTF8 { wanted in document.bytes.withUnsafeBufferPointer { Self.keyMatches(entry, wanted, $0) } }
        case .escapedString: return string == text
        default: return false
        }
    }

    public var bool: Bool? {
        switch entry.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// The exact text of a number.
    public var numberText: String? {
        guard entry.kind == .number else { return nil }
        return String(decoding: rawBytes, as: UTF8.self)
    }

    /// The number as an `Int`, when it is an integer literal that fits.
    public var int: Int? { numberText.flatMap { Int($0) } }

    public var double: Double? { numberText.flatMap { Double($0) } }

    /// The elements of an array, in order.
    public var elements: Elements? {
        guard entry.kind == .array else { return nil }
        return Elements(document: document, start: index + 1, end: Int(entry.next), count: Int(entry.count))
    }

    /// The members of an object, in order (repeated keys included).
    public var members: Members? {
        guard entry.kind == .object else { return nil }
        return Members(document: document, start: index + 1, end: Int(entry.next), count: Int(entry.count))
    }

    /// Members in an object, elements in an array, 0 otherwise.
    public var count: Int {
        entry.kind == .object || entry.kind == .array ? Int(entry.count) : 0
    }

    /// The original bytes of this value (strings with their quotes), exactly as they were received.
    public var rawBytes: ArraySlice<UInt8> {
        let entry = self.entry
        switch entry.kind {
        case .string, .escapedString: return document.bytes[Int(entry.start) - 1..<Int(entry.end) + 1]
        case .object, .array: return document.bytes[Int(entry.start)..<Int(entry.end)]
        default: return document.bytes[Int(entry.start)..<Int(entry.end)]
        }
    }

    /// The value found by following `pointer` from here.
    /// Equality as JSON values, as `JSON`'s (member order ignored, duplicate keys resolved as in lookups, numbers
    /// by value), without building either value.
    public func isEqual(to other: JSONValue) -> Bool {
        switch (kind, other.kind) {
        case (.object, .object):
            guard let mine = members, let theirs = other.members else { return false }
            // Distinct keys on both sides, each equal under lookup: the same map.
            var keys = 0
            for (key, _) in mine {
                guard let a = self[key], let b = other[key], a.isEqual(to: b) else { return false }
                keys += 1
            }
            return theirs.allSatisfy { self[$0.key] != nil } && (keys > 0 || theirs.count == 0)
        case (.array, .array):
            guard let mine = elements, let theirs = other.elements, mine.count == theirs.count else { return false }
            return zip(mine, theirs).allSatisfy { $0.isEqual(to: $1) }
        case (.string, .string):
            return string == other.string
        case (.number, .number):
            if rawBytes.elementsEqual(other.rawBytes) { return true }
            return JSON(self) == JSON(other)
        case (.bool, .bool):
            return bool == other.bool
        case (.null, .null):
            return true
        default:
            return false
        }
    }

    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            if current.isObject {
                guard let next = current[token] else { return nil }
                current = next
            } else if current.isArray, let position = JSONPointer.arrayIndex(token), let next = current[position] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }

    private static func keyMatches(
        _ keyEntry: TapeEntry, _ wanted: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let start = Int(keyEntry.start)
        let length = Int(keyEntry.end) - start
        guard keyEntry.kind == .string else {
            return keyEntry.kind == .escapedString
                && JSONStringUnescaper.unescape(ArraySlice(bytes[start..<start + length])).utf8.elementsEqual(wanted)
        }
        guard length == wanted.count else { return false }
        for offset in 0..<length where bytes[start + offset] != wanted[offset] { return false }
        return true
    }
}

extension JSONValue {
    /// The elements of an array value, iterated in place.
    public struct Elements: Sequence, Sendable {
        let document: JSONDocument
        let start: Int
        let end: Int
        public let count: Int

        public func makeIterator() -> Iterator { Iterator(document: document, cursor: start, end: end) }

        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var cursor: Int
            let end: Int

            public mutating func next() -> JSONValue? {
                guard cursor < end else { return nil }
                let value = JSONValue(document: document, index: cursor)
                cursor = Int(document.tape[cursor].next)
                return value
            }
        }
    }

    /// The members of an object value, iterated in place.
    public struct Members: Sequence, Sendable {
        let document: JSONDocument
        let start: Int
        let end: Int
        public let count: Int

        public func makeIterator() -> Iterator { Iterator(document: document, cursor: start, end: end) }

        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var cursor: Int
            let end: Int

            public mutating func next() -> (key: String, value: JSONValue)? {
                guard cursor < end else { return nil }
                let key = JSONValue(document: document, index: cursor).string ?? ""
                let value = JSONValue(document: document, index: cursor + 1)
                cursor = Int(document.tape[cursor + 1].next)
                return (key, value)
            }
        }
    }
}
