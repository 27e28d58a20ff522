/// The verdict sent back to the API server inside an AdmissionReview.
public struct AdmissionResponse: Sendable, Equatable {
    public struct Status: Sendable, Equatable {
        public var code: Int
        public var message: String
        /// `status.details.causes`: one per denying finding, in the API's StatusCause shape.
        public var causes: [Cause] = []

        public init(code: Int, message: String, causes: [Cause] = []) {
            self.code = code
            self.message = message
            self.causes = causes
        }
    }

    /// A Kubernetes `StatusCause`: `reason` is the check ID, `field` the path in the API's dotted form
    /// (`spec.template.spec.containers[0].image`), `message` what is wrong and the change that fixes it.
    public struct Cause: Sendable, Equatable {
        public var reason: String
        public var message: String
        public var field: String
    }

    public var uid: String
    public var allowed: Bool
    public var status: Status?
    public var warnings: [String]
    public var patch: [PatchOperation]
    /// `auditAnnotations`, in order: the API server records them (prefixed with the webhook's name) in its
    /// audit log.
    public var auditAnnotations: [(key: String, value: String)] = []

    public static func == (lhs: AdmissionResponse, rhs: AdmissionResponse) -> Bool {
        lhs.uid == rhs.uid && lhs.allowed == rhs.allowed && lhs.status == rhs.status && lhs.warnings == rhs.warnings
            && lhs.patch == rhs.patch && lhs.auditAnnotations.map(\.key) == rhs.auditAnnotations.map(\.key)
            && lhs.auditAnnotations.map(\.value) == rhs.auditAnnotations.map(\.value)
    }

    /// Admitted, possibly with warnings that `kubectl` shows to the user.
    public static func allowed(uid: String, warnings: [String] = []) -> AdmissionResponse {
        AdmissionResponse(uid: uid, allowed: true, status: nil, warnings: warnings, patch: [])
    }

    /// Refused with HTTP-like code 403 and a message naming every failed check.
    public static func denied(uid: String, message: String, warnings: [String] = []) -> AdmissionResponse {
        AdmissionResponse(uid: uid, allowed: false, status: Status(code: 403, message: message), warnings: warnings, patch: [])
    }

    /// Admitted with a JSONPatch; an empty patch is a plain `allowed`.
    public static func patched(uid: String, _ patch: [PatchOperation], warnings: [String] = []) -> AdmissionResponse {
        AdmissionResponse(uid: uid, allowed: true, status: nil, warnings: warnings, patch: patch)
    }

    /// The whole AdmissionReview reply, echoing the request's apiVersion. `patchType` and `patch` appear only when
    /// there is a patch; `status` only on a denial.
    public func review(apiVersion: String) -> JSON {
        var response = JSONObject(["uid": .string(uid), "allowed": .bool(allowed)])
        if let status {
            var object = JSONObject(["code": .number(JSONNumber(status.code)), "message": .string(status.message)])
            if !status.causes.isEmpty {
                object["details"] = ["causes": .array(status.causes.map { cause in
                    ["reason": .string(cause.reason), "message": .string(cause.message), "field": .string(cause.field)]
                })]
            }
            response["status"] = .object(object)
        }
        if !warnings.isEmpty { response["warnings"] = .array(warnings.map(JSON.string)) }
        if !auditAnnotations.isEmpty {
            response["auditAnnotations"] = .object(JSONObject(auditAnnotations.map { JSONObject.Member(key: $0.key, value: .string($0.value)) }))
        }
        if !patch.isEmpty {
            response["patchType"] = "JSONPatch"
            response["patch"] = .string(Base64.encode(JSONWriter().bytes(patch.json)))
        }
        return .object(JSONObject([
            "apiVersion": .string(apiVersion),
            "kind": "AdmissionReview",
            "response": .object(response),
        ]))
    }
}
