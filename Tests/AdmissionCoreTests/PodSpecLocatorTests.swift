import Foundation
import Testing

@testable import AdmissionCore

/// A workload kind and where its pod template sits.
struct WorkloadShape: Sendable, CustomTestStringConvertible {
    let apiVersion: String
    let kind: String
    /// Tokens from the object root to the pod template (the object holding `metadata` and `spec`).
    let template: [String]
    let runsToCompletion: Bool

    var testDescription: String { "\(apiVersion) \(kind)" }

    var specPath: String { JSONPointer(template + ["spec"]).description }

    /// The object as JSON text, with `podSpec` nested at the template path.
    func object(podSpec: JSON) -> String {
        var node: JSON = ["metadata": ["labels": ["app.kubernetes.io/name": "web"]], "spec": podSpec]
        for token in template.reversed() { node = [token: node] }
        guard case .object(var root) = node else { return "" }
        root["apiVersion"] = .string(apiVersion)
        root["kind"] = .string(kind)
        root["metadata"] = ["name": "web", "namespace": "shop", "labels": ["app.kubernetes.io/name": "web"]]
        return JSON.object(root).jsonText
    }
}

@Suite struct PodSpecLocatorTests {
    static let shapes: [WorkloadShape] = [
        WorkloadShape(apiVersion: "v1", kind: "Pod", template: [], runsToCompletion: false),
        WorkloadShape(apiVersion: "v1", kind: "PodTemplate", template: ["template"], runsToCompletion: false),
        WorkloadShape(
            apiVersion: "v1", kind: "ReplicationController", template: ["spec", "template"], runsToCompletion: false),
        WorkloadShape(
            apiVersion: "apps/v1", kind: "Deployment", template: ["spec", "template"], runsToCompletion: false),
        WorkloadShape(
            apiVersion: "extensions/v1beta1", kind: "Deployment", template: ["spec", "template"],
            runsToCompletion: false),
        WorkloadShape(
            apiVersion: "apps/v1", kind: "StatefulSet", template: ["spec", "template"], runsToCompletion: false),
        WorkloadShape(
            apiVersion: "apps/v1", kind: "DaemonSet", template: ["spec", "template"], runsToCompletion: false),
        WorkloadShape(
            apiVersion: "apps/v1", kind: "ReplicaSet", template: ["spec", "template"], runsToCompletion: false),
        WorkloadShape(apiVersion: "batch/v1", kind: "Job", template: ["spec", "template"], runsToCompletion: true),
        WorkloadShape(
            apiVersion: "batch/v1", kind: "CronJob", template: ["spec", "jobTemplate", "spec", "template"],
            runsToCompletion: true),
    ]

    static let podSpec: JSON = [
        "containers": [["name": "app", "image": "app:1"], ["name": "sidecar", "image": "proxy:2"]],
        "initContainers": [["name": "init", "image": "init:1"]],
        "ephemeralContainers": [["name": "debug", "image": "busybox:1.36"]],
    ]

    @Test(arguments: shapes)
    func findsThePodSpecAndEveryContainer(shape: WorkloadShape) throws {
        let object = try kubernetesObject(shape.object(podSpec: Self.podSpec))
        #expect(PodSpecLocator.isWorkload(object))
        let pods = object.podSpecs
        try #require(pods.count == 1)
        let pod = pods[0]
        #expect(pod.path.description == shape.specPath)
        #expect(pod.spec["containers"]?.count == 2)
        #expect(pod.templateMetadataPath == JSONPointer(shape.template + ["metadata"]))
        #expect(pod.runsToCompletion == shape.runsToCompletion)
        let base = shape.specPath
        #expect(
            pod.containers.map(\.path.description) == [
                "\(base)/containers/0", "\(base)/containers/1", "\(base)/initContainers/0",
                "\(base)/ephemeralContainers/0",
            ])
        #expect(pod.containers.map(\.name) == ["app", "sidecar", "init", "debug"])
        #expect(pod.containers.map(\.role) == [.regular, .regular, .initContainer, .ephemeral])
        #expect(pod.containers.map { $0.container["image"]?.string } == ["app:1", "proxy:2", "init:1", "busybox:1.36"])
    }

    @Test func templateMetadataOfAPodIsItsOwnMetadata() throws {
        let pod = try #require(
            try kubernetesObject(
                #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},"spec":{}}"#
            ).podSpecs.first)
        #expect(pod.templateMetadataPath.description == "/metadata")
        #expect(pod.templateMetadata?["labels"]?["a"]?.string == "b")
    }

    @Test func deploymentTemplateMetadataIsTheTemplates() throws {
        let text =
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"x":"workload"}},"#
            + #""spec":{"template":{"metadata":{"labels":{"x":"template"}},"spec":{"containers":[]}}}}"#
        let pod = try #require(try kubernetesObject(text).podSpecs.first)
        #expect(pod.templateMetadataPath.description == "/spec/template/metadata")
        #expect(pod.templateMetadata?["labels"]?["x"]?.string == "template")
        #expect(pod.containers.isEmpty)
    }

    @Test func podOwnedByAJobRunsToCompletion() throws {
        let owned =
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"migrate-x1","ownerReferences":["#
            + #"{"apiVersion":"batch/v1","kind":"Job","name":"migrate","uid":"1"}]},"spec":{"containers":[]}}"#
        #expect(try kubernetesObject(owned).podSpecs.first?.runsToCompletion == true)
        let replicaSetPod = owned.replacingRequired(#""kind":"Job""#, with: #""kind":"ReplicaSet""#)
        #expect(try kubernetesObject(replicaSetPod).podSpecs.first?.runsToCompletion == false)
    }

    @Test(arguments: [
        #"{"apiVersion":"example.com/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[]}}}}"#,
        #"{"apiVersion":"v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[]}}}}"#,
        #"{"apiVersion":"apps/v1","kind":"Pod","spec":{"containers":[]}}"#,
        #"{"apiVersion":"batch/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[]}}}}"#,
        #"{"apiVersion":"v1","kind":"Service","spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}"#,
        #"{"apiVersion":"v1","kind":"ConfigMap","data":{"spec":"x"}}"#,
        #"{}"#,
    ])
    func objectsThatAreNotBuiltInWorkloadsHaveNoPodSpec(text: String) throws {
        let object = try kubernetesObject(text)
        #expect(PodSpecLocator.isWorkload(object) == false)
        #expect(object.podSpecs.isEmpty)
    }

    @Test(arguments: [
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}}"#,
        #"{"apiVersion":"apps/v1","kind":"Deployment","spec":null}"#,
        #"{"apiVersion":"apps/v1","kind":"Deployment","spec":"oops"}"#,
        #"{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":"a string"}}"#,
        #"{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":[]}}}"#,
        #"{"apiVersion":"batch/v1","kind":"CronJob","spec":{"jobTemplate":[]}}"#,
        #"{"apiVersion":"v1","kind":"Pod","spec":42}"#,
    ])
    func brokenWorkloadsHaveNoPodSpecAndDoNotCrash(text: String) throws {
        let object = try kubernetesObject(text)
        #expect(PodSpecLocator.isWorkload(object))
        #expect(object.podSpecs.isEmpty)
        // Nothing about containers or pod specs can be found when there is no pod spec.
        #expect(Evaluator().judge(object).findings.allSatisfy { $0.container == nil && !$0.path.description.contains("/containers/") })
    }

    @Test func containerListsOfTheWrongShapeAreSkipped() throws {
        let text =
            #"{"apiVersion":"v1","kind":"Pod","spec":{"containers":{"name":"x"},"#
            + #""initContainers":["not an object",{"name":"ok"}],"ephemeralContainers":null}}"#
        let pod = try #require(try kubernetesObject(text).podSpecs.first)
        #expect(pod.containers.map(\.path.description) == ["/spec/initContainers/1"])
        #expect(pod.containers.first?.name == "ok")
    }

    /// Without `apiVersion` the group is the core group, so a bare `kind: Pod` still counts as a Pod.
    @Test func missingAPIVersionMeansTheCoreGroup() throws {
        let object = try kubernetesObject(#"{"kind":"Pod","spec":{"containers":[{"name":"a"}]}}"#)
        #expect(object.group == "")
        #expect(object.podSpecs.first?.containers.map(\.name) == ["a"])
    }

    @Test func workloadKindsAreListedSorted() {
        #expect(
            PodSpecLocator.workloadKinds == [
                "CronJob", "DaemonSet", "Deployment", "Job", "Pod", "PodTemplate", "ReplicaSet",
                "ReplicationController",
                "StatefulSet",
            ])
    }
}
