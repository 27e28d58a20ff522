/// Serializes `JSON` values: compact for the wire, or indented with sorted keys for golden files and humans.
/// `/` is never escaped (Foundation writes `admission.k8s.io\/v1`; the API server and people prefer the plain form).
public struct JSONWriter {
    public var prettyPrinted: Bool
    public var sortedKeys: Bool

    public init(prettyPrinted: Bool = false, sortedKeys: Bool = false) {
        self.prettyPrinted = prettyPrinted
        self.sortedKeys = sortedKeys
    }

    public func bytes(_ value: JSON) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, depth: 0)
        return output
    }

    public func string(_ value: JSON) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public func write(_ value: JSON, into output: inout [UInt8], depth: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let text): JSONWriter.writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, depth: depth + 1)
                write(element, into: &output, depth: depth + 1)
            }
            if !elements.isEmpty { newline(into: &output, depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, depth: depth + 1)
                JSONWriter.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if prettyPrinted { output.append(UInt8(ascii: " ")) }
                write(member.value, into: &output, depth: depth + 1)
            }
            if !members.isEmpty { newline(into: &output, depth: depth) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(into output: inout [UInt8], depth: Int) {
        guard prettyPrinted else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Writes `text` as a JSON string literal: quotes, backslashes and control characters escaped, UTF-8 as is.
    /// Runs of bytes that need no escape are copied in one append.
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case 0x0A: output.append(contentsOf: #"\n"#.utf8)
                case 0x0D: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    output.append(contentsOf: #"\u00"#.utf8)
                    output.append(hex.utf8Start[Int(byte >> 4)])
                    output.append(hex.utf8Start[Int(byte & 0xF)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    /// Compact JSON text.
    public var jsonText: String { JSONWriter().string(self) }

    /// An owned copy of a parsed value, numbers kept as their exact text.
    public init(_ value: JSONValue) {
        switch value.kind {
        case .null: self = .null
        case .bool: self = .bool(value.bool ?? false)
        case .number: self = .number(JSONNumber(uncheckedText: value.numberText ?? "0"))
        case .string: self = .string(value.string ?? "")
        case .array: self = .array(value.elements.map { $0.map(JSON.init) } ?? [])
        case .object:
            let members = value.members.map { $0.map { JSONObject.Member(key: $0.key, value: JSON($0.value)) } } ?? []
            self = .object(JSONObject(members))
        }
    }

    /// Parses JSON text into an owned value.
    public init(parsing text: String) throws(JSONParseError) {
        self.init(try JSONDocument(parsing: text).root)
    }
}
