import AdmissionCore
import Foundation
import Harness
import Testing

/// Polaris's mutation fixtures (`MUTATIONS.tsv`: a failing manifest and the fixed value Polaris injects) run
/// through Harbormaster's mutators, every one switched on with its default parameters. Each row's outcome is
/// pinned here and explained in docs/mutators.md: Harbormaster derives values from the workload where Polaris
/// injects fixed ones, and never removes or overrides what the author wrote, so some rows stay failing on
/// purpose.
@Suite struct PolarisMutationsTests {
    enum Outcome: Equatable, CustomStringConvertible {
        /// The check passes on Harbormaster's output; `value` is what was injected at Polaris's path.
        case fixed(value: String)
        /// The check still fails: Harbormaster leaves this to the validator (or to configuration).
        case leftFailing

        var description: String {
            switch self {
            case .fixed(let value): return "fixed with \(value)"
            case .leftFailing: return "left failing"
            }
        }
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let checkID: String
        let input: String
        let polarisOperation: String
        var testDescription: String { input }
    }

    static let root = PolarisConformanceTests.root

    static let rows: [Row] = {
        guard let table = try? String(contentsOf: root.appendingPathComponent("MUTATIONS.tsv"), encoding: .utf8) else { return [] }
        return table.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(checkID: columns[0], input: columns[1], polarisOperation: columns[4])
        }
    }()

    /// What Harbormaster does with each row, and (in docs/mutators.md) why.
    static let expected: [String: Outcome] = [
        "cpuLimitsMissing/failure.yaml": .leftFailing,  // CPU limits are off unless configured
        "cpuRequestsMissing/failure.yaml": .fixed(value: "\"100m\""),
        "dangerousCapabilities/failure.yaml": .leftFailing,  // never removes capabilities the author added
        "deploymentMissingReplicas/failure.yaml": .leftFailing,  // the author wrote replicas: 1; Polaris overwrites it
        "hostIPCSet/failure.yaml": .leftFailing,  // never removes host namespaces: the validator denies instead
        "hostNetworkSet/failure.yaml": .leftFailing,
        "hostPIDSet/failure.yaml": .leftFailing,
        "hostPortSet/failure.yaml": .leftFailing,
        "insecureCapabilities/failure.add.yaml": .fixed(value: #"{"add":["ALL"],"drop":["ALL"]}"#),
        "insecureCapabilities/failure.drop-most.yaml": .leftFailing,  // a drop list the author wrote is kept
        "insecureCapabilities/failure.yaml": .fixed(value: #"{"drop":["ALL"]}"#),
        "livenessProbeMissing/failure.yaml": .leftFailing,  // no port declared: no guessed probe
        "memoryLimitsMissing/failure.cpu.yaml": .fixed(value: "\"256Mi\""),
        "memoryLimitsMissing/failure.yaml": .fixed(value: "\"256Mi\""),
        "memoryRequestsMissing/failure.yaml": .fixed(value: "\"128Mi\""),
        "pullPolicyNotAlways/failure.cron-job.yaml": .fixed(value: "\"Always\""),
        "pullPolicyNotAlways/failure.deployment.yaml": .fixed(value: "\"Always\""),
        "pullPolicyNotAlways/failure.yaml": .fixed(value: "\"Always\""),
        "readinessProbeMissing/failure.yaml": .leftFailing,
        "runAsRootAllowed/failure.yaml": .leftFailing,  // the author wrote runAsNonRoot: false; Polaris overwrites it
    ]

    /// Every mutator on, default parameters; no namespace exempt (some fixtures live in kube-system).
    static let everyMutator: Policy = {
        var policy = Policy(exemptNamespaces: [])
        for mutator in BuiltinMutators.all { policy.mutators[mutator.id] = .init(enabled: true) }
        return policy
    }()

    @Test func everyRowHasAnExpectedOutcome() {
        #expect(Self.rows.count == 20)
        #expect(Set(Self.rows.map(\.input)) == Set(Self.expected.keys))
    }

    @Test(arguments: rows)
    func outcomeIsThePinnedOne(_ row: Row) throws {
        let url = Self.root.appendingPathComponent(row.input)
        let input = InputFile(name: row.input, bytes: [UInt8](try Data(contentsOf: url)))
        let document = try #require(try DocumentLoader.documents(in: input).first)
        let object = KubernetesObject(
            try JSONDocument(parsing: PolarisConformanceTests.correctingCoreGroupDeployment(document.bytes)).root,
            defaultNamespace: "default")
        let patch = Evaluator(policy: Self.everyMutator).patch(for: object)
        let output = try JSON(object.value).applying(patch)
        let mutated = KubernetesObject(try JSONDocument(parsing: JSONWriter().bytes(output)).root, defaultNamespace: "default")
        let judge = Evaluator(policy: Policy(exemptNamespaces: []).restricted(to: [row.checkID]))
        let stillFailing = !judge.judge(mutated, cluster: ClusterObjects([mutated])).findings.isEmpty

        let outcome: Outcome
        if stillFailing {
            outcome = .leftFailing
        } else {
            // Polaris's path is relative to the container (to the object for replicas): show what is there now.
            let tail = JSONPointer(parsing: String(row.polarisOperation.split(separator: " ")[1]))?.tokens ?? []
            let base = tail.first == "spec" ? [] : object.podSpecs.first?.containers.first?.path.tokens ?? []
            outcome = .fixed(value: output.value(at: JSONPointer(base + tail)).map { JSONWriter().string($0) } ?? "(nothing)")
        }
        #expect(outcome == Self.expected[row.input], "\(row.input): Polaris does \(row.polarisOperation)")
    }
}
