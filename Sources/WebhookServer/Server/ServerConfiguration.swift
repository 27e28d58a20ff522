/// How the server listens, how many threads it runs and how long it waits for slow or idle peers.
public struct ServerConfiguration: Sendable {
    public var listen: [SocketAddress]
    /// Event-loop threads; each owns its connections. Default: one per core.
    public var eventLoops: Int
    /// Connections past this many are accepted and closed at once, so the process never runs out of descriptors.
    public var maxConnections: Int
    /// Seconds a new connection has to complete the TLS handshake.
    public var handshakeTimeout: Double
    /// Seconds a request may take to arrive once its first byte did (slowloris bound). The API server's own
    /// webhook timeout is at most 30 s, so a request slower than this is already abandoned.
    public var requestTimeout: Double
    /// Seconds an idle keep-alive connection is kept. Longer than Go's client-side 90 s idle timeout, so that it is
    /// the API server that closes idle connections: a server-side close racing a new request costs the client a retry.
    public var idleTimeout: Double
    /// Seconds a response may take to drain to a client that stopped reading.
    public var writeTimeout: Double
    /// Seconds to finish in-flight requests after SIGTERM before closing what is left.
    public var drainTimeout: Double
    /// How often the certificate files are checked for changes.
    public var certificateCheckInterval: Double
    public var httpLimits: HTTPRequestParser.Limits

    public init(
        listen: [SocketAddress], eventLoops: Int = ServerConfiguration.defaultEventLoops, maxConnections: Int = 4096,
        handshakeTimeout: Double = 10, requestTimeout: Double = 30, idleTimeout: Double = 120, writeTimeout: Double = 30,
        drainTimeout: Double = 20, certificateCheckInterval: Double = 2, httpLimits: HTTPRequestParser.Limits = .init()
    ) {
        self.listen = listen
        self.eventLoops = max(1, eventLoops)
        self.maxConnections = maxConnections
        self.handshakeTimeout = handshakeTimeout
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.drainTimeout = drainTimeout
        self.certificateCheckInterval = certificateCheckInterval
        self.httpLimits = httpLimits
    }

    public static var defaultEventLoops: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

#if canImport(Glibc)
import Glibc
#endif
