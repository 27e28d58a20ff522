/// One client connection: its TLS session, its request parser, and where it is in the request/response cycle.
/// Owned and touched by exactly one event-loop thread.
final class Connection {
    enum Phase {
        case handshaking, reading, writing
    }

    let fileDescriptor: Int32
    let tls: TLSConnection
    var parser: HTTPRequestParser
    var phase: Phase = .handshaking
    var interest: Epoll.Interest = .read

    /// Bytes waiting to be written, and how far writing got.
    var output: [UInt8] = []
    var outputOffset = 0
    var closeAfterWrite = false

    /// When the connection is closed for inactivity or slowness (monotonic nanoseconds).
    var deadline: UInt64
    /// Set while a request is partly received, for the request timeout.
    var requestStarted: UInt64?
    var requestsServed = 0

    init(fileDescriptor: Int32, tls: TLSConnection, limits: HTTPRequestParser.Limits, deadline: UInt64) {
        self.fileDescriptor = fileDescriptor
        self.tls = tls
        self.parser = HTTPRequestParser(limits: limits)
        self.deadline = deadline
    }

    /// Idle: between requests, with nothing half-received or unsent. Such connections are closed first on drain.
    var isIdle: Bool { phase == .reading && requestStarted == nil && !parser.hasBufferedBytes && output.isEmpty }

    func queue(_ bytes: [UInt8], closeAfter: Bool) {
        output = bytes
        outputOffset = 0
        closeAfterWrite = closeAfter
        phase = .writing
    }
}
