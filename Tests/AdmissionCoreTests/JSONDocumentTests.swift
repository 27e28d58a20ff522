import Testing

@testable import AdmissionCore

@Suite struct JSONDocumentTests {
    /// Parse, copy into an owned `JSON`, write compact: what `fix` and the patch machinery do to an object.
    private func roundTrip(_ text: String) throws -> String {
        JSONWriter().string(JSON(try parse(text)))
    }

    @Test(arguments: [
        #"{"kind":"Pod","zeta":1,"alpha":{"unknownField":[1,{"x":null}],"b":true},"a":false}"#,
        #"[12345678901234567890,-9007199254740993,9007199254740993,1.10,1e-7,0.1,-0.0,1E+400,0]"#,
        #"{"metadata":{"annotations":{"z":"1","a":"2","m":"3"}}}"#,
        #"{"a":null,"b":[],"c":{},"d":"","e":[[],[{}]]}"#,
        "12345678901234567890",
        "\"plain string\"",
        "null",
    ])
    func compactTextSurvivesRoundTripByteForByte(text: String) throws {
        #expect(try roundTrip(text) == text)
    }

    @Test func bigIntegersAndDecimalsKeepTheirExactText() throws {
        let value = try parse(#"{"big":12345678901234567890,"neg":-9007199254740993,"d":1.10,"e":1e-7,"t":0.1}"#)
        #expect(value["big"]?.numberText == "12345678901234567890")
        #expect(value["neg"]?.numberText == "-9007199254740993")
        #expect(value["d"]?.numberText == "1.10")
        #expect(value["e"]?.numberText == "1e-7")
        #expect(value["t"]?.numberText == "0.1")
        #expect(value["big"]?.int == nil)  // does not fit an Int: no silent rounding
        #expect(value["neg"]?.int == -9_007_199_254_740_993)
        #expect(JSON(value)["big"] == .number(JSONNumber(uncheckedText: "12345678901234567890")))
    }

    @Test func whitespaceIsDroppedButNothingElse() throws {
        let text = " {\n  \"b\" : [ 1 , 2 ],\r\n\t\"a\" : { }\n} \n"
        #expect(try roundTrip(text) == #"{"b":[1,2],"a":{}}"#)
    }

    @Test func escapesAreDecodedAndWrittenBackInTheirShortestForm() throws {
        let text =
            #"{"e":"caf\u00e9","s":"\ud83d\ude00","lone":"a\ud800b","low":"\udc00","slash":"a\/b","q":"\"\\\b\f\n\r\t\u0001"}"#
        #expect(
            try roundTrip(text)
                == #"{"e":"café","s":"😀","lone":"a�b","low":"�","slash":"a/b","q":"\"\\\u0008\u000c\n\r\t\u0001"}"#)
    }

    @Test func duplicateKeysAreKeptInTextAndTheLastOneIsRead() throws {
        let text = #"{"a":1,"b":2,"a":3}"#
        let value = try parse(text)
        #expect(value["a"]?.int == 3)
        #expect(value.count == 3)
        #expect(try roundTrip(text) == text)
        #expect(JSON(value)["a"] == 3)
    }

    @Test func depthUpToTheLimitParses() throws {
        for depth in [500, JSONDocument.maxDepth] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let document = try JSONDocument(parsing: text)
            #expect(document.root.count == 1)
            #expect(document.byteCount == 2 * depth)
        }
    }

    @Test func bytesAndStringInitialisersAgree() throws {
        let text = #"{"name":"café"}"#
        let fromBytes = try JSONDocument(parsing: Array(text.utf8))
        let fromString = try JSONDocument(parsing: text)
        #expect(fromBytes.root["name"]?.string == "café")
        #expect(JSON(fromBytes.root) == JSON(fromString.root))
    }

    @Test func jsonParsingInitialiserBuildsOwnedValue() throws {
        let json = try JSON(parsing: #"{"a":[1,"x",true,null]}"#)
        #expect(json == ["a": [1, "x", true, nil]])
        #expect(json.jsonText == #"{"a":[1,"x",true,null]}"#)
    }
}

/// One malformed text and where the error must point.
struct MalformedJSON: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let line: Int
    let column: Int
    let message: String

    init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ message: String) {
        self.name = name
        self.text = text
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { name }
}

@Suite struct JSONParseErrorTests {
    static let cases: [MalformedJSON] = [
        MalformedJSON("empty", "", 1, 1, "empty input"),
        MalformedJSON("only whitespace", " \n ", 2, 2, "empty input"),
        MalformedJSON("open brace", "{", 1, 2, "unexpected end of input"),
        MalformedJSON("open bracket", "[1,", 1, 4, "unexpected end of input"),
        MalformedJSON("missing value", #"{"a":}"#, 1, 6, "unexpected character '}'"),
        MalformedJSON("missing colon", #"{"a" 1}"#, 1, 6, "expected ':' after an object key"),
        MalformedJSON("unquoted key", "{a:1}", 1, 2, "expected a string key, found 'a'"),
        MalformedJSON("trailing comma in object", #"{"a":1,}"#, 1, 8, "expected a string key, found '}'"),
        MalformedJSON("trailing comma in array", "[1,2,]", 1, 6, "unexpected character ']'"),
        MalformedJSON("missing comma", "[1 2]", 1, 4, "expected ',' or ']', found '2'"),
        MalformedJSON("leading zero", "01", 1, 1, "invalid number '01'"),
        MalformedJSON("leading zero in array", "[1, 012]", 1, 5, "invalid number '012'"),
        MalformedJSON("dot without fraction", "1.", 1, 1, "invalid number '1.'"),
        MalformedJSON("fraction without integer", ".5", 1, 1, "unexpected character '.'"),
        MalformedJSON("lone minus", "-", 1, 1, "invalid number '-'"),
        MalformedJSON("exponent without digits", "1e", 1, 1, "invalid number '1e'"),
        MalformedJSON("plus sign", "+1", 1, 1, "unexpected character '+'"),
        MalformedJSON("control character", "\"a\tb\"", 1, 3, "control character byte 0x9 in string (must be escaped)"),
        MalformedJSON(
            "newline in string", "{\"a\":\"x\ny\"}", 1, 8, "control character byte 0xA in string (must be escaped)"),
        MalformedJSON("bad escape", #""\x""#, 1, 3, "invalid escape \\'x' in string"),
        MalformedJSON("short unicode escape", #""\u12""#, 1, 3, "invalid \\u escape in string"),
        MalformedJSON("non-hex unicode escape", #""\u12g4""#, 1, 3, "invalid \\u escape in string"),
        MalformedJSON("unterminated string", #"{"a":"abc"#, 1, 6, "unterminated string"),
        MalformedJSON("unterminated key", #"{"ab"#, 1, 2, "unterminated string"),
        MalformedJSON("truncated true", "tru", 1, 1, "invalid literal (expected true)"),
        MalformedJSON("misspelt null", "[nul]", 1, 2, "invalid literal (expected null)"),
        MalformedJSON("capitalised True", "True", 1, 1, "unexpected character 'T'"),
        MalformedJSON("trailing garbage", "{} x", 1, 4, "unexpected 'x' after the top-level value"),
        MalformedJSON("two values", "1 2", 1, 3, "unexpected '2' after the top-level value"),
        MalformedJSON("NaN", "NaN", 1, 1, "unexpected character 'N'"),
        MalformedJSON("Infinity", "[-Infinity]", 1, 2, "invalid number '-'"),
        MalformedJSON("single quotes", "['a']", 1, 2, "unexpected character '''"),
        MalformedJSON("error on third line", "{\n  \"a\": 1,\n  \"b\": }\n", 3, 8, "unexpected character '}'"),
        MalformedJSON("depth 513", String(repeating: "[", count: 513), 1, 513, "nesting deeper than 512 levels"),
        MalformedJSON(
            "depth 600", String(repeating: "[", count: 600) + String(repeating: "]", count: 600), 1, 513,
            "nesting deeper than 512 levels"),
    ]

    @Test(arguments: cases)
    func malformedInputThrowsWithPosition(_ input: MalformedJSON) {
        let error = #expect(throws: JSONParseError.self) { try JSONDocument(parsing: input.text) }
        #expect(error?.message == input.message)
        #expect(error?.line == input.line)
        #expect(error?.column == input.column)
    }

    @Test func descriptionIsLineColonColumnMessage() {
        let error = #expect(throws: JSONParseError.self) { try JSONDocument(parsing: "{\n  \"a\": tru }") }
        #expect(error?.description == "2:8: invalid literal (expected true)")
        #expect(error?.offset == 9)
    }

    @Test func deepNestingOfObjectsIsAnErrorNotACrash() {
        let text = String(repeating: #"{"a":"#, count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONDocument(parsing: text) }
        #expect(error?.message == "nesting deeper than 512 levels")
    }
}
