import AdmissionCore
import Foundation
import Harness
import PolicyConfig
import Testing

/// Polaris's webhook end-to-end cases: each file `kubectl apply`d against its validating webhook with the default
/// configuration. Harbormaster's built-in policy must admit the `passing_test` files and deny the `failing_test`
/// ones, each object reviewed alone as the API server would send it.
@Suite struct PolarisWebhookCasesTests {
    static let cases: [PolarisConformanceTests.Case] = PolarisConformanceTests.allRows.filter { $0.checkID == "_webhook_cases" }

    @Test func allTwentyFiveCasesArePresent() {
        #expect(Self.cases.count == 25)
    }

    @Test(arguments: cases)
    func sameAdmissionVerdictAsPolaris(_ testCase: PolarisConformanceTests.Case) throws {
        let url = PolarisConformanceTests.root.appendingPathComponent(testCase.file)
        let input = InputFile(name: testCase.file, bytes: [UInt8](try Data(contentsOf: url)))
        let evaluator = Evaluator(policy: PolicyFile.defaultPolicy)
        var denials: [String] = []
        for document in try DocumentLoader.documents(in: input) {
            let object = try JSON(parsing: String(decoding: document.bytes, as: UTF8.self))
            let review: JSON = [
                "apiVersion": "admission.k8s.io/v1",
                "kind": "AdmissionReview",
                "request": [
                    "uid": "polaris-webhook-case",
                    "operation": "CREATE",
                    "namespace": .string(object["metadata"]?["namespace"]?.stringValue ?? "default"),
                    "object": object,
                ],
            ]
            let answer = try evaluator.respond(toReview: JSONWriter().bytes(review), mutating: false)
            if !answer.response.allowed { denials.append(answer.response.status?.message ?? "") }
        }
        if testCase.expectFailure {
            #expect(!denials.isEmpty, "Polaris denies \(testCase.file); Harbormaster admitted it")
        } else {
            #expect(denials.isEmpty, "Polaris admits \(testCase.file); Harbormaster denied: \(denials)")
        }
    }
}
