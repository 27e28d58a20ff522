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

    @Test(arguments: [
        ("128Mi", 2.0, "256Mi"), ("100m", 1.5, "150m"), ("1Gi", 1.5, "1536Mi"), ("12Ti", 2.0, "24Ti"), ("3", 0.5, "1500m"),
        ("1000", 1.001, "1001"),
    ])
    func multipliesToTheShortestExactText(text: String, factor: Double, expected: String) throws {
        #expect(try #require(Quantity(text)).multiplied(by: factor).text == expected)
    }

    /// Regression (property test): a request near the API's 2^63 - 1 limit times a ratio crashed the process when
    /// converted to Int64. Kept as it is instead, through the whole mutating webhook.
    @Test func hugeQuantitiesAreKeptNotScaled() throws {
        let huge = try #require(Quantity("123456789012345678"))
        #expect(huge.multiplied(by: 2).text == "123456789012345678")
        #expect(try #require(Quantity("9e18")).multiplied(by: 2).text == "9e18")
        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"256Mi"}"#,
            with: #""requests":{"memory":"123456789012345678"}"#)
        let patch = Evaluator().patch(for: try kubernetesObject(pod))
        #expect(patch.contains { $0.path.description == "/spec/containers/0/resources/limits" && $0.value == ["memory": "123456789012345678"] })
    }
}
