import AdmissionCore
import Foundation
import Testing

/// The `harbormaster` executable end to end: exit codes, stdout and stderr as the contract states them.
@Suite struct CLITests {
    @Test func reviewAllowsGoodAndExitsZero() throws {
        let result = try TestSupport.run(["review", "samples/reviews/deployment-good.json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":true,"auditAnnotations":{"verdict":"allowed","policy":""#))
        // The built-in policy's revision: 12 hex digits of a hash of the embedded policy file.
        let revision = try JSON(parsing: result.stdout)["response"]?["auditAnnotations"]?["policy"]?.stringValue ?? ""
        #expect(revision.count == 12 && revision.allSatisfy(\.isHexDigit))
        #expect(result.stdout.hasSuffix("\"}}}\n"))
    }

    @Test func reviewDeniesBadAndExitsOne() throws {
        let result = try TestSupport.run(["review", "samples/reviews/deployment-bad.json"])
        #expect(result.status == 1)
        let response = try JSON(parsing: result.stdout)["response"]
        #expect(response?["allowed"] == false)
        #expect(response?["status"]?["code"] == 403)
        let message = try #require(response?["status"]?["message"]?.stringValue)
        for id in ["tagNotSpecified", "runAsPrivileged", "hostNetworkSet"] { #expect(message.contains(id)) }
    }

    @Test func reviewAnswersEveryInputOnItsOwnLine() throws {
        let result = try TestSupport.run([
            "review", "samples/reviews/deployment-good.json", "samples/reviews/pod-delete.json",
            "samples/reviews/deployment-bad-v1beta1.json",
        ])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(try JSON(parsing: lines[2])["apiVersion"] == "admission.k8s.io/v1beta1")
    }

    @Test func reviewReadsYAMLMultiDocumentFromStandardInput() throws {
        let yaml = """
            apiVersion: admission.k8s.io/v1
            kind: AdmissionReview
            request: {uid: "one", operation: DELETE, object: null}
            ---
            apiVersion: admission.k8s.io/v1
            kind: AdmissionReview
            request:
              uid: two
              operation: CREATE
              namespace: shop
              object: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {hostPID: yes, containers: []}}
            """
        let result = try TestSupport.run(["review", "-"], input: yaml)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map { try? JSON(parsing: String($0)) }
        #expect(lines.count == 2)
        #expect(lines.first??["response"]?["uid"] == "one")
        #expect(lines.last??["response"]?["allowed"] == false)
    }

    @Test(arguments: [
        ("not json at all {", "not-json.json", "not valid JSON"),
        (#"{"apiVersion": "v1", "kind": "Pod"}"#, "pod.json", "unsupported apiVersion"),
        (#"{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}"#, "no-request.json", "no request"),
        (#"{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"operation": "CREATE"}}"#, "no-uid.json", "uid"),
        (#"{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u", "object": "a string"}}"#, "string-object.json", "request.object must be a JSON object"),
    ])
    func malformedReviewExitsTwoWithOneLineNamingTheFile(text: String, name: String, expected: String) throws {
        let file = try TestSupport.temporaryFile(text, suffix: "-" + name)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["review", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(file.path))
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func invalidJSONReportsLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("{\n  \"a\": 1,\n  \"b\": tru\n}\n", suffix: ".json")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["review", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):3:8:"), "\(result.stderr)")
    }

    @Test func invalidYAMLReportsLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["audit", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):5:"), "\(result.stderr)")
    }

    @Test func missingFileExitsTwo() throws {
        let result = try TestSupport.run(["audit", "no/such/file.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "harbormaster: no/such/file.yaml: no such file or directory\n")
    }

    @Test func unknownCheckAndUnknownFormatAreUsageErrors() throws {
        #expect(try TestSupport.run(["audit", "--check", "noSuchCheck", "samples/manifests"]).status == 2)
        #expect(try TestSupport.run(["audit", "--format", "xml", "samples/manifests"]).status == 2)
        #expect(try TestSupport.run(["review"]).status == 2)
    }

    @Test func auditDirectoryFindsEveryObjectAndExitsOne() throws {
        let result = try TestSupport.run(["audit", "--format", "json", "samples/manifests"])
        #expect(result.status == 1)
        let report = try JSON(parsing: result.stdout)
        #expect(report["summary"]?["objects"] == 7)
        #expect(report["summary"]?["danger"] == 5)
        let findings = try #require(report["findings"]?.arrayValue)
        let tag = try #require(findings.first { $0["check"] == "tagNotSpecified" })
        #expect(tag["kind"] == "Deployment")
        #expect(tag["namespace"] == "default")
        #expect(tag["name"] == "legacy-api")
        #expect(tag["container"] == "api")
        #expect(tag["path"] == "/spec/template/spec/containers/0/image")
        let cpu = try #require(findings.first { $0["check"] == "cpuRequestsMissing" })
        #expect(cpu["fix"] == [["op": "add", "path": "/spec/template/spec/containers/0/resources",
                                "value": ["requests": ["cpu": "100m", "memory": "128Mi"]]]])
    }

    @Test func auditNamespaceOptionPlacesObjectsWithoutOne() throws {
        let result = try TestSupport.run(["audit", "--namespace", "shop", "--check", "defaultNamespaceUsed", "samples/manifests/bad-deployment.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 danger"))
    }

    @Test func checkOptionRunsOnlyThatCheckAtDanger() throws {
        let result = try TestSupport.run(["audit", "--format", "json", "--check", "livenessProbeMissing", "samples/manifests"])
        #expect(result.status == 1)
        let findings = try #require(try JSON(parsing: result.stdout)["findings"]?.arrayValue)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["check"] == "livenessProbeMissing" && $0["severity"] == "danger" })
    }

    @Test func auditOfCleanManifestsExitsZero() throws {
        let result = try TestSupport.run(["audit", "samples/manifests/good-deployment.yaml", "samples/manifests/batch.yaml"])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func policyFileErrorsExitTwoWithLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("checks:\n  hostNetworkSet: fatal\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["audit", "--config", file.path, "samples/manifests"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):2:19: severity for 'hostNetworkSet' must be ignore, warning or danger; got 'fatal'"), "\(result.stderr)")
    }

    @Test func warnModeNeverDenies() throws {
        let file = try TestSupport.temporaryFile("mode: warn\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["review", "--config", file.path, "samples/reviews/deployment-bad.json"])
        #expect(result.status == 0)
        let response = try JSON(parsing: result.stdout)["response"]
        #expect(response?["allowed"] == true)
        #expect((response?["warnings"]?.arrayValue?.count ?? 0) >= 3)
    }

    @Test func checksMarkdownIsTheCommittedDocs() throws {
        let result = try TestSupport.run(["checks", "--format", "markdown"])
        #expect(result.status == 0)
        let committed = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(result.stdout == committed, "regenerate with: harbormaster checks --format markdown > docs/checks.md")
    }

    @Test func checksJSONListsEveryCheckAndMutator() throws {
        let result = try TestSupport.run(["checks", "--format", "json"])
        let catalogue = try JSON(parsing: result.stdout)
        #expect(catalogue["checks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == BuiltinChecks.all.map(\.id))
        #expect(catalogue["mutators"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == BuiltinMutators.all.map(\.id))
    }
}

/// `audit`'s exit code follows the mode of each object's namespace, overrides included.
@Suite struct AuditNamespaceModeTests {
    @Test func dangerInAWarnNamespaceDoesNotFailTheAudit() throws {
        let policy = try TestSupport.temporaryFile("namespaces:\n  - match: [\"default\"]\n    mode: warn\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: policy) }
        let relaxed = try TestSupport.run(["audit", "--config", policy.path, "samples/manifests/bad-deployment.yaml"])
        #expect(relaxed.status == 0, "\(relaxed.stdout)\(relaxed.stderr)")
        let strict = try TestSupport.run(["audit", "--config", policy.path, "--namespace", "shop", "samples/manifests/bad-deployment.yaml"])
        #expect(strict.status == 1)
    }
}
