import AdmissionCore
import PolicyConfig
import Testing

@Suite struct YAMLLoaderTests {
    // MARK: Documents

    @Test func emptyStreamHasNoDocuments() throws {
        #expect(try YAMLLoader.load([UInt8](), file: nil).isEmpty)
        #expect(try YAMLLoader.load("").isEmpty)
        #expect(try YAMLLoader.load("# only a comment\n# and another\n").isEmpty)
        #expect(try YAMLLoader.load("\n\n   \n").isEmpty)
    }

    @Test func multipleDocuments() throws {
        let documents = try YAMLLoader.load("a: 1\n---\nb: 2\n---\n- 3\n", file: "multi.yaml")
        #expect(documents.count == 3)
        #expect(yamlExactlyEqual(try documents[0].json(), ["a": yamlNumber("1")]))
        #expect(yamlExactlyEqual(try documents[1].json(), ["b": yamlNumber("2")]))
        #expect(yamlExactlyEqual(try documents[2].json(), [yamlNumber("3")]))
        #expect(documents.map(\.mark.line) == [1, 2, 4])
        #expect(documents.allSatisfy { $0.file == "multi.yaml" })
    }

    @Test func leadingSeparatorStartsTheFirstDocument() throws {
        let documents = try YAMLLoader.load("# header\n---\na: 1\n")
        #expect(documents.count == 1)
        #expect(documents.first?.mark == YAMLMark(line: 2, column: 1))
        #expect(documents.first?.root != nil)
    }

    @Test func trailingSeparatorIsAnEmptyDocument() throws {
        let documents = try YAMLLoader.load("a: 1\n---\n")
        #expect(documents.count == 2)
        #expect(documents[0].root != nil)
        #expect(documents[1].root == nil)
        #expect(try documents[1].json() == .null)
    }

    @Test func documentsOfOnlyCommentsAreEmpty() throws {
        let documents = try YAMLLoader.load("---\n# nothing here\n---\na: 1\n---\n# nor here\n...\n")
        #expect(documents.map { $0.root == nil } == [true, false, true])
    }

    @Test func explicitEndMarkers() throws {
        let documents = try YAMLLoader.load("a: 1\n...\n---\nb: 2\n...\n")
        #expect(documents.count == 2)
    }

    @Test func explicitNullIsNotAnEmptyDocument() throws {
        let documents = try YAMLLoader.load("--- ~\n--- ''\n")
        #expect(documents.count == 2)
        #expect(documents.allSatisfy { $0.root != nil })
        #expect(try documents[0].json() == .null)
        #expect(try documents[1].json() == "")
    }

    @Test func bareScalarDocument() throws {
        #expect(yamlExactlyEqual(try yamlJSON("42\n"), yamlNumber("42")))
        #expect(try yamlJSON("hello") == "hello")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let documents = try YAMLLoader.load([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(yamlExactlyEqual(try documents[0].json(), ["a": yamlNumber("1")]))
    }

    // MARK: Anchors and aliases

    @Test func aliasesResolveToTheAnchoredNode() throws {
        let json = try yamlJSON("""
            base: &base
              image: nginx
              ports: [80, 443]
            copy: *base
            scalar: &s hello
            again: *s
            """)
        #expect(yamlExactlyEqual(json["copy"] ?? .null, json["base"] ?? .null))
        #expect(json["again"] == "hello")
        #expect(json["copy"]?["ports"]?[1]?.intValue == 443)
    }

    @Test func aliasKeepsTheAnchoredNodesMark() throws {
        let root = try #require(try YAMLLoader.load("a: &x [1]\nb: *x\n").first?.root)
        #expect(root["b"]?.mark == YAMLMark(line: 1, column: 4))
    }

    @Test func anchorsCanBeRedefined() throws {
        let json = try yamlJSON("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(json["b"]?.intValue == 1)
        #expect(json["d"]?.intValue == 2)
    }

    @Test func aliasUsesTheMostRecentAnchorEvenInsideAnOpenCollection() throws {
        // The inner `&x 1` is defined after the outer `&x` opened, so `*x` means 1 and nothing is recursive.
        let json = try yamlJSON("a: &x [&x 1, *x]\nb: *x\n")
        #expect(yamlExactlyEqual(json["a"] ?? .null, [yamlNumber("1"), yamlNumber("1")]))
        #expect(yamlExactlyEqual(json["b"] ?? .null, [yamlNumber("1"), yamlNumber("1")]))
        // An older definition does not hide a recursive reference to the newer, still open one.
        #expect(throws: YAMLError.self) { try YAMLLoader.load("a: &x 1\nb: &x [*x]\n") }
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLLoader.load("a: &x 1\n---\nb: *x\n", file: "docs.yaml")
        }
        #expect(error.line == 3)
        #expect(error.column == 4)
        #expect(error.message.contains("x"))
        #expect(error.description.hasPrefix("docs.yaml:3:4: "))
    }

    @Test func unknownAliasIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a: *nowhere\n") }
        #expect(error == YAMLError(message: "unknown anchor 'nowhere' referenced", line: 1, column: 4))
    }

    @Test func selfReferenceIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a: &x [1, *x]\n") }
        #expect(error.line == 1)
        #expect(error.column == 11)
    }

    // MARK: Styles

    @Test func blockAndFlowCollectionsAreEquivalent() throws {
        let block = try yamlJSON("""
            list:
              - a
              - b: 1
                c: [x, y]
            map:
              k: v
            """)
        let flow = try yamlJSON("{list: [a, {b: 1, c: [x, y]}], map: {k: v}}")
        #expect(yamlExactlyEqual(block, flow))
    }

    @Test func indentlessSequenceUnderAKey() throws {
        let json = try yamlJSON("items:\n- one\n- two\nnext: 3\n")
        #expect(json["items"] == ["one", "two"])
        #expect(json["next"]?.intValue == 3)
    }

    @Test func literalAndFoldedBlocks() throws {
        let json = try yamlJSON("""
            literal: |
              line one
                indented
              line three
            folded: >
              joined
              together

              new paragraph
            strip: |-
              no newline
            keep: |+
              kept

            after: x
            """)
        #expect(json["literal"] == "line one\n  indented\nline three\n")
        #expect(json["folded"] == "joined together\nnew paragraph\n")
        #expect(json["strip"] == "no newline")
        #expect(json["keep"] == "kept\n\n")
        #expect(json["after"] == "x")
    }

    @Test func quotedStringEscapesAndFolding() throws {
        let json = try yamlJSON("""
            double: "a\\"b\\nc \\u263A"
            single: 'it''s'
            multi: "first
              second"
            """)
        #expect(json["double"] == "a\"b\nc ☺")
        #expect(json["single"] == "it's")
        #expect(json["multi"] == "first second")
    }

    @Test func commentsAreIgnored() throws {
        let json = try yamlJSON("""
            # leading
            a: 1 # trailing
            # between
            b: "# not a comment"
            c: x#y
            """)
        #expect(json.objectValue?.keys == ["a", "b", "c"])
        #expect(json["b"] == "# not a comment")
        #expect(json["c"] == "x#y")
    }

    @Test func keyOrderIsKept() throws {
        let json = try yamlJSON("zeta: 1\nalpha: 2\nmid: 3\n")
        #expect(json.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    // MARK: The node tree

    @Test func nodesCarryStyleTagAndMark() throws {
        let root = try #require(try YAMLLoader.load("a: 'x'\nb: !!int \"5\"\nc:\n  - |\n    t\n").first?.root)
        guard case .mapping(let members, nil, let mark) = root else {
            Issue.record("expected a mapping, got \(root)")
            return
        }
        #expect(mark == YAMLMark(line: 1, column: 1))
        #expect(members.count == 3)
        guard case .scalar("x", .singleQuoted, nil, let aMark) = members[0].value else {
            Issue.record("unexpected \(members[0].value)")
            return
        }
        #expect(aMark == YAMLMark(line: 1, column: 4))
        #expect(members[1].value.tag == "tag:yaml.org,2002:int")
        guard case .scalar("5", .doubleQuoted, _, _) = members[1].value else {
            Issue.record("unexpected \(members[1].value)")
            return
        }
        let list = try #require(members[2].value.sequenceValue)
        #expect(list.first?.mark == YAMLMark(line: 4, column: 5))
        guard case .scalar("t\n", .literal, nil, _) = list.first else {
            Issue.record("unexpected \(String(describing: list.first))")
            return
        }
        #expect(members[2].key.scalarValue == "c")
        #expect(members[2].key.mark == YAMLMark(line: 3, column: 1))
    }

    @Test func duplicateKeysAreKeptInTheTree() throws {
        let root = try #require(try YAMLLoader.load("a: 1\na: 2\n").first?.root)
        #expect(root.mappingValue?.count == 2)
        #expect(root["a"]?.scalarValue == "2")
        #expect(root["missing"] == nil)
    }

    @Test func flowStyleTags() throws {
        let root = try #require(try YAMLLoader.load("!!map {a: !custom [1]}\n").first?.root)
        #expect(root.tag == "tag:yaml.org,2002:map")
        #expect(root["a"]?.tag == "!custom")
        #expect(root["a"]?.kindName == "sequence")
    }

    // MARK: Size

    @Test func largeGeneratedListLoads() throws {
        // About 1.5 MB: 50,000 items of a few fields each.
        var text = "items:\n"
        for index in 0..<50_000 {
            text += "  - name: item-\(index)\n    value: \(index)\n    enabled: yes\n"
        }
        #expect(text.utf8.count > 1_500_000)
        let documents = try YAMLLoader.load(text, file: "big.yaml")
        let json = try documents[0].json()
        let items = try #require(json["items"]?.arrayValue)
        #expect(items.count == 50_000)
        #expect(items[49_999]["value"]?.intValue == 49_999)
        #expect(items[123]["enabled"] == true)
    }

    @Test func deepNestedMappingsConvert() throws {
        let depth = YAMLLoader.maxDepth
        let text = (0..<depth).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " end\n"
        var json = try yamlJSON(text)
        for _ in 0..<depth {
            json = json["k"] ?? .null
        }
        #expect(json == "end")
    }

    @Test func deepButAllowedNesting() throws {
        let depth = YAMLLoader.maxDepth
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        var json = try yamlJSON(text)
        for _ in 0..<depth {
            json = json[0] ?? .null
        }
        #expect(json.intValue == 1)
    }
}
