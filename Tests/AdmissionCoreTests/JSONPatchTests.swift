import Testing

@testable import AdmissionCore

@Suite struct JSONPatchTests {
    private func apply(_ document: String, _ operations: [PatchOperation]) throws -> JSON {
        try JSON(parsing: document).applying(operations)
    }

    private func move(from: String, to path: String) -> PatchOperation {
        PatchOperation(op: .move, path: pointer(path), from: pointer(from))
    }

    private func copy(from: String, to path: String) -> PatchOperation {
        PatchOperation(op: .copy, path: pointer(path), from: pointer(from))
    }

    private func test(_ path: String, _ value: JSON) -> PatchOperation {
        PatchOperation(op: .test, path: pointer(path), value: value)
    }

    // MARK: add

    @Test func addObjectMemberAppendsItInOrder() throws {
        let result = try apply(#"{"b":1}"#, [.add(pointer("/a"), "x")])
        #expect(result.jsonText == #"{"b":1,"a":"x"}"#)
    }

    @Test func addExistingMemberReplacesItInPlace() throws {
        let result = try apply(#"{"a":1,"b":2}"#, [.add(pointer("/a"), ["new": true])])
        #expect(result.jsonText == #"{"a":{"new":true},"b":2}"#)
    }

    @Test func addInsertsIntoArrays() throws {
        #expect(try apply("[1,2,3]", [.add(pointer("/0"), 0)]).jsonText == "[0,1,2,3]")
        #expect(try apply("[1,2,3]", [.add(pointer("/1"), 9)]).jsonText == "[1,9,2,3]")
        #expect(try apply("[1,2,3]", [.add(pointer("/3"), 4)]).jsonText == "[1,2,3,4]")
        #expect(try apply("[1,2,3]", [.add(pointer("/-"), 4)]).jsonText == "[1,2,3,4]")
        #expect(try apply("[]", [.add(pointer("/-"), "x")]).jsonText == #"["x"]"#)
    }

    @Test func addAtRootReplacesTheDocument() throws {
        #expect(try apply(#"{"a":1}"#, [.add(.root, [1])]).jsonText == "[1]")
    }

    @Test func addNestedKeepsSiblingsAndUnknownFields() throws {
        let document = #"{"spec":{"x-unknown":12345678901234567890,"containers":[{"name":"a","resources":{}}]}}"#
        let result = try apply(document, [.add(pointer("/spec/containers/0/resources/requests"), ["cpu": "100m"])])
        #expect(
            result.jsonText
                == #"{"spec":{"x-unknown":12345678901234567890,"containers":[{"name":"a","resources":{"requests":{"cpu":"100m"}}}]}}"#
        )
    }

    @Test(arguments: [
        ("/missing/child", #"{"a":1}"#),
        ("/a/b", #"{"a":1}"#),
        ("/4", "[1,2,3]"),
        ("/01", "[1,2,3]"),
        ("/x", "[1,2,3]"),
        ("/-1", "[1,2,3]"),
        ("/arr/5/name", #"{"arr":[]}"#),
    ])
    func addWithoutAValidParentOrIndexThrows(path: String, document: String) {
        #expect(throws: JSONPatchError.self) { try apply(document, [.add(pointer(path), 0)]) }
    }

    // MARK: remove, replace

    @Test func removeMembersAndElements() throws {
        #expect(try apply(#"{"a":1,"b":2}"#, [.remove(pointer("/a"))]).jsonText == #"{"b":2}"#)
        #expect(try apply("[1,2,3]", [.remove(pointer("/1"))]).jsonText == "[1,3]")
        #expect(
            try apply(#"{"a":{"b":[1,{"c":2}]}}"#, [.remove(pointer("/a/b/1/c"))]).jsonText == #"{"a":{"b":[1,{}]}}"#)
    }

    @Test(arguments: [("/x", #"{"a":1}"#), ("/3", "[1,2,3]"), ("/-", "[1]"), ("", "{}"), ("/a/b", #"{"a":"s"}"#)])
    func removeOfNothingThrows(path: String, document: String) {
        #expect(throws: JSONPatchError.self) { try apply(document, [.remove(pointer(path))]) }
    }

    @Test func replaceMembersElementsAndRoot() throws {
        #expect(try apply(#"{"a":1,"b":2}"#, [.replace(pointer("/a"), "x")]).jsonText == #"{"a":"x","b":2}"#)
        #expect(try apply("[1,2,3]", [.replace(pointer("/2"), 9)]).jsonText == "[1,2,9]")
        #expect(try apply(#"{"a":1}"#, [.replace(.root, nil)]).jsonText == "null")
    }

    @Test(arguments: [("/b", #"{"a":1}"#), ("/3", "[1,2,3]"), ("/-", "[1,2,3]")])
    func replaceOfNothingThrows(path: String, document: String) {
        #expect(throws: JSONPatchError.self) { try apply(document, [.replace(pointer(path), 0)]) }
    }

    // MARK: move, copy, test

    @Test func moveAndCopy() throws {
        #expect(
            try apply(#"{"a":{"x":1},"b":{}}"#, [move(from: "/a/x", to: "/b/y")]).jsonText == #"{"a":{},"b":{"y":1}}"#)
        #expect(try apply(#"{"a":[1,2]}"#, [copy(from: "/a", to: "/b")]).jsonText == #"{"a":[1,2],"b":[1,2]}"#)
        #expect(try apply(#"{"a":[1,2]}"#, [copy(from: "/a/0", to: "/a/-")]).jsonText == #"{"a":[1,2,1]}"#)
        #expect(try apply(#"{"a":1}"#, [move(from: "/a", to: "/a")]).jsonText == #"{"a":1}"#)
    }

    @Test func moveIntoItsOwnChildThrows() {
        #expect(throws: JSONPatchError.self) { try apply(#"{"a":{"b":{}}}"#, [move(from: "/a", to: "/a/b/c")]) }
    }

    @Test func moveOrCopyFromNowhereThrows() {
        #expect(throws: JSONPatchError.self) { try apply(#"{"a":1}"#, [move(from: "/x", to: "/y")]) }
        #expect(throws: JSONPatchError.self) { try apply(#"{"a":1}"#, [copy(from: "/x", to: "/y")]) }
        #expect(throws: JSONPatchError.self) {
            try apply(#"{"a":1}"#, [PatchOperation(op: .move, path: pointer("/y"))])
        }
    }

    @Test func testComparesAsJSONValues() throws {
        let document = #"{"a":{"x":1,"y":[1,"2"]},"n":1.0,"z":null}"#
        _ = try apply(document, [test("/a", ["y": [1, "2"], "x": 1])])
        _ = try apply(document, [test("/n", 1)])
        _ = try apply(document, [test("/z", nil)])
        #expect(throws: JSONPatchError.self) { try apply(document, [test("/a/x", "1")]) }
        #expect(throws: JSONPatchError.self) { try apply(document, [test("/missing", nil)]) }
        #expect(throws: JSONPatchError.self) { try apply(document, [test("/a/y", ["2", 1])]) }
    }

    @Test func testTellsBigIntegersApart() {
        #expect(throws: JSONPatchError.self) {
            try apply(
                #"{"n":12345678901234567890}"#, [test("/n", .number(JSONNumber(uncheckedText: "12345678901234567891")))]
            )
        }
    }

    @Test func aFailingOperationLeavesTheOriginalUntouched() throws {
        let original = try JSON(parsing: #"{"a":1}"#)
        #expect(throws: JSONPatchError.self) {
            try original.applying([.add(pointer("/b"), 2), .remove(pointer("/x"))])
        }
        #expect(original.jsonText == #"{"a":1}"#)
    }

    @Test func pathsUseEscapedTokens() throws {
        let document = #"{"metadata":{"annotations":{"a/b":"1","c~d":"2"}}}"#
        let result = try apply(
            document,
            [
                .replace(pointer("/metadata/annotations/a~1b"), "x"),
                .remove(pointer("/metadata/annotations/c~0d")),
                .add(JSONPointer(["metadata", "annotations", "harbormaster.io/exempt"]), "true"),
            ])
        #expect(result.jsonText == #"{"metadata":{"annotations":{"a/b":"x","harbormaster.io/exempt":"true"}}}"#)
    }

    // MARK: RFC 6902 Appendix A

    @Test func rfcA1AddingAnObjectMember() throws {
        #expect(try apply(#"{"foo":"bar"}"#, [.add(pointer("/baz"), "qux")]).jsonText == #"{"foo":"bar","baz":"qux"}"#)
    }

    @Test func rfcA2AddingAnArrayElement() throws {
        #expect(
            try apply(#"{"foo":["bar","baz"]}"#, [.add(pointer("/foo/1"), "qux")]).jsonText
                == #"{"foo":["bar","qux","baz"]}"#)
    }

    @Test func rfcA4RemovingAnArrayElement() throws {
        #expect(
            try apply(#"{"foo":["bar","qux","baz"]}"#, [.remove(pointer("/foo/1"))]).jsonText
                == #"{"foo":["bar","baz"]}"#)
    }

    @Test func rfcA6MovingAValue() throws {
        let document = #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#
        #expect(
            try apply(document, [move(from: "/foo/waldo", to: "/qux/thud")]).jsonText
                == #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#)
    }

    @Test func rfcA7MovingAnArrayElement() throws {
        #expect(
            try apply(#"{"foo":["all","grass","cows","eat"]}"#, [move(from: "/foo/1", to: "/foo/3")]).jsonText
                == #"{"foo":["all","cows","eat","grass"]}"#)
    }

    @Test func rfcA9TestingAValueError() {
        #expect(throws: JSONPatchError.self) { try apply(#"{"baz":"qux"}"#, [test("/baz", "bar")]) }
    }

    @Test func rfcA10AddingANestedMemberObject() throws {
        #expect(
            try apply(#"{"foo":"bar"}"#, [.add(pointer("/child"), ["grandchild": [:]])]).jsonText
                == #"{"foo":"bar","child":{"grandchild":{}}}"#)
    }

    @Test func rfcA12AddingToANonexistentTargetThrows() {
        #expect(throws: JSONPatchError.self) { try apply(#"{"foo":"bar"}"#, [.add(pointer("/baz/bat"), "qux")]) }
    }

    @Test func rfcA14EscapeOrdering() throws {
        _ = try apply(#"{"/":9,"~1":10}"#, [test("/~01", 10)])
    }

    @Test func rfcA15ComparingStringsAndNumbers() {
        #expect(throws: JSONPatchError.self) { try apply(#"{"/":9,"~1":10}"#, [test("/~01", "10")]) }
    }

    @Test func rfcA16AddingAnArrayValue() throws {
        #expect(
            try apply(#"{"foo":["bar"]}"#, [.add(pointer("/foo/-"), ["abc", "def"])]).jsonText
                == #"{"foo":["bar",["abc","def"]]}"#)
    }

    // MARK: serialisation

    @Test func operationsSerialiseInRFCMemberOrder() {
        let operations: [PatchOperation] = [
            .add(pointer("/a~1b"), ["cpu": "100m"]),
            .remove(pointer("/x")),
            .replace(pointer("/n"), 1),
            move(from: "/from", to: "/to"),
        ]
        #expect(
            operations.json.jsonText
                == #"[{"op":"add","path":"/a~1b","value":{"cpu":"100m"}},{"op":"remove","path":"/x"},"#
                + #"{"op":"replace","path":"/n","value":1},{"op":"move","path":"/to","from":"/from"}]"#)
    }
}
