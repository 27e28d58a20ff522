extension YAMLEmitter {
    /// One string as YAML: plain when every YAML 1.1 reader (kubectl's go-yaml v2, and our loader) reads it back
    /// as this same string; a literal block (`|`) for a multi-line value that has one; else double-quoted with
    /// JSON-style escapes, which always reads back exactly.
    struct Scalar {
        let value: String
        let isKey: Bool

        init(_ value: String, isKey: Bool) {
            self.value = value
            self.isKey = isKey
        }

        /// `indent` is the column of the key or `- ` the scalar belongs to (a literal block's lines go 2 further).
        func text(indent: Int) -> String {
            if isPlainSafe { return value }
            if !isKey, let literal = literalBlock(indent: indent + 2) { return literal }
            return doubleQuoted
        }

        // MARK: Plain

        private var isPlainSafe: Bool {
            guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
            // Edge spaces would be trimmed; tabs, like every control character, are written as escapes.
            if first == " " || last == " " { return false }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || Self.needsEscape($0) }) { return false }
            if Self.indicators.contains(first) && !startsAsArgument { return false }
            // `: ` ends a key, ` #` starts a comment; `---` and `...` are document markers at the start of a line.
            // Compared as bytes: a combining mark after the space must not hide it, as it would for `Character`s.
            let bytes = Array(value.utf8)
            if bytes.last == UInt8(ascii: ":") || bytes.starts(with: Array("---".utf8)) || bytes.starts(with: Array("...".utf8)) {
                return false
            }
            for index in bytes.indices.dropLast() {
                let pair = (bytes[index], bytes[index + 1])
                if pair == (UInt8(ascii: ":"), UInt8(ascii: " ")) || pair == (UInt8(ascii: " "), UInt8(ascii: "#")) { return false }
            }
            return !resolvesToNonString
        }

        /// Characters that start something else when they begin a plain scalar.
        private static let indicators: Set<Unicode.Scalar> = [
            "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
        ]

        /// `--flag=value` and `-Xmx512m` stay plain (as kubectl prints container args): a `-` followed by
        /// something other than a space is a plain scalar in block context. Numbers are caught later.
        private var startsAsArgument: Bool {
            let scalars = Array(value.unicodeScalars.prefix(2))
            return scalars.count == 2 && scalars[0] == "-" && scalars[1] != " "
        }

        /// True when a YAML 1.1 reader would resolve the plain text to something other than a string: null, a
        /// boolean, a number in any base, infinity or NaN, a timestamp, or the merge key. Errs towards quoting.
        private var resolvesToNonString: Bool {
            if Self.keywords.contains(value) { return true }
            guard let first = value.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else {
                return false
            }
            // YAML 1.1 readers drop underscores from numbers (`1_000`).
            let compact = Array(value.utf8.filter { $0 != UInt8(ascii: "_") })
            var body = compact[...]
            if let sign = body.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { body = body.dropFirst() }
            return Self.isInteger(body) || Self.isFloat(body) || Self.isInfinityOrNaN(body)
                || Self.isSexagesimal(body) || Self.isTimestamp(Array(value.utf8))
        }

        /// Null, boolean (YAML 1.1 spellings), the merge key and YAML 1.1's value key, as plain text.
        private static let keywords: Set<String> = [
            "~", "null", "Null", "NULL",
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
            "<<", "=",
        ]

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        /// Decimal digits, or `0b`/`0o`/`0x` followed by letters and digits (any, to err towards quoting).
        private static func isInteger(_ body: ArraySlice<UInt8>) -> Bool {
            guard let first = body.first else { return false }
            if body.allSatisfy(isDigit) { return true }
            let bases: Set<UInt8> = [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")]
            guard first == UInt8(ascii: "0"), body.count > 2, bases.contains(body[body.startIndex + 1] | 0x20) else {
                return false
            }
            return body.dropFirst(2).allSatisfy { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) }
        }

        /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, go-yaml v2's float pattern without the sign.
        private static func isFloat(_ body: ArraySlice<UInt8>) -> Bool {
            var rest = body
            let whole = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(whole)
            var fraction = 0
            if rest.first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                fraction = rest.prefix(while: isDigit).count
                rest = rest.dropFirst(fraction)
            }
            guard whole > 0 || fraction > 0 else { return false }
            if let e = rest.first, e | 0x20 == UInt8(ascii: "e") {
                rest = rest.dropFirst()
                if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
                let exponent = rest.prefix(while: isDigit).count
                guard exponent > 0 else { return false }
                rest = rest.dropFirst(exponent)
            }
            return rest.isEmpty
        }

        /// `.inf` and `.nan` in any letter case.
        private static func isInfinityOrNaN(_ body: ArraySlice<UInt8>) -> Bool {
            let lowered = String(decoding: body.map { $0 | 0x20 }, as: UTF8.self)
            return lowered == ".inf" || lowered == ".nan"
        }

        /// YAML 1.1 base-60 numbers (`1:30`, `190:20:30.15`), which some readers still resolve.
        private static func isSexagesimal(_ body: ArraySlice<UInt8>) -> Bool {
            guard let first = body.first, isDigit(first), body.contains(UInt8(ascii: ":")) else { return false }
            return body.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
        }

        /// Anything starting `YYYY-M-D` could be a YAML 1.1 timestamp (kubectl would rewrite it).
        private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
            guard bytes.count >= 8, bytes.prefix(4).allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") else { return false }
            let rest = bytes.dropFirst(5)
            let month = rest.prefix(while: isDigit).count
            guard (1...2).contains(month), rest.dropFirst(month).first == UInt8(ascii: "-") else { return false }
            let day = rest.dropFirst(month + 1).prefix(while: isDigit).count
            return (1...2).contains(day)
        }

        // MARK: Literal block

        /// `|` with the lines at `contentIndent`, or nil when a literal block cannot carry the string: a single
        /// line, a control character (a carriage return reads as a line break; tabs are legal, but kustomize
        /// cannot re-read a block with a leading one, and libyaml-based writers never put one there), a character
        /// that needs an escape, or no visible character at all.
        private func literalBlock(indent contentIndent: Int) -> String? {
            guard value.unicodeScalars.contains("\n"),
                !value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || Self.needsEscape($0) }),
                value.unicodeScalars.contains(where: { $0 != "\n" && $0 != " " })
            else { return nil }
            // Lines as scalars, not `Character`s, so that a blank followed by a combining mark is still seen.
            let scalars = Array(value.unicodeScalars)
            let trailingBreaks = scalars.reversed().prefix(while: { $0 == "\n" }).count
            let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(trailingBreaks == 0 ? 0 : 1)
                .map { String(String.UnicodeScalarView($0)) }
            // Chomping: `|-` strips the last line break, `|` keeps one, `|+` keeps them all.
            var header = "|"
            // A reader takes the indentation from the first line with content; when that line starts with a
            // blank of its own, the indentation must be stated (relative to the parent, always 2 here).
            if lines.first(where: { !$0.isEmpty })?.unicodeScalars.first == " " {
                header += "2"
            }
            header += trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
            let pad = String(repeating: " ", count: contentIndent)
            return header + lines.map { "\n" + ($0.isEmpty ? "" : pad + $0) }.joined()
        }

        // MARK: Double-quoted

        private var doubleQuoted: String {
            var result = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case let other where other.value < 0x20 || Self.needsEscape(other):
                    let hex = String(other.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }

        /// Characters libyaml refuses in a document (DEL, C1 controls, the byte-order mark, U+FFFE/U+FFFF) and
        /// the Unicode line breaks YAML 1.1 folds (NEL, LS, PS): written only as escapes. ASCII controls are
        /// tested separately, since a literal block may hold tabs and line feeds.
        static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
            default: return false
            }
        }
    }
}
