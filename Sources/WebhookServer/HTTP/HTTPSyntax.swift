/// Character classes of HTTP/1.1 (RFC 9110 §5.6, RFC 9112), shared by the parser and the headers.
enum HTTPSyntax {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let carriageReturn = UInt8(ascii: "\r")
    static let lineFeed = UInt8(ascii: "\n")
    static let colon = UInt8(ascii: ":")

    /// `tchar` (the characters of a method or a header name) as two 64-bit masks over ASCII: this runs on every
    /// byte of every header name, and constants need no lazily initialized table.
    private static let tokenMaskLow: UInt64 = 0x03FF_6CFA_0000_0000  // ! # $ % & ' * + - . 0-9
    private static let tokenMaskHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE  // A-Z ^ _ ` a-z | ~

    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        let mask = byte < 64 ? tokenMaskLow : tokenMaskHigh
        return byte < 128 && mask >> (byte & 63) & 1 == 1
    }

    /// A non-empty run of `tchar`.
    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !isTokenCharacter(byte) {
            return false
        }
        return true
    }

    /// SP or HTAB: the optional whitespace around field values and list members (RFC 9110 §5.6.3).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// `field-vchar`, SP or HTAB. Bytes from 0x80 (`obs-text`) are allowed; controls (NUL, bare CR, DEL) are not.
    @inline(__always)
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte >= space ? byte != 0x7F : byte == tab
    }

    /// A visible ASCII character, the only ones a request target may hold (RFC 3986 §2).
    @inline(__always)
    static func isTargetCharacter(_ byte: UInt8) -> Bool {
        byte > space && byte < 0x7F
    }

    /// The index of the first LF at or after `start`, or nil. Eight bytes at a time (a word with a zero byte after
    /// XOR with LFs), since finding line ends is most of the work of reading a head.
    static func firstLineFeed(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = max(start, 0)
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ (ones &* UInt64(lineFeed))
                if (word &- ones) & ~word & (ones &* 0x80) != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] == lineFeed { return index }
            index += 1
        }
        return nil
    }

    /// The sequence without leading and trailing SP/HTAB.
    static func trimmingWhitespace<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> C.SubSequence {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isWhitespace(bytes[start]) { bytes.formIndex(after: &start) }
        while start < end, isWhitespace(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        return bytes[start..<end]
    }

    /// True if `bytes` begin with `lowercasePrefix`, ignoring ASCII case.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, ignoringCase lowercasePrefix: StaticString) -> Bool {
        let count = lowercasePrefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let expected = lowercasePrefix.utf8Start
        for index in 0..<count where lowercased(bytes[index]) != expected[index] {
            return false
        }
        return true
    }

    /// True if `bytes` equal `lowercaseText`, ignoring ASCII case.
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, ignoringCase lowercaseText: StaticString) -> Bool {
        bytes.count == lowercaseText.utf8CodeUnitCount && hasPrefix(bytes, ignoringCase: lowercaseText)
    }

    /// Compares byte sequences folding ASCII letters only: HTTP tokens are case-insensitive ASCII (RFC 9110 §5.1).
    static func equalIgnoringASCIICase<L: Sequence<UInt8>, R: Sequence<UInt8>>(_ lhs: L, _ rhs: R) -> Bool {
        lhs.elementsEqual(rhs) { lowercased($0) == lowercased($1) }
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
