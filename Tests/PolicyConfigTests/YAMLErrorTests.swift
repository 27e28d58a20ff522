import AdmissionCore
import PolicyConfig
import Testing

@Suite struct YAMLErrorTests {
    @Test func descriptionFormat() {
        let withFile = YAMLError(message: "boom", file: "deploy.yaml", line: 3, column: 7)
        #expect(withFile.description == "deploy.yaml:3:7: boom")
        let withoutFile = YAMLError(message: "boom", mark: YAMLMark(line: 2, column: 1))
        #expect(withoutFile.description == "2:1: boom")
        #expect(withoutFile.mark == YAMLMark(line: 2, column: 1))
    }

    @Test func badIndentReportsLineAndColumn() throws {
        let text = """
            metadata:
              name: web
               labels: x
            """
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(text, file: "deploy.yaml") }
        #expect(error.file == "deploy.yaml")
        #expect(error.line == 3)
        #expect(error.column == 10)
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.description == "deploy.yaml:3:10: mapping values are not allowed in this context")
    }

    @Test func dedentedKeyReportsContext() throws {
        let text = "a:\n  b: 1\n c: 2\n"
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(text) }
        #expect(error.line == 3)
        #expect(error.column == 2)
        #expect(error.message.hasPrefix("did not find expected key"))
        #expect(error.message.contains("while parsing a block mapping at line 1, column 1"))
    }

    @Test func tabIndentationIsRejected() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a:\n\tb: 1\n", file: "tabs.yaml") }
        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.message.contains("found character that cannot start any token"))
    }

    @Test func unterminatedQuote() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a: \"open\nb: 1\n") }
        #expect(error.message.contains("found unexpected end of stream"))
        #expect(error.message.contains("while scanning a quoted scalar at line 1, column 4"))
    }

    @Test func unclosedFlowSequence() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a: [1, 2\nb: 3\n") }
        #expect(error.line >= 2)
    }

    @Test func errorsAfterEarlierDocumentsStillThrow() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load("a: 1\n---\nb: [\n") }
        #expect(error.line >= 3)
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() throws {
        let bytes = Array("a: ok\nb: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(bytes, file: "bad.yaml") }
        #expect(error.file == "bad.yaml")
        // libyaml points at the offending octet: the 0x28 after the 0xC3 that started "é".
        #expect(error.line == 2)
        #expect(error.column == 8)
        #expect(error.message == "invalid trailing UTF-8 octet (0x28)")
    }

    @Test func invalidLeadingByte() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load([0x61, 0x3A, 0x20, 0xFF, 0x0A]) }
        #expect(error.message.contains("0xFF"))
        #expect(error.line == 1)
        #expect(error.column == 4)
    }

    @Test func controlCharactersAreRejected() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load([0x61, 0x3A, 0x20, 0x00, 0x0A]) }
        #expect(error.message.contains("control characters"))
    }

    @Test(arguments: 1...20)
    func binaryGarbageNeverCrashes(seed: Int) {
        // A small deterministic generator: the point is arbitrary bytes, not any particular ones.
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        for _ in 0..<4096 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        do throws(YAMLError) {
            let documents = try YAMLLoader.load(bytes, file: "garbage.bin")
            for document in documents { _ = try? document.json() }
        } catch {
            #expect(error.file == "garbage.bin")
            #expect(error.line >= 1)
            #expect(error.column >= 1)
        }
    }

    @Test func utf16WithByteOrderMarkIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: é\n".utf16 {
            bytes.append(UInt8(truncatingIfNeeded: unit))
            bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
        }
        let json = try YAMLLoader.load(bytes).first?.json()
        #expect(json?["a"] == "é")
    }

    @Test func tooDeepNestingIsAnErrorNotACrash() throws {
        let depth = YAMLLoader.maxDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(text, file: "deep.yaml") }
        #expect(error.message.contains("deeper than 1000"))
        #expect(error.line == 1)
        #expect(error.column == depth)
    }

    @Test func veryDeepNestingFailsFast() throws {
        let depth = 200_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: YAMLError.self) { try YAMLLoader.load(text) }
    }

    @Test func aliasesCannotSmuggleInDepth() throws {
        // Each anchor nests 600 deep; an alias to it inside another 600 would reach 1200.
        let inner = String(repeating: "[", count: 600) + "1" + String(repeating: "]", count: 600)
        let outer = String(repeating: "[", count: 600) + "*a" + String(repeating: "]", count: 600)
        let text = "a: &a \(inner)\nb: \(outer)\n"
        let error = try #require(throws: YAMLError.self) { try YAMLLoader.load(text) }
        #expect(error.line == 2)
        #expect(error.message.contains("deeper than"))
    }
}
