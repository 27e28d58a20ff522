import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// One thread with one epoll instance and the connections it owns. Connections never move between loops, so
/// their state needs no locks; only the inbox of newly accepted descriptors and the drain flag are shared.
final class EventLoop: @unchecked Sendable {
    let index: Int
    private let context: ServerContext
    private let epoll: Epoll
    private let inbox = Locked<[Int32]>([])
    private let drainRequested = Locked(false)
    private let finished = DispatchSemaphore(value: 0)

    // Loop-thread state.
    private var connections: [Int32: Connection] = [:]
    private var draining = false
    private var drainDeadline: UInt64 = 0
    /// Deadlines are checked every 100 ms, not on every wake-up: timeouts are whole seconds, and scanning every
    /// connection per event would cost more than serving it.
    private static let sweepInterval: UInt64 = 100_000_000
    private var nextSweep: UInt64 = 0
    /// One read buffer per loop: TLS records are decrypted into it, then copied into the request parser.
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(index: Int, context: ServerContext) throws(SystemCallError) {
        self.index = index
        self.context = context
        epoll = try Epoll()
    }

    deinit {
        readBuffer.deallocate()
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "harbormaster-loop-\(index)"
        thread.start()
    }

    /// Hands a freshly accepted descriptor to this loop (called from the accept thread).
    func adopt(_ fileDescriptor: Int32) {
        inbox.withValue { $0.append(fileDescriptor) }
        epoll.wake()
    }

    /// Stop taking new requests on idle connections, finish in-flight ones, then exit the thread.
    func beginDrain() {
        drainRequested.withValue { $0 = true }
        epoll.wake()
    }

    /// Waits until the loop thread has exited.
    func join() { finished.wait() }

    private func run() {
        while true {
            let now = MonotonicClock.now()
            let timeout = Int32(min(250, nextSweep > now ? (nextSweep - now) / 1_000_000 + 1 : 0))
            for token in epoll.wait(timeoutMilliseconds: timeout) {
                if token == Epoll.wakeToken {
                    adoptInbox()
                } else if let connection = connections[Int32(truncatingIfNeeded: token)] {
                    service(connection)
                }
            }
            let after = MonotonicClock.now()
            if !draining, drainRequested.current { startDraining(now: after) }
            if after >= nextSweep {
                expireDeadlines(now: after)
                nextSweep = after + EventLoop.sweepInterval
            }
            if draining, connections.isEmpty || after >= drainDeadline {
                for connection in Array(connections.values) { close(connection, reason: "drain timeout") }
                return
            }
        }
    }

    private func adoptInbox() {
        let adopted = inbox.withValue { fds -> [Int32] in
            defer { fds.removeAll() }
            return fds
        }
        let now = MonotonicClock.now()
        for fd in adopted {
            let connection: Connection
            do {
                let tls = try TLSConnection(context: context.certificates.current, fileDescriptor: fd)
                connection = Connection(
                    fileDescriptor: fd, tls: tls, limits: context.configuration.httpLimits,
                    deadline: now + ServerContext.nanoseconds(context.configuration.handshakeTimeout)
                )
                try epoll.add(fd, .read)
            } catch {
                context.logger.warning("cannot start connection", metadata: ["error": "\(error)"])
                release(fd)
                continue
            }
            connections[fd] = connection
            if draining { close(connection, reason: "draining") } else { service(connection) }
        }
    }

    /// Drives one connection as far as it can go without blocking.
    private func service(_ connection: Connection) {
        while true {
            switch connection.phase {
            case .handshaking:
                guard handshake(connection) else { return }
            case .reading:
                guard read(connection) else { return }
            case .writing:
                guard write(connection) else { return }
            }
        }
    }

    /// Each step returns true to keep driving the connection, false when it waits for the socket or was closed.
    private func handshake(_ connection: Connection) -> Bool {
        switch connection.tls.handshake() {
        case .done:
            connection.phase = .reading
            connection.deadline = MonotonicClock.now() + ServerContext.nanoseconds(context.configuration.idleTimeout)
            return true
        case .wantRead: return wait(connection, for: .read)
        case .wantWrite: return wait(connection, for: .write)
        case .closed:
            close(connection, reason: "closed during TLS handshake")
            return false
        case .failed(let error):
            context.metrics.recordHandshakeFailure()
            context.logger.debug("TLS handshake failed", metadata: ["error": "\(error)"])
            close(connection, reason: "TLS handshake failed")
            return false
        }
    }

    private func read(_ connection: Connection) -> Bool {
        do {
            if let event = try connection.parser.next() {
                handle(event, on: connection)
                return true
            }
        } catch {
            let response = HTTPResponse.error(status: error.status, message: error.message)
            connection.queue(response.serialized(keepAlive: false), closeAfter: true)
            context.metrics.recordHTTP(endpoint: "(invalid)", status: error.status)
            return true
        }
        let (status, count) = connection.tls.read(into: readBuffer)
        switch status {
        case .done:
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]))
            if connection.requestStarted == nil {
                let now = MonotonicClock.now()
                connection.requestStarted = now
                connection.deadline = now + ServerContext.nanoseconds(context.configuration.requestTimeout)
            }
            return true
        case .wantRead: return wait(connection, for: .read)
        case .wantWrite: return wait(connection, for: .write)
        case .closed:
            close(connection, reason: "peer closed")
            return false
        case .failed(let error):
            context.logger.debug("TLS read failed", metadata: ["error": "\(error)"])
            close(connection, reason: "TLS read failed")
            return false
        }
    }

    private func handle(_ event: HTTPRequestParser.Event, on connection: Connection) {
        switch event {
        case .continueExpected:
            connection.queue(HTTPResponse.continueBytes, closeAfter: false)
        case .request(let request):
            let response = context.responder.respond(to: request)
            let keepAlive = request.keepAlive && !draining
            connection.requestsServed += 1
            connection.queue(response.serialized(keepAlive: keepAlive, version: request.version), closeAfter: !keepAlive)
        }
    }

    private func write(_ connection: Connection) -> Bool {
        let (status, count) = connection.output.withUnsafeBytes { bytes in
            connection.tls.write(UnsafeRawBufferPointer(rebasing: bytes[connection.outputOffset...]))
        }
        switch status {
        case .done:
            connection.outputOffset += count
            guard connection.outputOffset >= connection.output.count else { return true }
            connection.output = []
            connection.outputOffset = 0
            if connection.closeAfterWrite {
                connection.tls.shutdown()
                close(connection, reason: "response sent with Connection: close")
                return false
            }
            connection.phase = .reading
            let now = MonotonicClock.now()
            if connection.parser.hasBufferedBytes {
                connection.requestStarted = now
                connection.deadline = now + ServerContext.nanoseconds(context.configuration.requestTimeout)
            } else {
                connection.requestStarted = nil
                connection.deadline = now + ServerContext.nanoseconds(context.configuration.idleTimeout)
                if draining {
                    close(connection, reason: "draining")
                    return false
                }
            }
            return true
        case .wantWrite:
            connection.deadline = MonotonicClock.now() + ServerContext.nanoseconds(context.configuration.writeTimeout)
            return wait(connection, for: .write)
        case .wantRead: return wait(connection, for: .read)
        case .closed:
            close(connection, reason: "peer closed while writing")
            return false
        case .failed(let error):
            context.logger.debug("TLS write failed", metadata: ["error": "\(error)"])
            close(connection, reason: "TLS write failed")
            return false
        }
    }

    private func wait(_ connection: Connection, for interest: Epoll.Interest) -> Bool {
        if connection.interest != interest {
            epoll.modify(connection.fileDescriptor, interest)
            connection.interest = interest
        }
        return false
    }

    private func startDraining(now: UInt64) {
        draining = true
        drainDeadline = now + ServerContext.nanoseconds(context.configuration.drainTimeout)
        for connection in Array(connections.values) where connection.isIdle || connection.phase == .handshaking {
            close(connection, reason: "draining")
        }
    }

    private func expireDeadlines(now: UInt64) {
        for connection in connections.values.filter({ $0.deadline <= now }) {
            let reason: String
            switch connection.phase {
            case .handshaking: reason = "TLS handshake timeout"
            case .reading: reason = connection.requestStarted == nil ? "idle timeout" : "request read timeout"
            case .writing: reason = "write timeout"
            }
            context.metrics.recordTimeout()
            close(connection, reason: reason)
        }
    }

    /// Removes the connection from every table before closing its descriptor: the kernel reuses numbers at once.
    private func close(_ connection: Connection, reason: String) {
        let fd = connection.fileDescriptor
        epoll.remove(fd)
        connections[fd] = nil
        context.logger.trace("connection closed", metadata: ["reason": "\(reason)", "requests": "\(connection.requestsServed)"])
        release(fd)
    }

    private func release(_ fd: Int32) {
        _ = Glibc.close(fd)
        context.openConnections.withValue { $0 -= 1 }
        context.metrics.setOpenConnections(context.openConnections.current)
    }
}
