@testable import AdmissionCore
import Foundation
import Testing

@testable import PolicyConfig

@Suite struct PolicyFileTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

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

    @Test func embeddedDefaultIsTheReferenceFile() throws {
        let reference = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("examples/policy.yaml"), encoding: .utf8)
        #expect(DefaultPolicyText.yaml + "\n" == reference, "run scripts/embed-default-policy.sh")
    }

    @Test func referenceFileParsesToTheBuiltInDefaults() throws {
        let policy = try PolicyFile.parse(Array(DefaultPolicyText.yaml.utf8), file: "examples/policy.yaml")
        #expect(policy.mode == .enforce)
        #expect(policy.exemptNamespaces == Policy.defaultExemptNamespaces)
        #expect(policy.exemptionRules.isEmpty && policy.namespaceOverrides.isEmpty)
        #expect(policy.switches == ExemptionSwitches())
        // Every check is listed, at exactly its default severity and parameters.
        for check in BuiltinChecks.all {
            let settings = try #require(policy.checks[check.id], "\(check.id) is missing from examples/policy.yaml")
            #expect(settings.severity == check.defaultSeverity, "\(check.id)")
            for parameter in check.parameters {
                #expect(settings.parameters[parameter.name] == parameter.defaultValue, "\(check.id).\(parameter.name)")
            }
        }
        for mutator in BuiltinMutators.all {
            let settings = try #require(policy.mutators[mutator.id], "\(mutator.id) is missing from examples/policy.yaml")
            #expect(settings.enabled == mutator.enabledByDefault)
            for parameter in mutator.parameters {
                #expect(settings.parameters[parameter.name] == parameter.defaultValue, "\(mutator.id).\(parameter.name)")
            }
        }
    }

    @Test func severityShorthandAndMapForm() throws {
        let policy = try parse("""
            mode: warn
            checks:
              hostNetworkSet: warning
              requiredLabelsMissing:
                severity: danger
                labels: [team, app.kubernetes.io/name]
            mutators:
              defaultResourceRequests:
                enabled: no
                memory: 256Mi
            exemptions:
              namespaces: [infra]
            """)
        #expect(policy.mode == .warn)
        #expect(policy.severity(of: CheckDefinition.hostNetworkSet) == .warning)
        #expect(policy.severity(of: CheckDefinition.requiredLabelsMissing) == .danger)
        #expect(policy.parameters(of: CheckDefinition.requiredLabelsMissing).stringList("labels") == ["team", "app.kubernetes.io/name"])
        #expect(policy.severity(of: CheckDefinition.tagNotSpecified) == .danger, "unlisted checks keep their default")
        #expect(!policy.isEnabled(MutatorDefinition.defaultResourceRequests))
        #expect(policy.parameters(of: MutatorDefinition.defaultResourceRequests).string("memory") == "256Mi")
        #expect(policy.parameters(of: MutatorDefinition.defaultResourceRequests).string("cpu") == "100m")
        #expect(policy.exemptNamespaces == ["infra"])
    }

    @Test func emptyFileIsTheBuiltInPolicy() throws {
        let policy = try parse("# nothing configured\n")
        #expect(policy.mode == .enforce)
        #expect(policy.checks.isEmpty)
    }

    @Test(arguments: [
        ("checks:\n  hostNetworkSet: fatal\n", "policy.yaml:2:19: severity for 'hostNetworkSet' must be ignore, warning or danger; got 'fatal'"),
        ("checks:\n  hostNetwork: danger\n", "policy.yaml:2:3: unknown check 'hostNetwork' (run `harbormaster checks` for the list)"),
        ("mode: strict\n", "policy.yaml:1:7: mode must be enforce, warn or audit; got 'strict'"),
        ("modes: warn\n", "policy.yaml:1:1: unknown key 'modes' in the policy file; allowed: mode, checks, mutators, mutation, admission, exemptions, namespaces, allowAnnotationExemptions, allowConfigExemptions, polarisAnnotations"),
        ("checks:\n  requiredLabelsMissing:\n    lables: [team]\n", "policy.yaml:3:5: unknown key 'lables' in checks.requiredLabelsMissing; allowed: severity, denyAfter, labels"),
        ("checks:\n  requiredLabelsMissing:\n    labels: team\n", "policy.yaml:3:13: checks.requiredLabelsMissing.labels must be a list of strings; got 'team'"),
        ("mutators:\n  defaultResourceRequests:\n    cpu: lots\n", "policy.yaml:3:10: mutators.defaultResourceRequests.cpu must be a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi (or \"\" for none); got 'lots'"),
        ("mutators:\n  defaultResourceRequests:\n    enabled: maybe\n", "policy.yaml:3:14: mutators.defaultResourceRequests.enabled must be true or false; got 'maybe'"),
        ("mutators:\n  addEverything: {enabled: true}\n", "policy.yaml:2:3: unknown mutator 'addEverything' (run `harbormaster checks` for the list)"),
        ("checks: [hostNetworkSet]\n", "policy.yaml:1:9: checks must be a mapping; got a sequence"),
        ("mode: warn\n---\nmode: audit\n", "policy.yaml:3:1: the policy file must hold one YAML document, found 2"),
        ("checks:\n  hostNetworkSet: [danger\n", "policy.yaml:3:1: "),
    ])
    func errorsNameLineColumnAndWhatIsAllowed(text: String, expected: String) {
        #expect(error(text).hasPrefix(expected), "\(error(text))")
    }
}
