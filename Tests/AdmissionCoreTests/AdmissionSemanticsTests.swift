import Testing

@testable import AdmissionCore

/// How verdicts are answered at the edges: warning budgets, causes, audit annotations, dry runs, the UPDATE
/// ratchet, dated enforcement and controller-owned Pods.
@Suite struct AdmissionSemanticsTests {
    static let today = CalendarDate(year: 2027, month: 1, day: 15)

    private func request(
        _ object: String, operation: String = "CREATE", old: String? = nil, dryRun: Bool = false, namespace: String = "shop"
    ) throws -> AdmissionRequest {
        var extra = dryRun ? #""dryRun":true,"# : ""
        if let old { extra += #""oldObject":\#(old),"# }
        return try AdmissionRequest(reviewBytes: reviewBytes(object: object, operation: operation, namespace: namespace, extra: extra))
    }

    private func annotations(_ response: AdmissionResponse) -> [String: String] {
        Dictionary(uniqueKeysWithValues: response.auditAnnotations.map { ($0.key, $0.value) })
    }

    // MARK: warnings

    /// `count` findings, each with a message of `length` characters made of `character`.
    private func findings(_ count: Int, length: Int = 40, character: Character = "x") -> [(severity: Severity, text: String)] {
        (0..<count).map { (severity: $0 % 3 == 0 ? .danger : .warning, text: "check\($0): " + String(repeating: character, count: length)) }
    }

    @Test func fortyFindingsFitEveryBound() {
        let fitted = WarningBudget(limit: 10).fit(findings(40, length: 300))
        #expect(fitted.count == 10)
        #expect(fitted.last == "+31 more (see audit annotations)")
        #expect(fitted.allSatisfy { $0.count <= 120 })
        #expect(fitted.reduce(0) { $0 + $1.utf8.count } <= 4096)
        // The most severe first: the danger ones (every third) lead.
        #expect(fitted.prefix(9).map { String($0.prefix { $0 != ":" }) } == (0..<9).map { "check\($0 * 3)" })
    }

    @Test func exactlyTheLimitNeedsNoClosingLine() {
        #expect(WarningBudget(limit: 10).fit(findings(10)).count == 10)
        #expect(WarningBudget(limit: 10).fit(findings(10)).last?.hasPrefix("+") == false)
        #expect(WarningBudget(limit: 10).fit(findings(11)).last == "+2 more (see audit annotations)")
    }

    @Test func duplicatesAreDroppedAndOrderIsStable() {
        let fitted = WarningBudget(limit: 10).fit([(.warning, "b"), (.warning, "a"), (.warning, "b"), (.danger, "c")])
        #expect(fitted == ["c", "b", "a"])
    }

    @Test func totalBytesStayWithin4KBEvenWithWideCharacters() {
        // 4-byte characters: 50 warnings of 119 such characters would be ~24 KB.
        let fitted = WarningBudget(limit: 100).fit(findings(50, length: 200, character: "𝄞"))
        #expect(fitted.reduce(0) { $0 + $1.utf8.count } <= 4096)
        #expect(fitted.last?.hasPrefix("+") == true)
        #expect(fitted.allSatisfy { $0.count <= 120 })
    }

    @Test func unicodeIsCutOnCharacterBoundaries() {
        // Flags are two scalars, the family emoji seven: a cut inside one would leave a broken character.
        for filler in ["é", "🇩🇪", "👨‍👩‍👧‍👦", "e\u{301}"] {
            let text = "probe: " + String(repeating: filler, count: 200)
            let cut = WarningBudget.shortened(text)
            #expect(cut.count == 120)
            #expect(cut.hasSuffix("…"))
            #expect(cut.dropLast().allSatisfy { $0 == Character(filler) || "probe: ".contains($0) })
        }
    }

    @Test func manyFindingsThroughTheEngineStayWithinBounds() throws {
        // 12 containers without probes, resources or ports: dozens of warnings.
        let containers = (0..<12).map { #"{"name":"c\#($0)","image":"app:1.\#($0)"}"# }.joined(separator: ",")
        let deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"wide"},\
            "spec":{"replicas":2,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},\
            "spec":{"securityContext":{"runAsNonRoot":true},"containers":[\(containers)]}}}}
            """
        var policy = Policy(checks: ["privilegeEscalationAllowed": .init(severity: .warning)])
        policy.admission.maxWarnings = 8
        let response = Evaluator(policy: policy).validate(try request(deployment), today: Self.today)
        #expect(response.allowed)
        #expect(response.warnings.count == 8)
        #expect(response.warnings.last?.hasPrefix("+") == true)
        #expect(response.warnings.allSatisfy { $0.count <= 120 })
        #expect(annotations(response)["verdict"] == "warned")
        #expect(annotations(response)["checks"]?.contains("livenessProbeMissing") == true)
    }

    // MARK: causes and audit annotations

    @Test func denialsCarryCausesWithTheFix() throws {
        let pod = cleanPod(replacing: #""image":"nginx:1.27.3","#, with: #""image":"nginx","#)
            .replacingRequired(#""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let policy = Policy(checks: ["cpuRequestsMissing": .init(severity: .danger)])
        let response = Evaluator(policy: policy).validate(try request(pod), today: Self.today)
        let causes = try #require(response.status?.causes)
        #expect(causes.map(\.reason) == ["tagNotSpecified", "cpuRequestsMissing"])
        #expect(causes.map(\.field) == ["spec.containers[0].image", "spec.containers[0].resources.requests.cpu"])
        // A mutator fixes the request: the cause names its patch. No mutator pins an image: the remediation.
        #expect(causes[1].message.hasSuffix(#"Fix: add spec.containers[0].resources.requests = {"cpu":"100m","memory":"128Mi"}"#))
        #expect(causes[0].message.contains("Fix: Pin the image to a version tag"))
        #expect(response.status?.message.contains(#"Fix: add spec.containers[0].resources.requests"#) == true)
    }

    @Test func aFixIsOnlyWhatPutsSomethingAtTheFinding() throws {
        // No CPU limit is configured: the limits mutator adds a memory limit only, which fixes memory, not CPU.
        let pod = cleanPod(replacing: #""limits":{"cpu":"500m","memory":"256Mi"}"#, with: #""limits":{}"#)
            .replacingRequired(#""seccompProfile":{"type":"RuntimeDefault"}"#, with: #""procMount":"Default""#)
            .replacingRequired(#""capabilities":{"drop":["ALL"]},"#, with: "")
        let findings = Evaluator().judge(try kubernetesObject(pod))
            .findings.filter { ["cpuLimitsMissing", "memoryLimitsMissing", "linuxHardening"].contains($0.checkID) }
        let fixes = Dictionary(uniqueKeysWithValues: findings.map { ($0.checkID, $0.fix.map { JSONWriter().string($0.json) }) })
        #expect(fixes["cpuLimitsMissing"] == [])
        #expect(fixes["memoryLimitsMissing"] == [#"{"op":"add","path":"/spec/containers/0/resources/limits/memory","value":"256Mi"}"#])
        // A pod-level seccomp profile fixes the container's hardening.
        #expect(fixes["linuxHardening"] == [#"{"op":"add","path":"/spec/securityContext","value":{"seccompProfile":{"type":"RuntimeDefault"}}}"#])
    }

    @Test func auditAnnotationsRecordVerdictChecksAndPolicy() throws {
        var policy = Policy()
        policy.revision = "3f2a9c1d0b7e"
        let denied = Evaluator(policy: policy).validate(try request(EvaluatorTests.hostNetworkPod), today: Self.today)
        #expect(denied.auditAnnotations.map(\.key) == ["verdict", "checks", "policy"])
        #expect(annotations(denied) == ["verdict": "denied", "checks": "hostNetworkSet", "policy": "3f2a9c1d0b7e"])
        let clean = Evaluator(policy: policy).validate(try request(cleanPod), today: Self.today)
        #expect(annotations(clean) == ["verdict": "allowed", "policy": "3f2a9c1d0b7e"])
        // Keys must be valid name parts: at most 63 characters of [A-Za-z0-9-_.].
        for (key, value) in denied.auditAnnotations {
            #expect(key.count <= 63 && key.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
            #expect(value.count <= AuditAnnotationValue.maxLength)
        }
    }

    @Test func longCheckListsAreCutAtAnItem() {
        let ids = (0..<100).map { "someRatherLongCheckIdentifier\($0)" }
        let value = AuditAnnotationValue.list(ids)
        #expect(value.count <= AuditAnnotationValue.maxLength)
        #expect(value.hasPrefix("someRatherLongCheckIdentifier0,someRatherLongCheckIdentifier1,"))
        let kept = value.split(separator: ",").dropLast().count
        #expect(value.hasSuffix(",+\(100 - kept) more"))
    }

    // MARK: dry run

    @Test func dryRunShowsEveryFindingAndStillDenies() throws {
        let audit = Policy(mode: .audit)
        let quiet = Evaluator(policy: audit).validate(try request(EvaluatorTests.hostNetworkPod), today: Self.today)
        #expect(quiet.warnings == [])
        let preview = Evaluator(policy: audit).validate(try request(EvaluatorTests.hostNetworkPod, dryRun: true), today: Self.today)
        #expect(preview.allowed)
        #expect(preview.warnings == ["hostNetworkSet: Host network should not be used"])
        // Enforce: the dry run predicts the real outcome.
        let enforced = Evaluator().validate(try request(EvaluatorTests.hostNetworkPod, dryRun: true), today: Self.today)
        #expect(!enforced.allowed)
        var off = Policy(mode: .audit)
        off.admission.dryRunPreview = false
        #expect(Evaluator(policy: off).validate(try request(EvaluatorTests.hostNetworkPod, dryRun: true), today: Self.today).warnings == [])
    }

    @Test func dryRunMutationSaysWhatEachMutatorWouldSet() throws {
        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let real = Evaluator().mutate(try request(pod), today: Self.today)
        #expect(real.warnings == [])
        let dry = Evaluator().mutate(try request(pod, dryRun: true), today: Self.today)
        #expect(dry.patch == real.patch)
        #expect(dry.warnings == [
            "defaultResourceRequests would set spec.containers[0].resources.requests.cpu",
            "defaultResourceRequests would set spec.containers[0].resources.requests.memory",
        ])
    }

    // MARK: update ratchet

    @Test func updateThatAddsAViolationIsDenied() throws {
        let response = Evaluator().validate(
            try request(EvaluatorTests.hostNetworkPod, operation: "UPDATE", old: cleanPod), today: Self.today)
        #expect(!response.allowed)
        #expect(response.status?.causes.map(\.reason) == ["hostNetworkSet"])
    }

    @Test func updateOfAnObjectAlreadyViolatingIsAllowedWithWarnings() throws {
        let old = EvaluatorTests.hostNetworkPod
        let new = old.replacingRequired(#""priorityClassName":"standard""#, with: #""priorityClassName":"high""#)
        let response = Evaluator().validate(try request(new, operation: "UPDATE", old: old), today: Self.today)
        #expect(response.allowed)
        #expect(response.warnings == ["already there before this update, not denied: hostNetworkSet: Host network should not be used"])
        #expect(annotations(response)["verdict"] == "warned")
        // ...unless the ratchet is off.
        var strict = Policy()
        strict.admission.updateRatchet = false
        #expect(!Evaluator(policy: strict).validate(try request(new, operation: "UPDATE", old: old), today: Self.today).allowed)
    }

    @Test func finalizerRemovalOnAViolatingPodIsAllowed() throws {
        // The Pod became violating only because its exemption annotation is gone (so the ratchet alone would
        // deny), but the update touches metadata only: removing a finalizer must never be blocked.
        let exempt = EvaluatorTests.hostNetworkPod.replacingRequired(
            #""name":"web","namespace":"shop","#,
            with: #""name":"web","namespace":"shop","finalizers":["example.dev/cleanup"],"annotations":{"harbormaster.io/exempt-hostNetworkSet":"migration"},"#)
        let removing = EvaluatorTests.hostNetworkPod.replacingRequired(
            #""name":"web","namespace":"shop","#, with: #""name":"web","namespace":"shop","deletionTimestamp":"2027-01-15T10:00:00Z","#)
        var strict = Policy()
        strict.admission.updateRatchet = false
        let response = Evaluator(policy: strict).validate(try request(removing, operation: "UPDATE", old: exempt), today: Self.today)
        #expect(response.allowed)
        #expect(response.warnings == ["spec unchanged, not denied: hostNetworkSet: Host network should not be used"])
    }

    @Test func ratchetFollowsContainersByNameNotPosition() throws {
        let privileged = cleanPod.replacingRequired(#""securityContext":{"allowPrivilegeEscalation":false,"#, with: #""securityContext":{"privileged":true,"#)
        // The same privileged container, now second: not introduced by this update.
        let sidecar = #"{"name":"sidecar","image":"side:1.0","securityContext":{"privileged":true}}"#
        let reordered = privileged.replacingRequired(#""containers":[{"name":"web""#, with: #""containers":[\#(sidecar),{"name":"web""#)
        let old = privileged.replacingRequired(#""containers":[{"name":"web""#, with: #""containers":[{"name":"web""#)
        let response = Evaluator().validate(try request(reordered, operation: "UPDATE", old: old), today: Self.today)
        #expect(!response.allowed, "the new sidecar is privileged")
        #expect(response.status?.causes.allSatisfy { $0.field.hasPrefix("spec.containers[0]") } == true)
    }

    // MARK: dated enforcement

    @Test func denyAfterWarnsUntilTheDayAndDeniesAfterIt() throws {
        let policy = Policy(checks: ["hostNetworkSet": .init(severity: .danger, denyAfter: CalendarDate(year: 2027, month: 1, day: 15))])
        let evaluator = Evaluator(policy: policy)
        let onTheDay = evaluator.validate(try request(EvaluatorTests.hostNetworkPod), today: Self.today)
        #expect(onTheDay.allowed)
        #expect(onTheDay.warnings == ["hostNetworkSet: Host network should not be used (denies after 2027-01-15)"])
        let dayAfter = evaluator.validate(try request(EvaluatorTests.hostNetworkPod), today: CalendarDate(year: 2027, month: 1, day: 16))
        #expect(!dayAfter.allowed)
        #expect(!(dayAfter.status?.message.contains("denies after") ?? true))
        // Without a clock nothing is dated: it does not deny yet.
        #expect(evaluator.validate(try request(EvaluatorTests.hostNetworkPod), today: nil).allowed)
    }

    // MARK: per-namespace modes

    @Test func namespaceModesHoldEndToEnd() throws {
        var policy = Policy(mode: .audit)
        policy.namespaceOverrides = [
            NamespaceOverride(match: [GlobPattern("prod-*")], mode: .enforce),
            NamespaceOverride(match: [GlobPattern("dev-*")], mode: .warn),
        ]
        func answer(_ namespace: String) throws -> AdmissionResponse {
            let pod = EvaluatorTests.hostNetworkPod.replacingRequired(#""namespace":"shop""#, with: #""namespace":"\#(namespace)""#)
            return Evaluator(policy: policy).validate(try request(pod, namespace: namespace), today: Self.today)
        }
        #expect(try !answer("prod-eu").allowed)
        #expect(try answer("dev-1").allowed && answer("dev-1").warnings == ["hostNetworkSet: Host network should not be used"])
        #expect(try answer("sandbox").allowed && answer("sandbox").warnings == [])
        #expect(try annotations(answer("sandbox"))["checks"] == "hostNetworkSet")
    }

    // MARK: controller-owned Pods

    static let replicaSetPod = cleanPod.replacingRequired(
        #""apiVersion":"example.dev/v1","kind":"WebApp""#, with: #""apiVersion":"apps/v1","kind":"ReplicaSet""#)

    @Test func controllerOwnedPodsDoNotRepeatWarnings() throws {
        let pod = Self.replicaSetPod.replacingRequired(#""readinessProbe":{"httpGet":{"path":"/ready","port":80}},"#, with: "")
        let response = Evaluator().validate(try request(pod), today: Self.today)
        #expect(response.allowed)
        #expect(response.warnings == [])
        #expect(annotations(response)["checks"] == "readinessProbeMissing", "still recorded for the audit log")
        // A Pod whose controller is not a built-in workload was judged nowhere else: it gets its warnings.
        let custom = cleanPod.replacingRequired(#""readinessProbe":{"httpGet":{"path":"/ready","port":80}},"#, with: "")
        #expect(Evaluator().validate(try request(custom), today: Self.today).warnings.count == 1)
    }

    @Test func aForgedOwnerReferenceNeverExemptsFromADenial() throws {
        let privileged = Self.replicaSetPod.replacingRequired(
            #""securityContext":{"allowPrivilegeEscalation":false,"#, with: #""securityContext":{"privileged":true,"allowPrivilegeEscalation":false,"#)
        let response = Evaluator().validate(try request(privileged), today: Self.today)
        #expect(!response.allowed)
        #expect(response.status?.causes.map(\.reason) == ["runAsPrivileged"])
    }
}
