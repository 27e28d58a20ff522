/// An incremental HTTP/1.1 request parser: bytes in, requests out, no I/O.
///
/// The connection feeds it whatever each read produced (`append`), then calls `next()` until it answers nil:
///
///     parser.append(bytesJustRead)
///     while let event = try parser.next() {
///         switch event {
///         case .continueExpected: write(HTTPResponse.continueBytes)
///         case .request(let request): respond to it; stop reading if !request.keepAlive
///         }
///     }
///
/// A thrown `HTTPParseError` carries the status to answer before closing; the parser then throws the same error on
/// every later call. Bodies are `Content-Length` only (`HTTPMessageFraming` says why and what else is refused).
///
/// Cost: the head is scanned once, resuming where the previous `next()` stopped, and each body byte is copied once
/// into the request (body bytes that arrive after the head go straight into it).
public struct HTTPRequestParser: Sendable {
    /// Bounds on what one request may make the server hold in memory.
    public struct Limits: Sendable {
        /// controller-runtime's `maxRequestSize` reasoning (pkg/webhook/admission/http.go): etcd refuses requests
        /// over 1.5 MB, so one object is at most about that; an UPDATE review carries `object` and `oldObject`, plus
        /// the review envelope, and JSON escaping can grow each; rounded up to 7 MiB.
        public static let defaultMaxBodyBytes = 7 * 1024 * 1024

        /// The most bytes of request line, header fields and line endings before the empty line; more is 431
        /// (414 when the request line alone is that long). The 16 KiB default is far above what kube-apiserver sends
        /// (about 300 bytes) and at the low end of common servers (nginx 8 KiB per line, Go 1 MiB).
        public var maxHeaderBytes: Int
        /// The most header fields; more is 431. kube-apiserver sends about 6.
        public var maxHeaderCount: Int
        /// The largest `Content-Length` accepted; a larger one is 413 as soon as the head is read.
        public var maxBodyBytes: Int

        /// Limits for a webhook server; the defaults suit kube-apiserver.
        public init(
            maxHeaderBytes: Int = 16 * 1024,
            maxHeaderCount: Int = 100,
            maxBodyBytes: Int = Limits.defaultMaxBodyBytes
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// What `next()` found.
    public enum Event: Sendable, Equatable {
        /// The client sent `Expect: 100-continue` and waits: write `HTTPResponse.continueBytes`, keep reading.
        /// Comes at most once per request, after its head and before `.request`.
        case continueExpected
        /// A complete request.
        case request(HTTPRequest)
    }

    /// The limits this parser enforces.
    public let limits: Limits

    // Received bytes not yet part of a request; those before `readIndex` are consumed and dropped lazily.
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var head = HTTPHeadScanner()
    // A request whose head is read and whose body is still arriving, and how many body bytes it still needs.
    private var pending: HTTPRequest?
    private var bodyRemaining = 0
    private var failure: HTTPParseError?

    /// Body bytes reserved up front: enough for any ordinary review in one allocation, while a client that
    /// announces 7 MiB and sends nothing pins no more than this.
    private static let initialBodyCapacity = 1024 * 1024
    /// Above this, an emptied buffer gives its storage back rather than keep it for an idle connection.
    private static let retainedBufferCapacity = 64 * 1024

    /// A parser at the start of a connection.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// True while a request is partly received (or complete requests wait in the buffer): the connection is not
    /// idle, so a read timeout applies rather than the keep-alive idle timeout.
    public var hasBufferedBytes: Bool {
        pending != nil || readIndex < buffer.count
    }

    /// Appends received bytes, whatever their number; parsing happens in `next()`. Ignored once `next()` has thrown.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        // After an error the connection only waits to be closed; buffering more would just grow memory.
        guard failure == nil else { return }
        bytes.withMemoryRebound(to: UInt8.self) { bytes in
            var rest = bytes[...]
            if bodyRemaining > 0 {
                // Body bytes go straight into the pending request, so they are copied only once.
                let taken = rest.prefix(bodyRemaining)
                pending?.body.append(contentsOf: UnsafeBufferPointer(rebasing: taken))
                bodyRemaining -= taken.count
                rest = rest[taken.endIndex...]
            }
            guard !rest.isEmpty else { return }
            dropConsumedBytesIfWorthwhile()
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: rest))
        }
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next event, or nil when more bytes are needed. Requests pipelined in one read come out one call at a
    /// time, in order; the bytes after a request stay buffered for the next call.
    public mutating func next() throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> Event? {
        if pending != nil {
            return bodyRemaining == 0 ? takePending() : nil
        }
        let headLength = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try head.scan(UnsafeBufferPointer(rebasing: bytes[readIndex...]), limits: limits)
        }
        guard let headLength, let line = head.requestLine else { return nil }
        let headers = head.headers
        let fields = head.framingFields
        head = HTTPHeadScanner()
        let framing = try HTTPMessageFraming(version: line.version, headers: headers, fields: fields, limits: limits)
        readIndex += headLength
        var request = HTTPRequest(
            method: line.method,
            target: line.target,
            path: line.path,
            query: line.query,
            version: line.version,
            headers: headers,
            keepAlive: framing.keepAlive
        )
        let available = buffer.count - readIndex
        if available >= framing.contentLength {
            request.body = Array(buffer[readIndex..<(readIndex + framing.contentLength)])
            readIndex += framing.contentLength
            releaseBufferIfEmpty()
            return .request(request)
        }
        request.body.reserveCapacity(min(framing.contentLength, Self.initialBodyCapacity))
        request.body.append(contentsOf: buffer[readIndex...])
        readIndex = buffer.count
        releaseBufferIfEmpty()
        pending = request
        bodyRemaining = framing.contentLength - available
        return framing.expectsContinue ? .continueExpected : nil
    }

    private mutating func takePending() -> Event? {
        guard let request = pending else { return nil }
        pending = nil
        return .request(request)
    }

    private mutating func releaseBufferIfEmpty() {
        guard readIndex == buffer.count else { return }
        readIndex = 0
        if buffer.capacity > Self.retainedBufferCapacity {
            buffer = []
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Shifts unconsumed bytes to the front once the consumed prefix is at least as long as they are, so the
    /// shifting costs at most as many bytes as were consumed: linear overall, even for many pipelined requests.
    private mutating func dropConsumedBytesIfWorthwhile() {
        guard readIndex > 0, readIndex >= buffer.count - readIndex else { return }
        buffer.removeSubrange(..<readIndex)
        readIndex = 0
    }
}
