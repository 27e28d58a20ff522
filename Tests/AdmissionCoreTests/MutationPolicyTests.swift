import Testing

@testable import AdmissionCore

/// When mutators run at all: operations, provenance, namespace overrides, exemption rules.
@Suite struct MutationPolicyTests {
    /// A Deployment missing requests, limits, probes and labels, with 3 replicas and a selector.
    static let deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"shop"},\
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},\
        "spec":{"containers":[{"name":"api","image":"api:1.0","ports":[{"name":"http","containerPort":8080}]},\
        {"name":"istio-proxy","image":"proxy:1.2"}]}}}}
        """

    private func ids(_ operations: [PatchOperation]) -> [String] {
        operations.first { $0.path.tokens.last == Evaluator.provenanceAnnotation || $0.path == pointer("/metadata/annotations") }
            .flatMap { $0.value?[Evaluator.provenanceAnnotation]?.stringValue ?? $0.value?.stringValue }?
            .split(separator: ",").map(String.init) ?? []
    }

    @Test func provenanceListsTheMutatorsThatChangedSomething() throws {
        let operations = Evaluator().patch(for: try kubernetesObject(Self.deployment))
        #expect(ids(operations) == [
            "defaultLabels", "defaultResourceRequests", "defaultResourceLimits", "defaultProbes", "defaultPodAntiAffinity",
            "defaultTopologySpread",
        ])
        var quiet = Policy()
        quiet.mutation.provenanceAnnotation = false
        let without = Evaluator(policy: quiet).patch(for: try kubernetesObject(Self.deployment))
        #expect(without.count == operations.count - 1)
        #expect(ids(without) == [])
    }

    @Test func theWholePatchIsIdempotentAndKeepsEarlierProvenance() throws {
        let object = try kubernetesObject(Self.deployment)
        let once = try JSON(object.value).applying(Evaluator().patch(for: object))
        let mutated = try kubernetesObject(JSONWriter().string(once))
        #expect(Evaluator().patch(for: mutated) == [])
        // A later pass with another mutator switched on keeps what the first pass recorded.
        let policy = Policy(mutators: ["defaultReadOnlyRootFilesystem": .init(enabled: true)])
        let later = Evaluator(policy: policy).patch(for: mutated)
        #expect(later.last == .replace(
            pointer("/metadata/annotations").appending(Evaluator.provenanceAnnotation),
            "defaultLabels,defaultResourceRequests,defaultResourceLimits,defaultProbes,defaultPodAntiAffinity,defaultTopologySpread,defaultReadOnlyRootFilesystem"
        ))
    }

    @Test func updateIsMutatedOnlyWhenConfiguredAndPodSpecsNever() throws {
        let object = try kubernetesObject(Self.deployment)
        #expect(Evaluator().patch(for: object, operation: .update) == [])
        #expect(Evaluator().patch(for: object, operation: .delete) == [])
        var onUpdate = Policy()
        onUpdate.mutation.onUpdate = true
        #expect(Evaluator(policy: onUpdate).patch(for: object, operation: .update) == Evaluator().patch(for: object))
        // A running Pod's spec is immutable: only metadata mutators may act on its UPDATE.
        let pod = try kubernetesObject(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"containers":[{"name":"c","image":"c:1"}]}}"#)
        let paths = Evaluator(policy: onUpdate).patch(for: pod, operation: .update).map(\.path.description)
        #expect(paths == ["/metadata/labels", "/metadata/annotations"])
        #expect(Evaluator(policy: onUpdate).patch(for: pod, operation: .create).count > 2)
    }

    @Test func namespaceOverridesSwitchMutatorsOnAndOff() throws {
        var policy = Policy()
        policy.namespaceOverrides = [
            NamespaceOverride(match: [GlobPattern("shop")], mutators: ["defaultProbes": false, "defaultReadOnlyRootFilesystem": true])
        ]
        let operations = Evaluator(policy: policy).patch(for: try kubernetesObject(Self.deployment))
        #expect(!ids(operations).contains("defaultProbes"))
        #expect(ids(operations).contains("defaultReadOnlyRootFilesystem"))
        let elsewhere = Self.deployment.replacingRequired(#""namespace":"shop""#, with: #""namespace":"other""#)
        #expect(ids(Evaluator(policy: policy).patch(for: try kubernetesObject(elsewhere))).contains("defaultProbes"))
    }

    @Test func exemptionRulesNamingAMutatorStopItForObjectsOrContainers() throws {
        var policy = Policy()
        policy.exemptionRules = [ExemptionRule(containers: [GlobPattern("istio-*")], checks: ["defaultResourceRequests", "defaultResourceLimits"])]
        let paths = Evaluator(policy: policy).patch(for: try kubernetesObject(Self.deployment)).map(\.path.description)
        #expect(!paths.contains { $0.hasPrefix("/spec/template/spec/containers/1/resources") })
        #expect(paths.contains { $0.hasPrefix("/spec/template/spec/containers/0/resources") })

        policy.exemptionRules = [ExemptionRule(names: [GlobPattern("api")])]
        #expect(Evaluator(policy: policy).patch(for: try kubernetesObject(Self.deployment)) == [])
        policy.switches.allowConfigExemptions = false
        #expect(Evaluator(policy: policy).patch(for: try kubernetesObject(Self.deployment)) != [])
    }

    @Test func exemptNamespacesAndAnnotationsStopEveryMutator() throws {
        let system = Self.deployment.replacingRequired(#""namespace":"shop""#, with: #""namespace":"kube-system""#)
        #expect(Evaluator().patch(for: try kubernetesObject(system)) == [])
        let annotated = Self.deployment.replacingRequired(
            #""name":"api","namespace":"shop""#, with: #""name":"api","namespace":"shop","annotations":{"harbormaster.io/exempt":"true"}"#)
        #expect(Evaluator().patch(for: try kubernetesObject(annotated)) == [])
    }

    @Test func aContainerWithoutPortsKeepsItsProbeFindingAndSaysWhy() throws {
        let object = try kubernetesObject(Self.deployment)
        let mutated = try kubernetesObject(JSONWriter().string(try JSON(object.value).applying(Evaluator().patch(for: object))))
        let findings = Evaluator(policy: Policy().restricted(to: ["livenessProbeMissing", "readinessProbeMissing"])).judge(mutated).findings
        #expect(findings.map(\.container) == ["istio-proxy", "istio-proxy"])
        #expect(findings.allSatisfy { $0.message.contains("declares no TCP port, so no probe can be derived") })
    }
}
