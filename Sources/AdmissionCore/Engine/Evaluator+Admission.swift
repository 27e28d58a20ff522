extension Evaluator {
    /// The validating webhook's answer. Only CREATE and UPDATE of a whole object are judged: DELETE and CONNECT
    /// carry nothing to judge, and subresources (`status`, `scale`, `pods/exec`) are not the workload itself.
    /// `today` is the current date for dated exemptions and dated enforcement (see `judge`).
    public func validate(_ request: AdmissionRequest, today: CalendarDate? = nil) -> AdmissionResponse {
        validation(of: request, today: today).response
    }

    /// The mutating webhook's answer: always allowed, with a patch when an enabled mutator changes something.
    /// A dry run also says, as warnings, what each mutator would set, so `--dry-run=server` shows it.
    public func mutate(_ request: AdmissionRequest, today: CalendarDate? = nil) -> AdmissionResponse {
        guard let object = judgedObject(of: request) else { return .allowed(uid: request.uid) }
        let (operations, changes) = mutation(of: object, operation: request.operation, today: today)
        var response = AdmissionResponse.patched(uid: request.uid, operations)
        if request.dryRun, policy.admission.dryRunPreview {
            let previews = changes.flatMap { change in
                change.paths.map { (severity: Severity.warning, text: "\(change.mutator) would set \($0.fieldPath)") }
            }
            response.warnings = WarningBudget(limit: policy.admission.maxWarnings).fit(previews)
        }
        return response
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

    func judgedObject(of request: AdmissionRequest) -> KubernetesObject? {
        guard request.operation == .create || request.operation == .update, request.subResource == nil,
            let object = request.object
        else { return nil }
        return KubernetesObject(object, defaultNamespace: request.namespace ?? "")
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
