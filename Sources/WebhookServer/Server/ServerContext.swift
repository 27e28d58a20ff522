import Logging

/// What every thread of the server shares: configuration, certificates, the responder, logs and metrics.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let certificates: CertificateStore
    let responder: any HTTPResponder
    let logger: Logger
    let metrics: ServerMetrics
    /// Open connections across all loops, for the connection cap.
    let openConnections = Locked(0)

    init(
        configuration: ServerConfiguration, certificates: CertificateStore, responder: any HTTPResponder,
        logger: Logger, metrics: ServerMetrics
    ) {
        self.configuration = configuration
        self.certificates = certificates
        self.responder = responder
        self.logger = logger
        self.metrics = metrics
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }
}
