import Testing

@testable import AdmissionCore

@Suite struct QuantityTests {
    private func quantity(_ text: String) throws -> Quantity { try #require(Quantity(text), "\(text) should parse") }

    @Test(arguments: [
        ("100m", 0.1), ("1", 1), ("0.5", 0.5), ("128Mi", 134_217_728), ("1Gi", 1_073_741_824), ("1G", 1e9),
        ("2k", 2000),
        ("1Ki", 1024), ("1e3", 1000), ("1E3", 1000), ("5e-1", 0.5), ("250u", 0.00025), ("1.5Gi", 1_610_612_736),
        ("0", 0),
        (" 64Mi ", 67_108_864), ("1Ti", 1_099_511_627_776), ("3M", 3e6),
    ])
    func parsesValue(text: String, value: Double) throws {
        #expect(try quantity(text).value == value)
    }

    @Test func keepsTheTrimmedText() throws {
        #expect(try quantity(" 128Mi ").text == "128Mi")
        #expect(try quantity("0.50").description == "0.50")
    }

    @Test func comparesByValue() throws {
        #expect(try quantity("100m") < quantity("1"))
        #expect(try quantity("999m") < quantity("1"))
        #expect(try quantity("128Mi") == quantity("134217728"))
        #expect(try quantity("1Gi") > quantity("1G"))
        #expect(try quantity("1e3") == quantity("1k"))
        #expect(try quantity("0.5") == quantity("500m"))
        #expect(try quantity("1024Ki") == quantity("1Mi"))
        #expect(try quantity("50m") < quantity("100m"))
    }

    /// Kubernetes compares quantities exactly; equal decimal values written differently must compare equal.
    @Test(arguments: [
        ("0.1", "100m"), ("0.3", "300m"), ("1.1", "1100m"), ("0.7", "700m"), ("1e-3", "1m"), ("0.001", "1m"),
        ("7e-1", "0.7"),
    ])
    func equalDecimalValuesCompareEqual(lhs: String, rhs: String) throws {
        let left = try quantity(lhs)
        let right = try quantity(rhs)
        #expect(left == right)
        #expect(!(left < right) && !(right < left))
    }

    @Test(arguments: ["abc", "1x", "", " ", "-1", "-100m", "Mi", "1.2.3", "1Mix", "1e", "e3", "1e99", "+", "1+2"])
    func invalidTextIsNil(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test func jsonValuesReadStringsAndBareNumbers() throws {
        let value = try parse(#"{"s":"250m","n":2,"d":0.5,"bad":"x","b":true}"#)
        #expect(value["s"]?.quantity?.value == 0.25)
        #expect(value["n"]?.quantity?.value == 2)
        #expect(value["d"]?.quantity?.value == 0.5)
        #expect(value["bad"]?.quantity == nil)
        #expect(value["b"]?.quantity == nil)
    }
}
