import AdmissionCore
import Foundation
import Harness
import Testing

/// Polaris's own per-check fixtures, for every check ID both tools ship: same verdict, every file. Each file is
/// judged as `audit` judges it: every object in the file is the "cluster" for cross-resource checks.
@Suite struct PolarisConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let checkID: String
        let file: String
        let expectFailure: Bool
        var testDescription: String { file }
    }

    static let root = TestSupport.fixtures.appendingPathComponent("polaris")

    static let allRows: [Case] = {
        guard let index = try? String(contentsOf: root.appendingPathComponent("INDEX.tsv"), encoding: .utf8) else { return [] }
        return index.split(separator: "\n").dropFirst().map { row in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(checkID: columns[0], file: columns[1], expectFailure: columns[2] == "fail")
        }
    }()

    /// Polaris's built-in check IDs (CHECKS.tsv without the test-only custom checks).
    static let polarisCheckIDs: Set<String> = {
        guard let table = try? String(contentsOf: root.appendingPathComponent("CHECKS.tsv"), encoding: .utf8) else { return [] }
        return Set(table.split(separator: "\n").dropFirst().compactMap { row in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 3, !columns[3].hasPrefix("n/a"), !columns[0].hasPrefix("_") else { return nil }
            return String(columns[0])
        })
    }()

    static let shipped = Set(BuiltinChecks.all.map(\.id))
    static let cases = allRows.filter { shipped.contains($0.checkID) }

    @Test func everyShippedPolarisCheckHasItsFixtures() {
        let covered = Set(Self.cases.map(\.checkID))
        #expect(Self.polarisCheckIDs.count == 44)
        #expect(covered == Self.shipped.intersection(Self.polarisCheckIDs.union(["nakedPod"])))
    }

    @Test func shippedPolarisChecksKeepPolarisSeverities() throws {
        let table = try String(contentsOf: Self.root.appendingPathComponent("CHECKS.tsv"), encoding: .utf8)
        for row in table.split(separator: "\n").dropFirst() {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let check = BuiltinChecks.named(columns[0]), Self.polarisCheckIDs.contains(columns[0]) else { continue }
            #expect(check.defaultSeverity.rawValue == columns[3], "\(check.id)")
        }
    }

    /// Argued disagreement: four Polaris fixtures (`runAsRootAllowed/*`, `deploymentMissingReplicas/*`) declare
    /// `apiVersion: v1` + `kind: Deployment`, an object that does not exist (the API server rejects it: Deployments
    /// are `apps/v1`). Polaris ignores API groups; Harbormaster matches kinds with their group, so that a custom
    /// resource that happens to be called `Deployment` is never judged as one (`PodSpecLocatorTests`). Judged as
    /// written, Harbormaster sees no workload there; the test judges them as the `apps/v1` Deployments they were
    /// meant to be, and `coreGroupDeploymentFixturesAreTheOnlyCorrection` keeps the correction that narrow.
    static func correctingCoreGroupDeployment(_ bytes: [UInt8]) throws -> [UInt8] {
        guard case .object(var object) = try JSON(parsing: String(decoding: bytes, as: UTF8.self)),
            object["apiVersion"] == "v1", object["kind"] == "Deployment"
        else { return bytes }
        object["apiVersion"] = "apps/v1"
        return JSONWriter().bytes(.object(object))
    }

    @Test func coreGroupDeploymentFixturesAreTheOnlyCorrection() throws {
        var corrected: [String] = []
        for testCase in Self.cases {
            let url = Self.root.appendingPathComponent(testCase.file)
            let input = InputFile(name: testCase.file, bytes: [UInt8](try Data(contentsOf: url)))
            for document in try DocumentLoader.documents(in: input) where try Self.correctingCoreGroupDeployment(document.bytes) != document.bytes {
                corrected.append(testCase.file)
            }
        }
        #expect(Set(corrected).isSubset(of: [
            "runAsRootAllowed/failure.yaml", "runAsRootAllowed/success.yaml",
            "deploymentMissingReplicas/failure.yaml", "deploymentMissingReplicas/success.yaml",
        ]))
    }

    /// Argued disagreement: Polaris's `nakedPod` folder does not test a built-in Polaris check but a custom check
    /// written only for Polaris's own test suite (its `check.yaml`: label `app.kubernetes.io/name` must equal
    /// `metadata.name`). Harbormaster's `nakedPod` flags a Pod that no controller owns, which is what the name says.
    /// `success.yaml` is such a Pod (no `ownerReferences` at all), so Harbormaster must flag it.
    static let disagreements: [String: String] = [
        "nakedPod/success.yaml": "a bare Pod with no controller: Polaris's test-only custom check looked at labels instead",
    ]

    @Test(arguments: cases)
    func sameVerdictAsPolaris(_ testCase: Case) throws {
        let url = Self.root.appendingPathComponent(testCase.file)
        let input = InputFile(name: testCase.file, bytes: [UInt8](try Data(contentsOf: url)))
        // Polaris's per-check harness exempts no namespace; some fixtures live in kube-system.
        let evaluator = Evaluator(policy: Policy(exemptNamespaces: []).restricted(to: [testCase.checkID]))
        let objects = try DocumentLoader.documents(in: input).map {
            KubernetesObject(try JSONDocument(parsing: Self.correctingCoreGroupDeployment($0.bytes)).root, defaultNamespace: "default")
        }
        let cluster = ClusterObjects(objects)
        var findings = 0
        var evaluations = 0
        for object in objects {
            let judgement = evaluator.judge(object, cluster: cluster)
            findings += judgement.findings.filter { $0.checkID == testCase.checkID && $0.severity == .danger }.count
            evaluations += judgement.evaluations[testCase.checkID] ?? 0
        }
        if let reason = Self.disagreements[testCase.file] {
            #expect((findings > 0) != testCase.expectFailure, "known disagreement no longer holds (\(reason))")
        } else if testCase.expectFailure {
            #expect(findings > 0, "Polaris fails \(testCase.file); Harbormaster found nothing")
        } else {
            #expect(findings == 0, "Polaris passes \(testCase.file); Harbormaster found \(findings)")
            #expect(evaluations > 0, "\(testCase.checkID) never ran on \(testCase.file)")
        }
    }
}
