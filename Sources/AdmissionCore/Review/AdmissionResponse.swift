/// The verdict sent back to the API server inside an AdmissionReview.
public struct AdmissionResponse: Sendable, Equatable {
    public struct Status: Sendable, Equatable {
        public var code: Int
        public var message: String
    }

    public var uid: String
    public var allowed: Bool
    public var status: Status?
    public var warnings: [String]
    public var patch: [PatchOperation]

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
            response["status"] = ["code": .number(JSONNumber(status.code)), "message": .string(status.message)]
        }
        if !warnings.isEmpty { response["warnings"] = .array(warnings.map(JSON.string)) }
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
