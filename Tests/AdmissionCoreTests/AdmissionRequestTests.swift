import Foundation
import Testing

@testable import AdmissionCore

@Suite struct AdmissionRequestTests {
    private func request(_ fixture: String) throws -> AdmissionRequest {
        try AdmissionRequest(reviewBytes: Fixtures.bytes("reviews/\(fixture)"))
    }

    // MARK: decoding

    @Test func decodesEveryFieldOfAV1Review() throws {
        let request = try request("v1-create-deployment.json")
        #expect(request.apiVersion == "admission.k8s.io/v1")
        #expect(request.uid == "705ab4f5-6393-11e8-b7cc-42010a800002")
        #expect(request.kind == GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        #expect(request.resource == GroupVersionResource(group: "apps", version: "v1", resource: "deployments"))
        #expect(request.subResource == nil)  // sent as "": the whole object
        #expect(request.requestKind == GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        #expect(request.name == "web")
        #expect(request.namespace == "shop")
        #expect(request.operation == .create)
        #expect(request.userInfo?["username"]?.string == "system:serviceaccount:argocd:argocd-application-controller")
        #expect(request.userInfo?["groups"]?.count == 3)
        #expect(request.object?["kind"]?.string == "Deployment")
        #expect(request.object?.value(at: pointer("/spec/template/spec/containers/0/name"))?.string == "web")
        #expect(request.oldObject == nil)
        #expect(request.dryRun == false)
        #expect(request.options?["kind"]?.string == "CreateOptions")
        #expect(request.options?["fieldManager"]?.string == "argocd-controller")
    }

    @Test func objectKeepsUnknownFieldsAsReceived() throws {
        let request = try request("v1-create-deployment.json")
        let unknown = try #require(request.object?["metadata"]?["x-unknown-field"])
        #expect(String(decoding: unknown.rawBytes, as: UTF8.self) == #"{"kept": 12345678901234567890}"#)
    }

    @Test func decodesEveryFieldOfAV1beta1Review() throws {
        let request = try request("v1beta1-update-pod.json")
        #expect(request.apiVersion == "admission.k8s.io/v1beta1")
        #expect(request.uid == "b6a0c1d2-e3f4-4a5b-8c7d-9e0f1a2b3c4d")
        #expect(request.kind == GroupVersionKind(group: "", version: "v1", kind: "Pod"))
        #expect(request.resource == GroupVersionResource(group: "", version: "v1", resource: "pods"))
        #expect(request.subResource == nil)
        #expect(request.requestKind == GroupVersionKind(group: "", version: "v1", kind: "Pod"))
        #expect(request.name == "web-7c9f8d6b5-x2k4q")
        #expect(request.namespace == "shop")
        #expect(request.operation == .update)
        #expect(request.userInfo?["username"]?.string == "jane@example.com")
        #expect(request.object?["metadata"]?["labels"]?["release"]?.string == "canary")
        #expect(request.oldObject?["metadata"]?["labels"]?["release"] == nil)
        #expect(request.oldObject?["metadata"]?["labels"]?["app.kubernetes.io/name"]?.string == "web")
        #expect(request.dryRun == true)
        #expect(request.options?["dryRun"]?[0]?.string == "All")
    }

    @Test func decodesDeleteAndConnect() throws {
        let delete = try request("v1-delete-pod.json")
        #expect(delete.operation == .delete)
        #expect(delete.object == nil)
        #expect(delete.oldObject?["metadata"]?["name"]?.string == "privileged-debug")
        #expect(delete.options?["propagationPolicy"]?.string == "Background")

        let connect = try request("v1-connect-pod-exec.json")
        #expect(connect.operation == .connect)
        #expect(connect.subResource == "exec")
        #expect(connect.kind?.kind == "PodExecOptions")
        #expect(connect.object?["command"]?[0]?.string == "/bin/sh")
        #expect(connect.options?.isNull == true)
    }

    @Test func minimalRequestLeavesOptionalFieldsEmpty() throws {
        let request = try AdmissionRequest(
            reviewBytes: Array(
                #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u-1","operation":"PATCH"}}"#.utf8))
        #expect(request.uid == "u-1")
        #expect(request.operation == .other("PATCH"))
        #expect(request.kind == nil)
        #expect(request.resource == nil)
        #expect(request.name == nil)
        #expect(request.namespace == nil)
        #expect(request.object == nil)
        #expect(request.oldObject == nil)
        #expect(request.dryRun == false)
    }

    // MARK: envelope errors

    @Test(arguments: [
        ("hello", "body is not valid JSON: 1:1: unexpected character 'h'"),
        ("", "body is not valid JSON: 1:1: empty input"),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u""#,
            "body is not valid JSON: 1:57: unexpected end of input"
        ),
        ("[]", "AdmissionReview must be a JSON object, got array"),
        (#""AdmissionReview""#, "AdmissionReview must be a JSON object, got string"),
        (
            #"{"kind":"AdmissionReview","request":{"uid":"u"}}"#,
            "AdmissionReview has no apiVersion (expected admission.k8s.io/v1 or v1beta1)"
        ),
        (
            #"{"apiVersion":1,"request":{"uid":"u"}}"#,
            "AdmissionReview has no apiVersion (expected admission.k8s.io/v1 or v1beta1)"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v2","request":{"uid":"u"}}"#,
            "unsupported apiVersion 'admission.k8s.io/v2' (expected admission.k8s.io/v1 or v1beta1)"
        ),
        (#"{"apiVersion":"v1","kind":"Pod"}"#, "unsupported apiVersion 'v1' (expected admission.k8s.io/v1 or v1beta1)"),
        (
            #"{"apiVersion":"admission.k8s.io/v1","kind":"ConversionReview","request":{"uid":"u"}}"#,
            "kind must be AdmissionReview, got 'ConversionReview'"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","kind":null,"request":{"uid":"u"}}"#,
            "kind must be AdmissionReview, got null"
        ),
        (#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"#, "AdmissionReview has no request object"),
        (#"{"apiVersion":"admission.k8s.io/v1","request":null}"#, "AdmissionReview has no request object"),
        (#"{"apiVersion":"admission.k8s.io/v1","request":[{"uid":"u"}]}"#, "AdmissionReview has no request object"),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"operation":"CREATE"}}"#,
            "request.uid is missing or not a non-empty string"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":""}}"#,
            "request.uid is missing or not a non-empty string"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":42}}"#,
            "request.uid is missing or not a non-empty string"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":"Pod"}}"#,
            "request.object must be a JSON object or null, got string"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":42}}"#,
            "request.object must be a JSON object or null, got number"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":[{}]}}"#,
            "request.object must be a JSON object or null, got array"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":true}}"#,
            "request.object must be a JSON object or null, got bool"
        ),
        (
            #"{"apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":{},"oldObject":[]}}"#,
            "request.oldObject must be a JSON object or null, got array"
        ),
    ])
    func malformedReviewsAreRejectedWithAClearMessage(body: String, message: String) {
        let error = #expect(throws: AdmissionReviewError.self) { try AdmissionRequest(reviewBytes: Array(body.utf8)) }
        #expect(error?.message == message)
        #expect(error?.description == message)
        let viaEvaluator = #expect(throws: AdmissionReviewError.self) {
            try Evaluator().respond(toReview: Array(body.utf8), mutating: false)
        }
        #expect(viaEvaluator?.message == message)
    }

    @Test func nullObjectIsAllowed() throws {
        let body = reviewBytes(object: "null", uid: "null-object")
        #expect(try AdmissionRequest(reviewBytes: body).object == nil)
        let response = try #require(try respond(to: body)["response"])
        #expect(response["uid"]?.string == "null-object")
        #expect(response["allowed"]?.bool == true)
    }

    // MARK: responses

    @Test(arguments: ["v1-create-deployment.json", "v1beta1-update-pod.json", "v1-delete-pod.json"], [false, true])
    func responseEchoesUIDAndAPIVersion(fixture: String, mutating: Bool) throws {
        let request = try request(fixture)
        let review = try respond(to: Fixtures.bytes("reviews/\(fixture)"), mutating: mutating)
        #expect(review["apiVersion"]?.string == request.apiVersion)
        #expect(review["kind"]?.string == "AdmissionReview")
        #expect(review["response"]?["uid"]?.string == request.uid)
        #expect(review.members?.map(\.key) == ["apiVersion", "kind", "response"])
    }

    @Test(arguments: [false, true])
    func deleteIsAllowedWithoutPatchOrStatus(mutating: Bool) throws {
        let response = try #require(
            try respond(to: Fixtures.bytes("reviews/v1-delete-pod.json"), mutating: mutating)["response"])
        #expect(response.members?.map(\.key) == ["uid", "allowed"])
        #expect(response["allowed"]?.bool == true)
    }

    @Test(arguments: [false, true])
    func connectToPodExecIsAllowed(mutating: Bool) throws {
        let response = try #require(
            try respond(to: Fixtures.bytes("reviews/v1-connect-pod-exec.json"), mutating: mutating)["response"])
        #expect(response.members?.map(\.key) == ["uid", "allowed"])
        #expect(response["uid"]?.string == "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
        #expect(response["allowed"]?.bool == true)
    }

    @Test(arguments: ["v1-update-deployment-status.json", "v1-update-deployment-scale.json"], [false, true])
    func subresourceUpdatesAreNotJudged(fixture: String, mutating: Bool) throws {
        let response = try #require(
            try respond(to: Fixtures.bytes("reviews/\(fixture)"), mutating: mutating)["response"])
        #expect(response.members?.map(\.key) == ["uid", "allowed"])
        #expect(response["allowed"]?.bool == true)
    }

    /// The same Deployment as the status update, created as a whole object, is denied: the subresource is what
    /// made the update above pass.
    @Test func theStatusFixtureObjectIsDeniedOnCreate() throws {
        let status = try parse(
            String(decoding: Fixtures.bytes("reviews/v1-update-deployment-status.json"), as: UTF8.self))
        let object = try #require(status["request"]?["object"])
        let body = reviewBytes(
            object: String(decoding: object.rawBytes, as: UTF8.self), namespace: "default", uid: "create-1")
        let response = try #require(try respond(to: body)["response"])
        #expect(response["allowed"]?.bool == false)
        #expect(response["status"]?["code"]?.int == 403)
        let message = try #require(response["status"]?["message"]?.string)
        #expect(
            message.split(separator: "\n").first
                == #"Harbormaster denied Deployment "node-shell": failed tagNotSpecified, runAsPrivileged, hostNetworkSet, hostPIDSet, privilegeEscalationAllowed, runAsRootAllowed"#
        )
    }

    @Test func denialCarriesStatus403AndOneLinePerFinding() throws {
        let pod = cleanPod(
            replacing: #""image":"nginx:1.27.3","#, with: #""image":"nginx","#
        )
        .replacingRequired(#""securityContext":{"allowPrivilegeEscalation":false,"#, with: #""securityContext":{"privileged":true,"allowPrivilegeEscalation":false,"#)
        .replacingRequired(#""spec":{"#, with: #""spec":{"hostIPC":true,"#)
        let response = try #require(try respond(to: reviewBytes(object: pod, uid: "deny-1"))["response"])
        #expect(response.members?.map(\.key) == ["uid", "allowed", "status", "auditAnnotations"])
        #expect(response["allowed"]?.bool == false)
        #expect(response["status"]?["code"]?.int == 403)
        #expect(
            response["status"]?["message"]?.string == """
                Harbormaster denied Pod "web": failed tagNotSpecified, runAsPrivileged, hostIPCSet
                - tagNotSpecified (container "web"): Image should name a tag other than latest, or a digest. \
                Fix: Pin the image to a version tag (nginx:1.27.3) or a digest (nginx@sha256:...), never :latest. \
                e.g. image: nginx:1.27.3
                - runAsPrivileged (container "web"): Should not be running as privileged. \
                Fix: Remove securityContext.privileged or set it to false; grant only the capabilities the container needs. \
                e.g. securityContext: {privileged: false}
                - hostIPCSet: Host IPC namespace should not be used. \
                Fix: Remove spec.hostIPC or set it to false: the pod shares System V IPC and POSIX shared memory with the node. \
                e.g. hostIPC: false
                """)
        #expect(response["patch"] == nil)
        #expect(response["patchType"] == nil)
    }

    @Test func allowedValidationHasNeitherStatusNorPatch() throws {
        let response = try #require(try respond(to: reviewBytes(object: cleanPod, uid: "ok-1"))["response"])
        #expect(response.members?.map(\.key) == ["uid", "allowed", "auditAnnotations"])
        #expect(response["allowed"]?.bool == true)
    }

    @Test func mutationCarriesPatchTypeAndPatchOnlyWhenSomethingChanges() throws {
        let missing = cleanPod(replacing: #""requests":{"cpu":"100m","memory":"128Mi"},"#, with: "")
        let patched = try #require(try respond(to: reviewBytes(object: missing), mutating: true)["response"])
        #expect(patched.members?.map(\.key) == ["uid", "allowed", "patchType", "patch"])
        #expect(patched["patchType"]?.string == "JSONPatch")
        #expect(
            try decodedPatch(patched).jsonText
                == #"[{"op":"add","path":"/spec/containers/0/resources/requests","value":{"cpu":"100m","memory":"128Mi"}},"#
                + #"{"op":"add","path":"/metadata/annotations","value":{"harbormaster.io/mutated-by":"defaultResourceRequests"}}]"#
        )

        let unchanged = try #require(try respond(to: reviewBytes(object: cleanPod), mutating: true)["response"])
        #expect(unchanged.members?.map(\.key) == ["uid", "allowed"])
    }

    @Test func mutatingNeverDenies() throws {
        let pod = cleanPod(replacing: #""spec":{"#, with: #""spec":{"hostNetwork":true,"#)
        let response = try #require(try respond(to: reviewBytes(object: pod), mutating: true)["response"])
        #expect(response["allowed"]?.bool == true)
        #expect(response["status"] == nil)
    }

    @Test func responseIsCompactJSONWithUnescapedSlashes() throws {
        let answer = try Evaluator().respond(toReview: reviewBytes(object: cleanPod, uid: "u-9"), mutating: false)
        #expect(answer.response.allowed && answer.response.warnings.isEmpty)
        #expect(
            String(decoding: answer.body, as: UTF8.self)
                == #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-9","allowed":true,"auditAnnotations":{"verdict":"allowed","policy":"builtin"}}}"#
        )
    }
}
