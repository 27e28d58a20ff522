import AdmissionCore
import Foundation
import Testing

/// `review --mutate` proven with an independent JSON Patch implementation (Python's `jsonpatch`), then proven
/// idempotent: the patched object, reviewed again, gets no patch.
@Suite struct MutationRoundTripTests {
    /// CI sets HARBORMASTER_REQUIRE_PYTHON=1 so that a missing `jsonpatch` fails instead of skipping.
    static let pythonAvailable: Bool = {
        if ProcessInfo.processInfo.environment["HARBORMASTER_REQUIRE_PYTHON"] == "1" { return true }
        let result = try? TestSupport.run(["python3", "-c", "import jsonpatch"], executable: URL(fileURLWithPath: "/usr/bin/env"))
        return result?.status == 0
    }()

    @Test(.enabled(if: pythonAvailable, "python3 with the jsonpatch module is needed"))
    func patchAppliedByPythonSetsRequestsAndSecondPassIsEmpty() throws {
        let first = try TestSupport.run(["review", "--mutate", "samples/reviews/deployment-no-resources.json"])
        #expect(first.status == 0)
        let response = try #require(try JSON(parsing: first.stdout)["response"])
        #expect(response["patchType"] == "JSONPatch")
        let patch = try #require(response["patch"]?.stringValue.flatMap(Base64.decode))

        let review = try JSON(parsing: String(contentsOf: TestSupport.samples.appendingPathComponent("reviews/deployment-no-resources.json"), encoding: .utf8))
        let object = try #require(review["request"]?["object"])
        let script = """
            import json, sys, jsonpatch
            data = json.load(sys.stdin)
            print(json.dumps(jsonpatch.apply_patch(data["object"], data["patch"])))
            """
        let input = "{\"object\": \(object.jsonText), \"patch\": \(String(decoding: patch, as: UTF8.self))}"
        let python = try TestSupport.run(["python3", "-c", script], input: input, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(python.status == 0, "\(python.stderr)")
        let patched = try JSON(parsing: python.stdout)
        let container = try #require(patched["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container["resources"]?["requests"] == ["cpu": "100m", "memory": "128Mi"])
        #expect(container["image"] == object["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"])

        // Review the patched object again: nothing more to change.
        guard case .object(var envelope) = review, case .object(var request)? = review["request"] else {
            Issue.record("sample is not an AdmissionReview")
            return
        }
        request["object"] = patched
        envelope["request"] = .object(request)
        let file = try TestSupport.temporaryFile(JSON.object(envelope).jsonText, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: file) }
        let second = try TestSupport.run(["review", "--mutate", file.path])
        #expect(second.status == 0)
        let again = try JSON(parsing: second.stdout)["response"]
        #expect(again?["patch"] == nil)
        #expect(again?["patchType"] == nil)
        #expect(again?["allowed"] == true)
    }
}
