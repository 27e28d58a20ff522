import Foundation

@testable import WebhookServer

/// A test-only TLS server on 127.0.0.1: it accepts one connection, drives a non-blocking `TLSConnection` with
/// `poll()`, echoes what it reads and records how the session went.
final class TLSEchoServer: @unchecked Sendable {
    enum Mode {
        /// Echo the first chunk read, then send close_notify and close.
        case echoOnce
        /// Echo everything until the peer closes.
        case echoUntilClosed
    }

    /// What the server saw of one session.
    struct Session: Sendable {
        var handshake: TLSConnection.Status = .failed(TLSError(operation: "no connection accepted"))
        var end: TLSConnection.Status?
        var protocolVersion: String?
        var cipherName: String?
        var negotiatedALPN: String?
        var peerCertificateSubject: String?
        var echoedByteCount = 0
        var errorQueueEmpty = true

        var handshakeError: TLSError? {
            if case .failed(let error) = handshake { return error }
            return nil
        }
    }

    let port: UInt16
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var session = Session()

    init() throws {
        // The server under test ignores SIGPIPE process-wide; so must this test process.
        signal(SIGPIPE, SIG_IGN)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TLSTestFailure("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TLSTestFailure("bind/listen: errno \(errno)")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(listener) }

    /// Starts a thread that serves one connection with `context`.
    func start(context: TLSContext, mode: Mode = .echoOnce) {
        let thread = Thread { [self] in
            let result = serveOne(context: context, mode: mode)
            lock.withLock { session = result }
            finished.signal()
        }
        thread.start()
    }

    /// Waits for the session to end and returns what the server saw.
    func waitForSession(timeout: Double = 20) throws -> Session {
        guard finished.wait(timeout: .now() + timeout) == .success else { throw TLSTestFailure("server timed out") }
        return lock.withLock { session }
    }

    private func serveOne(context: TLSContext, mode: Mode) -> Session {
        var result = Session()
        guard Self.waitFor(listener, events: Int16(POLLIN)) else { return result }
        let fd = accept(listener, nil, nil)
        guard fd >= 0 else { return result }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let connection: TLSConnection
        do {
            connection = try TLSConnection(context: context, fileDescriptor: fd)
        } catch {
            result.handshake = .failed(error)
            return result
        }
        result.handshake = Self.drive(fd) { connection.handshake() }
        result.errorQueueEmpty = TLSError.errorQueueIsEmpty
        guard result.handshake == .done else { return result }
        result.protocolVersion = connection.protocolVersion
        result.cipherName = connection.cipherName
        result.negotiatedALPN = connection.negotiatedALPN
        result.peerCertificateSubject = connection.peerCertificateSubject
        result.end = echo(on: connection, fd: fd, mode: mode, count: &result.echoedByteCount)
        result.errorQueueEmpty = result.errorQueueEmpty && TLSError.errorQueueIsEmpty
        return result
    }

    private func echo(on connection: TLSConnection, fd: Int32, mode: Mode, count: inout Int) -> TLSConnection.Status {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var received = 0
            let readStatus = Self.drive(fd) {
                let (status, n) = buffer.withUnsafeMutableBytes { connection.read(into: $0) }
                received = n
                return status
            }
            guard readStatus == .done else { return readStatus }
            var offset = 0
            while offset < received {
                var sent = 0
                let writeStatus = Self.drive(fd) {
                    let (status, n) = buffer.withUnsafeBytes {
                        connection.write(UnsafeRawBufferPointer(rebasing: $0[offset..<received]))
                    }
                    sent = n
                    return status
                }
                guard writeStatus == .done else { return writeStatus }
                offset += sent
                count += sent
            }
            if mode == .echoOnce {
                connection.shutdown()
                return .done
            }
        }
    }

    /// Repeats `step` while it asks to wait, polling the socket for what it waits for (10 s at most each time).
    private static func drive(_ fd: Int32, _ step: () -> TLSConnection.Status) -> TLSConnection.Status {
        while true {
            let status = step()
            let events: Int16
            switch status {
            case .wantRead: events = Int16(POLLIN)
            case .wantWrite: events = Int16(POLLOUT)
            default: return status
            }
            guard waitFor(fd, events: events) else { return .failed(TLSError(operation: "test server timed out")) }
        }
    }

    private static func waitFor(_ fd: Int32, events: Int16) -> Bool {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        return poll(&descriptor, 1, 10_000) > 0
    }
}

extension TLSEchoServer.Session {
    /// The handshake error's text, or "" when the handshake did not fail.
    var handshakeErrorText: String { handshakeError?.description ?? "" }
}
