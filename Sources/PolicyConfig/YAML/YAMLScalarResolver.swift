/// What a scalar means once its style, tag and text have been considered.
enum YAMLResolvedScalar: Equatable {
    case null
    case bool(Bool)
    /// JSON integer text, decimal, no `+`, no leading zeros.
    case integer(String)
    /// JSON number text for a float, plus its value (map keys print it the way Go does).
    case float(String, Double)
    case string(String)
}

/// Resolves scalars the way kubectl does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 style), with the
/// deviations listed on `YAMLNode.json(maxNodes:file:)`. Works on UTF-8 bytes; allocates only for numbers.
enum YAMLScalarResolver {
    static let strTag = "tag:yaml.org,2002:str"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let nullTag = "tag:yaml.org,2002:null"
    static let binaryTag = "tag:yaml.org,2002:binary"
    static let timestampTag = "tag:yaml.org,2002:timestamp"
    static let mergeTag = "tag:yaml.org,2002:merge"

    /// Resolves a scalar, honouring an explicit tag. Returns `nil` when a `!!int`, `!!float`, `!!bool` or `!!null`
    /// tag does not fit the text (or a float has no JSON form).
    static func resolve(_ value: String, style: YAMLScalarStyle, tag: String?) -> YAMLResolvedScalar? {
        switch tag {
        case nil:
            return style == .plain ? resolvePlain(value) : .string(value)
        case "!", strTag, binaryTag, timestampTag:
            // `!` is YAML's non-specific tag: "a string". Binary keeps its base64 text; timestamps stay text.
            return .string(value)
        case intTag:
            let resolved = resolvePlain(value)
            if case .integer = resolved { return resolved }
            return nil
        case floatTag:
            let resolved = resolvePlain(value)
            switch resolved {
            case .integer, .float: return resolved
            default: return nil
            }
        case boolTag:
            let resolved = resolvePlain(value)
            if case .bool = resolved { return resolved }
            return nil
        case nullTag:
            return resolvePlain(value) == .null ? .null : nil
        default:
            // Unknown and local tags (`!foo`) are ignored.
            return style == .plain ? resolvePlain(value) : .string(value)
        }
    }

    /// The `!!name` short form of a yaml.org tag, for messages.
    static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// Resolves an untagged plain scalar.
    static func resolvePlain(_ value: String) -> YAMLResolvedScalar {
        let utf8 = value.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return keyword(value) ?? .string(value)
        case UInt8(ascii: "."):
            // go-yaml hands these to ParseFloat untouched: `.5` and `.5e3` are floats, `.5_0` is text.
            // `.inf` and `.nan` have no JSON form, so they stay text.
            let bytes = Array(utf8)
            return float(bytes) ?? .string(value)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // go-yaml removes every underscore before trying int and float.
            let plain = utf8.filter { $0 != UInt8(ascii: "_") }
            if let text = integer(plain) { return .integer(text) }
            return float(plain) ?? .string(value)
        default:
            return .string(value)
        }
    }

    private static func keyword(_ value: String) -> YAMLResolvedScalar? {
        switch value {
        case "~", "null", "Null", "NULL":
            return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
            return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
            return .bool(false)
        default:
            return nil
        }
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint(s, 0, 64)`: an optional sign, then `0x`/`0o`/`0b`
    /// prefixes, a bare leading `0` for octal, or decimal. Returns decimal text, or `nil` when Go would fail
    /// (bad digit, or out of range).
    static func integer(_ bytes: [UInt8]) -> String? {
        var index = 0
        var negative = false
        var explicitPlus = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            explicitPlus = !negative
            index = 1
        }
        guard index < bytes.count else { return nil }
        var base: UInt64 = 10
        if bytes[index] == UInt8(ascii: "0") {
            let remaining = bytes.count - index
            let marker = remaining >= 3 ? bytes[index + 1] | 0x20 : 0
            switch marker {
            case UInt8(ascii: "b"): base = 2; index += 2
            case UInt8(ascii: "o"): base = 8; index += 2
            case UInt8(ascii: "x"): base = 16; index += 2
            default: base = 8; index += 1
            }
        }
        var magnitude: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard digit < base else { return nil }
            let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == 0 ? "0" : "-\(magnitude)"
        }
        // Past Int64 only ParseUint succeeds, and it takes no sign.
        if explicitPlus, magnitude > UInt64(Int64.max) { return nil }
        return String(magnitude)
    }

    /// go-yaml v2's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, rewritten as valid JSON
    /// number text while keeping the written digits: `+` dropped, leading zeros of the integer part dropped, `0`
    /// added before a bare `.`, a trailing `.` dropped. Text Go's ParseFloat rejects as out of range stays text
    /// (`nil`). Whole numbers written without `.` or exponent (integers too big for 64 bits, or `08`) come back
    /// as integers with their digits intact.
    static func float(_ bytes: [UInt8]) -> YAMLResolvedScalar? {
        var index = 0
        var text = ""
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            if sign == UInt8(ascii: "-") { text = "-" }
            index = 1
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digits() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }
        let whole = digits()
        var fraction: ArraySlice<UInt8>?
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
            // `.` alone, or `.e5`, is not a number.
            if whole.isEmpty, fraction?.isEmpty ?? true { return nil }
        } else if whole.isEmpty {
            return nil
        }
        var exponent: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            let start = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard !digits().isEmpty else { return nil }
            exponent = bytes[start..<index]
        }
        guard index == bytes.count else { return nil }

        let significant = whole.drop(while: { $0 == UInt8(ascii: "0") })
        text += significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
        if let fraction, !fraction.isEmpty {
            text += "." + String(decoding: fraction, as: UTF8.self)
        }
        text += String(decoding: exponent, as: UTF8.self)

        guard let value = Double(text), value.isFinite else { return nil }
        if fraction == nil, exponent.isEmpty {
            return .integer(text == "-0" ? "0" : text)
        }
        return .float(text, value)
    }
}
