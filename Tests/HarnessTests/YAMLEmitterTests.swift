import AdmissionCore
import Harness
import PolicyConfig
import Testing

/// `YAMLEmitter` proven against the project's own YAML loader (kubectl's YAML 1.1 rules): whatever is written
/// reads back as the identical JSON, member order and number text included.
@Suite struct YAMLEmitterTests {
    /// Strings a plain scalar would turn into something else, or could not carry at all.
    static let trickyStrings: [String] = [
        "", " ", "  ", "\t", "a b", "a  b", " leading", "trailing ", "\ttab", "in\tside",
        // YAML 1.1 null and booleans, every case kubectl reads
        "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        "nULL", "yES", "none", "nil", "t", "f",
        // numbers in every base and form
        "0", "7", "-3", "+1", "1_000", "0755", "0o755", "0O17", "0x1F", "0X1f", "-0x1F", "0b1010", "08", "09",
        "1.5", ".5", "-.5", "1.", "1e3", "1E+3", "-2.5e-3", "1.10", "12345678901234567890", "1e400",
        ".inf", "-.inf", "+.INF", ".nan", ".NaN", "1:30", "190:20:30.15",
        "2024-01-31", "2001-12-14T21:59:43Z", "2001-12-14 21:59:43.10 -5", "2024-1-1",
        // not numbers, and stay plain
        "100m", "128Mi", "1.27.3", "v1", "0.0.0.0:8443", "e3", "_", "1_", "0xZZ", "10.0.0.1/8",
        // indicators at the start
        "-", "--", "---", "--- x", "...", "-1", "-x", "--port=8080", "-Xmx512m", "- item", "?", "? x", "?x",
        ":", ":x", ": x", ",", "[a]", "]", "{a: 1}", "}", "#comment", "&anchor", "*alias", "!tag", "!!str",
        "|", "|-", ">", ">-", "%YAML", "@at", "`tick", "'single'", "\"double\"", "'", "\"", "<<", "=",
        // inside
        "a: b", "a:b", "a:", "http://example.com:8080/path", "a #b", "a#b", "a'b", "a\"b", "back\\slash",
        "key: value # comment", "a,b", "[x", "x]",
        // control characters and Unicode
        "\u{0}", "bell\u{7}", "esc\u{1B}[0m", "del\u{7F}", "c1\u{80}", "nel\u{85}line", "ls\u{2028}ps\u{2029}",
        "\u{FEFF}bom", "nonchar\u{FFFE}\u{FFFF}", "café", "日本語", "emoji 😀", "e\u{301}", ": \u{301}", " \u{301}#",
        "\u{A0}nbsp\u{A0}",
        // multi-line
        "a\nb", "a\nb\n", "a\nb\n\n", "a\n\n\nb", "\na", "\n\na\n", "\n", "\n\n", " \n", "\n ", "a\n ", "a\n  \nb",
        " indented\nnext", "  two\n    four\n", "\tfirst tab\nsecond", "x\n\ty", "line\r\nwindows", "cr\ronly",
        "#!/bin/sh\necho \"hi\" # comment\nexit 0\n", "- a\n- b\n", "---\n...\n", "key: value\nother: 1",
        "trailing spaces  \nmore  ", "nel\u{85}and\nnewline", "ctl\u{1}\nmulti", "yes\n", "1\n",
    ]

    @Test(arguments: trickyStrings)
    func stringValueRoundTrips(text: String) throws {
        try expectRoundTrip(["value": .string(text), "list": [.string(text)], "nested": ["k": .string(text)]])
        try expectRoundTrip(.string(text))
    }

    @Test(arguments: trickyStrings)
    func stringKeyRoundTrips(text: String) throws {
        try expectRoundTrip(.object(JSONObject([JSONObject.Member(key: text, value: 1), JSONObject.Member(key: "after", value: "x")])))
    }

    @Test func plainWherePossibleQuotedWhereNeeded() {
        #expect(YAMLEmitter.yaml(["cpu": "100m", "tag": "1.27.3", "arg": "--port=8080", "url": "http://a:80/"])
            == "cpu: 100m\ntag: 1.27.3\narg: --port=8080\nurl: http://a:80/\n")
        #expect(YAMLEmitter.yaml(["a": "yes", "b": "0755", "c": "", "d": "a: b", "e": "2024-01-31", "on": "é"])
            == "a: \"yes\"\nb: \"0755\"\nc: \"\"\nd: \"a: b\"\ne: \"2024-01-31\"\n\"on\": é\n")
        #expect(YAMLEmitter.yaml(["bell": "\u{7}\t\"\\"]) == "bell: \"\\u0007\\t\\\"\\\\\"\n")
    }

    @Test func multiLineStringsAreLiteralBlocks() {
        #expect(YAMLEmitter.yaml(["s": "a\nb"]) == "s: |-\n  a\n  b\n")
        #expect(YAMLEmitter.yaml(["s": "a\nb\n"]) == "s: |\n  a\n  b\n")
        #expect(YAMLEmitter.yaml(["s": "a\n\nb\n\n"]) == "s: |+\n  a\n\n  b\n\n")
        #expect(YAMLEmitter.yaml(["s": " a\nb"]) == "s: |2-\n   a\n  b\n")
        #expect(YAMLEmitter.yaml(["l": ["x\ny\n"]]) == "l:\n- |\n  x\n  y\n")
        // A carriage return cannot survive a block (it reads as a line break): double-quoted instead, and so
        // are tabs, as kubectl writes them (kustomize cannot re-read a block whose line starts with one).
        #expect(YAMLEmitter.yaml(["s": "a\r\nb"]) == "s: \"a\\r\\nb\"\n")
        #expect(YAMLEmitter.yaml(["s": "\ta\nb"]) == "s: \"\\ta\\nb\"\n")
    }

    @Test func streamOfDocumentsRoundTrips() throws {
        let documents: [JSON] = [["kept": "a\n\n"], ["next": 1], "last\n\n\n"]
        let loaded = try YAMLLoader.load(FixRun.yaml(documents), file: "stream.yaml").map { try $0.json() }
        #expect(loaded.count == 3)
        #expect(zip(loaded, documents).allSatisfy(exactlyEqual))
    }

    @Test func kubectlLayout() {
        let object: JSON = [
            "apiVersion": "apps/v1",
            "spec": [
                "replicas": 3,
                "containers": [["name": "app", "args": ["-v", "2"], "env": []], ["name": "side", "resources": [:]]],
                "matrix": [[1, 2], [], [[:]]],
            ],
        ]
        #expect(YAMLEmitter.yaml(object) == """
            apiVersion: apps/v1
            spec:
              replicas: 3
              containers:
              - name: app
                args:
                - -v
                - "2"
                env: []
              - name: side
                resources: {}
              matrix:
              - - 1
                - 2
              - []
              - - {}

            """)
    }

    @Test func emptyAndScalarDocuments() throws {
        #expect(YAMLEmitter.yaml([:]) == "{}\n")
        #expect(YAMLEmitter.yaml([]) == "[]\n")
        #expect(YAMLEmitter.yaml(nil) == "null\n")
        for value: JSON in [[:], [], nil, true, false, "text", ["a": nil, "b": [nil, true]]] {
            try expectRoundTrip(value)
        }
    }

    @Test(arguments: ["0", "-1", "1.10", "1e3", "1E+3", "-2.5e-3", "0.000", "123456789012345678901234567890", "-9223372036854775809"])
    func numbersKeepTheirText(text: String) throws {
        let number = try #require(JSONNumber(text: text))
        #expect(YAMLEmitter.yaml(["count": .number(number)]) == "count: \(text)\n")
        try expectRoundTrip(["count": .number(number), "list": [.number(number)]])
    }

    @Test func keysLongerThanASimpleKeyUseTheExplicitForm() throws {
        let long = String(repeating: "k", count: 1500)
        #expect(YAMLEmitter.yaml([long: "v", "x": ["w": 1]]) == "? \(long)\n: v\nx:\n  w: 1\n")
        try expectRoundTrip([long: "v", "x": ["w": 1]])
        try expectRoundTrip([long: ["nested": [1, ["a": "b"]]], long + "2": [["a": 1]], "short": [:]])
        try expectRoundTrip([[long + "\n": ["z": "yes"], "q": "r"]])
    }

    /// Many random documents (fixed seed, so a failure reproduces) built from the tricky pieces above.
    @Test func randomDocumentsRoundTrip() throws {
        var random = SeededRandom(seed: 0x4841_524D_4F52)
        for _ in 0..<3000 {
            let value = random.json(depth: 0)
            let yaml = YAMLEmitter.yaml(value)
            let loaded = try loadBack(yaml)
            #expect(exactlyEqual(loaded, value), "\(value.jsonText)\n---\n\(yaml)")
            if !exactlyEqual(loaded, value) { return }
        }
    }

    // MARK: Helpers

    private func expectRoundTrip(_ value: JSON, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let yaml = YAMLEmitter.yaml(value)
        let loaded = try loadBack(yaml)
        #expect(exactlyEqual(loaded, value), "\(value.jsonText) was written as\n\(yaml)read back as \(loaded.jsonText)", sourceLocation: sourceLocation)
    }

    private func loadBack(_ yaml: String) throws -> JSON {
        let documents = try YAMLLoader.load(yaml, file: "emitted.yaml")
        #expect(documents.count == 1, "\(yaml)")
        return try documents.first?.json() ?? .null
    }
}

/// Equality that also requires member order and number text to match (`JSON ==` ignores both).
func exactlyEqual(_ lhs: JSON, _ rhs: JSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case let (.bool(a), .bool(b)): return a == b
    case let (.string(a), .string(b)): return Array(a.unicodeScalars) == Array(b.unicodeScalars)
    case let (.number(a), .number(b)): return a.text == b.text
    case let (.array(a), .array(b)): return a.count == b.count && zip(a, b).allSatisfy(exactlyEqual)
    case let (.object(a), .object(b)):
        return a.members.count == b.members.count && zip(a.members, b.members).allSatisfy {
            Array($0.key.unicodeScalars) == Array($1.key.unicodeScalars) && exactlyEqual($0.value, $1.value)
        }
    default: return false
    }
}

/// A small deterministic generator (SplitMix64's constants) and random JSON built from tricky string pieces.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    static let pieces: [String] = YAMLEmitterTests.trickyStrings + [
        "a", "b", "name", " ", "\n", "\n\n", "\t", ":", "#", "-", "1", "0", ".", "e", "é", "\u{85}", "\r",
    ]

    static let numbers = ["0", "1", "-1", "42", "3.14", "1.10", "-0.5", "1e3", "2E-7", "99999999999999999999", "6.02e+23"]

    mutating func string() -> String {
        (0..<below(4)).map { _ in Self.pieces[below(Self.pieces.count)] }.joined()
    }

    mutating func json(depth: Int) -> JSON {
        switch below(depth >= 4 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .number(JSONNumber(text: Self.numbers[below(Self.numbers.count)])!)
        case 3, 4: return .string(string())
        case 5, 6:
            // Distinct keys (as `String ==` sees them): with duplicates the last value wins, as in Go.
            var keys: [String] = []
            for _ in 0..<below(5) {
                let key = string()
                if !keys.contains(key) { keys.append(key) }
            }
            return .object(JSONObject(keys.map { JSONObject.Member(key: $0, value: json(depth: depth + 1)) }))
        default:
            return .array((0..<below(5)).map { _ in json(depth: depth + 1) })
        }
    }
}
