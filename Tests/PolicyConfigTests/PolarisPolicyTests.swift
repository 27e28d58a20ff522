@testable import AdmissionCore
import Testing

@testable import PolicyConfig

/// A Polaris configuration file read as a Harbormaster policy: same meaning, and what is not implemented is
/// reported with line and column, never dropped silently.
@Suite struct PolarisPolicyTests {
    /// Shaped like Polaris's `examples/config.yaml` with a custom check, mutations and exemptions.
    static let polarisConfig = """
        displayName: Acme production
        checks:
          # reliability
          deploymentMissingReplicas: warning
          priorityClassNotSet: ignore
          tagNotSpecified: danger
          pullPolicyNotAlways: warning
          readinessProbeMissing: warning
          livenessProbeMissing: warning
          # efficiency
          cpuRequestsMissing: warning
          cpuLimitsMissing: ignore
          memoryRequestsMissing: warning
          memoryLimitsMissing: warning
          # security
          hostIPCSet: danger
          hostPIDSet: danger
          hostNetworkSet: danger
          runAsPrivileged: danger
          sensitiveContainerEnvVar: danger
          imageRegistry: danger
        customChecks:
          imageRegistry:
            successMessage: Image comes from allowed registries
            failureMessage: Image should not be from disallowed registry
            category: Security
            target: Container
            schema:
              '$schema': http://json-schema.org/draft-07/schema
              type: object
              properties:
                image:
                  type: string
                  not:
                    pattern: ^quay.io
        mutations:
          - pullPolicyNotAlways
        disallowConfigExemptions: true
        exemptions:
          - namespace: kube-system
            controllerNames:
              - kube-apiserver
              - kube-proxy
            rules:
              - hostNetworkSet
              - hostPIDSet
          - controllerNames:
              - dns-controller
              - datadog-agent
            rules:
              - runAsPrivileged
              - hostPortSet
          - namespace: monitoring
            containerNames:
              - istio-proxy
        """

    @Test func realisticPolarisConfigIsAccepted() throws {
        let loaded = try PolicyFile.load(Array(Self.polarisConfig.utf8), file: "polaris.yaml")
        let policy = loaded.policy
        #expect(policy.severity(of: .cpuLimitsMissing) == .ignore)
        #expect(policy.severity(of: .hostNetworkSet) == .danger)
        #expect(policy.switches == ExemptionSwitches(allowAnnotationExemptions: true, allowConfigExemptions: false, polarisAnnotations: true))
        #expect(policy.exemptNamespaces == Policy.defaultExemptNamespaces)
        #expect(policy.exemptionRules == [
            ExemptionRule(namespaces: [GlobPattern("kube-system")], names: [GlobPattern("kube-apiserver*"), GlobPattern("kube-proxy*")], checks: ["hostNetworkSet", "hostPIDSet"]),
            ExemptionRule(names: [GlobPattern("dns-controller*"), GlobPattern("datadog-agent*")], checks: ["runAsPrivileged", "hostPortSet"]),
            ExemptionRule(namespaces: [GlobPattern("monitoring")], containers: [GlobPattern("istio-proxy")]),
        ])
        // Everything not implemented is named, with its position; the rest of the file still applies.
        let reported = loaded.warnings.map(\.description)
        let shipped = Set(BuiltinChecks.all.map(\.id))
        let expected = [
            "polaris.yaml:1:1: Polaris key 'displayName' is not implemented by Harbormaster; ignored",
            shipped.contains("deploymentMissingReplicas") ? nil
                : "polaris.yaml:4:3: check 'deploymentMissingReplicas' is a Polaris check that Harbormaster does not implement; ignored",
            shipped.contains("priorityClassNotSet") ? nil
                : "polaris.yaml:5:3: check 'priorityClassNotSet' is a Polaris check that Harbormaster does not implement; ignored",
            shipped.contains("pullPolicyNotAlways") ? nil
                : "polaris.yaml:7:3: check 'pullPolicyNotAlways' is a Polaris check that Harbormaster does not implement; ignored",
            shipped.contains("sensitiveContainerEnvVar") ? nil
                : "polaris.yaml:20:3: check 'sensitiveContainerEnvVar' is a Polaris check that Harbormaster does not implement; ignored",
            "polaris.yaml:21:3: check 'imageRegistry' is a Polaris custom check, which Harbormaster does not implement; ignored",
        ]
        #expect(reported.first == expected.first)
        #expect(reported.contains("polaris.yaml:22:1: Polaris key 'customChecks' is not implemented by Harbormaster; ignored"))
        #expect(reported.contains("polaris.yaml:36:1: Polaris key 'mutations' is not implemented by Harbormaster; ignored"))
        for line in expected.dropFirst().compactMap({ $0 }) { #expect(reported.contains(line), "\(reported)") }
        #expect(reported.count == expected.compactMap { $0 }.count + 2, "\(reported)")
    }

    @Test(arguments: [
        ("disallowExemptions: true\n", ExemptionSwitches(allowAnnotationExemptions: false, allowConfigExemptions: false)),
        ("disallowExemptions: false\n", ExemptionSwitches()),
        ("disallowConfigExemptions: true\n", ExemptionSwitches(allowConfigExemptions: false)),
        ("disallowAnnotationExemptions: true\n", ExemptionSwitches(allowAnnotationExemptions: false)),
        ("polarisAnnotations: false\n", ExemptionSwitches(polarisAnnotations: false)),
    ])
    func polarisSwitches(text: String, expected: ExemptionSwitches) throws {
        #expect(try PolicyFile.parse(Array(text.utf8), file: nil).switches == expected)
    }

    @Test func polarisExemptionsApplyInTheEngine() throws {
        let policy = try PolicyFile.parse(Array("exemptions:\n  - namespace: shop\n    controllerNames: [we]\n    rules: [hostNetworkSet]\n".utf8), file: nil)
        let object = KubernetesObject(try JSONDocument(parsing: """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9f","namespace":"shop"},"spec":{"hostNetwork":true,"containers":[]}}
            """).root)
        let judgement = Evaluator(policy: policy, checks: [.hostNetworkSet]).judge(object)
        #expect(judgement.findings.isEmpty, "controllerNames match by prefix, as in Polaris")
    }

    @Test func unknownPolarisCheckInRulesIsAWarningWithPosition() throws {
        let shipped = Set(BuiltinChecks.all.map(\.id))
        guard let missing = PolicyReader.polarisCheckIDs.sorted().first(where: { !shipped.contains($0) }) else { return }
        let loaded = try PolicyFile.load(Array("exemptions:\n  - rules: [hostNetworkSet, \(missing)]\n".utf8), file: "p.yaml")
        #expect(loaded.warnings.map(\.description) == [
            "p.yaml:2:30: check '\(missing)' is a Polaris check that Harbormaster does not implement; ignored",
        ])
        #expect(loaded.policy.exemptionRules.first?.checks == ["hostNetworkSet", missing])
    }

    @Test func typoInAPolarisFileIsStillAnError() {
        #expect(throws: YAMLError.self) {
            try PolicyFile.parse(Array("displayName: x\nchecks:\n  hostNetworkSett: danger\n".utf8), file: nil)
        }
    }
}
