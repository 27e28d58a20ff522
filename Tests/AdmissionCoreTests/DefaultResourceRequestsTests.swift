import Foundation
import Testing

@testable import AdmissionCore

@Suite struct DefaultResourceRequestsTests {
    static let directory = "mutators/defaultResourceRequests"
    static let cases = Fixtures.files(in: directory).filter { $0.hasSuffix(".review.json") }
        .map { String($0.dropLast(".review.json".count)) }

    /// Only this mutator, so that the patches stay this mutator's whatever else gets registered.
    let evaluator = Evaluator(policy: Self.withoutProvenance, mutators: [.defaultResourceRequests])

    static var withoutProvenance: Policy {
        var policy = Policy()
        policy.mutation.provenanceAnnotation = false
        return policy
    }
    let requestChecks = Policy().restricted(to: ["cpuRequestsMissing", "memoryRequestsMissing"])

    private func review(_ name: String) throws -> [UInt8] {
        try Fixtures.bytes("\(Self.directory)/\(name).review.json")
    }

    private func object(_ name: String) throws -> KubernetesObject {
        let request = try AdmissionRequest(reviewBytes: review(name))
        return KubernetesObject(try #require(request.object), defaultNamespace: request.namespace ?? "")
    }

    /// `object` with `operations` applied, parsed again as the API server would store it.
    private func applying(_ operations: [PatchOperation], to object: KubernetesObject) throws -> KubernetesObject {
        let patched = try JSON(object.value).applying(operations)
        return KubernetesObject(
            try JSONDocument(parsing: JSONWriter().bytes(patched)).root, defaultNamespace: object.namespace)
    }

    @Test func theDocumentedCasesExist() {
        let documented = [
            "resources-missing", "requests-missing", "one-request-missing", "already-set", "limit-below-default",
            "no-spec", "init-container", "cronjob",
        ]
        #expect(
            documented.allSatisfy(Self.cases.contains),
            "missing cases: \(documented.filter { !Self.cases.contains($0) })")
    }

    @Test(arguments: cases)
    func patchMatchesGoldenFile(name: String) throws {
        expectGolden(evaluator.patch(for: try object(name)).json, path: "\(Self.directory)/\(name).patch.json")
    }

    @Test(arguments: cases)
    func patchAppliesIsIdempotentAndSatisfiesTheRequestChecks(name: String) throws {
        let original = try object(name)
        let operations = evaluator.patch(for: original)
        let before = Evaluator(policy: requestChecks).judge(original)
        #expect(operations.isEmpty == before.findings.isEmpty, "a patch exactly when a request is missing")

        let patched = try applying(operations, to: original)
        #expect(evaluator.patch(for: patched).isEmpty, "running the mutator again must change nothing")
        let after = Evaluator(policy: requestChecks).judge(patched)
        #expect(after.findings.map(\.summary) == [])
        #expect(after.evaluations.values.reduce(0, +) == before.evaluations.values.reduce(0, +))
    }

    @Test(arguments: cases)
    func webhookPatchDecodesToTheSameOperations(name: String) throws {
        let operations = evaluator.patch(for: try object(name))
        let response = try #require(try respond(evaluator, to: review(name), mutating: true)["response"])
        #expect(response["allowed"]?.bool == true)
        if operations.isEmpty {
            #expect(response["patch"] == nil)
            #expect(response["patchType"] == nil)
        } else {
            #expect(response["patchType"]?.string == "JSONPatch")
            #expect(try decodedPatch(response).jsonText == operations.json.jsonText)
        }
    }

    @Test func limitBelowTheDefaultBecomesTheRequest() throws {
        let operations = evaluator.patch(for: try object("limit-below-default"))
        #expect(
            operations == [.add(pointer("/spec/containers/0/resources/requests"), ["cpu": "50m", "memory": "128Mi"])])
    }

    @Test func configuredDefaultsAreUsedAndEmptyLeavesAResourceAlone() throws {
        var policy = Self.withoutProvenance
        policy.mutators = ["defaultResourceRequests": .init(enabled: true, parameters: JSONObject(["cpu": "", "memory": "1Gi"]))]
        let operations = Evaluator(policy: policy, mutators: [.defaultResourceRequests]).patch(
            for: try object("resources-missing"))
        #expect(operations == [.add(pointer("/spec/containers/0/resources"), ["requests": ["memory": "1Gi"]])])
    }

    @Test func disabledOrExemptMeansNoPatch() throws {
        var disabled = Self.withoutProvenance
        disabled.mutators = ["defaultResourceRequests": .init(enabled: false)]
        #expect(
            Evaluator(policy: disabled, mutators: [.defaultResourceRequests]).patch(
                for: try object("resources-missing")) == [])

        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let exempt = pod.replacingRequired(
            #""name":"web","namespace""#,
            with: #""name":"web","annotations":{"harbormaster.io/exempt-defaultResourceRequests":"true"},"namespace""#)
        #expect(evaluator.patch(for: try kubernetesObject(pod)).count == 1)
        #expect(evaluator.patch(for: try kubernetesObject(exempt)) == [])
        let systemPod = pod.replacingRequired(#""namespace":"shop","#, with: "")
        #expect(evaluator.patch(for: try kubernetesObject(systemPod, defaultNamespace: "kube-system")) == [])
        #expect(evaluator.patch(for: try kubernetesObject(systemPod, defaultNamespace: "shop")).count == 1)
    }

    @Test func numericLimitIsCopiedAsItsExactNumber() throws {
        let pod = cleanPod(
            replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"256Mi"}"#,
            with: #""limits":{"cpu":0.05,"memory":"64Mi"}"#)
        let operations = evaluator.patch(for: try kubernetesObject(pod))
        #expect(
            operations.json.jsonText
                == #"[{"op":"add","path":"/spec/containers/0/resources/requests","value":{"cpu":0.05,"memory":"64Mi"}}]"#
        )
    }
}
