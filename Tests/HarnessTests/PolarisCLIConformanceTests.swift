import AdmissionCore
import Foundation
import Testing

/// The acceptance path itself: `harbormaster audit --check <ID> --format json <file>` on every Polaris fixture of
/// every shipped check, judged by the `danger` count. The only differences are the argued ones (see
/// `PolarisConformanceTests`): the two fixtures that declare a core-group `v1` Deployment, which the API server
/// would reject and which Harbormaster does not treat as a workload, and `nakedPod/success.yaml`.
@Suite struct PolarisCLIConformanceTests {
    static let arguedDifferences: Set<String> = [
        "runAsRootAllowed/failure.yaml", "deploymentMissingReplicas/failure.yaml", "nakedPod/success.yaml",
    ]

    @Test func auditCommandAgreesWithPolarisExceptTheArguedFiles() throws {
        var differences: Set<String> = []
        for testCase in PolarisConformanceTests.cases {
            let file = PolarisConformanceTests.root.appendingPathComponent(testCase.file).path
            let result = try TestSupport.run(["audit", "--check", testCase.checkID, "--format", "json", file])
            let summary = try JSON(parsing: result.stdout)["summary"]
            let failed = (summary?["danger"]?.intValue ?? 0) > 0
            #expect(result.status == (failed ? 1 : 0), "\(testCase.file): exit \(result.status)")
            if failed != testCase.expectFailure { differences.insert(testCase.file) }
        }
        #expect(differences == Self.arguedDifferences)
    }
}
