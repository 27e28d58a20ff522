import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One thread that waits on every listener and deals new connections to the event loops in turn. Past the
/// connection cap it closes new connections at once: the client sees a clean close instead of a hang.
final class Acceptor: @unchecked Sendable {
    private let listeners: [Listener]
    private let loops: [EventLoop]
    private let context: ServerContext
    private let stopping = Locked(false)
    private let finished = DispatchSemaphore(value: 0)
    private var nextLoop = 0

    init(listeners: [Listener], loops: [EventLoop], context: ServerContext) {
        self.listeners = listeners
        self.loops = loops
        self.context = context
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "harbormaster-accept"
        thread.start()
    }

    /// Stops accepting: `shutdown` wakes the thread out of `poll`; the listening sockets close with the listeners.
    func stop() {
        stopping.withValue { $0 = true }
        listeners.forEach { $0.shutdown() }
        finished.wait()
    }

    private func run() {
        var descriptors = listeners.map { pollfd(fd: $0.fileDescriptor, events: Int16(POLLIN), revents: 0) }
        while !stopping.current {
            let ready = poll(&descriptors, nfds_t(descriptors.count), 500)
            guard ready > 0 else { continue }
            for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                while !stopping.current, let fd = listeners[index].accept() {
                    admit(fd)
                }
            }
        }
    }

    private func admit(_ fd: Int32) {
        let admitted = context.openConnections.withValue { open -> Bool in
            guard open < context.configuration.maxConnections else { return false }
            open += 1
            return true
        }
        guard admitted else {
            _ = Glibc.close(fd)
            context.metrics.recordRefusedConnection()
            return
        }
        // Responses go out in one write; Nagle's algorithm would only delay them.
        var on: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        loops[nextLoop].adopt(fd)
        nextLoop = (nextLoop + 1) % loops.count
    }
}
