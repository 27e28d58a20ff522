import Testing

@testable import AdmissionCore

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: 0...5)
    func roundTripsEveryLength(length: Int) {
        // Bytes that use both ends of the alphabet (`+`, `/`) and every padding case.
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0xFB + $0 * 0x47) }
        let encoded = Base64.encode(bytes)
        #expect(encoded.utf8.count == (length + 2) / 3 * 4)
        #expect(Base64.decode(encoded) == bytes)
    }

    @Test func usesTheStandardAlphabetWithPlusAndSlash() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.encode([0x00, 0x00, 0x00]) == "AAAA")
        #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    }

    @Test func encodesAPatchAsTheAPIServerExpects() {
        let patch: [PatchOperation] = [.add(JSONPointer(["spec", "x"]), 1)]
        #expect(
            Base64.encode(JSONWriter().bytes(patch.json)) == "W3sib3AiOiJhZGQiLCJwYXRoIjoiL3NwZWMveCIsInZhbHVlIjoxfV0=")
    }

    @Test func decodeIgnoresLineBreaks() {
        #expect(Base64.decode("Zm9v\nYmFy\r\n") == Array("foobar".utf8))
    }

    @Test(arguments: ["Zg=", "Z", "Zm9", "Z===", "=Zg=", "Zg==Zg==", "Zm9v!A==", "Zm-_", "Zg=a", "Zm9 v"])
    func invalidInputDecodesToNil(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
