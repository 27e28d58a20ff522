import AdmissionCore
import Foundation
import Harness
import Testing

/// Polaris's own per-check fixtures for every check ID both tools ship: same verdict, every file.
@Suite struct PolarisConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let checkID: String
        let file: String
        let expectFailure: Bool
        var testDescription: String { file }
    }

    static let root = TestSupport.fixtures.appendingPathComponent("polaris")

    static let cases: [Case] = {
        guard let index = try? String(contentsOf: root.appendingPathComponent("INDEX.tsv"), encoding: .utf8) else { return [] }
        return index.split(separator: "\n").dropFirst().map { row in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(checkID: columns[0], file: columns[1], expectFailure: columns[2] == "fail")
        }
    }()

    @Test func indexCoversEveryShippedPolarisCheck() throws {
        let indexed = Set(Self.cases.map(\.checkID))
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.path).filter { !$0.contains(".") }
        #expect(indexed == Set(folders))
        // Every Polaris check we ship has its fixtures here: the IDs Polaris defines that Harbormaster also has.
        let polarisIDs: Set = [
            "livenessProbeMissing", "readinessProbeMissing", "cpuRequestsMissing", "memoryRequestsMissing",
            "cpuLimitsMissing", "memoryLimitsMissing", "tagNotSpecified", "runAsPrivileged", "hostNetworkSet",
            "hostPIDSet", "hostIPCSet",
        ]
        #expect(indexed.isSuperset(of: polarisIDs.intersection(BuiltinChecks.all.map(\.id))))
    }

    @Test(arguments: cases)
    func sameVerdictAsPolaris(_ testCase: Case) throws {
        let url = Self.root.appendingPathComponent(testCase.file)
        let input = InputFile(name: testCase.file, bytes: [UInt8](try Data(contentsOf: url)))
        let evaluator = Evaluator(policy: Policy().restricted(to: [testCase.checkID]))
        var findings = 0
        var evaluations = 0
        for document in try DocumentLoader.documents(in: input) {
            let object = KubernetesObject(try JSONDocument(parsing: document.bytes).root, defaultNamespace: "default")
            let judgement = evaluator.judge(object)
            findings += judgement.findings.filter { $0.checkID == testCase.checkID && $0.severity == .danger }.count
            evaluations += judgement.evaluations[testCase.checkID] ?? 0
        }
        if testCase.expectFailure {
            #expect(findings > 0, "Polaris fails \(testCase.file); Harbormaster found nothing")
        } else {
            #expect(findings == 0, "Polaris passes \(testCase.file); Harbormaster found \(findings)")
            #expect(evaluations > 0, "\(testCase.checkID) never ran on \(testCase.file)")
        }
    }
}
