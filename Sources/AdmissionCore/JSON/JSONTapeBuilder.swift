/// Validates a JSON text and records every value on a tape, without recursion (depth is bounded by
/// `JSONDocument.maxDepth`, not by the thread's stack) and without decoding strings.
struct JSONTapeBuilder {
    /// Valid only during `parse()`: the caller holds the array's storage for the whole call.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var tape: [TapeEntry] = []

    /// Parses `input` into a tape. Works on a raw buffer: bounds are checked by the parser's own logic.
    static func parse(_ input: [UInt8]) throws(JSONParseError) -> [TapeEntry] {
        let result: Result<[TapeEntry], JSONParseError> = input.withUnsafeBufferPointer { buffer in
            var builder = JSONTapeBuilder(bytes: buffer)
            do throws(JSONParseError) {
                return .success(try builder.parse())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func parse() throws(JSONParseError) -> [TapeEntry] {
        guard bytes.count < Int(UInt32.max) else { throw error("JSON text larger than 4 GiB") }
        // About one value per 8 bytes in Kubernetes objects; reserving avoids regrowth on the request path.
        tape.reserveCapacity(bytes.count / 8 + 4)
        var open: [Int] = []
        open.reserveCapacity(32)

        nextValue: while true {
            skipWhitespace()
            guard position < bytes.count else { throw error(open.isEmpty ? "empty input" : "unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < JSONDocument.maxDepth else {
                    throw error("nesting deeper than \(JSONDocument.maxDepth) levels")
                }
                let isObject = bytes[position] == UInt8(ascii: "{")
                open.append(tape.count)
                append(isObject ? .object : .array, start: position, end: position)
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    close(open.removeLast())
                } else {
                    if isObject { try readKey() }
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                try readString()
            case UInt8(ascii: "t"):
                try readLiteral("true", as: .true)
            case UInt8(ascii: "f"):
                try readLiteral("false", as: .false)
            case UInt8(ascii: "n"):
                try readLiteral("null", as: .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try readNumber()
            default:
                throw error("unexpected character \(describe(bytes[position]))")
            }

            // A value is complete: count it in its container, then close containers or move past a comma.
            while let container = open.last {
                tape[container].count += 1
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input") }
                let isObject = tape[container].kind == .object
                switch bytes[position] {
                case UInt8(ascii: ","):
                    position += 1
                    if isObject {
                        skipWhitespace()
                        try readKey()
                    }
                    continue nextValue
                case isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"):
                    position += 1
                    close(open.removeLast())
                default:
                    throw error("expected ',' or '\(isObject ? "}" : "]")', found \(describe(bytes[position]))")
                }
            }
            skipWhitespace()
            guard position == bytes.count else {
                throw error("unexpected \(describe(bytes[position])) after the top-level value")
            }
            return tape
        }
    }

    private mutating func append(_ kind: TapeEntry.Kind, start: Int, end: Int) {
        let index = UInt32(tape.count)
        tape.append(TapeEntry(kind: kind, start: UInt32(start), end: UInt32(end), next: index + 1, count: 0))
    }

    private mutating func close(_ container: Int) {
        tape[container].end = UInt32(position)
        tape[container].next = UInt32(tape.count)
    }

    private mutating func readKey() throws(JSONParseError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error(position < bytes.count ? "expected a string key, found \(describe(bytes[position]))" : "unexpected end of input")
        }
        try readString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after an object key")
        }
        position += 1
    }

    private mutating func readString() throws(JSONParseError) {
        let start = position + 1
        var index = start
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            // Fast path: ordinary bytes need no decision beyond these two comparisons.
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                append(escaped ? .escapedString : .string, start: start, end: index)
                position = index + 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count, (1...4).allSatisfy({ hexValue(bytes[index + $0]) != nil }) else {
                        position = index
                        throw error("invalid \\u escape in string")
                    }
                    index += 5
                default:
                    position = index
                    throw error("invalid escape \\\(describe(bytes[index])) in string")
                }
            } else if byte < 0x20 {
                position = index
                throw error("control character \(describe(byte)) in string (must be escaped)")
            } else {
                index += 1
            }
        }
        throw error("unterminated string")
    }

    private mutating func readNumber() throws(JSONParseError) {
        let start = position
        var index = position
        while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
        guard JSONNumber.isValid(bytes[start..<index]) else {
            throw error("invalid number '\(String(decoding: bytes[start..<index], as: UTF8.self))'")
        }
        append(.number, start: start, end: index)
        position = index
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    private mutating func readLiteral(_ word: StaticString, as kind: TapeEntry.Kind) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = position + count <= bytes.count
            && (0..<count).allSatisfy { bytes[position + $0] == word.utf8Start[$0] }
        guard matches else { throw error("invalid literal (expected \(word))") }
        append(kind, start: position, end: position + count)
        position += count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(message, at: position, in: bytes)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

/// The value of one hexadecimal digit, or nil.
func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
