@testable import AdmissionCore
import Testing

@testable import PolicyConfig

/// `namespaces:`, `exemptions:` (both shapes) and the exemption switches, as read from a policy file.
@Suite struct PolicyOverridesTests {
    private func parse(_ text: String) throws(YAMLError) -> Policy {
        try PolicyFile.parse(Array(text.utf8), file: "policy.yaml")
    }

    private func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func fullShape() throws {
        let policy = try parse("""
            mode: enforce
            allowAnnotationExemptions: true
            allowConfigExemptions: false
            polarisAnnotations: no
            exemptions:
              namespaces: [kube-system, platform]
              rules:
                - namespaces: ["legacy-*"]
                  names: ["batch-*", importer]
                  checks: [runAsPrivileged, hostPIDSet]
                - containers: [istio-proxy]
                  checks: [cpuLimitsMissing]
            namespaces:
              - match: ["team-*", sandbox]
                mode: warn
                checks: {cpuLimitsMissing: danger, hostNetworkSet: ignore}
                allowAnnotationExemptions: false
              - match: prod-eu
                allowConfigExemptions: true
            """)
        #expect(policy.exemptNamespaces == ["kube-system", "platform"])
        #expect(policy.switches == ExemptionSwitches(allowAnnotationExemptions: true, allowConfigExemptions: false, polarisAnnotations: false))
        #expect(policy.exemptionRules == [
            ExemptionRule(namespaces: [GlobPattern("legacy-*")], names: [GlobPattern("batch-*"), GlobPattern("importer")], checks: ["runAsPrivileged", "hostPIDSet"]),
            ExemptionRule(containers: [GlobPattern("istio-proxy")], checks: ["cpuLimitsMissing"]),
        ])
        #expect(policy.namespaceOverrides.count == 2)
        #expect(policy.mode(in: "team-x") == .warn)
        #expect(policy.mode(in: "sandbox") == .warn)
        #expect(policy.mode(in: "sandbox-2") == .enforce)
        #expect(policy.severity(of: .cpuLimitsMissing, under: policy.namespaceOverrides.first) == .danger)
        #expect(policy.severity(of: .hostNetworkSet, under: policy.namespaceOverrides.first) == .ignore)
        #expect(policy.switches(in: "team-x").allowAnnotationExemptions == false)
        #expect(policy.switches(in: "prod-eu").allowConfigExemptions == true)
        #expect(policy.switches(in: "elsewhere").allowConfigExemptions == false)
    }

    @Test func legacyNamespaceListStillReads() throws {
        let policy = try parse("exemptions:\n  namespaces: [infra]\n")
        #expect(policy.exemptNamespaces == ["infra"])
        #expect(policy.exemptionRules.isEmpty)
    }

    @Test func bareListIsRulesAndKeepsDefaultNamespaces() throws {
        let policy = try parse("exemptions:\n  - names: [legacy-app]\n")
        #expect(policy.exemptNamespaces == Policy.defaultExemptNamespaces)
        #expect(policy.exemptionRules == [ExemptionRule(names: [GlobPattern("legacy-app")])])
    }

    @Test(arguments: [
        // unknown check IDs
        ("namespaces:\n  - match: [a]\n    checks: {hostNetwork: danger}\n", "policy.yaml:3:14: unknown check 'hostNetwork' (run `harbormaster checks` for the list)"),
        ("exemptions:\n  rules:\n    - checks: [hostNetworkSet, nope]\n", "policy.yaml:3:32: unknown check 'nope' (run `harbormaster checks` for the list)"),
        // wrong values
        ("namespaces:\n  - match: [a]\n    checks: {hostNetworkSet: fatal}\n", "policy.yaml:3:30: severity for 'hostNetworkSet' must be ignore, warning or danger; got 'fatal'"),
        ("namespaces:\n  - match: [a]\n    mode: strict\n", "policy.yaml:3:11: mode must be enforce, warn or audit; got 'strict'"),
        ("allowConfigExemptions: sometimes\n", "policy.yaml:1:24: allowConfigExemptions must be true or false; got 'sometimes'"),
        ("namespaces:\n  - match: [a]\n    allowAnnotationExemptions: 3\n", "policy.yaml:3:32: namespaces[0].allowAnnotationExemptions must be true or false; got '3'"),
        // wrong types and shapes
        ("namespaces: {team-a: warn}\n", "policy.yaml:1:13: namespaces must be a list of overrides"),
        ("namespaces:\n  - mode: warn\n", "policy.yaml:2:5: namespaces[0] needs `match`"),
        ("namespaces:\n  - match: [a]\n    checks: {hostNetworkSet: {severity: danger}}\n", "policy.yaml:3:30: namespaces[0].checks.hostNetworkSet must be a severity"),
        ("namespaces:\n  - match: [a]\n    severity: danger\n", "policy.yaml:3:5: unknown key 'severity' in namespaces[0]; allowed: match, mode, checks, mutators, allowAnnotationExemptions, allowConfigExemptions"),
        ("exemptions: kube-system\n", "policy.yaml:1:13: exemptions must be a mapping (namespaces, rules) or a list of rules; got a scalar"),
        ("exemptions:\n  rules:\n    - names: {a: b}\n", "policy.yaml:3:14: exemptions.rules[0].names must be a list of strings; got a mapping"),
        ("exemptions:\n  rules:\n    - container: [x]\n", "policy.yaml:3:7: unknown key 'container' in exemptions.rules[0]"),
        ("exemptions:\n  rules:\n    - {}\n", "policy.yaml:3:7: exemptions.rules[0] is empty"),
        ("exemptions:\n  rules: {names: [a]}\n", "policy.yaml:2:10: exemptions.rules must be a list of rules; got a mapping"),
        ("exemptions:\n  namespaces: [a, [b]]\n", "policy.yaml:2:19: exemptions.namespaces must be a list of strings; got a sequence"),
    ])
    func errorsNameLineAndColumn(text: String, expected: String) {
        #expect(error(text).hasPrefix(expected), "\(error(text))")
    }
}
