/// The server's Prometheus metrics, kept in memory and written in the text exposition format on `/metrics`.
/// One lock guards them all: updates are a few additions per request, far below the cost of a review.
public final class ServerMetrics: Sendable {
    /// Review latency buckets in seconds: sub-millisecond resolution where Harbormaster lives, up to the API
    /// server's own webhook timeouts.
    static let latencyBuckets: [Double] = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 1, 5]

    private struct State {
        var httpRequests: [String: Int] = [:]            // "endpoint\u{0}code"
        var reviews: [String: Int] = [:]                 // "endpoint\u{0}operation\u{0}kind\u{0}verdict"
        var findings: [String: Int] = [:]                // "check\u{0}severity"
        var latency: [String: Histogram] = [:]           // endpoint
        var inFlight = 0
        var openConnections = 0
        var refusedConnections = 0
        var handshakeFailures = 0
        var timeouts = 0
        var certificateNotAfter: Double?
        var certificateReloads: [Bool: Int] = [:]
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.latencyBuckets.count)
        var sum = 0.0
        var total = 0
    }

    private let state = Locked(State())
    private let version: String

    public init(version: String) {
        self.version = version
    }

    func recordHTTP(endpoint: String, status: Int) {
        state.withValue { $0.httpRequests["\(endpoint)\u{0}\(status)", default: 0] += 1 }
    }

    /// Counts a review and its latency; `verdict` is allowed, denied, patched or error.
    func recordReview(endpoint: String, operation: String, kind: String, verdict: String, seconds: Double, findings: [(String, String)]) {
        state.withValue { state in
            state.reviews["\(endpoint)\u{0}\(operation)\u{0}\(kind)\u{0}\(verdict)", default: 0] += 1
            var histogram = state.latency[endpoint] ?? Histogram()
            for (index, bound) in ServerMetrics.latencyBuckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            state.latency[endpoint] = histogram
            for (check, severity) in findings { state.findings["\(check)\u{0}\(severity)", default: 0] += 1 }
        }
    }

    func reviewStarted() { state.withValue { $0.inFlight += 1 } }
    func reviewFinished() { state.withValue { $0.inFlight -= 1 } }
    func setOpenConnections(_ count: Int) { state.withValue { $0.openConnections = count } }
    func recordRefusedConnection() { state.withValue { $0.refusedConnections += 1 } }
    func recordHandshakeFailure() { state.withValue { $0.handshakeFailures += 1 } }
    func recordTimeout() { state.withValue { $0.timeouts += 1 } }
    func setCertificateNotAfter(_ seconds: Double?) { state.withValue { $0.certificateNotAfter = seconds } }
    func recordCertificateReload(success: Bool) { state.withValue { $0.certificateReloads[success, default: 0] += 1 } }

    /// The Prometheus text exposition (format 0.0.4).
    public func exposition() -> String {
        let state = self.state.current
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func labels(_ names: [String], _ key: String) -> String {
            let values = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return zip(names, values).map { "\($0)=\"\(Self.escape(String($1)))\"" }.joined(separator: ",")
        }
        family("harbormaster_build_info", "gauge", "Build information; the value is always 1.")
        out += "harbormaster_build_info{version=\"\(Self.escape(version))\"} 1\n"
        family("harbormaster_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.")
        for (key, count) in state.httpRequests.sorted(by: { $0.key < $1.key }) {
            out += "harbormaster_http_requests_total{\(labels(["endpoint", "code"], key))} \(count)\n"
        }
        family("harbormaster_admission_reviews_total", "counter", "Admission reviews answered, by endpoint, operation, kind and verdict.")
        for (key, count) in state.reviews.sorted(by: { $0.key < $1.key }) {
            out += "harbormaster_admission_reviews_total{\(labels(["endpoint", "operation", "kind", "verdict"], key))} \(count)\n"
        }
        family("harbormaster_admission_findings_total", "counter", "Findings reported by the validating webhook, by check and severity.")
        for (key, count) in state.findings.sorted(by: { $0.key < $1.key }) {
            out += "harbormaster_admission_findings_total{\(labels(["check", "severity"], key))} \(count)\n"
        }
        family("harbormaster_admission_review_duration_seconds", "histogram", "Time to decode, judge and encode one review.")
        for (endpoint, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
            for (index, bound) in ServerMetrics.latencyBuckets.enumerated() {
                out += "harbormaster_admission_review_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} \(histogram.counts[index])\n"
            }
            out += "harbormaster_admission_review_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} \(histogram.total)\n"
            out += "harbormaster_admission_review_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(histogram.sum)\n"
            out += "harbormaster_admission_review_duration_seconds_count{endpoint=\"\(endpoint)\"} \(histogram.total)\n"
        }
        family("harbormaster_admission_reviews_in_flight", "gauge", "Reviews being judged right now.")
        out += "harbormaster_admission_reviews_in_flight \(state.inFlight)\n"
        family("harbormaster_connections_open", "gauge", "Open client connections.")
        out += "harbormaster_connections_open \(state.openConnections)\n"
        family("harbormaster_connections_refused_total", "counter", "Connections closed at once because the connection cap was reached.")
        out += "harbormaster_connections_refused_total \(state.refusedConnections)\n"
        family("harbormaster_connection_timeouts_total", "counter", "Connections closed for a handshake, request, idle or write timeout.")
        out += "harbormaster_connection_timeouts_total \(state.timeouts)\n"
        family("harbormaster_tls_handshake_failures_total", "counter", "TLS handshakes that failed (bad client, plain HTTP, garbage).")
        out += "harbormaster_tls_handshake_failures_total \(state.handshakeFailures)\n"
        family("harbormaster_certificate_not_after_seconds", "gauge", "Expiry of the serving certificate, in seconds since the epoch.")
        out += "harbormaster_certificate_not_after_seconds \(state.certificateNotAfter.map { String(Int($0)) } ?? "NaN")\n"
        family("harbormaster_certificate_reloads_total", "counter", "Certificate reloads after the files changed, by result.")
        out += "harbormaster_certificate_reloads_total{result=\"success\"} \(state.certificateReloads[true] ?? 0)\n"
        out += "harbormaster_certificate_reloads_total{result=\"failure\"} \(state.certificateReloads[false] ?? 0)\n"
        return out
    }

    private static func escape(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
