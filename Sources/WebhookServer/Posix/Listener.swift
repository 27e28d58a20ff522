import CLinux

#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket. Owns its descriptor; `close()` (or deinit) releases it.
final class Listener: @unchecked Sendable {
    let fileDescriptor: Int32
    let address: SocketAddress
    /// The port actually bound (differs from `address.port` when that was 0).
    let port: UInt16

    /// Kernel accept queue: bursts of new connections wait here rather than being refused.
    static let backlog: Int32 = 1024

    init(_ address: SocketAddress) throws(SystemCallError) {
        let domain = address.family == .ipv4 ? AF_INET : AF_INET6
        let fd = try systemCall("socket") { socket(domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        do throws(SystemCallError) {
            var on: Int32 = 1
            _ = try systemCall("setsockopt(SO_REUSEADDR)") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            if address.family == .ipv6 {
                // IPv6 sockets only, so that an IPv4 listener on the same port can coexist.
                _ = try systemCall("setsockopt(IPV6_V6ONLY)") {
                    setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
                }
            }
            let bound = address.withSockAddr { bind(fd, $0, $1) }
            if bound != 0 { throw SystemCallError(call: "bind \(address)", errno: errno) }
            _ = try systemCall("listen") { listen(fd, Listener.backlog) }
            port = try Listener.localPort(of: fd, family: address.family)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        fileDescriptor = fd
        self.address = address
    }

    /// Accepts one connection as a non-blocking, close-on-exec descriptor; nil when none is pending or the
    /// listener was shut down.
    func accept() -> Int32? {
        while true {
            let fd = CLinux_accept_nonblocking(fileDescriptor)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Wakes a thread blocked in `accept`/`poll` on this socket: `close()` alone does not reliably do that.
    func shutdown() {
        _ = Glibc.shutdown(fileDescriptor, Int32(SHUT_RDWR))
    }

    deinit {
        _ = Glibc.close(fileDescriptor)
    }

    private static func localPort(of fd: Int32, family: SocketAddress.Family) throws(SystemCallError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        if result != 0 { throw SystemCallError(call: "getsockname", errno: errno) }
        return withUnsafePointer(to: &storage) { pointer in
            family == .ipv4
                ? pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                : pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
        }
    }
}
