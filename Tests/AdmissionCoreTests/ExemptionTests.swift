import Testing

@testable import AdmissionCore

/// Exemptions and namespace overrides, applied by the engine. The evaluator runs three checks only, so that the
/// tests do not depend on which other checks exist: one pod-level (hostNetworkSet), two container-level.
@Suite struct ExemptionTests {
    static let checks: [CheckDefinition] = [.hostNetworkSet, .cpuLimitsMissing, .hostPIDSet]
    static let today = CalendarDate(year: 2027, month: 3, day: 31)

    /// hostNetwork on the pod; container "web" has a CPU limit, the sidecar "istio-proxy" has none.
    static func pod(name: String = "web", namespace: String = "shop", annotations: [String: String] = [:]) throws
        -> KubernetesObject
    {
        let annotationText = annotations.sorted { $0.key < $1.key }.map { #""\#($0.key)":"\#($0.value)""# }
            .joined(separator: ",")
        let text = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"\(namespace)",\
            "annotations":{\(annotationText)}},"spec":{"hostNetwork":true,"containers":[\
            {"name":"web","image":"nginx:1.27.3","resources":{"limits":{"cpu":"1"}}},\
            {"name":"istio-proxy","image":"istio/proxyv2:1.22.0"}]}}
            """
        return try kubernetesObject(text)
    }

    private func findings(_ object: KubernetesObject, today: CalendarDate? = ExemptionTests.today) -> [String] {
        findings(Policy(), object, today: today)
    }

    private func findings(
        _ policy: Policy, _ object: KubernetesObject, today: CalendarDate? = ExemptionTests.today
    ) -> [String] {
        Evaluator(policy: policy, checks: Self.checks).judge(object, today: today).findings.map { finding in
            finding.container.map { "\(finding.checkID)@\($0)" } ?? finding.checkID
        }
    }

    private static let all = ["hostNetworkSet", "cpuLimitsMissing@istio-proxy"]

    @Test func baseline() throws {
        #expect(findings(try Self.pod()) == Self.all)
    }

    // MARK: config rules

    @Test(arguments: [
        (ExemptionRule(namespaces: [GlobPattern("shop")]), [String]()),
        (ExemptionRule(namespaces: [GlobPattern("sh*")]), []),
        (ExemptionRule(namespaces: [GlobPattern("other")]), ExemptionTests.all),
        (ExemptionRule(names: [GlobPattern("we?")]), []),
        (ExemptionRule(names: [GlobPattern("legacy-*")]), ExemptionTests.all),
        (ExemptionRule(checks: ["hostNetworkSet"]), ["cpuLimitsMissing@istio-proxy"]),
        (ExemptionRule(namespaces: [GlobPattern("shop")], checks: ["cpuLimitsMissing"]), ["hostNetworkSet"]),
        (ExemptionRule(namespaces: [GlobPattern("other")], checks: ["cpuLimitsMissing"]), ExemptionTests.all),
        (ExemptionRule(containers: [GlobPattern("istio-proxy")]), ["hostNetworkSet"]),
        (ExemptionRule(containers: [GlobPattern("*-proxy")], checks: ["cpuLimitsMissing"]), ["hostNetworkSet"]),
        (ExemptionRule(containers: [GlobPattern("web")]), ExemptionTests.all),
        (ExemptionRule(containers: [GlobPattern("istio-proxy")], checks: ["hostNetworkSet"]), ExemptionTests.all),
        (ExemptionRule(checks: ["somePolarisCheck"]), ExemptionTests.all),
    ])
    func configRule(rule: ExemptionRule, expected: [String]) throws {
        var policy = Policy()
        policy.exemptionRules = [rule]
        #expect(findings(policy, try Self.pod()) == expected)
    }

    @Test func configRulesCanBeSwitchedOffGloballyOrPerNamespace() throws {
        var policy = Policy()
        policy.exemptionRules = [ExemptionRule(checks: ["hostNetworkSet"])]
        policy.switches.allowConfigExemptions = false
        #expect(findings(policy, try Self.pod()) == Self.all)

        policy.switches.allowConfigExemptions = true
        policy.namespaceOverrides = [NamespaceOverride(match: [GlobPattern("prod-*")], allowConfigExemptions: false)]
        #expect(findings(policy, try Self.pod(namespace: "prod-eu")) == Self.all)
        #expect(findings(policy, try Self.pod(namespace: "shop")) == ["cpuLimitsMissing@istio-proxy"])
    }

    @Test func exemptNamespacesSkipEverything() throws {
        var policy = Policy()
        policy.exemptNamespaces = ["shop"]
        policy.switches.allowConfigExemptions = false
        #expect(findings(policy, try Self.pod()) == [])
    }

    // MARK: annotations

    @Test(arguments: [
        (["harbormaster.io/exempt": "true"], [String]()),
        (["harbormaster.io/exempt": "yes"], ExemptionTests.all),
        (["harbormaster.io/exempt-hostNetworkSet": "needs the node's network for BGP"], ["cpuLimitsMissing@istio-proxy"]),
        (["harbormaster.io/exempt-hostNetworkSet": "false"], ExemptionTests.all),
        (["harbormaster.io/exempt-hostNetworkSet": ""], ExemptionTests.all),
        (["harbormaster.io/exempt-cpuLimitsMissing": "sidecar"], ["hostNetworkSet"]),
        (["harbormaster.dev/exempt": "true"], ExemptionTests.all),
        (["polaris.fairwinds.com/exempt": "true"], []),
        (["polaris.fairwinds.com/hostNetworkSet-exempt": "true"], ["cpuLimitsMissing@istio-proxy"]),
        (["polaris.fairwinds.com/hostNetworkSet-exempt": "false"], ExemptionTests.all),
    ])
    func annotation(annotations: [String: String], expected: [String]) throws {
        #expect(findings(try Self.pod(annotations: annotations)) == expected)
    }

    @Test func polarisAnnotationsCanBeSwitchedOff() throws {
        var policy = Policy()
        policy.switches.polarisAnnotations = false
        #expect(findings(policy, try Self.pod(annotations: ["polaris.fairwinds.com/exempt": "true"])) == Self.all)
        #expect(findings(policy, try Self.pod(annotations: ["polaris.fairwinds.com/hostNetworkSet-exempt": "true"])) == Self.all)
        #expect(findings(policy, try Self.pod(annotations: ["harbormaster.io/exempt": "true"])) == [])
    }

    @Test func annotationExemptionsCanBeSwitchedOffGloballyOrPerNamespace() throws {
        let exempt = ["harbormaster.io/exempt": "true", "polaris.fairwinds.com/exempt": "true"]
        var policy = Policy()
        policy.switches.allowAnnotationExemptions = false
        #expect(findings(policy, try Self.pod(annotations: exempt)) == Self.all)
        for key in ["harbormaster.io/exempt-hostNetworkSet", "polaris.fairwinds.com/hostNetworkSet-exempt"] {
            #expect(findings(policy, try Self.pod(annotations: [key: "true"])) == Self.all, "\(key)")
        }

        policy.switches.allowAnnotationExemptions = true
        policy.namespaceOverrides = [NamespaceOverride(match: [GlobPattern("team-*")], allowAnnotationExemptions: false)]
        #expect(findings(policy, try Self.pod(namespace: "team-a", annotations: exempt)) == Self.all)
        #expect(findings(policy, try Self.pod(namespace: "shop", annotations: exempt)) == [])
    }

    @Test func mutatorsHonourAnnotationsAndTheirSwitch() throws {
        let object = try Self.pod(annotations: ["harbormaster.io/exempt-defaultResourceRequests": "managed by VPA"])
        let enabled = Policy(mutators: ["defaultResourceRequests": .init(enabled: true)])
        let only: [MutatorDefinition] = [.defaultResourceRequests]
        #expect(Evaluator(policy: enabled, checks: [], mutators: only).patch(for: object, today: Self.today).isEmpty)
        #expect(!Evaluator(policy: enabled, checks: [], mutators: only).patch(for: try Self.pod(), today: Self.today).isEmpty)
        var locked = enabled
        locked.switches.allowAnnotationExemptions = false
        #expect(!Evaluator(policy: locked, checks: [], mutators: only).patch(for: object, today: Self.today).isEmpty)
    }

    // MARK: expiry

    @Test func exemptionHoldsUntilAndIncludingItsDate() throws {
        let annotations = ["harbormaster.io/exempt-hostNetworkSet": "migration", "harbormaster.io/exempt-until": "2027-03-31"]
        let object = try Self.pod(annotations: annotations)
        #expect(findings(object, today: CalendarDate(year: 2027, month: 3, day: 30)) == ["cpuLimitsMissing@istio-proxy"])
        #expect(findings(object, today: CalendarDate(year: 2027, month: 3, day: 31)) == ["cpuLimitsMissing@istio-proxy"])
        #expect(findings(object, today: CalendarDate(year: 2027, month: 4, day: 1)) == Self.all)
    }

    @Test func expiredExemptionSaysSoInTheFindingItNoLongerHides() throws {
        let annotations = ["harbormaster.io/exempt-hostNetworkSet": "migration", "harbormaster.io/exempt-until": "2027-03-31"]
        let judgement = Evaluator(checks: Self.checks).judge(
            try Self.pod(annotations: annotations), today: CalendarDate(year: 2027, month: 4, day: 1))
        let messages = Dictionary(judgement.findings.map { ($0.checkID, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(messages["hostNetworkSet"]?.hasSuffix("(exemption expired on 2027-03-31)") == true, "\(messages)")
        #expect(messages["cpuLimitsMissing"]?.contains("expired") == false)
    }

    @Test func expiryCoversWholeObjectAndPolarisAnnotations() throws {
        for annotations in [
            ["harbormaster.io/exempt": "true", "harbormaster.io/exempt-until": "2027-03-31"],
            ["polaris.fairwinds.com/exempt": "true", "harbormaster.io/exempt-until": "2027-03-31"],
        ] {
            let object = try Self.pod(annotations: annotations)
            #expect(findings(object, today: CalendarDate(year: 2027, month: 1, day: 1)) == [])
            #expect(findings(object, today: CalendarDate(year: 2028, month: 1, day: 1)) == Self.all)
        }
    }

    @Test func malformedOrUncheckableExpiryDoesNotExempt() throws {
        let bad = try Self.pod(annotations: ["harbormaster.io/exempt": "true", "harbormaster.io/exempt-until": "31/03/2027"])
        let judgement = Evaluator(checks: Self.checks).judge(bad, today: Self.today)
        #expect(judgement.findings.count == 2)
        #expect(judgement.findings.allSatisfy { $0.message.contains("is not a YYYY-MM-DD date") })
        let dated = try Self.pod(annotations: ["harbormaster.io/exempt": "true", "harbormaster.io/exempt-until": "2027-03-31"])
        #expect(findings(dated, today: nil) == Self.all)
    }

    @Test func webhookPathPassesTheDate() throws {
        let annotations = #""annotations":{"harbormaster.io/exempt":"true","harbormaster.io/exempt-until":"2027-03-31"},"#
        let object = cleanPod(replacing: #""spec":{"#, with: #""spec":{"hostNetwork":true,"#)
            .replacingRequired(#""labels":"#, with: annotations + #""labels":"#)
        let request = try AdmissionRequest(reviewBytes: reviewBytes(object: object))
        let evaluator = Evaluator(checks: Self.checks)
        #expect(evaluator.validate(request, today: Self.today).allowed)
        #expect(!evaluator.validate(request, today: CalendarDate(year: 2027, month: 4, day: 1)).allowed)
    }

    // MARK: namespace overrides

    @Test func overridesMatchExactAndGlobAndFirstMatchWins() throws {
        var policy = Policy()
        policy.namespaceOverrides = [
            NamespaceOverride(match: [GlobPattern("team-legacy")], mode: .audit, severities: ["hostNetworkSet": .ignore]),
            NamespaceOverride(match: [GlobPattern("team-*")], mode: .warn, severities: ["cpuLimitsMissing": .danger]),
            NamespaceOverride(match: [GlobPattern("team-a")], mode: .enforce),
        ]
        let evaluator = Evaluator(policy: policy, checks: Self.checks)
        func severities(_ namespace: String) throws -> [String] {
            evaluator.judge(try Self.pod(namespace: namespace), today: Self.today).findings.map { "\($0.checkID)=\($0.severity)" }
        }
        #expect(try severities("shop") == ["hostNetworkSet=danger", "cpuLimitsMissing=warning"])
        #expect(try severities("team-a") == ["hostNetworkSet=danger", "cpuLimitsMissing=danger"])
        #expect(try severities("team-legacy") == ["cpuLimitsMissing=warning"])
        #expect(policy.mode(in: "shop") == .enforce)
        #expect(policy.mode(in: "team-a") == .warn, "the first matching entry wins, not the exact one")
        #expect(policy.mode(in: "team-legacy") == .audit)
    }

    @Test func overrideModeDecidesTheWebhookAnswer() throws {
        var policy = Policy()
        policy.namespaceOverrides = [NamespaceOverride(match: [GlobPattern("team-*")], mode: .warn)]
        let evaluator = Evaluator(policy: policy, checks: Self.checks)
        let pod = cleanPod(replacing: #""spec":{"#, with: #""spec":{"hostNetwork":true,"#)
        let inShop = try AdmissionRequest(reviewBytes: reviewBytes(object: pod.replacingRequired(#""namespace":"shop""#, with: #""namespace":"shop""#)))
        let inTeam = try AdmissionRequest(reviewBytes: reviewBytes(object: pod.replacingRequired(#""namespace":"shop""#, with: #""namespace":"team-b""#)))
        #expect(!evaluator.validate(inShop, today: Self.today).allowed)
        let warned = evaluator.validate(inTeam, today: Self.today)
        #expect(warned.allowed)
        #expect(warned.warnings.contains { $0.hasPrefix("hostNetworkSet") })
    }

    @Test func onlyChecksBeatsOverrides() throws {
        var policy = Policy()
        policy.namespaceOverrides = [NamespaceOverride(match: [GlobPattern("*")], severities: ["hostNetworkSet": .ignore])]
        let findings = Evaluator(policy: policy.restricted(to: ["hostNetworkSet"]), checks: Self.checks)
            .judge(try Self.pod(), today: Self.today).findings
        #expect(findings.map(\.checkID) == ["hostNetworkSet"])
    }
}
