import Foundation
import Testing

@testable import AdmissionCore

/// Golden cases for every mutator: `Fixtures/mutators/<id>/<case>.review.json` (an AdmissionReview), with optional
/// `<case>.parameters.json` (the mutator's parameters) and `<case>.exemptions.json` (a list of exemption rules:
/// `{"containers": [...], "checks": [...]}`, globs as in the policy file). Each case runs only that mutator,
/// switched on, without the provenance annotation, and its patch must:
/// - equal `<case>.patch.json` (`RECORD_GOLDEN=1` rewrites the goldens);
/// - apply to the object, and change nothing when the mutator runs again on the result;
/// - leave no finding of the checks the mutator `fixes` where it changed something; the findings of those checks
///   that remain (a container without ports, a single replica, a value the author wrote) are the golden
///   `<case>.remaining.json`, absent when none remain, and each must have been there before the patch;
/// - add no finding of any other check;
/// - leave `spec.selector` and `spec.jobTemplate.spec.selector` byte for byte as they were;
/// - never add, replace or remove a whole container or container list.
@Suite struct MutatorGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let mutatorID: String
        let name: String
        var testDescription: String { "\(mutatorID)/\(name)" }
        var base: String { "mutators/\(mutatorID)/\(name)" }
    }

    static let cases: [Case] = BuiltinMutators.all.flatMap { mutator in
        Fixtures.files(in: "mutators/\(mutator.id)").filter { $0.hasSuffix(".review.json") }
            .map { Case(mutatorID: mutator.id, name: String($0.dropLast(".review.json".count))) }
    }

    /// The cases the issue asks for, per mutator (more may exist).
    static let documented: [String: [String]] = [
        "defaultLabels": [
            "labels-missing", "already-set", "no-spec", "cronjob", "pod", "labels-null", "name-too-long", "generate-name",
            "controlled-pod", "extensions-no-selector", "replication-controller-no-selector", "static-labels",
            "instance-mismatch", "statefulset-template-metadata-missing", "workload-label-empty",
        ],
        "defaultReplicas": [
            "replicas-missing", "already-set", "explicit-one", "replicas-null", "configured", "no-spec", "statefulset",
        ],
        "defaultResourceRequests": [
            "resources-missing", "requests-missing", "one-request-missing", "already-set", "limit-below-default",
            "no-spec", "init-container", "cronjob",
        ],
        "defaultResourceLimits": [
            "resources-missing", "already-set", "no-spec", "cronjob", "init-container", "request-above-default",
            "limit-kept", "cpu-configured", "ratio-below-one", "numeric-request", "ephemeral-container", "memory-off",
        ],
        "defaultProbes": [
            "tcp-port", "already-set", "no-spec", "cronjob", "job", "init-container", "http-port-with-paths",
            "http-port-without-path", "https-port", "udp-only", "no-ports", "preferred-port",
            "readiness-equals-derived-liveness", "liveness-equals-derived-readiness", "startup-probe", "two-containers",
            "pod-owned-by-job",
        ],
        "defaultPodAntiAffinity": [
            "replicas-three", "already-set", "no-spec", "replicas-one", "replicas-missing", "no-selector",
            "other-key-appended", "existing-spread", "node-affinity-only", "statefulset-match-expressions",
            "daemonset", "cronjob", "required-hostname",
        ],
        "defaultTopologySpread": [
            "replicas-three", "already-set", "no-spec", "replicas-one", "no-selector", "empty-list", "daemonset",
            "cronjob", "statefulset", "existing-anti-affinity",
        ],
        "defaultRunAsNonRoot": [
            "security-context-missing", "security-context-exists", "already-set", "no-spec", "cronjob",
            "init-container", "pod-run-as-user", "container-explicit-false", "pod-explicit-false", "run-as-user-zero",
            "ephemeral-container", "windows",
        ],
        "defaultNoPrivilegeEscalation": [
            "security-context-missing", "already-set", "no-spec", "cronjob", "init-container", "privileged",
            "sys-admin", "explicit-true", "windows",
        ],
        "defaultDropCapabilities": [
            "security-context-missing", "capabilities-add-only", "already-set", "no-spec", "cronjob", "init-container",
            "drop-list-written", "windows",
        ],
        "defaultSeccompProfile": [
            "security-context-missing", "security-context-exists", "pod-level-set", "no-spec", "cronjob",
            "init-container", "exempt-container", "container-unconfined", "windows", "legacy-annotation",
            "legacy-container-annotation",
        ],
        "defaultReadOnlyRootFilesystem": [
            "security-context-missing", "already-set", "no-spec", "cronjob", "init-container", "explicit-false",
            "ephemeral-container", "windows",
        ],
        "defaultNoServiceAccountToken": ["pod", "deployment", "already-set", "no-spec", "cronjob", "explicit-true"],
        "defaultImagePullPolicy": [
            "missing", "already-set", "no-spec", "cronjob", "init-container", "other-policy-kept", "unknown-policy",
            "ephemeral-container",
        ],
    ]

    @Test(arguments: BuiltinMutators.all.map(\.id))
    func theDocumentedCasesExist(id: String) {
        let names = Set(Self.cases.filter { $0.mutatorID == id }.map(\.name))
        let wanted = Self.documented[id] ?? []
        #expect(!wanted.isEmpty, "no documented cases for \(id)")
        #expect(wanted.filter { !names.contains($0) } == [], "missing cases for \(id)")
    }

    @Test func everyFixtureFileBelongsToACase() {
        for mutator in BuiltinMutators.all {
            let names = Set(Self.cases.filter { $0.mutatorID == mutator.id }.map(\.name))
            for file in Fixtures.files(in: "mutators/\(mutator.id)") {
                let suffixes = [".review.json", ".patch.json", ".remaining.json", ".parameters.json", ".exemptions.json"]
                let owner = suffixes.first(where: file.hasSuffix).map { String(file.dropLast($0.count)) }
                #expect(owner.map(names.contains) == true, "mutators/\(mutator.id)/\(file) belongs to no case")
            }
        }
    }

    // MARK: The properties every case must have

    @Test(arguments: cases)
    func patchMatchesTheGolden(_ testCase: Case) throws {
        let run = try Run(testCase)
        expectGolden(run.operations.json, path: "\(testCase.base).patch.json")
    }

    @Test(arguments: cases)
    func patchAppliesAndIsIdempotent(_ testCase: Case) throws {
        let run = try Run(testCase)
        let patched = try run.patched()
        #expect(run.evaluator.patch(for: patched) == [], "running the mutator on its own output must change nothing")
    }

    @Test(arguments: cases)
    func fixedChecksPassWhereTheMutatorActed(_ testCase: Case) throws {
        let run = try Run(testCase)
        let patched = try run.patched()
        let judge = Evaluator(policy: run.checkPolicy(Set(run.mutator.fixes)), mutators: [])
        let before = judge.judge(run.object, withFixes: false).findings
        let after = judge.judge(patched, withFixes: false).findings
        let original = JSON(run.object.value)
        let output = JSON(patched.value)
        for finding in after {
            #expect(
                before.contains { $0.checkID == finding.checkID && $0.path == finding.path && $0.container == finding.container },
                "the patch caused \(finding.summary) at \(finding.path)")
            #expect(
                original.value(at: finding.path) == output.value(at: finding.path),
                "\(finding.summary) remains at \(finding.path), where the mutator wrote")
        }
        let remaining = after.map { "\($0.summary) [\($0.path)]" }
        let path = "\(testCase.base).remaining.json"
        let exists = FileManager.default.fileExists(atPath: Fixtures.url(path).path)
        if remaining.isEmpty, ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil, exists {
            try FileManager.default.removeItem(at: Fixtures.url(path))
        } else if !remaining.isEmpty || exists {
            expectGolden(.array(remaining.map(JSON.string)), path: path)
        }
    }

    @Test(arguments: cases)
    func noOtherCheckGetsANewFinding(_ testCase: Case) throws {
        let run = try Run(testCase)
        let judge = Evaluator(policy: run.checkPolicy(Set(BuiltinChecks.all.map(\.id))), mutators: [])
        let before = judge.judge(run.object, withFixes: false).findings
        let after = judge.judge(try run.patched(), withFixes: false).findings
        // A check that a later mutator fixes may fail because of this one alone: replicas set to 2 call for
        // spreading, which defaultPodAntiAffinity adds next.
        let later = BuiltinMutators.all.drop { $0.id != run.mutator.id }.dropFirst().flatMap(\.fixes)
        let new = after.filter { finding in
            !later.contains(finding.checkID)
                && !before.contains { $0.checkID == finding.checkID && $0.path == finding.path && $0.container == finding.container }
        }
        #expect(new.map { "\($0.summary) [\($0.path)]" } == [])
    }

    @Test(arguments: cases)
    func selectorsAreUntouched(_ testCase: Case) throws {
        let run = try Run(testCase)
        let output = JSON(try run.patched().value)
        for selector in [JSONPointer(["spec", "selector"]), JSONPointer(["spec", "jobTemplate", "spec", "selector"])] {
            let before = run.object.value.value(at: selector).map { JSONWriter().string(JSON($0)) }
            let after = output.value(at: selector).map { JSONWriter().string($0) }
            #expect(before == after, "\(selector) changed")
            #expect(!run.operations.contains { $0.path.tokens.starts(with: selector.tokens) || selector.tokens.starts(with: $0.path.tokens) })
        }
    }

    @Test(arguments: cases)
    func noContainerIsReplacedWhole(_ testCase: Case) throws {
        let run = try Run(testCase)
        for operation in run.operations {
            #expect(Self.touchesContainersWhole(operation.path, in: run.object) == false, "\(operation.op) \(operation.path)")
        }
    }

    @Test(arguments: cases)
    func webhookAnswersWithTheSamePatch(_ testCase: Case) throws {
        let run = try Run(testCase)
        let response = try #require(try respond(run.evaluator, to: run.review, mutating: true)["response"])
        #expect(response["allowed"]?.bool == true)
        if run.operations.isEmpty {
            #expect(response["patch"] == nil)
        } else {
            #expect(try decodedPatch(response).jsonText == run.operations.json.jsonText)
        }
    }

    /// A configured policy other than Always is set as configured; pullPolicyNotAlways then keeps its finding on
    /// purpose, which the golden cases cannot show (they require the fixed check to pass where the mutator wrote).
    @Test func aConfiguredPullPolicyIsTheOneSet() throws {
        var policy = Policy()
        policy.mutation.provenanceAnnotation = false
        policy.mutators = ["defaultImagePullPolicy": .init(enabled: true, parameters: JSONObject(["policy": "IfNotPresent"]))]
        let object = try kubernetesObject(Self.workload(kind: "Pod"))
        #expect(Evaluator(policy: policy, mutators: [.defaultImagePullPolicy]).patch(for: object) == [
            .add(pointer("/spec/containers/0/imagePullPolicy"), "IfNotPresent")
        ])
    }

    // MARK: Every mutator over every workload kind

    /// One container, every kind that carries a pod spec; the replicated kinds get a selector, and 3 replicas but
    /// for the Deployment.
    static func workload(kind: String) -> String {
        let container = #"{"name":"app","image":"registry.example.com/app:1.0","ports":[{"name":"http","containerPort":8080}]}"#
        let pod = #"{"metadata":{"labels":{"app":"app"}},"spec":{"containers":[\#(container)]}}"#
        let job = #"{"metadata":{"labels":{"app":"app"}},"spec":{"restartPolicy":"Never","containers":[\#(container)]}}"#
        let selector = #""selector":{"matchLabels":{"app":"app"}}"#
        let body: String
        switch kind {
        case "Pod": body = #""apiVersion":"v1","spec":{"containers":[\#(container)]}"#
        case "PodTemplate": body = #""apiVersion":"v1","template":\#(pod)"#
        case "ReplicationController": body = #""apiVersion":"v1","spec":{"replicas":3,"selector":{"app":"app"},"template":\#(pod)}"#
        // No replicas on the Deployment: defaultReplicas sets 2, and the spreading mutators count them.
        case "Deployment": body = #""apiVersion":"apps/v1","spec":{\#(selector),"template":\#(pod)}"#
        case "StatefulSet", "ReplicaSet": body = #""apiVersion":"apps/v1","spec":{"replicas":3,\#(selector),"template":\#(pod)}"#
        case "DaemonSet": body = #""apiVersion":"apps/v1","spec":{\#(selector),"template":\#(pod)}"#
        case "Job": body = #""apiVersion":"batch/v1","spec":{"template":\#(job)}"#
        case "CronJob": body = #""apiVersion":"batch/v1","spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":\#(job)}}}"#
        default: body = #""apiVersion":"v1""#
        }
        return #"{"kind":"\#(kind)",\#(body),"metadata":{"name":"app","namespace":"shop"}}"#
    }

    static let everyMutatorOn: Policy = {
        var policy = Policy()
        for mutator in BuiltinMutators.all { policy.mutators[mutator.id] = .init(enabled: true) }
        return policy
    }()

    @Test(arguments: PodSpecLocator.workloadKinds)
    func everyMutatorOnEveryKindStaysInsideThePodAndMetadata(kind: String) throws {
        let object = try kubernetesObject(Self.workload(kind: kind))
        let pod = try #require(object.podSpecs.first, "\(kind) has a pod spec")
        let evaluator = Evaluator(policy: Self.everyMutatorOn)
        let operations = evaluator.patch(for: object)
        #expect(!operations.isEmpty)
        let parents = [pod.path, pod.templateMetadataPath, JSONPointer(["metadata"])]
        for operation in operations {
            let inside = parents.contains { operation.path.tokens.starts(with: $0.tokens) && operation.path != $0 }
            let replicas = kind == "Deployment" && operation.path == JSONPointer(["spec", "replicas"])
            #expect(
                inside || replicas,
                "\(kind): \(operation.op) \(operation.path) lies outside the pod spec and metadata")
            #expect(!Self.touchesContainersWhole(operation.path, in: object), "\(kind): \(operation.path)")
        }
        let output = try JSON(object.value).applying(operations)
        let patched = try kubernetesObject(JSONWriter().string(output))
        #expect(evaluator.patch(for: patched) == [], "\(kind): the whole patch must be idempotent")
        expectGolden(operations.json, path: "mutator-kinds/\(kind).patch.json")
    }

    // MARK: Helpers

    /// True when `path` adds, replaces or removes a container list or a whole container of `object`, or a parent
    /// of one.
    static func touchesContainersWhole(_ path: JSONPointer, in object: KubernetesObject) -> Bool {
        for pod in object.podSpecs {
            for role in ContainerRole.allCases {
                let list = pod.path.appending(role.field)
                // The list itself, an element of it (`/containers/0`, `/containers/-`), or a parent of the list.
                if list.tokens.starts(with: path.tokens) { return true }
                if path.tokens.starts(with: list.tokens), path.tokens.count <= list.tokens.count + 1 { return true }
            }
        }
        return false
    }

    /// One case, loaded: the object, the evaluator running only its mutator, and the patch.
    struct Run {
        let mutator: MutatorDefinition
        let review: [UInt8]
        let object: KubernetesObject
        let exemptions: [ExemptionRule]
        let evaluator: Evaluator
        let operations: [PatchOperation]

        init(_ testCase: Case) throws {
            mutator = try #require(BuiltinMutators.named(testCase.mutatorID))
            review = try Fixtures.bytes("\(testCase.base).review.json")
            let request = try AdmissionRequest(reviewBytes: review)
            object = KubernetesObject(try #require(request.object), defaultNamespace: request.namespace ?? "")
            var parameters = JSONObject()
            if let bytes = try? Fixtures.bytes("\(testCase.base).parameters.json") {
                let configured = try #require(JSON(parsing: String(decoding: bytes, as: UTF8.self)).objectValue)
                for member in configured.members {
                    let spec = try #require(mutator.parameters.first { $0.name == member.key }, "unknown parameter \(member.key)")
                    #expect(spec.problem(with: member.value) == nil, "parameter \(member.key)")
                }
                parameters = configured
            }
            var rules: [ExemptionRule] = []
            if let bytes = try? Fixtures.bytes("\(testCase.base).exemptions.json") {
                let list = try #require(JSON(parsing: String(decoding: bytes, as: UTF8.self)).arrayValue)
                rules = list.map { rule in
                    func globs(_ key: String) -> [GlobPattern] { rule[key]?.arrayValue?.compactMap(\.stringValue).map(GlobPattern.init) ?? [] }
                    return ExemptionRule(
                        namespaces: globs("namespaces"), names: globs("names"), containers: globs("containers"),
                        checks: Set(rule["checks"]?.arrayValue?.compactMap(\.stringValue) ?? []))
                }
            }
            exemptions = rules
            var policy = Policy()
            policy.mutation.provenanceAnnotation = false
            policy.mutators = [mutator.id: .init(enabled: true, parameters: parameters)]
            policy.exemptionRules = rules
            evaluator = Evaluator(policy: policy, mutators: [mutator])
            operations = evaluator.patch(for: object)
        }

        /// The object with the patch applied, parsed again as the API server would store it.
        func patched() throws -> KubernetesObject {
            let output = try JSON(object.value).applying(operations)
            return KubernetesObject(try JSONDocument(parsing: JSONWriter().bytes(output)).root, defaultNamespace: object.namespace)
        }

        /// Only `checks`, each at danger, under the case's exemption rules.
        func checkPolicy(_ checks: Set<String>) -> Policy {
            var policy = Policy().restricted(to: checks)
            policy.exemptionRules = exemptions
            return policy
        }
    }
}
