import AdmissionCore
import Foundation
import Logging

/// Routes requests to the admission engine and the operational endpoints of the contract:
/// `POST /validate`, `POST /mutate`, `GET /healthz`, `GET /readyz`, `GET /metrics`.
public struct AdmissionEndpoint: HTTPResponder {
    /// The evaluator in force; `PolicyReloader` swaps it when the policy file changes.
    public let evaluators: EvaluatorHolder
    public let readiness: Readiness
    public let metrics: ServerMetrics
    public let logger: Logger

    public init(evaluators: EvaluatorHolder, readiness: Readiness, metrics: ServerMetrics, logger: Logger) {
        self.evaluators = evaluators
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
    }

    /// An endpoint whose policy never changes.
    public init(evaluator: Evaluator, readiness: Readiness, metrics: ServerMetrics, logger: Logger) {
        self.init(evaluators: EvaluatorHolder(evaluator), readiness: readiness, metrics: metrics, logger: logger)
    }

    /// The evaluator in force now.
    public var evaluator: Evaluator { evaluators.current }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let response = route(request)
        metrics.recordHTTP(endpoint: Self.endpointLabel(request.path), status: response.status)
        return response
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/validate": return review(request, mutating: false)
        case "/mutate": return review(request, mutating: true)
        case "/healthz":
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET") }
            return .json(status: 200, Array(#"{"status":"ok"}"#.utf8))
        case "/readyz":
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET") }
            return readiness.isReady
                ? .json(status: 200, Array(#"{"status":"ready"}"#.utf8))
                : .json(status: 503, Array(#"{"status":"shutting down"}"#.utf8))
        case "/metrics":
            guard request.method == "GET" else { return methodNotAllowed("GET") }
            return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(metrics.exposition().utf8))
        default:
            return .error(status: 404, message: "no endpoint at \(request.path); use /validate, /mutate, /healthz, /readyz or /metrics")
        }
    }

    private func review(_ request: HTTPRequest, mutating: Bool) -> HTTPResponse {
        guard request.method == "POST" else { return methodNotAllowed("POST") }
        guard Self.isJSON(request.headers["Content-Type"]) else {
            return .error(status: 415, message: "Content-Type must be application/json, got \(request.headers["Content-Type"].map { "'\($0)'" } ?? "none")")
        }
        guard !request.body.isEmpty else { return .error(status: 400, message: "empty body; expected an AdmissionReview") }
        let endpoint = mutating ? "mutate" : "validate"
        metrics.reviewStarted()
        defer { metrics.reviewFinished() }
        let started = MonotonicClock.now()
        do {
            // Read once: this review is judged by one policy even if a reload lands meanwhile.
            let evaluator = evaluators.current
            let today = CalendarDate(secondsSince1970: Date().timeIntervalSince1970)
            let answer = try evaluator.respond(toReview: request.body, mutating: mutating, today: today)
            let seconds = Double(MonotonicClock.now() - started) / 1e9
            record(answer, endpoint: endpoint, seconds: seconds)
            return .json(status: 200, answer.body)
        } catch {
            metrics.recordReview(endpoint: endpoint, operation: "", kind: "", verdict: "error", seconds: Double(MonotonicClock.now() - started) / 1e9, findings: [])
            logger.warning("rejected malformed review", metadata: ["endpoint": "\(endpoint)", "error": "\(error.message)"])
            return .error(status: 400, message: error.message)
        }
    }

    /// One summary line per review at info, never the body (it can hold Secrets).
    private func record(_ answer: ReviewAnswer, endpoint: String, seconds: Double) {
        let request = answer.request
        let verdict = !answer.response.allowed ? "denied" : (answer.response.patch.isEmpty ? "allowed" : "patched")
        let kind = request.kind?.kind ?? ""
        let operation = Self.operationName(request.operation)
        metrics.recordReview(
            endpoint: endpoint, operation: operation, kind: kind, verdict: verdict, seconds: seconds,
            findings: answer.findings.map { ($0.checkID, $0.severity.rawValue) }
        )
        var checks: [String] = []
        for finding in answer.findings where !checks.contains(finding.checkID) { checks.append(finding.checkID) }
        logger.info("review", metadata: [
            "endpoint": "\(endpoint)",
            "uid": "\(request.uid)",
            "operation": "\(operation)",
            "kind": "\(kind)",
            "namespace": "\(request.namespace ?? "")",
            "name": "\(request.name ?? "")",
            "allowed": "\(answer.response.allowed)",
            "checks": "\(checks.joined(separator: ","))",
            "patchOps": "\(answer.response.patch.count)",
            "dryRun": "\(request.dryRun)",
            "micros": "\(Int(seconds * 1e6))",
        ])
    }

    private func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        var response = HTTPResponse.error(status: 405, message: "method not allowed; use \(allowed)")
        response.headers.append(("Allow", allowed))
        return response
    }

    /// `application/json`, with or without parameters such as `; charset=utf-8`, in any letter case. Compared
    /// byte by byte: this runs on every review.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let expected = jsonMediaType
        var matched = 0
        var inMediaType = true
        for byte in contentType.utf8 {
            if byte == UInt8(ascii: ";") { inMediaType = false }
            guard inMediaType else { break }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            guard matched < expected.count, lower == expected[matched] else { return false }
            matched += 1
        }
        return matched == expected.count
    }

    private static let jsonMediaType = Array("application/json".utf8)

    static func endpointLabel(_ path: String) -> String {
        ["/validate", "/mutate", "/healthz", "/readyz", "/metrics"].contains(path) ? String(path.dropFirst()) : "other"
    }

    static func operationName(_ operation: AdmissionRequest.Operation) -> String {
        switch operation {
        case .create: return "CREATE"
        case .update: return "UPDATE"
        case .delete: return "DELETE"
        case .connect: return "CONNECT"
        case .other(let name): return name
        }
    }
}
