import CLinux

#if canImport(Glibc)
import Glibc
#endif

/// An epoll instance plus an eventfd that other threads write to wake its waiter.
final class Epoll {
    let fileDescriptor: Int32
    private let wakeDescriptor: Int32
    private var events: [epoll_event]

    /// The `data` value that marks the wake-up eventfd (descriptors are never negative).
    static let wakeToken: UInt64 = .max

    init(maxEvents: Int = 128) throws(SystemCallError) {
        fileDescriptor = try systemCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do throws(SystemCallError) {
            wakeDescriptor = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        } catch {
            _ = Glibc.close(fileDescriptor)
            throw error
        }
        events = Array(repeating: epoll_event(), count: maxEvents)
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: Epoll.wakeToken))
        _ = epoll_ctl(fileDescriptor, EPOLL_CTL_ADD, wakeDescriptor, &event)
    }

    deinit {
        _ = Glibc.close(wakeDescriptor)
        _ = Glibc.close(fileDescriptor)
    }

    enum Interest {
        case read, write

        var mask: UInt32 {
            // RDHUP reports a peer's half-close even when no data follows; errors and hang-ups are always reported.
            switch self {
            case .read: return EPOLLIN.rawValue | EPOLLRDHUP.rawValue
            case .write: return EPOLLOUT.rawValue | EPOLLRDHUP.rawValue
            }
        }
    }

    func add(_ fd: Int32, _ interest: Interest) throws(SystemCallError) {
        var event = epoll_event(events: interest.mask, data: epoll_data_t(u64: UInt64(fd)))
        _ = try systemCall("epoll_ctl(ADD)") { epoll_ctl(fileDescriptor, EPOLL_CTL_ADD, fd, &event) }
    }

    func modify(_ fd: Int32, _ interest: Interest) {
        var event = epoll_event(events: interest.mask, data: epoll_data_t(u64: UInt64(fd)))
        _ = epoll_ctl(fileDescriptor, EPOLL_CTL_MOD, fd, &event)
    }

    func remove(_ fd: Int32) {
        _ = epoll_ctl(fileDescriptor, EPOLL_CTL_DEL, fd, nil)
    }

    /// Waits up to `timeoutMilliseconds` and returns the ready tokens (descriptors, or `wakeToken`).
    func wait(timeoutMilliseconds: Int32) -> ArraySlice<UInt64> {
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(fileDescriptor, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        guard count > 0 else { return [] }
        var tokens: [UInt64] = []
        tokens.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            if events[index].data.u64 == Epoll.wakeToken {
                var counter: UInt64 = 0
                _ = read(wakeDescriptor, &counter, 8)
            }
            tokens.append(events[index].data.u64)
        }
        return tokens[...]
    }

    /// Wakes the thread in `wait`; safe from any thread.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }
}
