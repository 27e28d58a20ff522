import Foundation
import Logging

/// The HTTPS server: listeners, an accept thread, event-loop threads and a certificate watcher.
///
/// Threads, not Swift concurrency: every socket call here may block or spin, and the cooperative pool must never
/// be tied up by I/O. Each event loop owns its connections outright (epoll, non-blocking OpenSSL), so an idle
/// keep-alive connection costs a few kilobytes, not a thread, and a slow client delays nobody else.
public final class WebhookServer: @unchecked Sendable {
    private let context: ServerContext
    private let readiness: Readiness
    private var listeners: [Listener] = []
    private var loops: [EventLoop] = []
    private var acceptor: Acceptor?
    private var watcher: CertificateWatcher?

    public init(
        configuration: ServerConfiguration, certificates: CertificateStore, responder: any HTTPResponder,
        readiness: Readiness, logger: Logger, metrics: ServerMetrics
    ) {
        context = ServerContext(
            configuration: configuration, certificates: certificates, responder: responder, logger: logger,
            metrics: metrics
        )
        self.readiness = readiness
    }

    /// Binds every listen address and starts serving; returns the bound addresses (with real ports for port 0).
    /// Call `Signals.prepare()` first in a process that handles SIGTERM itself.
    @discardableResult
    public func start() throws(SystemCallError) -> [SocketAddress] {
        for address in context.configuration.listen {
            listeners.append(try Listener(address))
        }
        for index in 0..<context.configuration.eventLoops {
            loops.append(try EventLoop(index: index, context: context))
        }
        loops.forEach { $0.start() }
        let acceptor = Acceptor(listeners: listeners, loops: loops, context: context)
        acceptor.start()
        self.acceptor = acceptor
        let watcher = CertificateWatcher(context: context)
        watcher.start()
        self.watcher = watcher
        context.metrics.setCertificateNotAfter(context.certificates.current.certificateNotAfter)
        readiness.markReady()
        let bound = listeners.map { SocketAddress(host: $0.address.host, port: $0.port, family: $0.address.family) }
        context.logger.info("serving", metadata: [
            "listen": "\(bound.map(\.description).joined(separator: ","))",
            "eventLoops": "\(loops.count)",
            "certificate": "\(context.certificates.current.certificateSubject)",
        ])
        return bound
    }

    /// Graceful stop: `/readyz` turns 503, listeners close, idle connections close, in-flight requests finish
    /// (their responses carry `Connection: close`), then the loops exit, within the configured drain timeout.
    public func shutdown() {
        readiness.markDraining()
        acceptor?.stop()
        listeners.removeAll()
        loops.forEach { $0.beginDrain() }
        loops.forEach { $0.join() }
        watcher?.stop()
        context.logger.info("stopped")
    }

    public static func prepareSignals() { Signals.prepare() }

    /// Blocks the calling thread until SIGTERM or SIGINT; returns its name.
    public static func waitForTerminationSignal() -> String {
        Signals.waitForTermination() == SIGTERM ? "SIGTERM" : "SIGINT"
    }
}

#if canImport(Glibc)
import Glibc
#endif
