import Foundation
import Testing

@testable import AdmissionCore

@Suite struct EvaluatorTests {
    /// `cleanPod` with host networking: exactly one `danger` finding.
    static let hostNetworkPod = cleanPod(replacing: #""spec":{"#, with: #""spec":{"hostNetwork":true,"#)

    private func validate(_ object: String, policy: Policy = Policy(), namespace: String? = "shop") throws
        -> AdmissionResponse
    {
        Evaluator(policy: policy).validate(
            try AdmissionRequest(reviewBytes: reviewBytes(object: object, namespace: namespace)))
    }

    @Test func cleanPodHasNoFindingsAndEveryCheckRan() throws {
        let judgement = Evaluator().judge(try kubernetesObject(cleanPod))
        #expect(judgement.findings.map(\.summary) == [])
        // Every container and pod-spec check runs on a Pod; object checks run where they apply.
        let podChecks = BuiltinChecks.all.filter { ["container", "pod spec"].contains($0.scope) }.map(\.id)
        #expect(Set(judgement.evaluations.keys).isSuperset(of: podChecks))
        #expect(Set(judgement.evaluations.keys).isSubset(of: BuiltinChecks.all.map(\.id)))
        #expect(judgement.evaluations["livenessProbeMissing"] == 1)
    }

    // MARK: modes

    @Test func enforceDeniesDangerWith403() throws {
        let response = try validate(Self.hostNetworkPod)
        #expect(response.allowed == false)
        #expect(response.status?.code == 403)
        #expect(
            response.status?.message == """
                Harbormaster denied Pod "web": failed hostNetworkSet
                - hostNetworkSet: Host network should not be used. Fix: Remove spec.hostNetwork or set it to false: \
                the pod sees and binds the node's network interfaces. e.g. hostNetwork: false
                """)
        #expect(response.warnings == [])
        #expect(response.patch == [])
    }

    @Test func enforceAllowsWarningsOnly() throws {
        let pod = cleanPod(replacing: #""readinessProbe":{"httpGet":{"path":"/ready","port":80}},"#, with: "")
        let response = try validate(pod)
        #expect(response.allowed)
        #expect(response.warnings == [#"readinessProbeMissing (container "web"): Readiness probe should be configured"#])
    }

    @Test func enforceKeepsWarningsNextToADenial() throws {
        let pod = Self.hostNetworkPod.replacingRequired(#""namespace":"shop""#, with: #""namespace":"default""#)
        let response = try validate(pod, namespace: "default")
        #expect(response.allowed == false)
        #expect(response.warnings == ["defaultNamespaceUsed: Workload should not run in the default namespace"])
    }

    @Test func warnModeAllowsWithEveryFindingAsAWarning() throws {
        let response = try validate(Self.hostNetworkPod, policy: Policy(mode: .warn))
        #expect(response.allowed)
        #expect(response.warnings == ["hostNetworkSet: Host network should not be used"])
    }

    @Test func auditModeAllowsWithNothing() throws {
        let response = try validate(Self.hostNetworkPod, policy: Policy(mode: .audit))
        #expect(response.allowed && response.warnings.isEmpty && response.status == nil)
        #expect(
            Evaluator(policy: Policy(mode: .audit)).judge(try kubernetesObject(Self.hostNetworkPod)).findings.count == 1
        )
    }

    @Test func configuredSeverityOverridesTheDefault() throws {
        let warning = Policy(checks: ["hostNetworkSet": .init(severity: .warning)])
        #expect(
            try validate(Self.hostNetworkPod, policy: warning).warnings == [
                "hostNetworkSet: Host network should not be used"
            ])
        #expect(try validate(Self.hostNetworkPod, policy: warning).allowed)

        let ignored = Policy(checks: ["hostNetworkSet": .init(severity: .ignore)])
        let judgement = Evaluator(policy: ignored).judge(try kubernetesObject(Self.hostNetworkPod))
        #expect(judgement.findings.isEmpty)
        #expect(judgement.evaluations["hostNetworkSet"] == nil)
    }

    @Test func restrictedPolicyRunsOnlyTheNamedChecksAtDanger() throws {
        let pod = cleanPod(replacing: #""readinessProbe":{"httpGet":{"path":"/ready","port":80}},"#, with: "")
        let judgement = Evaluator(policy: Policy().restricted(to: ["readinessProbeMissing"])).judge(
            try kubernetesObject(pod))
        #expect(judgement.findings.map(\.checkID) == ["readinessProbeMissing"])
        #expect(judgement.findings.map(\.severity) == [.danger])
        #expect(Array(judgement.evaluations.keys) == ["readinessProbeMissing"])
    }

    @Test func checkParametersComeFromThePolicy() throws {
        let policy = Policy(checks: [
            "requiredLabelsMissing": .init(
                severity: .warning, parameters: JSONObject(["labels": ["team", "app.kubernetes.io/name"]]))
        ])
        let findings = Evaluator(policy: policy).judge(try kubernetesObject(cleanPod)).findings
        #expect(findings.map(\.message) == ["Required labels are missing: team on metadata"])
        #expect(findings.map(\.path.description) == ["/metadata/labels"])
    }

    // MARK: exemptions

    @Test func exemptNamespaceIsNeitherJudgedNorMutated() throws {
        let pod = Self.hostNetworkPod.replacingRequired(#""namespace":"shop","#, with: "")
        let object = try kubernetesObject(pod, defaultNamespace: "kube-system")
        let judgement = Evaluator().judge(object)
        #expect(judgement.findings.isEmpty)
        #expect(judgement.evaluations.isEmpty)
        #expect(try validate(pod, namespace: "kube-system").allowed)
        #expect(try validate(pod, namespace: "kube-system").warnings == [])
        #expect(try validate(pod, namespace: "shop").allowed == false)
    }

    @Test func exemptAnnotationSkipsEveryCheck() throws {
        let pod = Self.hostNetworkPod.replacingRequired(
            #""name":"web","namespace""#,
            with: #""name":"web","annotations":{"harbormaster.io/exempt":"true"},"namespace""#)
        let judgement = Evaluator().judge(try kubernetesObject(pod))
        #expect(judgement.findings.isEmpty)
        #expect(judgement.evaluations.isEmpty)
    }

    @Test(arguments: [
        ("harbormaster.io/exempt-hostNetworkSet", "true", true),
        ("harbormaster.io/exempt-hostNetworkSet", "false", false),
        ("harbormaster.io/exempt-hostPIDSet", "true", false), ("harbormaster.io/exempt", "yes", false),
        ("example.com/hostNetworkSet-exempt", "true", false),
    ])
    func checkExemptAnnotation(key: String, value: String, exempt: Bool) throws {
        let pod = Self.hostNetworkPod.replacingRequired(
            #""name":"web","namespace""#, with: #""name":"web","annotations":{"\#(key)":"\#(value)"},"namespace""#)
        let judgement = Evaluator().judge(try kubernetesObject(pod))
        #expect(judgement.findings.map(\.checkID) == (exempt ? [] : ["hostNetworkSet"]))
        #expect(judgement.evaluations["hostNetworkSet"] == (exempt ? nil : 1))
        #expect(judgement.evaluations["hostIPCSet"] == 1)
    }

    // MARK: findings

    @Test func requestFindingsCarryTheMutatorsFix() throws {
        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let findings = Evaluator().judge(try kubernetesObject(pod)).findings
        let expectedFix: [PatchOperation] = [
            .add(pointer("/spec/containers/0/resources/requests"), ["cpu": "100m", "memory": "128Mi"])
        ]
        #expect(findings.map(\.checkID) == ["cpuRequestsMissing", "memoryRequestsMissing"])
        #expect(findings.map(\.fix) == [expectedFix, expectedFix])
    }

    @Test func fixOnlyHoldsTheOperationsForThatFindingsContainer() throws {
        let text =
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"template":{"spec":{"#
            + #""containers":[{"name":"a","image":"a:1","resources":{"requests":{"cpu":"1"}}},{"name":"b","image":"b:1"}]}}}}"#
        let findings = Evaluator(policy: Policy().restricted(to: ["cpuRequestsMissing", "memoryRequestsMissing"]))
            .judge(try kubernetesObject(text)).findings
        #expect(
            findings.map(\.summary) == [
                #"cpuRequestsMissing (container "b"): CPU request should be set"#,
                #"memoryRequestsMissing (container "a"): Memory request should be set"#,
                #"memoryRequestsMissing (container "b"): Memory request should be set"#,
            ])
        #expect(
            findings.map { $0.fix.map(\.path.description) } == [
                ["/spec/template/spec/containers/1/resources"],
                ["/spec/template/spec/containers/0/resources/requests/memory"],
                ["/spec/template/spec/containers/1/resources"],
            ])
    }

    @Test func checksWithoutAMutatorHaveNoFix() throws {
        let findings = Evaluator().judge(try kubernetesObject(Self.hostNetworkPod)).findings
        #expect(findings.map(\.fix) == [[]])
    }

    @Test func findingPathsArePointersFromTheObjectRoot() throws {
        let text =
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","#
            + #""labels":{"app.kubernetes.io/name":"web"}},"spec":{"template":{"metadata":{"labels":{}},"spec":{"hostPID":true,"#
            + #""initContainers":[{"name":"init","image":"init:1","securityContext":{"privileged":true},"#
            + #""resources":{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"1","memory":"1Gi"}}}],"#
            + #""containers":[{"name":"web","image":"web:latest","livenessProbe":{},"readinessProbe":{},"#
            + #""resources":{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"memory":"1Gi"}}}]}}}}"#
        // The first checks only: this test is about paths and container names, not the whole catalogue.
        let findings = Evaluator(checks: BuiltinChecks.core).judge(try kubernetesObject(text)).findings
        #expect(
            findings.map { "\($0.checkID) \($0.path)" } == [
                "tagNotSpecified /spec/template/spec/containers/0/image",
                "cpuLimitsMissing /spec/template/spec/containers/0/resources/limits/cpu",
                "runAsPrivileged /spec/template/spec/initContainers/0/securityContext/privileged",
                "hostPIDSet /spec/template/spec/hostPID",
                "defaultNamespaceUsed /metadata/namespace",
                "requiredLabelsMissing /spec/template/metadata/labels",
            ])
        #expect(findings.map(\.container) == ["web", "web", "init", nil, nil, nil])
    }

    @Test func mutateAppliesEnabledMutatorsAndSkipsWhatIsNotJudged() throws {
        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let create = try AdmissionRequest(reviewBytes: reviewBytes(object: pod, uid: "m-1"))
        #expect(
            Evaluator().mutate(create)
                == .patched(
                    uid: "m-1",
                    [
                        .add(pointer("/spec/containers/0/resources/requests"), ["cpu": "100m", "memory": "128Mi"]),
                        // Provenance: the object says which mutator filled it in.
                        .add(pointer("/metadata/annotations"), ["harbormaster.io/mutated-by": "defaultResourceRequests"]),
                    ]))
        let status = try AdmissionRequest(
            reviewBytes: reviewBytes(object: pod, operation: "UPDATE", uid: "m-2", extra: #""subResource":"status","#))
        #expect(Evaluator().mutate(status) == .allowed(uid: "m-2"))
        #expect(
            Evaluator(policy: Policy(mutators: ["defaultResourceRequests": .init(enabled: false)])).mutate(create)
                == .allowed(uid: "m-1"))
    }

    @Test func updateIsJudgedLikeCreate() throws {
        let update = try AdmissionRequest(reviewBytes: reviewBytes(object: Self.hostNetworkPod, operation: "UPDATE"))
        #expect(Evaluator().validate(update).allowed == false)
    }
}
