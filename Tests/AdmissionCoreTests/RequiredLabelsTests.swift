import Foundation
import Testing

@testable import AdmissionCore

/// `requiredLabelsMissing` with per-kind keys and value patterns (`byKind`).
@Suite struct RequiredLabelsTests {
    static let deployment = #"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","labels":{"app.kubernetes.io/name":"web"TEAM}},
        "spec":{"template":{"metadata":{"labels":{"app.kubernetes.io/name":"web"TEAM}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
        """#

    private func findings(_ object: String, byKind: JSON) throws -> [Finding] {
        var policy = Policy()
        policy.checks["requiredLabelsMissing"] = Policy.CheckSettings(severity: .warning, parameters: JSONObject(["byKind": byKind]))
        let evaluator = Evaluator(policy: policy, checks: [.requiredLabelsMissing])
        return evaluator.judge(KubernetesObject(try JSONDocument(parsing: object).root)).findings
    }

    @Test(arguments: [
        ("", ["team on metadata", "team on pod template"]),
        (#","team":"shop""#, ["team=shop (must match 'pay*') on metadata", "team=shop (must match 'pay*') on pod template"]),
        (#","team":"payments""#, []),
    ])
    func deploymentTeamMustMatch(team: String, expected: [String]) throws {
        let object = Self.deployment.replacingOccurrences(of: "TEAM", with: team)
        let found = try findings(object, byKind: ["Deployment": ["team": "pay*"]])
        #expect(found.map { $0.message.replacingOccurrences(of: "Required labels are missing: ", with: "") } == expected)
    }

    @Test func otherKindsCanBeConfiguredToo() throws {
        let namespace = #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"owner":""}}}"#
        #expect(try findings(namespace, byKind: ["Namespace": ["owner": "*"]]).map(\.path.description) == ["/metadata/labels"])
        #expect(try findings(namespace, byKind: [:]).isEmpty)
    }

    @Test func byKindMustBeAMapOfMaps() {
        let spec = CheckDefinition.requiredLabelsMissing.parameters[1]
        #expect(spec.problem(with: ["Deployment": ["team": "*"]]) == nil)
        #expect(spec.problem(with: ["Deployment": "team"]) != nil)
        #expect(spec.problem(with: ["team"]) != nil)
    }
}
