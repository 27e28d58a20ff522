import Foundation
import Testing

@testable import AdmissionCore

/// One file under `Fixtures/checks/<checkID>/`: a full AdmissionReview that the check must pass or fail, or a
/// `kind: List` document whose items are judged together as `audit` judges them (for cross-resource checks).
struct CheckFixture: Sendable, CustomTestStringConvertible {
    let checkID: String
    let fileName: String

    var expectsFailure: Bool { fileName.hasPrefix("fail.") }

    /// The check alone at `danger`, with the parameters in the directory's optional `parameters.json` (for checks
    /// that pass everything until configured, such as an empty registry allow-list).
    var policy: Policy {
        var policy = Policy()
        if let bytes = try? Fixtures.bytes("checks/\(checkID)/parameters.json"),
            let document = try? JSONDocument(parsing: bytes), case .object(let parameters) = JSON(document.root)
        {
            policy.checks[checkID] = Policy.CheckSettings(severity: .danger, parameters: parameters)
        }
        return policy.restricted(to: [checkID])
    }
    var relativePath: String { "checks/\(checkID)/\(fileName)" }
    var testDescription: String { "\(checkID)/\(fileName)" }

    /// Every fixture of every built-in check, discovered on disk (set `CHECK=<id>` to run one check's files).
    static var all: [CheckFixture] {
        let only = ProcessInfo.processInfo.environment["CHECK"]
        return BuiltinChecks.all.map(\.id).filter { only == nil || $0 == only }.flatMap { id in
            Fixtures.files(in: "checks/\(id)").filter { $0 != "parameters.json" }.map { CheckFixture(checkID: id, fileName: $0) }
        }
    }
}

@Suite struct CheckFixtureTests {
    @Test(arguments: CheckFixture.all)
    func checkFindsExactlyWhatTheFixtureNameSays(fixture: CheckFixture) throws {
        if let items = try Self.listItems(fixture) {
            try Self.judgeAsAudit(items, fixture)
            return
        }
        let request = try AdmissionRequest(reviewBytes: Fixtures.bytes(fixture.relativePath))
        #expect(request.apiVersion == "admission.k8s.io/v1")
        #expect(request.operation == .create)
        let object = KubernetesObject(try #require(request.object), defaultNamespace: request.namespace ?? "")
        let evaluator = Evaluator(policy: fixture.policy)
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

    /// The items of a `kind: List` fixture, or nil when the fixture is an AdmissionReview.
    private static func listItems(_ fixture: CheckFixture) throws -> [JSONValue]? {
        let root = try JSONDocument(parsing: Fixtures.bytes(fixture.relativePath)).root
        guard root["kind"]?.isString("List") == true else { return nil }
        return Array(try #require(root["items"]?.elements, "a List fixture needs items"))
    }

    /// Judges every item with all the items as the cluster, as `audit` does; the expectation is over all items.
    private static func judgeAsAudit(_ items: [JSONValue], _ fixture: CheckFixture) throws {
        let objects = items.map { KubernetesObject($0, defaultNamespace: "default") }
        let cluster = ClusterObjects(objects)
        let evaluator = Evaluator(policy: fixture.policy)
        var findings: [Finding] = []
        var evaluations = 0
        for object in objects {
            let judgement = evaluator.judge(object, cluster: cluster)
            findings += judgement.findings
            evaluations += judgement.evaluations[fixture.checkID, default: 0]
        }
        #expect(findings.allSatisfy { $0.checkID == fixture.checkID && $0.severity == .danger })
        if fixture.expectsFailure {
            #expect(!findings.isEmpty, "expected a \(fixture.checkID) finding")
        } else {
            #expect(findings.isEmpty, "unexpected findings: \(findings.map(\.summary))")
            #expect(evaluations >= 1, "the check never ran")
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
        // A List is judged only as `audit` judges it; the webhook never sees one.
        if try Self.listItems(fixture) != nil { return }
        let evaluator = Evaluator(policy: fixture.policy)
        let review = try respond(evaluator, to: Fixtures.bytes(fixture.relativePath))
        let response = try #require(review["response"])
        #expect(response["allowed"]?.bool == !fixture.expectsFailure)
        if fixture.expectsFailure {
            #expect(response["status"]?["message"]?.string?.hasPrefix("Harbormaster denied") == true)
            #expect(response["status"]?["message"]?.string?.contains("failed \(fixture.checkID)\n") == true)
        }
    }
}
