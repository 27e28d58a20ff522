import AdmissionCore
import PolicyConfig
import Testing

/// A JSON number with exactly this text (tests compare number text, not just value).
func yamlNumber(_ text: String) -> JSON {
    JSONNumber(text: text).map(JSON.number) ?? .string("<invalid number text \(text)>")
}

/// Structural equality that also requires number texts to match exactly and object members to be in order.
func yamlExactlyEqual(_ lhs: JSON, _ rhs: JSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case let (.bool(a), .bool(b)): return a == b
    case let (.string(a), .string(b)): return a == b
    case let (.number(a), .number(b)): return a.text == b.text
    case let (.array(a), .array(b)): return a.count == b.count && zip(a, b).allSatisfy(yamlExactlyEqual)
    case let (.object(a), .object(b)):
        return a.keys == b.keys && zip(a.members, b.members).allSatisfy { yamlExactlyEqual($0.value, $1.value) }
    default: return false
    }
}

/// Loads `text` as a single document and converts it.
func yamlJSON(_ text: String, file: String? = nil) throws -> JSON {
    let documents = try YAMLLoader.load(text, file: file)
    #expect(documents.count == 1)
    return try documents.first?.json() ?? .null
}

/// One row of the rule table: the text after `v: ` and the JSON it must become.
struct YAMLScalarRow: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: JSON
    init(_ source: String, _ expected: JSON) {
        self.source = source
        self.expected = expected
    }
    var testDescription: String { "v: \(source)" }
}

@Suite struct YAMLScalarResolutionTests {
    static let quotedAndBlock: [YAMLScalarRow] = [
        YAMLScalarRow("\"8080\"", "8080"),
        YAMLScalarRow("'8080'", "8080"),
        YAMLScalarRow("'true'", "true"),
        YAMLScalarRow("\"null\"", "null"),
        YAMLScalarRow("''", ""),
        YAMLScalarRow("\"~\"", "~"),
        YAMLScalarRow("\"0x1F\"", "0x1F"),
        YAMLScalarRow("|\n  123\n", "123\n"),
        YAMLScalarRow("|-\n  yes\n", "yes"),
        YAMLScalarRow(">\n  1.5\n", "1.5\n"),
        YAMLScalarRow(">\n  folded\n  text\n", "folded text\n"),
        YAMLScalarRow("\"tab\\tand \\u00e9\"", "tab\tand é"),
    ]

    static let nulls: [YAMLScalarRow] = ["~", "null", "Null", "NULL", ""].map { YAMLScalarRow($0, nil) }
        + [YAMLScalarRow("nULL", "nULL"), YAMLScalarRow("none", "none"), YAMLScalarRow("nil", "nil")]

    static let booleans: [YAMLScalarRow] =
        ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map { YAMLScalarRow($0, true) }
        + ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map { YAMLScalarRow($0, false) }
        + ["tRUE", "yES", "oN", "Off!", "t", "f", "truee"].map { YAMLScalarRow($0, JSON.string($0)) }

    static let integers: [YAMLScalarRow] = [
        YAMLScalarRow("0", yamlNumber("0")),
        YAMLScalarRow("42", yamlNumber("42")),
        YAMLScalarRow("-17", yamlNumber("-17")),
        YAMLScalarRow("+42", yamlNumber("42")),
        YAMLScalarRow("-0", yamlNumber("0")),
        YAMLScalarRow("1_000_000", yamlNumber("1000000")),
        YAMLScalarRow("0755", yamlNumber("493")),
        YAMLScalarRow("-0755", yamlNumber("-493")),
        YAMLScalarRow("00", yamlNumber("0")),
        YAMLScalarRow("0o755", yamlNumber("493")),
        YAMLScalarRow("0O17", yamlNumber("15")),
        YAMLScalarRow("0x1F", yamlNumber("31")),
        YAMLScalarRow("0X1f", yamlNumber("31")),
        YAMLScalarRow("-0x1F", yamlNumber("-31")),
        YAMLScalarRow("0xFF_FF", yamlNumber("65535")),
        YAMLScalarRow("0b1010", yamlNumber("10")),
        YAMLScalarRow("-0b1010", yamlNumber("-10")),
        YAMLScalarRow("08", yamlNumber("8")),
        YAMLScalarRow("09", yamlNumber("9")),
        YAMLScalarRow("0789", yamlNumber("789")),
        YAMLScalarRow("9223372036854775807", yamlNumber("9223372036854775807")),
        YAMLScalarRow("-9223372036854775808", yamlNumber("-9223372036854775808")),
        YAMLScalarRow("9223372036854775808", yamlNumber("9223372036854775808")),
        YAMLScalarRow("18446744073709551615", yamlNumber("18446744073709551615")),
        YAMLScalarRow("18446744073709551616", yamlNumber("18446744073709551616")),
        YAMLScalarRow("123456789012345678901234567890", yamlNumber("123456789012345678901234567890")),
        YAMLScalarRow("-123456789012345678901234567890", yamlNumber("-123456789012345678901234567890")),
        YAMLScalarRow("0xFFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFFF"),
        YAMLScalarRow("0x", "0x"),
        YAMLScalarRow("0b102", "0b102"),
        YAMLScalarRow("0o8", "0o8"),
        YAMLScalarRow("_1", "_1"),
        YAMLScalarRow("1 2", "1 2"),
        YAMLScalarRow("12:30", "12:30"),
        YAMLScalarRow("+", "+"),
        YAMLScalarRow("-x", "-x"),
    ]

    static let floats: [YAMLScalarRow] = [
        YAMLScalarRow("1.5", yamlNumber("1.5")),
        YAMLScalarRow("1.10", yamlNumber("1.10")),
        YAMLScalarRow("-2.25", yamlNumber("-2.25")),
        YAMLScalarRow(".5", yamlNumber("0.5")),
        YAMLScalarRow("-.5", yamlNumber("-0.5")),
        YAMLScalarRow("+.5", yamlNumber("0.5")),
        YAMLScalarRow("+1.5", yamlNumber("1.5")),
        YAMLScalarRow("1.", yamlNumber("1")),
        YAMLScalarRow("1.e3", yamlNumber("1e3")),
        YAMLScalarRow("007.5", yamlNumber("7.5")),
        YAMLScalarRow("1e3", yamlNumber("1e3")),
        YAMLScalarRow("1E+3", yamlNumber("1E+3")),
        YAMLScalarRow("6.02e-23", yamlNumber("6.02e-23")),
        YAMLScalarRow(".5e3", yamlNumber("0.5e3")),
        YAMLScalarRow("1_000.5", yamlNumber("1000.5")),
        YAMLScalarRow("-0.0", yamlNumber("-0.0")),
        YAMLScalarRow("1e400", "1e400"),
        YAMLScalarRow(".5_0", ".5_0"),
        YAMLScalarRow(".", "."),
        YAMLScalarRow("1.2.3", "1.2.3"),
        YAMLScalarRow("1e", "1e"),
        YAMLScalarRow(".e3", ".e3"),
    ]

    static let nonFiniteAndTimestamps: [YAMLScalarRow] =
        [".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", ".nan", ".NaN", ".NAN"]
        .map { YAMLScalarRow($0, JSON.string($0)) }
        + ["2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2002-12-14T21:59:43Z"]
        .map { YAMLScalarRow($0, JSON.string($0)) }

    static let otherPlain: [YAMLScalarRow] = [
        YAMLScalarRow("hello world", "hello world"),
        YAMLScalarRow("250m", "250m"),
        YAMLScalarRow("64Mi", "64Mi"),
        YAMLScalarRow("1.4.2", "1.4.2"),
        YAMLScalarRow("<<", "<<"),
        YAMLScalarRow("=", "="),
        YAMLScalarRow("café", "café"),
    ]

    static let tagged: [YAMLScalarRow] = [
        YAMLScalarRow("!!str 123", "123"),
        YAMLScalarRow("!!str true", "true"),
        YAMLScalarRow("!!str ~", "~"),
        YAMLScalarRow("!!str", ""),
        YAMLScalarRow("!!int \"42\"", yamlNumber("42")),
        YAMLScalarRow("!!int 0x10", yamlNumber("16")),
        YAMLScalarRow("!!int 1_000", yamlNumber("1000")),
        YAMLScalarRow("!!float 1", yamlNumber("1")),
        YAMLScalarRow("!!float '2.5'", yamlNumber("2.5")),
        YAMLScalarRow("!!float .5", yamlNumber("0.5")),
        YAMLScalarRow("!!bool yes", true),
        YAMLScalarRow("!!bool 'off'", false),
        YAMLScalarRow("!!null ''", nil),
        YAMLScalarRow("!!null ~", nil),
        YAMLScalarRow("!!null", nil),
        YAMLScalarRow("!!binary aGVsbG8=", "aGVsbG8="),
        YAMLScalarRow("!!timestamp 2001-12-14", "2001-12-14"),
        YAMLScalarRow("!<tag:yaml.org,2002:int> 7", yamlNumber("7")),
        YAMLScalarRow("!foo 123", yamlNumber("123")),
        YAMLScalarRow("!foo bar", "bar"),
        YAMLScalarRow("!foo 'yes'", "yes"),
        YAMLScalarRow("!foo", nil),
        YAMLScalarRow("! 123", "123"),
        YAMLScalarRow("!!map 5", yamlNumber("5")),
    ]

    @Test("quoted, literal and folded scalars are strings", arguments: quotedAndBlock)
    func quotedAndBlockScalars(row: YAMLScalarRow) throws { try check(row) }

    @Test("null spellings", arguments: nulls)
    func nullSpellings(row: YAMLScalarRow) throws { try check(row) }

    @Test("YAML 1.1 booleans", arguments: booleans)
    func booleanSpellings(row: YAMLScalarRow) throws { try check(row) }

    @Test("integers, Go ParseInt base 0", arguments: integers)
    func integerSpellings(row: YAMLScalarRow) throws { try check(row) }

    @Test("floats become valid JSON number text", arguments: floats)
    func floatSpellings(row: YAMLScalarRow) throws { try check(row) }

    @Test("infinities, NaN and timestamps stay strings", arguments: nonFiniteAndTimestamps)
    func nonFiniteAndTimestampSpellings(row: YAMLScalarRow) throws { try check(row) }

    @Test("everything else plain is a string", arguments: otherPlain)
    func otherPlainScalars(row: YAMLScalarRow) throws { try check(row) }

    @Test("explicit tags", arguments: tagged)
    func explicitTags(row: YAMLScalarRow) throws { try check(row) }

    @Test(
        "a tag that does not fit the text is an error at the scalar",
        arguments: ["!!int abc", "!!int 1.5", "!!int yes", "!!float abc", "!!float .inf", "!!float 1e400",
            "!!bool maybe", "!!bool 1", "!!null x", "!!null 0"]
    )
    func mismatchedTags(source: String) throws {
        let error = try #require(throws: YAMLError.self) { try yamlJSON("a: 1\nv: \(source)\n", file: "t.yaml") }
        #expect(error.line == 2)
        #expect(error.column == 4)
        #expect(error.file == "t.yaml")
        #expect(error.message.contains("!!"))
    }

    static let keyRows: [(String, String)] = [
        ("on", "true"), ("yes", "true"), ("N", "false"), ("'on'", "on"), ("~", "null"), ("null", "null"),
        ("1", "1"), ("+1", "1"), ("0x10", "16"), ("0755", "493"), ("1_000", "1000"), ("\"1_000\"", "1_000"),
        ("1.5", "1.5"), ("1.10", "1.1"), ("0.1", "0.1"), ("1e3", "1000"), ("1e6", "1e+06"), ("123456.0", "123456"),
        ("1234567.0", "1.234567e+06"), ("0.0001", "0.0001"), ("0.00001", "1e-05"), ("-2.5", "-2.5"),
        ("1e300", ".inf"), (".inf", ".inf"), ("2001-12-14", "2001-12-14"), ("!!str 5", "5"), ("\"\"", ""),
        ("9223372036854775808", "9223372036854775808"),
    ]

    @Test("plain keys resolve, then print as Go prints a map key", arguments: keyRows)
    func keyResolution(source: String, expected: String) throws {
        let json = try yamlJSON("\(source): v\n")
        #expect(json.objectValue?.keys == [expected])
    }

    @Test func emptyKeyIsNull() throws {
        let json = try yamlJSON("? \n: v\n")
        #expect(json.objectValue?.keys == ["null"])
    }

    private func check(_ row: YAMLScalarRow, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let json = try yamlJSON("v: \(row.source)\n")
        let value = json["v"] ?? .string("<missing>")
        #expect(yamlExactlyEqual(value, row.expected), "got \(value)", sourceLocation: sourceLocation)
    }
}
