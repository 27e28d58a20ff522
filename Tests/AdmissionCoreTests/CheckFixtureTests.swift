import Foundation
import Testing

@testable import AdmissionCore

/// One file under `Fixtures/checks/<checkID>/`: a full AdmissionReview that the check must pass or fail.
struct CheckFixture: Sendable, CustomTestStringConvertible {
    let checkID: String
    let fileName: String

    var expectsFailure: Bool { fileName.hasPrefix("fail.") }
    var relativePath: String { "checks/\(checkID)/\(fileName)" }
    var testDescription: String { "\(checkID)/\(fileName)" }

    /// Every fixture of every built-in check, discovered on disk (set `CHECK=<id>` to run one check's files).
    static var all: [CheckFixture] {
        let only = ProcessInfo.processInfo.environment["CHECK"]
        return BuiltinChecks.all.map(\.id).filter { only == nil || $0 == only }.flatMap { id in
            Fixtures.files(in: "checks/\(id)").map { CheckFixture(checkID: id, fileName: $0) }
        }
    }
}

@Suite struct CheckFixtureTests {
    @Test(arguments: CheckFixture.all)
    func checkFindsExactlyWhatTheFixtureNameSays(fixture: CheckFixture) throws {
        let request = try AdmissionRequest(reviewBytes: Fixtures.bytes(fixture.relativePath))
        #expect(request.apiVersion == "admission.k8s.io/v1")
        #expect(request.operation == .create)
        let object = KubernetesObject(try #require(request.object), defaultNamespace: request.namespace ?? "")
        let evaluator = Evaluator(policy: Policy().restricted(to: [fixture.checkID]))
        let judgement = evaluator.judge(object)

        #expect(judgement.findings.allSatisfy { $0.checkID == fixture.checkID && $0.severity == .danger })
        if fixture.expectsFailure {
            #expect(!judgement.findings.isEmpty, "expected a \(fixture.checkID) finding")
        } else {
            #expect(judgement.findings.isEmpty, "unexpected findings: \(judgement.findings.map(\.summary))")
            let check = try #require(BuiltinChecks.named(fixture.checkID))
            if Self.skipsEveryPod(of: object, check) {
                // Probes make no sense for Job pods: the check must not run at all, not run and pass by luck.
                #expect(judgement.evaluations[fixture.checkID] == nil, "the check should skip run-to-completion pods")
            } else {
                #expect(judgement.evaluations[fixture.checkID, default: 0] >= 1, "the check never ran")
            }
        }
    }

    /// True when `check` deliberately skips every pod of `object` (a container check on Job and CronJob pods).
    private static func skipsEveryPod(of object: KubernetesObject, _ check: CheckDefinition) -> Bool {
        guard case .container(_, skipsRunToCompletion: true, _, _) = check.rule else { return false }
        return !object.podSpecs.isEmpty && object.podSpecs.allSatisfy(\.runsToCompletion)
    }

    /// The webhook path agrees with the engine: a `fail.` fixture is denied naming the check, a `pass.` one allowed.
    @Test(arguments: CheckFixture.all)
    func webhookAnswerAgreesWithTheFixtureName(fixture: CheckFixture) throws {
        let evaluator = Evaluator(policy: Policy().restricted(to: [fixture.checkID]))
        let review = try respond(evaluator, to: Fixtures.bytes(fixture.relativePath))
        let response = try #require(review["response"])
        #expect(response["allowed"]?.bool == !fixture.expectsFailure)
        if fixture.expectsFailure {
            #expect(response["status"]?["message"]?.string?.hasPrefix("Harbormaster denied") == true)
            #expect(response["status"]?["message"]?.string?.contains("failed \(fixture.checkID)\n") == true)
        }
    }
}
