/// Reads the head of one request (request line and header fields) line by line, as its bytes arrive.
///
/// Each call resumes where the previous one stopped, so that a head fed one byte at a time is still read in linear
/// time, and each line is parsed once, as soon as its line feed arrives. Errors therefore surface early: a bad
/// request line is refused before its headers arrive, a header flood as soon as it passes a limit.
///
/// Line endings: CRLF, and also a bare LF, which RFC 9112 §2.2 allows a recipient to accept (a CR before the LF is
/// then ignored). Go's `net/http` and nginx accept both; kube-apiserver always sends CRLF. A bare CR anywhere else is
/// a control character and refused.
struct HTTPHeadScanner {
    struct RequestLine {
        var method: String
        var target: String
        var path: String
        var query: String?
        var version: HTTPVersion
    }

    /// Offsets are relative to the first byte of the head; bytes before `scanned` hold no unprocessed line feed.
    private var scanned = 0
    private var lineStart = 0
    private(set) var requestLine: RequestLine?
    private(set) var headers = HTTPHeaders(reservingCapacity: 16)
    private(set) var framingFields = HTTPFramingFields()

    /// Scans `bytes`, which start with the head and hold everything received so far. Returns the length of the head
    /// including the empty line that ends it, or nil while that line has not arrived.
    mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: HTTPRequestParser.Limits
    ) throws(HTTPParseError) -> Int? {
        var index = scanned
        while let lineFeed = HTTPSyntax.firstLineFeed(in: bytes, from: index) {
            let lineEnd = lineFeed + 1
            try checkSize(lineEnd, limits: limits)
            var contentEnd = lineFeed
            if contentEnd > lineStart && bytes[contentEnd - 1] == HTTPSyntax.carriageReturn {
                contentEnd -= 1
            }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd])
            if !line.isEmpty {
                try process(line, limits: limits)
            } else if requestLine != nil {
                scanned = lineEnd
                return lineEnd
            }
            // An empty line before the request line is skipped (RFC 9112 §2.2); it still counts toward the limit.
            lineStart = lineEnd
            index = lineEnd
        }
        scanned = bytes.count
        try checkSize(bytes.count, limits: limits)
        return nil
    }

    /// Refuses a head that has grown past the limit, whether or not its end has arrived (header flood).
    private func checkSize(_ size: Int, limits: HTTPRequestParser.Limits) throws(HTTPParseError) {
        guard size > limits.maxHeaderBytes else { return }
        if requestLine == nil && size - lineStart > limits.maxHeaderBytes {
            throw .requestLineTooLong(limit: limits.maxHeaderBytes)
        }
        throw .headerSectionTooLarge(limit: limits.maxHeaderBytes)
    }

    private mutating func process(
        _ line: UnsafeBufferPointer<UInt8>,
        limits: HTTPRequestParser.Limits
    ) throws(HTTPParseError) {
        guard requestLine != nil else {
            requestLine = try Self.parseRequestLine(line)
            return
        }
        guard headers.count < limits.maxHeaderCount else {
            throw .tooManyHeaderFields(limit: limits.maxHeaderCount)
        }
        let (name, value) = try Self.parseField(line)
        let valueText = String(decoding: value, as: UTF8.self)
        framingFields.note(name: name, value: valueText)
        headers.append(name: String(decoding: name, as: UTF8.self), value: valueText)
    }

    /// `method SP request-target SP HTTP-version`, single spaces only (RFC 9112 §3).
    static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> RequestLine {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space),
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: HTTPSyntax.space)
        else {
            throw .malformedRequestLine
        }
        let method = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        guard HTTPSyntax.isToken(method) else { throw .invalidMethod }
        let target = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...]))
        guard isValidTarget(target, method: method) else { throw .invalidTarget }
        let (path, query) = HTTPRequest.pathAndQuery(of: target)
        return RequestLine(
            method: String(decoding: method, as: UTF8.self),
            target: String(decoding: target, as: UTF8.self),
            path: path,
            query: query,
            version: version
        )
    }

    /// `HTTP/1.0` and `HTTP/1.1`; a higher 1.x minor version is served as 1.1 (RFC 9110 §2.5, as Go does); any other
    /// major version gets 505. The name `HTTP` is case-sensitive.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"),
            bytes[2] == UInt8(ascii: "T"), bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/"),
            bytes[6] == UInt8(ascii: "."),
            let major = digitValue(bytes[5]), let minor = digitValue(bytes[7])
        else {
            throw .malformedVersion
        }
        guard major == 1 else { throw .unsupportedVersion(String(decoding: bytes, as: UTF8.self)) }
        return minor == 0 ? .http10 : .http11
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? Int(value) : nil
    }

    /// Origin form (`/validate?x`), absolute form (`http://host/validate`), or `*` for OPTIONS (RFC 9112 §3.2).
    /// Authority form belongs to CONNECT, which a webhook never serves.
    private static func isValidTarget(
        _ target: UnsafeBufferPointer<UInt8>,
        method: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard let first = target.first, target.allSatisfy(HTTPSyntax.isTargetCharacter) else { return false }
        if first == UInt8(ascii: "/") { return true }
        if target.count == 1 && first == UInt8(ascii: "*") { return method.elementsEqual("OPTIONS".utf8) }
        return HTTPRequest.authorityStart(of: target) != nil
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5): the name and the value without surrounding whitespace.
    static func parseField(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        // A line that starts with whitespace continues the previous one (obs-fold) or, right after the request
        // line, hides a header from some parsers; RFC 9112 §5.2 and §2.2 allow refusing both.
        if let first = line.first, HTTPSyntax.isWhitespace(first) { throw .obsoleteLineFolding }
        // One pass over the name: it ends at the first byte that is not a token character, which must be the colon.
        var colon = 0
        while colon < line.count && HTTPSyntax.isTokenCharacter(line[colon]) {
            colon += 1
        }
        let name = UnsafeBufferPointer(rebasing: line[..<colon])
        guard colon < line.count, line[colon] == HTTPSyntax.colon, !name.isEmpty else {
            guard let realColon = line.firstIndex(of: HTTPSyntax.colon) else { throw .fieldWithoutColon }
            // RFC 9112 §5.1 requires 400 here: `Content-Length : 5` is a classic request-smuggling trick.
            let before = line[..<realColon]
            throw before.contains(where: HTTPSyntax.isWhitespace) ? .whitespaceBeforeColon : .invalidFieldName
        }
        let value = UnsafeBufferPointer(rebasing: HTTPSyntax.trimmingWhitespace(line[(colon + 1)...]))
        for byte in value where !HTTPSyntax.isFieldValueCharacter(byte) {
            throw .invalidFieldValue(name: String(decoding: name, as: UTF8.self))
        }
        return (name, value)
    }
}
