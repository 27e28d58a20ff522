import AdmissionCore
import Foundation
import Testing

/// `harbormaster doctor` through the built binary, over the chart-like fixtures in `Fixtures/doctor`: the clean
/// set passes, and each diagnosis is triggered by a minimal edit.
@Suite struct DoctorTests {
    typealias Edit = DoctorScenario.Edit

    @Test func cleanFixturesHaveNoFindings() throws {
        let outcome = try DoctorScenario().run()
        #expect(outcome.status == 0, "\(outcome.summary)")
        #expect(outcome.findings.isEmpty, "\(outcome.summary)")
        #expect(outcome.report?["summary"] == ["configurations": 2, "webhooks": 2, "danger": 0, "warning": 0])
    }

    @Test func cleanFixturesAsTextEndWithTheVerdict() throws {
        var scenario = DoctorScenario()
        scenario.format = "text"
        let outcome = try scenario.run()
        #expect(outcome.status == 0)
        #expect(outcome.result.stdout == "2 webhooks in 2 configurations, 0 danger, 0 warning: nothing that could lock out or break the cluster\n")
    }

    /// One edit, the diagnosis it must raise, at which severity, and the exit code.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let edits: [Edit]
        let id: String
        let severity: String
        let status: Int32
        var testDescription: String { name }
    }

    static let fail = DoctorScenario.fail

    static let cases: [Case] = [
        Case(name: "Fail with one replica", edits: [fail, Edit("replicas: 2", "replicas: 1")],
             id: "failClosedWithoutReplicas", severity: "danger", status: 1),
        Case(name: "Fail with replicas unset", edits: [fail, Edit("  replicas: 2\n", "")],
             id: "failClosedWithoutReplicas", severity: "danger", status: 1),
        Case(name: "Fail without a PDB", edits: [fail, Edit("kind: PodDisruptionBudget", "kind: ConfigMap")],
             id: "failClosedWithoutDisruptionBudget", severity: "danger", status: 1),
        Case(name: "Fail with a PDB that lets every pod go", edits: [fail, Edit("maxUnavailable: 1", "maxUnavailable: 100%")],
             id: "failClosedWithoutDisruptionBudget", severity: "danger", status: 1),
        Case(name: "Fail with a PDB of minAvailable 0", edits: [fail, Edit("maxUnavailable: 1", "minAvailable: 0")],
             id: "failClosedWithoutDisruptionBudget", severity: "danger", status: 1),
        Case(name: "Service not in the input",
             edits: [Edit("name: harbormaster\n        namespace: harbormaster\n        path: /validate", "name: elsewhere\n        namespace: harbormaster\n        path: /validate")],
             id: "webhookServiceNotFound", severity: "warning", status: 0),
        Case(name: "Service selecting no workload", edits: [fail, Edit("    app.kubernetes.io/component: webhook\n  ports:", "    app.kubernetes.io/component: api\n  ports:")],
             id: "webhookWorkloadNotFound", severity: "warning", status: 0),
        Case(name: "port not on the Service", edits: [Edit("port: 443\n      caBundle", "port: 8443\n      caBundle")],
             id: "servicePortMismatch", severity: "danger", status: 1),
        Case(name: "kube-system included, Ignore", edits: [Edit("\"kube-system\",", "")],
             id: "systemNamespacesNotExcluded", severity: "warning", status: 0),
        Case(name: "kube-node-lease included, Fail", edits: [fail, Edit("\"kube-node-lease\",", "")],
             id: "systemNamespacesNotExcluded", severity: "danger", status: 1),
        Case(name: "no namespaceSelector, Fail", edits: [fail, Edit("    namespaceSelector:\n      matchExpressions:\n        - key: kubernetes.io/metadata.name\n          operator: NotIn\n          values: [\"kube-system\",\"kube-node-lease\",\"harbormaster\"]\n        - key: harbormaster.dev/webhook\n          operator: NotIn\n          values: [disabled]\n", "")],
             id: "systemNamespacesNotExcluded", severity: "danger", status: 1),
        Case(name: "own namespace included, Ignore", edits: [Edit(",\"harbormaster\"]", "]")],
             id: "ownNamespaceNotExcluded", severity: "warning", status: 0),
        Case(name: "own namespace included, Fail", edits: [fail, Edit(",\"harbormaster\"]", "]")],
             id: "ownNamespaceNotExcluded", severity: "danger", status: 1),
        Case(name: "failurePolicy unset is Fail in v1", edits: [Edit("    failurePolicy: Ignore\n", ""), Edit(",\"harbormaster\"]", "]")],
             id: "ownNamespaceNotExcluded", severity: "danger", status: 1),
        Case(name: "namespaces matched with Fail", edits: [fail],
             id: "failClosedOnNamespaces", severity: "warning", status: 0),
        Case(name: "http URL", edits: [Edit("service:\n        name: harbormaster\n        namespace: harbormaster\n        path: /validate\n        port: 443", "url: http://harbormaster.example.com/validate")],
             id: "clientConfigInvalid", severity: "danger", status: 1),
        Case(name: "timeout 15", edits: [Edit("timeoutSeconds: 5", "timeoutSeconds: 15")],
             id: "timeoutTooLong", severity: "warning", status: 0),
        Case(name: "timeout 31", edits: [Edit("timeoutSeconds: 5", "timeoutSeconds: 31")],
             id: "timeoutOutOfRange", severity: "danger", status: 1),
        Case(name: "sideEffects Some", edits: [Edit("sideEffects: None", "sideEffects: Some")],
             id: "sideEffectsUnsafe", severity: "danger", status: 1),
        Case(name: "sideEffects unset in v1", edits: [Edit("    sideEffects: None\n", "")],
             id: "sideEffectsUnsafe", severity: "danger", status: 1),
        Case(name: "only v1beta1 reviews", edits: [Edit("admissionReviewVersions: [v1, v1beta1]", "admissionReviewVersions: [v1beta1]")],
             id: "admissionReviewV1Missing", severity: "warning", status: 0),
        Case(name: "no review version the API server sends", edits: [Edit("admissionReviewVersions: [v1, v1beta1]", "admissionReviewVersions: [v2]")],
             id: "admissionReviewV1Missing", severity: "danger", status: 1),
        Case(name: "caBundle missing", edits: [Edit("      caBundle: ${CA_BUNDLE}\n", "")],
             id: "caBundleMissing", severity: "danger", status: 1),
        Case(name: "caBundle not base64", edits: [Edit("caBundle: ${CA_BUNDLE}", "caBundle: \"not base64!\"")],
             id: "caBundleInvalid", severity: "danger", status: 1),
        Case(name: "caBundle not PEM", edits: [Edit("caBundle: ${CA_BUNDLE}", "caBundle: bm90IGEgY2VydGlmaWNhdGU=")],
             id: "caBundleInvalid", severity: "danger", status: 1),
        Case(name: "caBundle left to cert-manager",
             edits: [Edit("      caBundle: ${CA_BUNDLE}\n", ""),
                     Edit("  name: harbormaster\nwebhooks:", "  name: harbormaster\n  annotations:\n    cert-manager.io/inject-ca-from: harbormaster/harbormaster-serving\nwebhooks:")],
             id: "caBundleNotChecked", severity: "warning", status: 0),
    ]

    @Test(arguments: cases)
    func eachDiagnosisFromAMinimalEdit(_ test: Case) throws {
        let outcome = try DoctorScenario(test.edits).run()
        let found = outcome.findings(test.id)
        #expect(!found.isEmpty, "\(outcome.summary)")
        #expect(found.allSatisfy { $0.severity == test.severity }, "\(outcome.summary)")
        #expect(outcome.status == test.status, "\(outcome.summary)")
    }

    @Test func ignoreNeedsNeitherReplicasNorBudget() throws {
        let outcome = try DoctorScenario([Edit("replicas: 2", "replicas: 1"), Edit("kind: PodDisruptionBudget", "kind: ConfigMap")]).run()
        #expect(outcome.status == 0, "\(outcome.summary)")
        #expect(outcome.findings.isEmpty, "\(outcome.summary)")
    }

    @Test func failWithTwoReplicasAndABudgetOnlyWarnsAboutNamespaces() throws {
        let outcome = try DoctorScenario([DoctorScenario.fail]).run()
        #expect(outcome.status == 0)
        #expect(outcome.ids == ["failClosedOnNamespaces"], "\(outcome.summary)")
        // Only the validating webhook matches namespaces.
        #expect(outcome.findings.map(\.webhook) == ["validate.harbormaster.dev"])
    }

    @Test func anAutoscalerDecidesTheReplicas() throws {
        func hpa(_ minimum: Int) -> String {
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: harbormaster, namespace: harbormaster}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: harbormaster}
              minReplicas: \(minimum)
              maxReplicas: 5
            """
        }
        var scenario = DoctorScenario([DoctorScenario.fail, Edit("  replicas: 2\n", "")])
        scenario.extra = hpa(2)
        #expect(!(try scenario.run().ids.contains("failClosedWithoutReplicas")))
        // replicas: 3 does not count when the HPA may scale down to 1.
        scenario = DoctorScenario([DoctorScenario.fail, Edit("replicas: 2", "replicas: 3")])
        scenario.extra = hpa(1)
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.findings("failClosedWithoutReplicas").first?.message.contains("HorizontalPodAutoscaler harbormaster minReplicas 1") == true, "\(outcome.summary)")
    }

    @Test func aNamespaceLabelCountsAsExclusion() throws {
        var scenario = DoctorScenario([DoctorScenario.fail, Edit("\"kube-system\",", "")])
        scenario.extra = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n  labels: {harbormaster.dev/webhook: disabled}\n"
        let outcome = try scenario.run()
        #expect(!outcome.ids.contains("systemNamespacesNotExcluded"), "\(outcome.summary)")
    }

    @Test func anObjectSelectorLeavingOutItsOwnPodsCountsAsExclusion() throws {
        let outcome = try DoctorScenario([
            DoctorScenario.fail, Edit(",\"harbormaster\"]", "]"),
            Edit("    rules:\n", "    objectSelector:\n      matchExpressions:\n        - {key: app.kubernetes.io/part-of, operator: NotIn, values: [harbormaster]}\n    rules:\n"),
        ]).run()
        #expect(!outcome.ids.contains("ownNamespaceNotExcluded"), "\(outcome.summary)")
    }

    @Test func theNamespaceOptionPlacesObjectsWithoutOne() throws {
        let edits = [
            Edit("metadata:\n  name: harbormaster\n  namespace: harbormaster\n", "metadata:\n  name: harbormaster\n"),
            Edit("name: harbormaster-tls\n  namespace: harbormaster\n", "name: harbormaster-tls\n"),
        ]
        let placed = try DoctorScenario(edits, arguments: ["--namespace", "harbormaster"]).run()
        #expect(placed.findings.isEmpty, "\(placed.summary)")
        let elsewhere = try DoctorScenario(edits).run()
        #expect(elsewhere.ids == ["webhookServiceNotFound"], "\(elsewhere.summary)")
        #expect(elsewhere.findings.first?.message.contains("Service harbormaster/harbormaster is not in the input") == true)
    }

    @Test func v1beta1DefaultsAreJudged() throws {
        let outcome = try DoctorScenario([
            Edit("admissionregistration.k8s.io/v1\n", "admissionregistration.k8s.io/v1beta1\n"),
            Edit("    failurePolicy: Ignore\n", ""), Edit("    timeoutSeconds: 5\n", ""), Edit("    sideEffects: None\n", ""),
            Edit("    admissionReviewVersions: [v1, v1beta1]\n", ""), Edit("replicas: 2", "replicas: 1"),
        ]).run()
        // Ignore by default in v1beta1: one replica is no lockout; 30 s, Unknown and [v1beta1] are the defaults.
        #expect(outcome.ids == ["timeoutTooLong", "sideEffectsUnsafe", "admissionReviewV1Missing"], "\(outcome.summary)")
        #expect(outcome.findings("timeoutTooLong").first?.message.contains("unset (30 in admissionregistration.k8s.io/v1beta1)") == true)
        #expect(outcome.status == 1)
    }

    @Test func urlWebhooksGetOnlyTheChecksThatApply() throws {
        let url = Edit("service:\n        name: harbormaster\n        namespace: harbormaster\n        path: /validate\n        port: 443",
                       "url: https://10.0.0.5/validate")
        var scenario = DoctorScenario([DoctorScenario.fail, url])
        scenario.arguments = ["--certificate", try DoctorPKI.get().path("ip.crt")]
        let outcome = try scenario.run()
        // No Service, replicas or own namespace to judge; the IP SAN names the URL's host.
        let validating = outcome.findings.filter { $0.webhook == "validate.harbormaster.dev" }
        #expect(validating.map(\.id) == ["failClosedOnNamespaces"], "\(outcome.summary)")
        scenario.arguments = ["--certificate", try DoctorPKI.get().path("good.crt")]
        let mismatch = try scenario.run().findings("servingCertificateNameMismatch")
        #expect(mismatch.map(\.webhook) == ["validate.harbormaster.dev"])
        #expect(mismatch.first?.message.contains("not 10.0.0.5") == true)
    }

    @Test func inputWithoutWebhooksIsAWarning() throws {
        let result = try TestSupport.run(["doctor", "--format", "json", TestSupport.fixtures.appendingPathComponent("doctor/workload.yaml").path])
        let outcome = DoctorOutcome(result)
        #expect(outcome.status == 0)
        #expect(outcome.ids == ["noWebhookConfiguration"])
    }

    // MARK: Output

    @Test func jsonFindingsCarryTheirWebhookAndFix() throws {
        let outcome = try DoctorScenario([DoctorScenario.fail, Edit("replicas: 2", "replicas: 1")]).run()
        let findings = try #require(outcome.report?["findings"]?.arrayValue)
        let finding = try #require(findings.first { $0["id"] == "failClosedWithoutReplicas" && $0["kind"] == "ValidatingWebhookConfiguration" })
        #expect(finding.objectValue?.keys == ["id", "severity", "kind", "name", "webhook", "message", "remediation", "file", "line"])
        #expect(finding["name"] == "harbormaster")
        #expect(finding["webhook"] == "validate.harbormaster.dev")
        #expect(finding["message"]?.stringValue?.hasPrefix("ValidatingWebhookConfiguration harbormaster, webhook validate.harbormaster.dev: failurePolicy Fail, but Deployment harbormaster/harbormaster (replicas 1) runs a single pod") == true)
        #expect(finding["remediation"]?.stringValue?.contains("at least 2 replicas") == true)
        #expect(finding["file"]?.stringValue?.hasSuffix("/webhooks.yaml") == true)
        #expect((finding["line"]?.intValue ?? 0) > 0)
        #expect(outcome.report?["summary"]?["danger"] == 2)
    }

    @Test func textFindingsAreGroupedByConfiguration() throws {
        var scenario = DoctorScenario([Edit("timeoutSeconds: 5", "timeoutSeconds: 15")])
        scenario.format = "text"
        let lines = try scenario.run().result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(lines)")
        #expect(lines[0].hasSuffix("webhooks.yaml:4: ValidatingWebhookConfiguration harbormaster"), "\(lines)")
        #expect(lines[1].hasPrefix("  warning timeoutTooLong (webhook validate.harbormaster.dev): timeoutSeconds 15: "))
        #expect(lines[2].hasPrefix("          fix: Set timeoutSeconds to 10 or less"))
        #expect(lines[3].hasSuffix(": MutatingWebhookConfiguration harbormaster"))
        #expect(lines[6] == "2 webhooks in 2 configurations, 0 danger, 2 warning: nothing that could lock out or break the cluster")
    }

    // MARK: Input

    @Test func aListOnStandardInputReadsLikeTheFiles() throws {
        let directory = try DoctorScenario([Edit("timeoutSeconds: 5", "timeoutSeconds: 15")]).write()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Every document of both files as an item of one `kind: List`.
        var list = "apiVersion: v1\nkind: List\nitems:\n"
        for name in ["workload.yaml", "webhooks.yaml"] {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for document in text.components(separatedBy: "\n---\n") {
                let lines = document.split(separator: "\n").filter { !$0.hasPrefix("#") }
                list += lines.enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }.joined(separator: "\n") + "\n"
            }
        }
        let result = try TestSupport.run(["doctor", "--format", "json", "--now", try DoctorPKI.get().day(1), "-"], input: list)
        let outcome = DoctorOutcome(result)
        #expect(outcome.status == 0, "\(result.stderr)")
        #expect(outcome.findings.map(\.id) == ["timeoutTooLong", "timeoutTooLong"], "\(outcome.summary)")
        #expect(outcome.report?["summary"]?["webhooks"] == 2)
    }

    @Test func missingInputExitsTwo() throws {
        let result = try TestSupport.run(["doctor", "no/such/manifests.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "harbormaster: no/such/manifests.yaml: no such file or directory\n")
    }

    @Test func brokenYAMLExitsTwoNamingLineAndColumn() throws {
        let file = try TestSupport.temporaryFile("apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TestSupport.run(["doctor", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("\(file.path):5:"), "\(result.stderr)")
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try TestSupport.run(["doctor"]).status == 2)
        #expect(try TestSupport.run(["doctor", "--now", "tomorrow", "-"]).status == 2)
        #expect(try TestSupport.run(["doctor", "--format", "yaml", "-"]).status == 2)
    }
}
