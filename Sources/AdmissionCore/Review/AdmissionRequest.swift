/// The part of an AdmissionReview request that Harbormaster reads. Objects stay `JSONValue`s over the original
/// bytes: nothing is round-tripped through typed structs, so unknown fields survive (kubebuilder#510).
public struct AdmissionRequest: Sendable {
    public enum Operation: Sendable, Equatable {
        case create, update, delete, connect
        case other(String)

        init(_ text: String) {
            switch text {
            case "CREATE": self = .create
            case "UPDATE": self = .update
            case "DELETE": self = .delete
            case "CONNECT": self = .connect
            default: self = .other(text)
            }
        }
    }

    /// `admission.k8s.io/v1` or `admission.k8s.io/v1beta1`; the response repeats it.
    public let apiVersion: String
    public let uid: String
    public let kind: GroupVersionKind?
    public let resource: GroupVersionResource?
    public let subResource: String?
    public let requestKind: GroupVersionKind?
    public let name: String?
    public let namespace: String?
    public let operation: Operation
    public let userInfo: JSONValue?
    /// nil when the request carries `null` or nothing (DELETE, CONNECT).
    public let object: JSONValue?
    public let oldObject: JSONValue?
    public let dryRun: Bool
    public let options: JSONValue?

    public static let supportedAPIVersions = ["admission.k8s.io/v1", "admission.k8s.io/v1beta1"]
}

/// A group/version/kind triple as the API server sends it.
public struct GroupVersionKind: Sendable, Equatable {
    public let group: String
    public let version: String
    public let kind: String
}

/// A group/version/resource triple as the API server sends it.
public struct GroupVersionResource: Sendable, Equatable {
    public let group: String
    public let version: String
    public let resource: String
}

/// A body that is not a well-formed AdmissionReview. The webhook answers HTTP 400 with the message; `review`
/// exits 2 with it.
public struct AdmissionReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension AdmissionRequest {
    /// Decodes and validates an AdmissionReview body.
    public init(reviewBytes: [UInt8]) throws(AdmissionReviewError) {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: reviewBytes)
        } catch {
            throw AdmissionReviewError("body is not valid JSON: \(error)")
        }
        try self.init(review: document.root)
    }

    /// Validates the envelope: an object with a supported `apiVersion`, `kind: AdmissionReview`, and a `request`
    /// that has a `uid` and objects that are JSON objects or null.
    public init(review: JSONValue) throws(AdmissionReviewError) {
        guard review.isObject else { throw AdmissionReviewError("AdmissionReview must be a JSON object, got \(review.kind)") }
        guard let apiVersion = review["apiVersion"]?.string else {
            throw AdmissionReviewError("AdmissionReview has no apiVersion (expected admission.k8s.io/v1 or v1beta1)")
        }
        guard Self.supportedAPIVersions.contains(apiVersion) else {
            throw AdmissionReviewError("unsupported apiVersion '\(apiVersion)' (expected admission.k8s.io/v1 or v1beta1)")
        }
        if let kind = review["kind"], !kind.isString("AdmissionReview") {
            throw AdmissionReviewError("kind must be AdmissionReview, got \(kind.string.map { "'\($0)'" } ?? "\(kind.kind)")")
        }
        guard let request = review["request"], request.isObject else {
            throw AdmissionReviewError("AdmissionReview has no request object")
        }
        guard let uid = request["uid"]?.string, !uid.isEmpty else {
            throw AdmissionReviewError("request.uid is missing or not a non-empty string")
        }
        self.apiVersion = apiVersion
        self.uid = uid
        self.kind = GroupVersionKind(request["kind"])
        self.resource = GroupVersionResource(request["resource"])
        self.subResource = request["subResource"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        self.requestKind = GroupVersionKind(request["requestKind"])
        self.name = request["name"]?.string
        self.namespace = request["namespace"]?.string
        self.operation = Operation(request["operation"]?.string ?? "")
        self.userInfo = request["userInfo"]
        self.object = try Self.objectField(request, "object")
        self.oldObject = try Self.objectField(request, "oldObject")
        self.dryRun = request["dryRun"]?.bool ?? false
        self.options = request["options"]
    }

    private static func objectField(_ request: JSONValue, _ name: String) throws(AdmissionReviewError) -> JSONValue? {
        guard let value = request[name], !value.isNull else { return nil }
        guard value.isObject else {
            throw AdmissionReviewError("request.\(name) must be a JSON object or null, got \(value.kind)")
        }
        return value
    }
}

extension GroupVersionKind {
    init?(_ value: JSONValue?) {
        guard let value, let kind = value["kind"]?.string else { return nil }
        self.init(group: value["group"]?.string ?? "", version: value["version"]?.string ?? "", kind: kind)
    }
}

extension GroupVersionResource {
    init?(_ value: JSONValue?) {
        guard let value, let resource = value["resource"]?.string else { return nil }
        self.init(group: value["group"]?.string ?? "", version: value["version"]?.string ?? "", resource: resource)
    }
}
