import AdmissionCore
import Foundation
import PolicyConfig
import Testing

/// The YAML snippets that denials show for checks no mutator fixes (`CheckDefinition.snippet`): each is flow YAML
/// that a YAML reader loads as a mapping, and where that is cheap and exact, writing it at the finding's path makes the
/// check pass on its own failing fixtures. AdmissionCore has no YAML parser, so these tests live here.
@Suite struct CheckSnippetYAMLTests {
    static let withSnippet = BuiltinChecks.all.filter { $0.snippet != nil }.map(\.id)

    /// The snippet as a mapping: loaded as `{<snippet>}`, or as it is when it already is a flow mapping.
    static func mapping(_ snippet: String) throws -> JSON {
        let text = snippet.hasPrefix("{") ? snippet : "{\(snippet)}"
        let documents = try YAMLLoader.load(text, file: "snippet")
        #expect(documents.count == 1)
        return try #require(documents.first).json()
    }

    @Test(arguments: withSnippet)
    func snippetLoadsAsAMapping(id: String) throws {
        let snippet = try #require(BuiltinChecks.named(id)?.snippet)
        let mapping = try Self.mapping(snippet)
        let object = try #require(mapping.objectValue, "\(id)'s snippet is not a mapping: \(mapping.jsonText)")
        #expect(!object.isEmpty)
        // Flow YAML read as `{...}` never leaves a key without its value by accident: the only null values are the
        // `{...}` placeholders for "your selector/template here".
        #expect(!Self.hasNullOtherThanPlaceholder(mapping), "\(id)'s snippet has a key without a value")
    }

    @Test func snippetsParseToTheValuesTheyShow() throws {
        #expect(try Self.mapping("securityContext: {privileged: false}") == ["securityContext": ["privileged": false]])
        let capabilities = try Self.mapping(try #require(BuiltinChecks.named("dangerousCapabilities")?.snippet))
        #expect(capabilities["securityContext"]?["capabilities"]?["drop"] == ["ALL"])
        let rollout = try Self.mapping(try #require(BuiltinChecks.named("rollingUpdateUnsafe")?.snippet))
        #expect(rollout["spec"]?["strategy"]?["rollingUpdate"]?["maxUnavailable"] == "25%")
        let rule = try Self.mapping(try #require(BuiltinChecks.named("clusterrolePodExecAttach")?.snippet))
        #expect(rule["rules"]?[0]?["apiGroups"] == [""])
        #expect(rule["rules"]?[0]?["verbs"] == ["get", "list", "watch"])
    }

    private static func hasNullOtherThanPlaceholder(_ value: JSON) -> Bool {
        switch value {
        case .null: return true
        case .array(let elements): return elements.contains(where: hasNullOtherThanPlaceholder)
        case .object(let object):
            return object.members.contains { $0.key != "..." && hasNullOtherThanPlaceholder($0.value) }
        default: return false
        }
    }

    // MARK: The snippet fixes its check

    /// A check whose snippet is proven on every AdmissionReview `fail.` fixture of the check. `replaces`: the snippet
    /// stands for the offending field rather than overwriting it (a PodDisruptionBudget sets minAvailable or
    /// maxUnavailable, never both), so the field at the finding's path is removed before the snippet is written.
    struct Case: Sendable, CustomTestStringConvertible {
        let checkID: String
        var replaces = false
        var testDescription: String { checkID }
    }

    /// Every check judged from the object alone whose snippet is an edit of that object. Left out: cross-resource
    /// checks; nakedPod and sensitiveConfigmapContent (the fix is another object: a Deployment, a Secret);
    /// deprecatedApiVersion (the replacement depends on the kind, the snippet shows one); probePortNotDeclared (which
    /// probe or port is wrong varies, the snippet shows the pairing).
    static let cases: [Case] = [
        // Containers
        Case(checkID: "tagNotSpecified"),
        Case(checkID: "runAsPrivileged"),
        Case(checkID: "dangerousCapabilities"),
        Case(checkID: "hostPortSet"),
        Case(checkID: "procMount"),
        Case(checkID: "sensitiveContainerEnvVar"),
        Case(checkID: "probesIdentical"),
        Case(checkID: "limitsBelowRequests"),
        Case(checkID: "imageNotMinimal"),
        Case(checkID: "imageRegistryNotAllowed"),
        // Pod specs
        Case(checkID: "hostNetworkSet"),
        Case(checkID: "hostPIDSet"),
        Case(checkID: "hostIPCSet"),
        Case(checkID: "priorityClassNotSet"),
        Case(checkID: "hostPathSet"),
        Case(checkID: "hostProcess"),
        // Objects
        Case(checkID: "defaultNamespaceUsed"),
        Case(checkID: "rollingUpdateUnsafe"),
        Case(checkID: "pdbDisruptionsIsZero", replaces: true),
        Case(checkID: "hpaMaxAvailability"),
        Case(checkID: "hpaMinAvailability"),
        Case(checkID: "tlsSettingsMissing"),
        Case(checkID: "namespaceOwnerLabelMissing"),
        // RBAC
        Case(checkID: "clusterrolePodExecAttach"),
        Case(checkID: "rolePodExecAttach"),
        Case(checkID: "rbacWildcardRules"),
        Case(checkID: "rbacEscalationVerbs"),
        Case(checkID: "defaultServiceAccountBound"),
    ]

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AdmissionCoreTests/Fixtures/checks")

    @Test func provenSnippetsAreForChecksWithSnippetsJudgedAlone() throws {
        #expect(Set(Self.cases.map(\.checkID)).count == Self.cases.count)
        #expect(Self.cases.count >= 10)
        for testCase in Self.cases {
            let check = try #require(BuiltinChecks.named(testCase.checkID), "\(testCase.checkID) is no check")
            #expect(check.snippet != nil, "\(testCase.checkID) has no snippet")
            #expect(!check.needsOtherObjects, "\(testCase.checkID) needs other objects")
        }
    }

    @Test(arguments: cases)
    func snippetAtTheFindingsPathFixesTheCheck(testCase: Case) throws {
        let id = testCase.checkID
        let text = try #require(BuiltinChecks.named(id)?.snippet)
        let snippet = try #require(try Self.mapping(text).objectValue)
        let names = Self.failFixtures(of: id)
        #expect(!names.isEmpty, "no fail. fixture for \(id)")
        for name in names {
            let outcome = try Self.apply(snippet, to: name, of: id, replacing: testCase.replaces)
            #expect(!outcome.before.isEmpty, "\(id)/\(name) should fail before the snippet is applied")
            let left = outcome.after.map(\.summary)
            #expect(left.isEmpty, "\(id)/\(name) still fails with the snippet: \(left)")
            // It passes because the field is fixed, not because the edit left nothing for the check to judge.
            #expect(outcome.evaluations >= 1, "\(id) no longer runs on \(name) with the snippet")
        }
    }

    /// The proof can fail: a snippet that writes the wrong value leaves the finding in place.
    @Test func aWrongSnippetLeavesTheFinding() throws {
        let wrong = try #require(try Self.mapping("securityContext: {privileged: true}").objectValue)
        let outcome = try Self.apply(wrong, to: "fail.privileged.json", of: "runAsPrivileged", replacing: false)
        #expect(!outcome.before.isEmpty)
        #expect(outcome.after.count == outcome.before.count)
        let unrelated = try #require(try Self.mapping("hostNetwork: false").objectValue)
        #expect(throws: SnippetMisplaced.self) {
            try Self.apply(unrelated, to: "fail.privileged.json", of: "runAsPrivileged", replacing: false)
        }
    }

    static func failFixtures(of id: String) -> [String] {
        let directory = fixtures.appendingPathComponent(id).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("fail.") && $0.hasSuffix(".json") }.sorted()
    }

    /// Judges the AdmissionReview fixture `name` of check `id`, writes `snippet` for each finding where its first key
    /// sits on the finding's path (the container for `securityContext/privileged`, the pod spec for `hostNetwork`,
    /// the object for `spec/...`), and judges again. Throws when the snippet names no field of a finding's path.
    static func apply(
        _ snippet: JSONObject, to name: String, of id: String, replacing: Bool
    ) throws -> (before: [Finding], after: [Finding], evaluations: Int) {
        let directory = fixtures.appendingPathComponent(id)
        let evaluator = Evaluator(policy: try policy(for: id, in: directory))
        let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        let review = JSON(try JSONDocument(parsing: bytes).root)
        let namespace = review["request"]?["namespace"]?.stringValue ?? ""
        var object = try #require(review["request"]?["object"], "\(name) is not an AdmissionReview")
        let before = try judge(object, namespace: namespace, evaluator).findings.filter { $0.checkID == id }
        for finding in before {
            let tokens = finding.path.tokens
            guard let at = tokens.lastIndex(where: { snippet[$0] != nil }) else {
                throw SnippetMisplaced(path: finding.path.description)
            }
            if replacing { object = removing(tokens[...], from: object) }
            object = merging(.object(snippet), into: object, at: tokens[..<at])
        }
        let judgement = try judge(object, namespace: namespace, evaluator)
        return (before, judgement.findings.filter { $0.checkID == id }, judgement.evaluations[id, default: 0])
    }

    /// No key of the snippet is a field of the finding's path: there is nowhere to write it.
    struct SnippetMisplaced: Error, CustomStringConvertible {
        let path: String
        var description: String { "the snippet names no field of the finding's path \(path)" }
    }

    /// The check alone, with the fixture directory's parameters (as CheckFixtureTests judges it).
    private static func policy(for id: String, in directory: URL) throws -> Policy {
        var policy = Policy()
        let parameters = directory.appendingPathComponent("parameters.json")
        if FileManager.default.fileExists(atPath: parameters.path) {
            let value = JSON(try JSONDocument(parsing: Array(try Data(contentsOf: parameters))).root)
            let members = try #require(value.objectValue)
            policy.checks[id] = Policy.CheckSettings(severity: .danger, parameters: members)
        }
        return policy.restricted(to: [id])
    }

    private static func judge(_ object: JSON, namespace: String, _ evaluator: Evaluator) throws -> Judgement {
        let value = try JSONDocument(parsing: object.jsonText).root
        return evaluator.judge(KubernetesObject(value, defaultNamespace: namespace), withFixes: false)
    }

    /// `patch` written into `base` at `path`: mappings merge key by key, anything else replaces what is there.
    private static func merging(_ patch: JSON, into base: JSON, at path: ArraySlice<String>) -> JSON {
        guard let token = path.first else { return merge(patch, base) }
        switch base {
        case .object(var object):
            object[token] = merging(patch, into: object[token] ?? .object(JSONObject()), at: path.dropFirst())
            return .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return base }
            elements[index] = merging(patch, into: elements[index], at: path.dropFirst())
            return .array(elements)
        default:
            return base
        }
    }

    private static func merge(_ patch: JSON, _ base: JSON) -> JSON {
        guard case .object(let additions) = patch, case .object(var object) = base else { return patch }
        for member in additions.members {
            object[member.key] = merge(member.value, object[member.key] ?? .null)
        }
        return .object(object)
    }

    /// `base` without the mapping member at `path` (unchanged when there is none).
    private static func removing(_ path: ArraySlice<String>, from base: JSON) -> JSON {
        guard let token = path.first else { return base }
        switch base {
        case .object(var object):
            guard let child = object[token] else { return base }
            object[token] = path.count == 1 ? nil : removing(path.dropFirst(), from: child)
            return .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return base }
            elements[index] = removing(path.dropFirst(), from: elements[index])
            return .array(elements)
        default:
            return base
        }
    }
}
