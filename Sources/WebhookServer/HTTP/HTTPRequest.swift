/// The protocol versions the server speaks. Anything else is refused with 505 before a request exists.
public enum HTTPVersion: Sendable, Hashable {
    case http10, http11
}

/// One complete request: head and body, framing already checked by `HTTPRequestParser`.
public struct HTTPRequest: Sendable, Equatable {
    /// The method as sent; methods are case-sensitive (`POST`, not `post`).
    public var method: String
    /// The request target as sent: `/validate?timeout=10s`.
    public var target: String
    /// The target's path, without the query and not percent-decoded (routes are fixed ASCII paths): `/validate`.
    /// For an absolute-form target (`http://host/validate`) it is the path part; for `*` it is `*`.
    public var path: String
    /// What follows the first `?` of the target (`timeout=10s`), or nil when there is no `?`.
    public var query: String?
    /// The version from the request line.
    public var version: HTTPVersion
    /// The header fields, in the order received.
    public var headers: HTTPHeaders
    /// The body: exactly `Content-Length` bytes, or empty when there is no `Content-Length`.
    public var body: [UInt8]
    /// Whether the connection stays open after the response: HTTP/1.1 unless `Connection: close`, HTTP/1.0 only
    /// with `Connection: keep-alive`.
    public var keepAlive: Bool

    /// A request built in memory (tests, the `review` harness). `path` and `query` come from `target`; `keepAlive`,
    /// when nil, follows the version and the `Connection` header as for a parsed request.
    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        keepAlive: Bool? = nil
    ) {
        self.method = method
        self.target = target
        (path, query) = Self.pathAndQuery(of: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive ?? Self.defaultKeepAlive(version: version, headers: headers)
    }

    /// A request whose parts the parser has already worked out.
    init(
        method: String,
        target: String,
        path: String,
        query: String?,
        version: HTTPVersion,
        headers: HTTPHeaders,
        keepAlive: Bool
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = []
        self.keepAlive = keepAlive
    }

    /// Splits a request target into path and query (RFC 9112 §3.2). The target is not validated here.
    static func pathAndQuery(of target: String) -> (path: String, query: String?) {
        var target = target
        return target.withUTF8 { pathAndQuery(of: $0) }
    }

    /// Splits a request target into path and query, straight from the bytes of the request line.
    static func pathAndQuery(of target: UnsafeBufferPointer<UInt8>) -> (path: String, query: String?) {
        var pathStart = 0
        if let authorityStart = authorityStart(of: target) {
            // Absolute form: the path begins at the first `/` or `?` after the authority; it may be empty.
            pathStart =
                target[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
                ?? target.count
        }
        let mark = target[pathStart...].firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = UnsafeBufferPointer(rebasing: target[pathStart..<(mark ?? target.count)])
        let path = pathBytes.isEmpty ? "/" : String(decoding: pathBytes, as: UTF8.self)
        let query = mark.map { String(decoding: UnsafeBufferPointer(rebasing: target[($0 + 1)...]), as: UTF8.self) }
        return (path, query)
    }

    /// Where the authority begins if `target` is in absolute form (`http://` or `https://`, any case).
    static func authorityStart(of target: UnsafeBufferPointer<UInt8>) -> Int? {
        if HTTPSyntax.hasPrefix(target, ignoringCase: "http://") { return 7 }
        if HTTPSyntax.hasPrefix(target, ignoringCase: "https://") { return 8 }
        return nil
    }

    /// RFC 9112 §9.3: `close` in `Connection` always ends the connection; otherwise HTTP/1.1 stays open and
    /// HTTP/1.0 stays open only when it asked for `keep-alive`.
    static func defaultKeepAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        var close = false
        var keepAlive = false
        for option in headers.commaSeparatedValues(for: "Connection") {
            if HTTPSyntax.equalIgnoringASCIICase(option.utf8, "close".utf8) {
                close = true
            } else if HTTPSyntax.equalIgnoringASCIICase(option.utf8, "keep-alive".utf8) {
                keepAlive = true
            }
        }
        if close { return false }
        return version == .http11 || keepAlive
    }
}
