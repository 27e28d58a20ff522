import Testing

@testable import AdmissionCore

/// Tables, parsers and parameters of the practice checks (the fixtures cover their defaults).
@Suite struct PracticesTests {
    @Test func deprecatedAPITableHasOneEntryPerKindAndRemovalsFollowDeprecations() {
        let keys = DeprecatedAPI.all.map { "\($0.apiVersion) \($0.kind)" }
        #expect(Set(keys).count == keys.count)
        for api in DeprecatedAPI.all {
            #expect(api.removedIn.map { $0 > api.deprecatedIn } ?? true, "\(api.apiVersion) \(api.kind)")
            #expect(api.apiVersion.contains("/"), "core v1 is never deprecated: \(api.apiVersion)")
        }
    }

    @Test(arguments: [
        ("1.32", 32), ("v1.29", 29), ("1.30.4", 30), ("2.0", nil), ("1.x", nil), ("", nil),
    ] as [(String, Int?)])
    func targetVersionParses(text: String, minor: Int?) {
        #expect(DeprecatedAPI.minorVersion(text) == minor)
    }

    @Test func deprecatedAPIMessagesNameTheReplacement() throws {
        let deployment = try #require(DeprecatedAPI.entry(apiVersion: "apps/v1beta2", kind: "Deployment"))
        #expect(deployment.problem(atMinor: 32) == "apps/v1beta2 Deployment was removed in 1.16; use apps/v1")
        #expect(
            deployment.problem(atMinor: 12)
                == "apps/v1beta2 Deployment is deprecated since 1.9 and is removed in 1.16; use apps/v1")
        #expect(deployment.problem(atMinor: 8) == nil)
        #expect(DeprecatedAPI.entry(apiVersion: "apps/v1", kind: "Deployment") == nil)
    }

    @Test(arguments: [("1.20", 0), ("1.21", 1), ("1.25", 1), ("garbage", 0)])
    func deprecatedApiVersionHonoursTargetVersion(target: String, findings: Int) throws {
        let cronJob = try kubernetesObject("""
            {"apiVersion":"batch/v1beta1","kind":"CronJob","metadata":{"name":"report","namespace":"shop"},
             "spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[]}}}}}}
            """)
        let judgement = Self.judge(cronJob, "deprecatedApiVersion", ["targetVersion": .string(target)])
        #expect(judgement.findings.count == findings)
        #expect(judgement.findings.allSatisfy { $0.path == pointer("/apiVersion") })
    }

    @Test(arguments: [
        ("nginx:1.27", "docker.io"), ("library/nginx", "docker.io"), ("team/app:1.0", "docker.io"),
        ("ghcr.io/team/app:1.0", "ghcr.io"), ("localhost/app", "localhost"), ("registry:5000/app", "registry:5000"),
        ("Registry.Example.com/app", "registry.example.com"),
    ])
    func registryOfAnImage(image: String, registry: String) {
        #expect(ImageReference.registry(of: image) == registry)
    }

    @Test func imageRegistryNotAllowedPassesEverythingUntilConfigured() throws {
        let pod = try kubernetesObject("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
             "spec":{"containers":[{"name":"web","image":"ghcr.io/x/web:1"}]}}
            """)
        guard case .container(_, _, _, let passes) = CheckDefinition.imageRegistryNotAllowed.rule else {
            Issue.record("imageRegistryNotAllowed should be a container rule")
            return
        }
        let specs = CheckDefinition.imageRegistryNotAllowed.parameters
        func verdict(_ allowed: [JSON]) throws -> Bool {
            let location = try #require(pod.podSpecs.first)
            let configured = allowed.isEmpty ? JSONObject() : JSONObject(["allowedRegistries": .array(allowed)])
            let container = try #require(location.containers.first)
            let parameters = Parameters(specs: specs, configured: configured)
            return passes(ContainerContext(object: pod, pod: location, location: container, parameters: parameters))
        }
        #expect(try verdict([]))
        #expect(try verdict(["GHCR.io", "docker.io"]))
        #expect(try !verdict(["registry.example.com"]))
    }

    @Test func namespaceOwnerLabelsAreConfigurable() throws {
        let namespace = try kubernetesObject(
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"cost-center":"42"}}}"#)
        #expect(Self.judge(namespace, "namespaceOwnerLabelMissing", [:]).findings.count == 1)
        #expect(Self.judge(namespace, "namespaceOwnerLabelMissing", ["labels": ["cost-center"]]).findings.isEmpty)
    }

    @Test(arguments: [
        (#"{"apiVersion":"autoscaling/v2","spec":{}}"#, ["cpu"]),
        (
            #"{"apiVersion":"autoscaling/v2beta1","spec":{"metrics":[{"type":"Resource","resource":"#
                + #"{"name":"memory","targetAverageUtilization":60}}]}}"#, ["memory"]
        ),
        (
            #"{"apiVersion":"autoscaling/v2","spec":{"metrics":[{"type":"ContainerResource","containerResource":"#
                + #"{"name":"cpu","container":"web","target":{"type":"Utilization","averageUtilization":60}}}]}}"#,
            ["cpu@web"]
        ),
        (
            #"{"apiVersion":"autoscaling/v2","spec":{"metrics":[{"type":"Pods","pods":{"metric":{"name":"rps"},"#
                + #""target":{"type":"AverageValue","averageValue":"10"}}}]}}"#, []
        ),
        (#"{"apiVersion":"autoscaling/v1","spec":{"maxReplicas":3}}"#, ["cpu"]),
    ])
    func hpaUtilizationResources(hpa: String, expected: [String]) throws {
        let value = try parse(hpa)
        let found = HpaUtilization.resources(of: value["spec"], apiVersion: value["apiVersion"]?.string ?? "")
        #expect(found.map { $0.resource + ($0.container.map { "@" + $0 } ?? "") } == expected)
    }

    @Test func hpaTargetMissingRequestsCannotTellWithoutTheTarget() throws {
        let hpa = try kubernetesObject("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
             "metadata":{"name":"web","namespace":"shop"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5}}
            """)
        let alone = Self.judge(hpa, "hpaTargetMissingRequests", [:])
        #expect(alone.findings.isEmpty && alone.evaluations["hpaTargetMissingRequests"] == nil)
        let elsewhere = Self.judge(hpa, "hpaTargetMissingRequests", [:], cluster: ClusterObjects([hpa]))
        #expect(elsewhere.evaluations["hpaTargetMissingRequests"] == nil)
    }

    private static func judge(
        _ object: KubernetesObject, _ id: String, _ parameters: KeyValuePairs<String, JSON>,
        cluster: ClusterObjects? = nil
    ) -> Judgement {
        let settings = Policy.CheckSettings(severity: .danger, parameters: JSONObject(parameters))
        return Evaluator(policy: Policy(checks: [id: settings]).restricted(to: [id])).judge(object, cluster: cluster)
    }
}
