#if canImport(Glibc)
import Glibc
#endif

/// A listen address: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` (all IPv4 interfaces). Numeric hosts only, plus
/// `localhost` (both 127.0.0.1 and ::1): a webhook binds addresses, it never resolves names.
public struct SocketAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Family: Sendable { case ipv4, ipv6 }

    public let host: String
    public let port: UInt16
    public let family: Family

    /// Parses one address; `localhost` expands to two.
    public static func parse(_ text: String) throws(SystemCallError) -> [SocketAddress] {
        let invalid = SystemCallError(call: "parse listen address '\(text)'", errno: EINVAL)
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { throw invalid }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw invalid }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else { throw invalid }
        if host.isEmpty { host = "0.0.0.0" }
        if host == "localhost" {
            return [SocketAddress(host: "127.0.0.1", port: port, family: .ipv4), SocketAddress(host: "::1", port: port, family: .ipv6)]
        }
        var probe4 = in_addr()
        var probe6 = in6_addr()
        if inet_pton(AF_INET, String(host), &probe4) == 1 { return [SocketAddress(host: String(host), port: port, family: .ipv4)] }
        if inet_pton(AF_INET6, String(host), &probe6) == 1 { return [SocketAddress(host: String(host), port: port, family: .ipv6)] }
        throw invalid
    }

    public var description: String { family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with this address as a `sockaddr` of the right length.
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch family {
        case .ipv4:
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            _ = inet_pton(AF_INET, host, &address.sin_addr)
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6:
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            _ = inet_pton(AF_INET6, host, &address.sin6_addr)
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }
}
