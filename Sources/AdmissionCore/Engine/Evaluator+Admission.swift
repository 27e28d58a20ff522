extension Evaluator {
    /// The validating webhook's answer. Only CREATE and UPDATE of a whole object are judged: DELETE and CONNECT
    /// carry nothing to judge, and subresources (`status`, `scale`, `pods/exec`) are not the workload itself.
    /// `today` is the current date for dated exemptions (see `judge`).
    public func validate(_ request: AdmissionRequest, today: CalendarDate? = nil) -> AdmissionResponse {
        validation(of: request, today: today).response
    }

    /// The validating answer together with the findings behind it (for logs and metrics).
    func validation(of request: AdmissionRequest, today: CalendarDate?) -> (response: AdmissionResponse, findings: [Finding]) {
        guard let object = judgedObject(of: request) else { return (.allowed(uid: request.uid), []) }
        let findings = judge(object, withFixes: false, today: today).findings
        switch policy.mode(in: object.namespace) {
        case .audit:
            return (.allowed(uid: request.uid), findings)
        case .warn:
            return (.allowed(uid: request.uid, warnings: findings.map(\.summary)), findings)
        case .enforce:
            let denials = findings.filter { $0.severity == .danger }
            let warnings = findings.filter { $0.severity != .danger }.map(\.summary)
            guard !denials.isEmpty else { return (.allowed(uid: request.uid, warnings: warnings), findings) }
            return (.denied(uid: request.uid, message: denialMessage(object, denials), warnings: warnings), findings)
        }
    }

    /// The mutating webhook's answer: always allowed, with a patch when an enabled mutator changes something.
    public func mutate(_ request: AdmissionRequest, today: CalendarDate? = nil) -> AdmissionResponse {
        guard let object = judgedObject(of: request) else { return .allowed(uid: request.uid) }
        return .patched(uid: request.uid, patch(for: object, operation: request.operation, today: today))
    }

    /// Handles a raw review body end to end: the verdict and the exact bytes the webhook answers with, or the
    /// envelope error (HTTP 400 in the server, exit 2 in the CLI).
    public func respond(
        toReview body: [UInt8], mutating: Bool, today: CalendarDate? = nil
    ) throws(AdmissionReviewError) -> ReviewAnswer {
        let request = try AdmissionRequest(reviewBytes: body)
        let (response, findings) = mutating ? (mutate(request, today: today), []) : validation(of: request, today: today)
        return ReviewAnswer(
            request: request, response: response, findings: findings,
            body: JSONWriter().bytes(response.review(apiVersion: request.apiVersion))
        )
    }

    private func judgedObject(of request: AdmissionRequest) -> KubernetesObject? {
        guard request.operation == .create || request.operation == .update, request.subResource == nil,
            let object = request.object
        else { return nil }
        return KubernetesObject(object, defaultNamespace: request.namespace ?? "")
    }

    /// First line names every failed check ID (what the contract promises); one line per finding follows.
    private func denialMessage(_ object: KubernetesObject, _ denials: [Finding]) -> String {
        var ids: [String] = []
        for finding in denials where !ids.contains(finding.checkID) { ids.append(finding.checkID) }
        let subject = object.name.isEmpty ? object.kind : "\(object.kind) \"\(object.name)\""
        let header = "Harbormaster denied \(subject): failed \(ids.joined(separator: ", "))"
        return ([header] + denials.map { "- \($0.summary). Fix: \($0.remediation)" }).joined(separator: "\n")
    }
}

/// A review's verdict together with the serialized AdmissionReview reply.
public struct ReviewAnswer: Sendable {
    public let request: AdmissionRequest
    public let response: AdmissionResponse
    /// What the validating webhook found (empty for mutation); the response already reflects the policy's mode.
    public let findings: [Finding]
    public let body: [UInt8]
}
