import Testing

@testable import AdmissionCore

@Suite struct JSONPointerTests {
    @Test func escapesTildeBeforeSlash() {
        #expect(JSONPointer(["a/b~c"]).description == "/a~1b~0c")
        #expect(JSONPointer(["~1"]).description == "/~01")
        #expect(
            JSONPointer(["metadata", "annotations", "harbormaster.io/exempt"]).description
                == "/metadata/annotations/harbormaster.io~1exempt")
    }

    @Test func unescapesSlashBeforeTilde() {
        #expect(JSONPointer(parsing: "/a~1b~0c")?.tokens == ["a/b~c"])
        #expect(JSONPointer(parsing: "/~01")?.tokens == ["~1"])
        #expect(JSONPointer(parsing: "/~10")?.tokens == ["/0"])
        #expect(JSONPointer(parsing: "/~0~1")?.tokens == ["~/"])
    }

    @Test(arguments: ["a/b~c", "~1", "~01", "/", "~", "", "x/~0/y", "plain"])
    func textFormRoundTrips(token: String) {
        let original = JSONPointer(["spec", token, "0"])
        #expect(JSONPointer(parsing: original.description) == original)
    }

    @Test func root() {
        #expect(JSONPointer(parsing: "") == .root)
        #expect(JSONPointer.root.tokens.isEmpty)
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer.root.lastToken == nil)
    }

    @Test func emptyTokensAreTokens() {
        #expect(JSONPointer(parsing: "/")?.tokens == [""])
        #expect(JSONPointer(parsing: "//")?.tokens == ["", ""])
        #expect(JSONPointer(parsing: "/a/")?.tokens == ["a", ""])
    }

    @Test(arguments: ["a", "a/b", "#/a", " /a"])
    func textWithoutLeadingSlashIsRejected(text: String) {
        #expect(JSONPointer(parsing: text) == nil)
    }

    @Test func appendingAndParent() {
        let base = JSONPointer(["spec"])
        let pointer = base.appending("containers").appending(2).appending(JSONPointer(["resources", "limits"]))
        #expect(pointer.description == "/spec/containers/2/resources/limits")
        #expect(pointer.parent?.description == "/spec/containers/2/resources")
        #expect(pointer.lastToken == "limits")
        #expect(base.appending("a/b").description == "/spec/a~1b")
    }

    @Test(arguments: [("0", 0), ("7", 7), ("10", 10), ("123", 123)])
    func arrayIndexAcceptsCanonicalNumbers(token: String, index: Int) {
        #expect(JSONPointer.arrayIndex(token) == index)
    }

    @Test(arguments: ["01", "00", "-", "-1", "+1", "", "1a", " 1", "1.0", "99999999999999999999999"])
    func arrayIndexRejectsEverythingElse(token: String) {
        #expect(JSONPointer.arrayIndex(token) == nil)
    }

    /// RFC 6901 §5: every pointer of the example document and the value it names.
    @Test(arguments: [
        ("", #"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#),
        ("/foo", #"["bar","baz"]"#), ("/foo/0", #""bar""#), ("/", "0"), ("/a~1b", "1"), ("/c%d", "2"),
        ("/e^f", "3"), ("/g|h", "4"), (#"/i\j"#, "5"), (#"/k"l"#, "6"), ("/ ", "7"), ("/m~0n", "8"),
    ])
    func rfc6901Examples(text: String, expected: String) throws {
        let document = try parse(
            #"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#)
        let found = try #require(JSONPointer(parsing: text).flatMap { document.value(at: $0) })
        #expect(JSON(found) == (try JSON(parsing: expected)))
        #expect(JSON(document).value(at: pointer(text)) == (try JSON(parsing: expected)))
    }
}
