import Foundation
import Testing

@testable import AdmissionCore

/// Files under `Fixtures/`, found from this source file so that record mode can write back into the tree.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    static func bytes(_ relativePath: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relativePath))) }

    /// Names of the regular files in a fixture directory, sorted; empty when the directory does not exist.
    static func files(in relativePath: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(relativePath).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }
}

/// Parses `text` and returns its top-level value.
func parse(_ text: String) throws -> JSONValue { try JSONDocument(parsing: text).root }

/// Parses `text` as a Kubernetes object (namespace from the object, else `defaultNamespace`).
func kubernetesObject(_ text: String, defaultNamespace: String = "") throws -> KubernetesObject {
    KubernetesObject(try parse(text), defaultNamespace: defaultNamespace)
}

/// A JSON Pointer from its text form; tests only pass valid pointers.
func pointer(_ text: String) -> JSONPointer { JSONPointer(parsing: text) ?? JSONPointer(["invalid pointer \(text)"]) }

/// A v1 AdmissionReview (CREATE by default) carrying `object`, given as JSON text.
func reviewBytes(
    object: String, operation: String = "CREATE", namespace: String? = "shop", uid: String = "7f0c1a2b-uid",
    apiVersion: String = "admission.k8s.io/v1", extra: String = ""
) -> [UInt8] {
    let namespaceField = namespace.map { #""namespace":"\#($0)","# } ?? ""
    return Array(
        """
        {"apiVersion":"\(apiVersion)","kind":"AdmissionReview","request":{"uid":"\(uid)",\(namespaceField)\
        "operation":"\(operation)",\(extra)"object":\(object)}}
        """.utf8)
}

/// The response of a review that `Evaluator.respond(toReview:mutating:)` produced, parsed.
func respond(_ evaluator: Evaluator = Evaluator(), to body: [UInt8], mutating: Bool = false) throws -> JSONValue {
    let answer = try evaluator.respond(toReview: body, mutating: mutating)
    return try JSONDocument(parsing: answer.body).root
}

/// Decodes the base64 `patch` of a response into its JSON operations.
func decodedPatch(_ response: JSONValue) throws -> JSON {
    let encoded = try #require(response["patch"]?.string)
    let bytes = try #require(Base64.decode(encoded))
    return try JSON(parsing: String(decoding: bytes, as: UTF8.self))
}

/// A Pod that passes every built-in check: namespace `shop`, labelled, pinned image, probes, requests and limits.
/// A Pod that passes every built-in check when reviewed alone (the webhook's view). Its controller is a custom
/// resource, not a built-in workload, so its warnings are shown (a ReplicaSet's Pod would not repeat them).
let cleanPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop",\
    "labels":{"app.kubernetes.io/name":"web","app.kubernetes.io/instance":"web"},\
    "ownerReferences":[{"apiVersion":"example.dev/v1","kind":"WebApp","name":"web","uid":"b7c1","controller":true}]},\
    "spec":{"containers":[{"name":"web","image":"nginx:1.27.3",\
    "livenessProbe":{"httpGet":{"path":"/healthz","port":80}},"readinessProbe":{"httpGet":{"path":"/ready","port":80}},\
    "resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"256Mi"}},\
    "imagePullPolicy":"Always","ports":[{"containerPort":80}],"securityContext":{"allowPrivilegeEscalation":false,\
    "runAsNonRoot":true,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]},\
    "seccompProfile":{"type":"RuntimeDefault"}}}],"priorityClassName":"standard","automountServiceAccountToken":false,\
    "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone",\
    "whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app.kubernetes.io/name":"web"}}}]}}
    """

/// `cleanPod` with `text` replaced by `replacement` (which must occur).
func cleanPod(
    replacing text: String, with replacement: String, sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    cleanPod.replacingRequired(text, with: replacement, sourceLocation: sourceLocation)
}

extension String {
    /// Every occurrence of `text` replaced; records an issue when there is none, so that an edit that silently
    /// does nothing cannot make a test pass.
    func replacingRequired(
        _ text: String, with replacement: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        if !contains(text) { Issue.record("\(text) does not occur in the test object", sourceLocation: sourceLocation) }
        return replacingOccurrences(of: text, with: replacement)
    }
}
