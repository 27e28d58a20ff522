import AdmissionCore
import Foundation
import PolicyConfig
import Testing

/// `harbormaster fix` end to end through the built executable.
@Suite struct FixCommandTests {
    @Test func deploymentMissingRequestsGetsThem() throws {
        let result = try TestSupport.run(["fix", "samples/manifests/bad-deployment.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = try documents(result.stdout)
        #expect(fixed.count == 1)
        let container = fixed.first?["spec"]?["template"]?["spec"]?["containers"]?[0]
        #expect(container?["resources"]?["requests"] == ["cpu": "100m", "memory": "128Mi"])
    }

    @Test func fixOfFixOutputIsTheSameBytes() throws {
        let first = try TestSupport.run(["fix", "samples/manifests"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try TestSupport.run(["fix", "-"], input: first.stdout)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout)
    }

    @Test func commentsAreDroppedAndContentKept() throws {
        let result = try TestSupport.run(["fix", "samples/manifests/bad-deployment.yaml"])
        #expect(!result.stdout.contains("#"))
        let original = try documents(String(contentsOf: TestSupport.samples.appendingPathComponent("manifests/bad-deployment.yaml"), encoding: .utf8))
        let fixed = try documents(result.stdout)
        #expect(fixed.count == 1)
        #expect(contains(fixed[0], original[0]), "\(result.stdout)")
        // `yes` was a YAML 1.1 boolean: it stays one, now spelled the JSON way.
        #expect(fixed[0]["spec"]?["template"]?["spec"]?["hostNetwork"] == true)
        #expect(result.stdout.contains("hostNetwork: true\n"))
    }

    @Test func listStaysOneListWithEachItemFixed() throws {
        let list = """
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: apps/v1, kind: Deployment, metadata: {name: one}, spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: two}, data: {k: v}}
              - {apiVersion: apps/v1, kind: Deployment, metadata: {name: three}, spec: {template: {spec: {containers: [{name: b, image: "b:1"}]}}}}
            """
        let result = try TestSupport.run(["fix", "-"], input: list)
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = try documents(result.stdout)
        #expect(fixed.count == 1)
        #expect(fixed[0]["kind"] == "List")
        let items = try #require(fixed[0]["items"]?.arrayValue)
        #expect(items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["one", "two", "three"])
        for index in [0, 2] {
            #expect(items[index]["spec"]?["template"]?["spec"]?["containers"]?[0]?["resources"]?["requests"]?["cpu"] == "100m")
        }
        #expect(items[1] == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "two"], "data": ["k": "v"]])
    }

    @Test func standardInputAndJSONInput() throws {
        let json = #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "c:1"}]}}"#
        let result = try TestSupport.run(["fix", "-"], input: json)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("apiVersion: v1\nkind: Pod\n"))
        #expect(try documents(result.stdout).first?["spec"]?["containers"]?[0]?["resources"]?["requests"]?["memory"] == "128Mi")
    }

    @Test func configMapComesBackUnchanged() throws {
        let configMap = """
            # settings
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings   # trailing comment
              labels: {tier: "1", enabled: "yes"}
            data:
              port: "8080"
              mode: '0755'
              empty: ""
              greeting: "  hi: there # not a comment"
              script: |
                #!/bin/sh
                echo "ok"
              folded: >-
                one
                two
            """
        let result = try TestSupport.run(["fix", "-"], input: configMap)
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = try documents(result.stdout)
        let original = try documents(configMap)
        #expect(fixed.count == 1)
        #expect(exactlyEqual(fixed[0], original[0]), "\(result.stdout)")
    }

    @Test func documentsKeepInputOrderSeparatedByMarkers() throws {
        let result = try TestSupport.run(["fix", "samples/manifests"])
        #expect(result.status == 0)
        let fixed = try documents(result.stdout)
        // Files in sorted order: bad-deployment, batch (one List), good-deployment (four documents).
        #expect(fixed.map { $0["kind"]?.stringValue ?? "" } == ["Deployment", "List", "Deployment", "PodDisruptionBudget", "NetworkPolicy", "Service"])
        #expect(result.stdout.components(separatedBy: "\n---\n").count == 6)
    }

    @Test func objectsWithoutANamespaceAreInTheNamespaceOption() throws {
        // kube-system is exempt in the built-in policy: nothing there is mutated.
        let exempt = try TestSupport.run(["fix", "--namespace", "kube-system", "samples/manifests/bad-deployment.yaml"])
        #expect(exempt.status == 0)
        let original = try documents(String(contentsOf: TestSupport.samples.appendingPathComponent("manifests/bad-deployment.yaml"), encoding: .utf8))
        #expect(try documents(exempt.stdout) == original)
    }

    @Test func checkOptionRestrictsToThatChecksMutator() throws {
        let result = try TestSupport.run(["fix", "--check", "cpuRequestsMissing", "samples/manifests/bad-deployment.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let original = try documents(String(contentsOf: TestSupport.samples.appendingPathComponent("manifests/bad-deployment.yaml"), encoding: .utf8))[0]
        let fixed = try documents(result.stdout)[0]
        // Only the requests are new in the spec, and no other mutator touched the labels.
        let path = try #require(JSONPointer(parsing: "/spec/template/spec/containers/0/resources"))
        let expected = try original.applying([.add(path, ["requests": ["cpu": "100m", "memory": "128Mi"]])])
        #expect(fixed["spec"] == expected["spec"])
        #expect(fixed["metadata"]?["labels"] == original["metadata"]?["labels"])
        #expect(fixed["metadata"]?["name"] == original["metadata"]?["name"])
    }

    @Test func checkOptionAcceptsMutatorIDs() throws {
        let result = try TestSupport.run(["fix", "--check", "defaultResourceRequests", "samples/manifests/bad-deployment.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let container = try documents(result.stdout).first?["spec"]?["template"]?["spec"]?["containers"]?[0]
        #expect(container?["resources"]?["requests"] == ["cpu": "100m", "memory": "128Mi"])
    }

    @Test func checkOptionRunsAMutatorThePolicyLeavesOff() throws {
        // defaultReplicas is off in the built-in policy; naming its check asks for it, as `audit --check` does.
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: \"a:1\"}]\n"
        let plain = try TestSupport.run(["fix", "-"], input: deployment)
        #expect(try documents(plain.stdout).first?["spec"]?["replicas"] == nil)
        let asked = try TestSupport.run(["fix", "--check", "deploymentMissingReplicas", "-"], input: deployment)
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try documents(asked.stdout).first?["spec"]?["replicas"] != nil)
    }

    @Test func unknownCheckIsAUsageError() throws {
        let result = try TestSupport.run(["fix", "--check", "noSuchCheck", "samples/manifests"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("noSuchCheck"))
        #expect(try TestSupport.run(["fix"]).status == 2)
    }

    @Test func brokenYAMLExitsTwoNamingFileLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["fix", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.range(of: #"\#(file.path):5:\d+: "#, options: .regularExpression) != nil, "\(result.stderr)")
    }

    @Test func brokenJSONExitsTwoNamingFileLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("{\n  \"kind\": \"Pod\",\n  \"x\": tru\n}\n", suffix: ".json")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["fix", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):3:8:"), "\(result.stderr)")
    }

    // MARK: Helpers

    /// Every document of a YAML stream, through the project's own loader (as kubectl would read the output).
    private func documents(_ yaml: String) throws -> [JSON] {
        try YAMLLoader.load(yaml, file: "output.yaml").compactMap { $0.root == nil ? nil : try $0.json() }
    }

    /// True when everything in `part` is also in `whole`: objects may gain members, arrays keep their length.
    private func contains(_ whole: JSON, _ part: JSON) -> Bool {
        switch (whole, part) {
        case let (.object(big), .object(small)):
            return small.members.allSatisfy { member in big[member.key].map { contains($0, member.value) } ?? false }
        case let (.array(big), .array(small)):
            return big.count == small.count && zip(big, small).allSatisfy(contains)
        default:
            return whole == part
        }
    }
}
