import Testing

@testable import AdmissionCore

/// `JSONValue.isEqual(to:)` answers exactly as `JSON`'s equality, without building values.
@Suite struct JSONValueEqualityTests {
    static let values = [
        #"{"a":1,"b":[1,2,{"c":null}]}"#, #"{"b":[1,2,{"c":null}],"a":1}"#, #"{"a":1.0,"b":[1,2,{"c":null}]}"#,
        #"{"a":1,"b":[2,1,{"c":null}]}"#, #"{"a":1}"#, #"{"a":1,"a":2}"#, #"{"a":2}"#, #"{}"#, #"[]"#, #"[{}]"#,
        #""x""#, #""\u0078""#, "true", "false", "null", "0", "-0", "1e2", "100", #"{"httpGet":{"port":80,"path":"/"}}"#,
        #"{"httpGet":{"path":"/","port":80}}"#, #"{"httpGet":{"path":"/","port":"80"}}"#, #"{"a":{}}"#, #"{"a":[]}"#,
    ]

    @Test func agreesWithOwnedEqualityOnEveryPair() throws {
        let parsed = try Self.values.map { try parse($0) }
        for (i, a) in parsed.enumerated() {
            for (j, b) in parsed.enumerated() {
                #expect(a.isEqual(to: b) == (JSON(a) == JSON(b)), "\(Self.values[i]) vs \(Self.values[j])")
            }
        }
    }
}
