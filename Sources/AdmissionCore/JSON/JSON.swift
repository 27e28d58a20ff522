/// An owned, buildable JSON value: what mutators construct, patches carry, and YAML documents become.
///
/// Reading untrusted input goes through `JSONDocument`/`JSONValue` instead, which index the original bytes
/// without building a tree. `JSON` keeps member order and the exact text of numbers, so nothing is lost
/// between a manifest and its output (integers beyond 2^53, decimals such as `1.10`).
public enum JSON: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

/// A JSON number kept as its exact text, so that `12345678901234567890` and `1.10` survive a round trip.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text, always valid per RFC 8259.
    public let text: String

    public init(_ value: Int) { text = String(value) }

    /// Non-finite doubles have no JSON form; callers get `nil` rather than invalid output.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        // Whole numbers below 2^53 print as integers ("3", not "3.0"), as Go's encoder does.
        if value.magnitude < 9.0e15, Double(Int64(value)) == value {
            text = String(Int64(value))
        } else {
            text = "\(value)"
        }
    }

    /// Accepts only RFC 8259 number syntax.
    public init?(text: String) {
        guard JSONNumber.isValid(Array(text.utf8)[...]) else { return nil }
        self.text = text
    }

    init(uncheckedText: String) { text = uncheckedText }

    public var description: String { text }

    /// The value as an `Int` when the text is an integer literal that fits.
    public var intValue: Int? { Int(text) }

    public var doubleValue: Double? { Double(text) }

    /// The exact value as sign, significant digits and a power of ten, so that `1.0 == 1` and `1e2 == 100` while
    /// integers beyond 2^53 stay distinct (a `Double` would merge them).
    var decimal: (negative: Bool, digits: [UInt8], exponent: Int) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var inFraction = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else {
                digits.append(byte)
                if inFraction { exponent -= 1 }
            }
            bytes = bytes.dropFirst()
        }
        if !bytes.isEmpty { exponent += Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) ?? 0 }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        return digits.isEmpty ? (false, [], 0) : (negative, digits, exponent)
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    static func isValid<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            let start = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == end
    }
}

/// A JSON object that keeps its members in order. Lookups follow Go's `encoding/json`, which the API server
/// uses: with duplicate keys the last one wins.
public struct JSONObject: Sendable {
    public struct Member: Sendable {
        public var key: String
        public var value: JSON
        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public init(_ pairs: KeyValuePairs<String, JSON>) {
        members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSON? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            guard let index = members.lastIndex(where: { $0.key == key }) else {
                if let newValue { members.append(Member(key: key, value: newValue)) }
                return
            }
            if let newValue {
                members[index].value = newValue
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }
}

extension JSON {
    public subscript(key: String) -> JSON? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    public subscript(index: Int) -> JSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        if case .number(let value) = self { return value.intValue }
        return nil
    }

    /// A number as a Double (exactness is not needed where this is used: ratios and thresholds).
    public var numberValue: Double? {
        if case .number(let value) = self { return value.doubleValue }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// Equality as JSON values: objects compare as maps (member order ignored), numbers by value.
extension JSON: Equatable {
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a.text == b.text || a.decimal == b.decimal
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            let keysA = Set(a.keys)
            guard keysA == Set(b.keys) else { return false }
            return keysA.allSatisfy { a[$0] == b[$0] }
        default: return false
        }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
