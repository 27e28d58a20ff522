import Foundation
import Testing

@testable import AdmissionCore

/// A denial's cause names the change that fixes each finding: the JSONPatch a mutator would apply, or, where no
/// built-in mutator fixes the check, the check's short YAML snippet. That the snippets parse as YAML, and that they
/// fix their checks, is proven in PolicyConfigTests (`CheckSnippetYAMLTests`), which has the YAML loader.
@Suite struct CheckSnippetTests {
    static let withoutMutator = BuiltinChecks.all.filter { $0.fixedBy == nil }.map(\.id)
    static let withMutator = BuiltinChecks.all.filter { $0.fixedBy != nil }.map(\.id)
    static let withSnippet = BuiltinChecks.all.filter { $0.snippet != nil }.map(\.id)

    @Test(arguments: withoutMutator)
    func everyCheckNoMutatorFixesHasASnippet(id: String) throws {
        let check = try #require(BuiltinChecks.named(id))
        #expect(check.snippet != nil, "\(id) has no mutator, so it needs a snippet")
    }

    @Test(arguments: withMutator)
    func checksAMutatorFixesHaveNoSnippet(id: String) throws {
        // The mutator's patch says it better, and it is what the denial shows.
        let check = try #require(BuiltinChecks.named(id))
        #expect(check.snippet == nil, "\(id) is fixed by \(check.fixedBy ?? "?"): its patch is the fix, not a snippet")
    }

    @Test(arguments: withSnippet)
    func snippetIsOneShortLineOfFlowYAML(id: String) throws {
        let snippet = try #require(BuiltinChecks.named(id)?.snippet)
        #expect(!snippet.isEmpty)
        #expect(snippet.count <= 100, "\(id)'s snippet is \(snippet.count) characters")
        #expect(!snippet.contains { $0.isNewline } && !snippet.contains("\t"), "\(id)'s snippet is not one line")
        #expect(snippet.trimmingCharacters(in: .whitespaces) == snippet)
        // A comment would swallow the closing brace when the snippet is read as `{<snippet>}`.
        #expect(!snippet.contains(" #"), "\(id)'s snippet holds a comment")
        // Flow brackets balance (the YAML parse itself is in PolicyConfigTests).
        var depth = 0
        for character in snippet where character == "{" || character == "[" || character == "}" || character == "]" {
            depth += character == "{" || character == "[" ? 1 : -1
            #expect(depth >= 0, "\(id)'s snippet closes a bracket it never opened")
        }
        #expect(depth == 0, "\(id)'s snippet leaves a bracket open")
        // Mapping content, key first: `field: value`, never a bare scalar or list.
        let isMapping = snippet.first?.isLetter == true && snippet.contains(": ")
        #expect(isMapping, "\(id)'s snippet is not a key: value mapping")
    }

    /// For checks judged per container or pod spec, the snippet is written at that level and names every field of
    /// the path the finding points at (`securityContext: {privileged: false}` for `securityContext/privileged`).
    @Test(arguments: withSnippet)
    func containerAndPodSpecSnippetsNameTheFindingsField(id: String) throws {
        let check = try #require(BuiltinChecks.named(id))
        let snippet = try #require(check.snippet)
        let field: String?
        switch check.rule {
        case .container(_, _, let containerField, _): field = containerField
        case .podSpec(let podField, _): field = podField
        case .object, .crossResource: return
        }
        let components = try #require(field, "\(id) has no field for its path").split(separator: "/")
        #expect(snippet.hasPrefix("\(components[0]): "), "\(id)'s snippet should start at \(components[0])")
        for component in components {
            #expect(snippet.contains("\(component): "), "\(id)'s snippet does not set \(component)")
        }
    }

    @Test func denialCauseEndsWithTheSnippet() throws {
        let evaluator = Evaluator(policy: Policy().restricted(to: ["hostNetworkSet"]))
        let review = try respond(evaluator, to: Fixtures.bytes("checks/hostNetworkSet/fail.hostNetwork-true.json"))
        let message = try #require(review["response"]?["status"]?["message"]?.string)
        #expect(message.hasSuffix(
            "Fix: Remove spec.hostNetwork or set it to false: the pod sees and binds the node's network interfaces. "
                + "e.g. hostNetwork: false"))
    }

    @Test func aMutatorsPatchWinsOverAnySnippet() throws {
        // cpuRequestsMissing is fixed by defaultResourceRequests: its cause is the patch, with no "e.g.".
        let pod = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let evaluator = Evaluator(policy: Policy().restricted(to: ["cpuRequestsMissing"]))
        let review = try respond(evaluator, to: reviewBytes(object: pod))
        let message = try #require(review["response"]?["status"]?["message"]?.string)
        #expect(message.contains("Fix: add spec.containers[0].resources.requests"))
        #expect(!message.contains(" e.g. "))
    }
}
