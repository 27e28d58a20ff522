import AdmissionCore
import Foundation
import Testing

/// Every mutator, switched on together, over several hundred generated workloads (`WorkloadGenerator`): the patch
/// applies (and Python's `jsonpatch`, an independent RFC 6902 implementation, produces the same object), the
/// output parses, a second pass changes nothing, mutators only add (no value the author wrote changes, selectors
/// stay as they were), and the checks each mutator claims to fix are quiet on its output, except where the
/// mutator's documented rules say it leaves the object alone (`Excuses`).
///
/// Deterministic: `HARBORMASTER_PROPERTY_SEED` (decimal or 0x hex) and `HARBORMASTER_PROPERTY_COUNT` change the run;
/// every failure names the seed and the workload's index, input and patch.
@Suite struct MutatorPropertyTests {
    static let seed: UInt64 = {
        let standard: UInt64 = 0x4842_4D53_2026_0001
        guard let text = ProcessInfo.processInfo.environment["HARBORMASTER_PROPERTY_SEED"] else { return standard }
        return (text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)) ?? standard
    }()
    static let count = ProcessInfo.processInfo.environment["HARBORMASTER_PROPERTY_COUNT"].flatMap { Int($0) } ?? 500

    /// Two policies, both with every mutator on: one with default parameters, one with every parameter that
    /// changes the shape of the output configured (CPU limits, HTTP probe paths, startup probes, an extra label
    /// whose key needs `~0` escaping, which requiredLabelsMissing then also requires). Workloads alternate.
    struct Variant: Sendable {
        let name: String
        let policy: Policy
    }

    static let variants: [Variant] = {
        var everything = Policy()
        for mutator in BuiltinMutators.all { everything.mutators[mutator.id] = .init(enabled: true) }
        var configured = everything
        func set(_ id: String, _ parameters: KeyValuePairs<String, JSON>) {
            configured.mutators[id] = .init(enabled: true, parameters: JSONObject(parameters))
        }
        set("defaultResourceLimits", ["cpu": "500m", "memoryRequestRatio": .number(JSONNumber(text: "1.5")!)])
        set("defaultProbes", ["readinessPath": "/ready", "livenessPath": "/healthz", "startupProbe": true])
        set("defaultLabels", ["labels": ["team": "payments", "example.com/tilde~label": "yes"]])
        set("defaultReplicas", ["replicas": 3])
        configured.checks["requiredLabelsMissing"] = .init(
            severity: .warning, parameters: JSONObject(["labels": ["app.kubernetes.io/name", "team"]])
        )
        return [Variant(name: "defaults", policy: everything), Variant(name: "configured", policy: configured)]
    }()

    /// One workload with its patch and the patched object, computed once for every test in the suite.
    struct Case: Sendable {
        let workload: GeneratedWorkload
        let variant: Int
        let original: JSON
        /// `original` as the engine reads it.
        let input: JSONValue
        let patch: [PatchOperation]
        /// The Swift application of `patch` to `original`.
        let output: Result<JSON, JSONPatchError>
        /// The output's JSON text parsed again (nil when it does not parse), as the next webhook call would read it.
        let parsedOutput: JSONValue?

        var policy: Policy { MutatorPropertyTests.variants[variant].policy }

        /// What a failure message needs to reproduce it.
        var reproduction: String {
            """
            seed 0x\(String(MutatorPropertyTests.seed, radix: 16)), workload #\(workload.index) \
            (\(workload.kind), policy \(MutatorPropertyTests.variants[variant].name)\
            \(workload.junk.isEmpty ? "" : ", junk: " + workload.junk.joined(separator: "; ")))
            input: \(workload.text)
            patch: \(patch.json.jsonText)
            """
        }
    }

    static let (cases, setupSeconds): ([Case], Double) = {
        let start = Date()
        let evaluators = variants.map { Evaluator(policy: $0.policy) }
        let results = Slots<Case>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let workload = WorkloadGenerator.workload(index: index, runSeed: seed)
            // A workload that does not parse (a JSONWriter bug) is missing from `cases`: generatorCovers... fails.
            guard let value = try? JSONDocument(parsing: workload.text).root else { return }
            let variant = index % variants.count
            let original = JSON(value)
            let patch = evaluators[variant].patch(for: KubernetesObject(value))
            let output = Result { () throws(JSONPatchError) -> JSON in try original.applying(patch) }
            let parsedOutput = (try? output.get()).flatMap { try? JSONDocument(parsing: $0.jsonText).root }
            results[index] = Case(
                workload: workload, variant: variant, original: original, input: value, patch: patch, output: output,
                parsedOutput: parsedOutput
            )
        }
        return (results.values.compactMap { $0 }, Date().timeIntervalSince(start))
    }()

    /// Results filled in from concurrent work, one slot each.
    final class Slots<Value: Sendable>: @unchecked Sendable {
        private var slots: [Value?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        subscript(index: Int) -> Value? {
            get { lock.withLock { slots[index] } }
            set { lock.withLock { slots[index] = newValue } }
        }

        var values: [Value?] { lock.withLock { slots } }
    }

    /// Records at most `limit` failures of one property, then how many there were in all.
    struct Failures {
        let property: String
        var count = 0
        let limit = 8

        mutating func record(_ message: String, _ testCase: Case, sourceLocation: SourceLocation = #_sourceLocation) {
            count += 1
            if count <= limit {
                Issue.record("\(property): \(message)\n\(testCase.reproduction)", sourceLocation: sourceLocation)
            }
        }

        func finish(sourceLocation: SourceLocation = #_sourceLocation) {
            if count > limit {
                Issue.record(
                    "\(property): \(count) failures in all (first \(limit) shown), seed 0x\(String(seed, radix: 16))",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    // MARK: Properties

    @Test func generatorCoversEveryKindAndSomeJunk() {
        let kinds = Dictionary(grouping: Self.cases, by: \.workload.kind).mapValues(\.count)
        for kind in WorkloadGenerator.kinds {
            #expect((kinds[kind] ?? 0) >= Self.count / 30, "too few \(kind) workloads: \(kinds)")
        }
        #expect(Self.cases.count == Self.count, "some generated workloads do not parse")
        #expect(Self.cases.filter { !$0.workload.junk.isEmpty }.count >= Self.count / 30)
        #expect(Self.cases.filter { !$0.patch.isEmpty }.count >= Self.count / 2)
        print("MutatorPropertyTests: \(Self.cases.count) workloads (seed 0x\(String(Self.seed, radix: 16))) generated, " +
              "mutated and applied in \(String(format: "%.2f", Self.setupSeconds)) s; \(kinds)")
    }

    @Test(.enabled(if: MutationRoundTripTests.pythonAvailable, "python3 with the jsonpatch module is needed"))
    func pythonJSONPatchAgreesWithEveryPatch() throws {
        let cases = Self.cases
        let input = JSON.array(cases.map { ["object": $0.original, "patch": $0.patch.json] })
        let inputFile = try TestSupport.temporaryFile(input.jsonText, suffix: ".json")
        let outputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbormaster-\(UUID().uuidString).json")
        defer {
            try? FileManager.default.removeItem(at: inputFile)
            try? FileManager.default.removeItem(at: outputFile)
        }
        let script = """
            import json, sys, jsonpatch
            with open(sys.argv[1]) as f:
                cases = json.load(f)
            results = []
            for case in cases:
                try:
                    results.append({"ok": True, "result": jsonpatch.apply_patch(case["object"], case["patch"])})
                except Exception as error:
                    results.append({"ok": False, "error": type(error).__name__ + ": " + str(error)})
            with open(sys.argv[2], "w") as f:
                json.dump(results, f)
            """
        let python = try TestSupport.run(
            ["python3", "-c", script, inputFile.path, outputFile.path], executable: URL(fileURLWithPath: "/usr/bin/env")
        )
        try #require(python.status == 0, "python3 failed: \(python.stderr)")
        let results = try JSON(parsing: String(contentsOf: outputFile, encoding: .utf8))
        let list = try #require(results.arrayValue)
        try #require(list.count == cases.count)
        var failures = Failures(property: "jsonpatch")
        for (testCase, result) in zip(cases, list) {
            guard result["ok"]?.boolValue == true, let python = result["result"] else {
                failures.record("Python's jsonpatch refused the patch: \(result["error"]?.stringValue ?? "?")", testCase)
                continue
            }
            switch testCase.output {
            case .success(let swift):
                if swift != python {
                    failures.record("Swift and Python disagree; Python made \(python.jsonText)", testCase)
                }
            case .failure(let error):
                failures.record("Swift's JSON.applying refused the patch that Python applied: \(error)", testCase)
            }
        }
        failures.finish()
    }

    @Test func outputParsesAndASecondPassChangesNothing() {
        var failures = Failures(property: "idempotence")
        let evaluators = Self.variants.map { Evaluator(policy: $0.policy) }
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output else {
                failures.record("the patch does not apply: \(testCase.output)", testCase)
                continue
            }
            guard let parsed = testCase.parsedOutput else {
                failures.record("the output does not parse: \(output.jsonText)", testCase)
                continue
            }
            let again = evaluators[testCase.variant].patch(for: KubernetesObject(parsed))
            if !again.isEmpty { failures.record("a second pass patches again: \(again.json.jsonText)", testCase) }
        }
        failures.finish()
    }

    /// Mutators only add: every operation is an `add` of something missing or a `replace` of a null (the API
    /// server treats both alike), and every non-null value of the original is still there, unchanged.
    @Test func mutatorsNeverOverwriteWhatTheAuthorWrote() {
        var failures = Failures(property: "never overwrites")
        let provenance = JSONPointer(["metadata", "annotations", Evaluator.provenanceAnnotation])
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output else { continue }  // reported by the idempotence test
            for operation in testCase.patch where operation.path != provenance {
                let existing = operation.path.lastToken == "-" ? nil : testCase.original.value(at: operation.path)
                switch operation.op {
                case .add where existing != nil:
                    failures.record("add over the existing value at \(operation.path)", testCase)
                case .replace where existing?.isNull != true:
                    failures.record("replace of a non-null value at \(operation.path)", testCase)
                case .add, .replace:
                    break
                default:
                    failures.record("unexpected \(operation.op) at \(operation.path)", testCase)
                }
            }
            for (path, value) in Self.leaves(of: testCase.original) where path != provenance {
                let now = output.value(at: path)
                switch value {
                case .array: if now?.arrayValue == nil { failures.record("the list at \(path) is gone", testCase) }
                case .object: if now?.objectValue == nil { failures.record("the object at \(path) is gone", testCase) }
                default:
                    if now != value {
                        failures.record("\(path) was \(value.jsonText), is \(now?.jsonText ?? "missing")", testCase)
                    }
                }
            }
        }
        failures.finish()
    }

    /// Selectors are never touched, not even where one is empty or null; and where the API derives a missing
    /// selector from the template's labels, those labels stay as they were too.
    @Test func selectorsAreUntouched() {
        var failures = Failures(property: "selectors")
        let derivesSelector: Set = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"]
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output else { continue }
            var paths = [["spec", "selector"], ["spec", "jobTemplate", "spec", "selector"]]
            let selector = testCase.original["spec"]?["selector"]
            if derivesSelector.contains(testCase.workload.kind), selector == nil || selector?.isNull == true {
                paths.append(["spec", "template", "metadata", "labels"])
            }
            for tokens in paths {
                let path = JSONPointer(tokens)
                let before = testCase.original.value(at: path)
                let after = output.value(at: path)
                if before != after {
                    let change = "\(before?.jsonText ?? "missing") to \(after?.jsonText ?? "missing")"
                    failures.record("\(path) changed from \(change)", testCase)
                }
            }
        }
        failures.finish()
    }

    /// For every mutator, the checks in its `fixes` judge its output quiet, but for the findings `Excuses` accepts.
    /// Junk workloads are left out: a mutator cannot place a value under a string.
    @Test func checksEachMutatorFixesAreQuietOnItsOutput() {
        var failures = Failures(property: "fixed checks")
        var excused: [String: Int] = [:]
        let judges = Self.variants.map { variant in
            BuiltinMutators.all.map { Evaluator(policy: variant.policy.restricted(to: Set($0.fixes))) }
        }
        for testCase in Self.cases where testCase.workload.junk.isEmpty {
            guard case .success(let output) = testCase.output,
                let parsed = testCase.parsedOutput
            else { continue }  // reported by the idempotence test
            let object = KubernetesObject(parsed)
            for (index, mutator) in BuiltinMutators.all.enumerated() {
                for finding in judges[testCase.variant][index].judge(object, withFixes: false).findings {
                    if let reason = Excuses.reason(for: finding, testCase, output: output) {
                        excused["\(finding.checkID): \(reason)", default: 0] += 1
                    } else {
                        failures.record("\(mutator.id) left \(finding.summary) at \(finding.path)", testCase)
                    }
                }
            }
        }
        failures.finish()
        print("MutatorPropertyTests: findings the mutators deliberately leave:\n" +
              excused.sorted { $0.key < $1.key }.map { "  \($0.value)\t\($0.key)" }.joined(separator: "\n"))
    }

    /// Every built-in check, judged on the input and on the output: the output has no finding the input did not
    /// (limitsBelowRequests, probesIdentical and probePortNotDeclared among them). One exception: on a Deployment
    /// without a selector to spread by, the replicas defaultReplicas sets make podAntiAffinityMissing apply.
    @Test func mutatorsIntroduceNoNewFindings() {
        var failures = Failures(property: "no new findings")
        let everything = Set(BuiltinChecks.all.map(\.id))
        let judges = Self.variants.map { Evaluator(policy: $0.policy.restricted(to: everything)) }
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output,
                let after = testCase.parsedOutput
            else { continue }
            let judge = judges[testCase.variant]
            let old = Set(
                judge.judge(KubernetesObject(testCase.input), withFixes: false).findings.map { "\($0.checkID) \($0.path)" }
            )
            for finding in judge.judge(KubernetesObject(after), withFixes: false).findings
            where !old.contains("\(finding.checkID) \(finding.path)") {
                let replicas = testCase.original["spec"]?["replicas"]
                if finding.checkID == "podAntiAffinityMissing", replicas == nil || replicas?.isNull == true,
                    Excuses.reason(for: finding, testCase, output: output) == "no selector to spread by"
                {
                    continue
                }
                failures.record("new finding \(finding.summary) at \(finding.path)", testCase)
            }
        }
        failures.finish()
    }

    /// Nothing a mutator adds makes the API server reject the object: allowPrivilegeEscalation: false beside
    /// privileged or CAP_SYS_ADMIN; a Linux-only securityContext field on a pod with `os.name: windows`; a
    /// seccompProfile field where a legacy seccomp annotation speaks for the pod or the container (the API
    /// rejects a field that disagrees with one).
    @Test func mutatorsAddNothingTheAPIServerRejects() {
        var failures = Failures(property: "API-valid output")
        let linuxOnly = [
            "seccompProfile", "appArmorProfile", "seLinuxOptions", "capabilities", "readOnlyRootFilesystem",
            "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup", "fsGroup",
            "supplementalGroups", "sysctls",
        ]
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output else { continue }
            let kind = testCase.workload.kind
            let podPath = Excuses.podSpecPath(kind)
            let annotations = Excuses.templateMetadata(of: testCase.original, kind: kind)?["annotations"]
            let windows = testCase.original.value(at: podPath)?["os"]?["name"] == "windows"
            /// The members of the securityContext at `path` that the output has and the input had not.
            func added(_ path: JSONPointer) -> [String] {
                let before = testCase.original.value(at: path)?["securityContext"]
                let members = output.value(at: path)?["securityContext"]?.objectValue?.members ?? []
                return members.filter { !$0.value.isNull && (before?[$0.key] ?? .null).isNull }.map(\.key)
            }
            let podAdded = added(podPath)
            if windows, let key = podAdded.first(where: linuxOnly.contains) {
                failures.record("\(key) added to the securityContext of a Windows pod at \(podPath)", testCase)
            }
            if podAdded.contains("seccompProfile"), annotations?["seccomp.security.alpha.kubernetes.io/pod"] != nil {
                failures.record("seccompProfile added beside the legacy pod seccomp annotation", testCase)
            }
            for (path, container, _) in Self.containers(in: output, kind: kind) {
                let containerAdded = added(path)
                let securityContext = container["securityContext"]
                let added = securityContext?["capabilities"]?["add"]
                if containerAdded.contains("allowPrivilegeEscalation"),
                    securityContext?["allowPrivilegeEscalation"] == false,
                    securityContext?["privileged"] == true || Excuses.hasCapability(added, "SYS_ADMIN")
                {
                    failures.record("allowPrivilegeEscalation: false added at \(path) beside privileged/SYS_ADMIN", testCase)
                }
                if windows, let key = containerAdded.first(where: linuxOnly.contains) {
                    failures.record("\(key) added to a Windows container at \(path)", testCase)
                }
                let name = container["name"]?.stringValue ?? ""
                if containerAdded.contains("seccompProfile"),
                    annotations?["container.seccomp.security.alpha.kubernetes.io/" + name] != nil
                {
                    failures.record("seccompProfile added at \(path) beside its legacy seccomp annotation", testCase)
                }
            }
        }
        failures.finish()
    }

    /// The kubelet refuses to start a container whose effective securityContext says both `runAsNonRoot: true`
    /// and `runAsUser: 0` (CreateContainerConfigError: "container's runAsUser breaks non-root policy"). An explicit
    /// `runAsUser: 0` is the author's choice, which defaultRunAsNonRoot says it leaves alone.
    @Test func runAsNonRootIsNeverAddedOverAnExplicitRootUser() {
        var failures = Failures(property: "runAsNonRoot over runAsUser 0")
        /// The container's value, else the pod's (the kubelet's effective securityContext).
        func effective(_ key: String, _ container: JSON?, _ pod: JSON?) -> JSON? {
            if let own = container?["securityContext"]?[key], !own.isNull { return own }
            if let shared = pod?["securityContext"]?[key], !shared.isNull { return shared }
            return nil
        }
        for testCase in Self.cases {
            guard case .success(let output) = testCase.output else { continue }
            let podPath = Excuses.podSpecPath(testCase.workload.kind)
            let originalPod = testCase.original.value(at: podPath)
            for (path, container, pod) in Self.containers(in: output, kind: testCase.workload.kind) {
                guard effective("runAsNonRoot", container, pod) == true, effective("runAsUser", container, pod) == 0,
                    effective("runAsNonRoot", testCase.original.value(at: path), originalPod) != true
                else { continue }
                failures.record("runAsNonRoot: true added at \(path) where runAsUser is 0", testCase)
            }
        }
        failures.finish()
    }

    // MARK: Helpers

    /// The regular and init containers of `object`'s pod spec, with their pointers and the pod spec.
    static func containers(in object: JSON, kind: String) -> [(JSONPointer, JSON, JSON)] {
        let podPath = Excuses.podSpecPath(kind)
        guard let pod = object.value(at: podPath), pod.objectValue != nil else { return [] }
        return ["containers", "initContainers"].flatMap { role in
            (pod[role]?.arrayValue ?? []).enumerated().compactMap { index, container in
                container.objectValue == nil ? nil : (podPath.appending(role).appending(index), container, pod)
            }
        }
    }

    /// Every non-null scalar, empty list and empty object in `value`, with its pointer.
    static func leaves(of value: JSON, at path: JSONPointer = .root) -> [(JSONPointer, JSON)] {
        switch value {
        case .null: return []
        case .array(let elements) where !elements.isEmpty:
            return elements.enumerated().flatMap { leaves(of: $0.element, at: path.appending($0.offset)) }
        case .object(let object) where !object.isEmpty:
            return object.members.flatMap { leaves(of: $0.value, at: path.appending($0.key)) }
        default:
            return [(path, value)]
        }
    }
}

/// The findings a mutator deliberately leaves, each from the mutator's documented rules, judged on what the author
/// wrote (the original object). Anything else left on the output is a mutator bug.
enum Excuses {
    static func reason(for finding: Finding, _ testCase: MutatorPropertyTests.Case, output: JSON) -> String? {
        let original = testCase.original
        let kind = testCase.workload.kind
        let podPath = podSpecPath(kind)
        let pod = original.value(at: podPath)
        var container: JSON?
        let tokens = finding.path.tokens
        if tokens.starts(with: podPath.tokens), tokens.count > podPath.tokens.count + 1 {
            let role = tokens[podPath.tokens.count]
            if role == "ephemeralContainers" { return "ephemeral containers are never mutated" }
            if role == "containers" || role == "initContainers" {
                container = original.value(at: JSONPointer(Array(tokens[...(podPath.tokens.count + 1)])))
            }
        }
        let securityContext = container?["securityContext"]
        func written(_ value: JSON?) -> Bool { value.map { !$0.isNull } ?? false }
        let linuxOnly = ["insecureCapabilities", "privilegeEscalationAllowed", "notReadOnlyRootFilesystem", "linuxHardening"]
        if linuxOnly.contains(finding.checkID), pod?["os"]?["name"] == "windows" {
            return "Windows pods get no Linux-only securityContext fields"
        }

        switch finding.checkID {
        case "requiredLabelsMissing":
            return labelsReason(finding, testCase, output: output)
        case "metadataAndInstanceMismatched":
            let metadata = original["metadata"]
            if written(metadata?["labels"]?["app.kubernetes.io/instance"]) { return "the author's own instance label" }
            if !isValidLabelValue(metadata?["name"]?.stringValue ?? "") { return "the name is no valid label value" }
        case "deploymentMissingReplicas":
            if written(original["spec"]?["replicas"]) { return "explicit replicas below 2" }
        case "cpuLimitsMissing":
            if testCase.policy.parameters(of: BuiltinMutators.named("defaultResourceLimits")!).string("cpu") == "" {
                return "CPU limits are set only when configured"
            }
        case "readinessProbeMissing", "livenessProbeMissing":
            if let container, !declaresTCPPort(container) { return "no TCP port to probe" }
        case "podAntiAffinityMissing", "topologySpreadConstraint":
            if !["Deployment", "StatefulSet", "ReplicaSet"].contains(kind) {
                return "only Deployments, StatefulSets and ReplicaSets are spread"
            }
            if (output["spec"]?["replicas"]?.intValue ?? 1) < 2 { return "fewer than 2 replicas" }
            let selector = original["spec"]?["selector"]
            if selector?["matchLabels"]?.objectValue?.isEmpty ?? true,
                selector?["matchExpressions"]?.arrayValue?.isEmpty ?? true
            {
                return "no selector to spread by"
            }
        case "runAsRootAllowed":
            // The container's value, else the pod's: either, set at all, is the author's decision.
            for key in ["runAsNonRoot", "runAsUser"] {
                if written(securityContext?[key]) || written(pod?["securityContext"]?[key]) {
                    return "explicit runAsNonRoot: false or runAsUser: 0"
                }
            }
        case "privilegeEscalationAllowed":
            let added = securityContext?["capabilities"]?["add"]
            if securityContext?["privileged"] == true { return "privileged container" }
            if hasCapability(added, "SYS_ADMIN") || hasCapability(added, "ALL") { return "adds SYS_ADMIN or ALL" }
            if let own = securityContext?["allowPrivilegeEscalation"], !own.isNull, own != false {
                return "explicit allowPrivilegeEscalation: true"
            }
        case "insecureCapabilities":
            if written(securityContext?["capabilities"]?["drop"]) { return "the author's own (partial) drop list" }
        case "linuxHardening":
            let annotations = templateMetadata(of: original, kind: kind)?["annotations"]
            if annotations?["seccomp.security.alpha.kubernetes.io/pod"] != nil {
                return "a legacy seccomp annotation speaks for the pod"
            }
            // The container's profile, else the pod's, as written: a profile the author chose is never replaced.
            let own = securityContext?["seccompProfile"]
            let profile = written(own) ? own : pod?["securityContext"]?["seccompProfile"]
            if written(profile), !["RuntimeDefault", "Localhost"].contains(profile?["type"]?.stringValue ?? "") {
                return "the author's own non-confining seccompProfile"
            }
        case "notReadOnlyRootFilesystem":
            if let own = securityContext?["readOnlyRootFilesystem"], !own.isNull, own != true {
                return "explicit readOnlyRootFilesystem: false"
            }
        case "automountServiceAccountToken":
            if let own = pod?["automountServiceAccountToken"], !own.isNull, own != false {
                return "explicit automountServiceAccountToken: true"
            }
        case "pullPolicyNotAlways":
            if let own = container?["imagePullPolicy"], !own.isNull, own != "Always" {
                return "explicit imagePullPolicy other than Always"
            }
        default:
            break
        }
        return nil
    }

    /// requiredLabelsMissing at `metadata.labels` or the template's labels: excused where defaultLabels does not
    /// label that place, or where every missing key is one the mutator may not or cannot write.
    static func labelsReason(_ finding: Finding, _ testCase: MutatorPropertyTests.Case, output: JSON) -> String? {
        let original = testCase.original
        let kind = testCase.workload.kind
        let metadata = original["metadata"]
        let owners = metadata?["ownerReferences"]?.arrayValue ?? []
        if kind == "Pod", owners.contains(where: { $0["controller"] == true }) {
            return "a controlled Pod's labels come from its template"
        }
        let onTemplate = finding.path != JSONPointer(["metadata", "labels"])
        let selector = original["spec"]?["selector"]
        if onTemplate, ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"].contains(kind),
            selector == nil || selector?.isNull == true
        {
            return "the API derives the selector from the template's labels"
        }
        // The application name: metadata.name, else the generateName prefix.
        var name = metadata?["name"]?.stringValue ?? ""
        if name.isEmpty, var prefix = metadata?["generateName"]?.stringValue {
            while prefix.hasSuffix("-") || prefix.hasSuffix(".") { prefix.removeLast() }
            name = prefix
        }
        let configured = testCase.policy.checks["requiredLabelsMissing"]?.parameters["labels"]?.arrayValue
        let required = configured?.compactMap(\.stringValue) ?? ["app.kubernetes.io/name"]
        let before = original.value(at: finding.path)
        let after = output.value(at: finding.path)
        var reasons: [String] = []
        for key in required where (after?[key]?.stringValue ?? "").isEmpty {
            if let value = before?[key], !value.isNull {
                reasons.append("the author's own empty \(key)")
            } else if onTemplate, metadata?["labels"]?[key] == "" {
                // "The template gets the workload's own value where the workload has one."
                reasons.append("the workload's own empty \(key), copied to its template")
            } else if key == "app.kubernetes.io/name", !isValidLabelValue(name) {
                reasons.append("the name is no valid label value")
            } else {
                return nil
            }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }

    /// The pod template's metadata (a Pod's own).
    static func templateMetadata(of object: JSON, kind: String) -> JSON? {
        kind == "Pod" ? object["metadata"] : object.value(at: podSpecPath(kind).parent ?? .root)?["metadata"]
    }

    static func podSpecPath(_ kind: String) -> JSONPointer {
        switch kind {
        case "Pod": return JSONPointer(["spec"])
        case "PodTemplate": return JSONPointer(["template", "spec"])
        case "CronJob": return JSONPointer(["spec", "jobTemplate", "spec", "template", "spec"])
        default: return JSONPointer(["spec", "template", "spec"])
        }
    }

    /// A TCP `containerPort` above 0 (protocol unset, null or TCP): what a probe can be derived from.
    static func declaresTCPPort(_ container: JSON) -> Bool {
        container["ports"]?.arrayValue?.contains { port in
            let proto = port["protocol"]
            return (proto == nil || proto?.isNull == true || proto == "TCP") && (port["containerPort"]?.intValue ?? 0) > 0
        } ?? false
    }

    /// A capability in `list`, ignoring case and a `CAP_` prefix.
    static func hasCapability(_ list: JSON?, _ name: String) -> Bool {
        list?.arrayValue?.contains { element in
            guard var text = element.stringValue?.uppercased() else { return false }
            if text.hasPrefix("CAP_") { text.removeFirst(4) }
            return text == name
        } ?? false
    }

    /// A Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-_.` inside.
    static func isValidLabelValue(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 63, let first = value.first, let last = value.last,
            first.isASCII, first.isLetter || first.isNumber, last.isASCII, last.isLetter || last.isNumber
        else { return false }
        return value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
