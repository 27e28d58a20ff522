/// How the body of a request is delimited, decided from its head alone (RFC 9112 §6.3), before any body byte is
/// read: that is what lets an oversized body be refused with 413 while the client is still waiting to send it.
///
/// Only `Content-Length` bodies are supported. A request with neither `Content-Length` nor `Transfer-Encoding` has
/// no body (RFC 9112 §6.3, rule 7), whatever its method: a POST without a length parses as a request with an empty
/// body, and the endpoint answers it 400 like any other empty review, which says more than 411 would.
struct HTTPMessageFraming {
    /// The number of body bytes that follow the head.
    var contentLength: Int
    /// True when the client waits for `100 Continue` before sending a body it has not sent yet.
    var expectsContinue: Bool
    /// Whether the connection stays open after the response.
    var keepAlive: Bool

    init(
        version: HTTPVersion,
        headers: HTTPHeaders,
        fields: HTTPFramingFields,
        limits: HTTPRequestParser.Limits
    ) throws(HTTPParseError) {
        try Self.checkHost(version: version, count: fields.hostCount)
        if fields.hasTransferEncoding {
            throw Self.transferEncodingError(version: version, headers: headers)
        }
        guard fields.contentLengthCount <= 1 else { throw .duplicateContentLength }
        if let digits = fields.contentLength {
            contentLength = try Self.contentLength(digits, limit: limits.maxBodyBytes)
        } else {
            contentLength = 0
        }
        let expectations = fields.hasExpect ? try Self.expectsContinue(version: version, headers: headers) : false
        expectsContinue = expectations && contentLength > 0
        keepAlive =
            fields.hasConnection
            ? HTTPRequest.defaultKeepAlive(version: version, headers: headers) : version == .http11
    }

    /// RFC 9112 §3.2: an HTTP/1.1 request without `Host`, or any request with two, must get 400.
    private static func checkHost(version: HTTPVersion, count: Int) throws(HTTPParseError) {
        switch count {
        case 0 where version == .http11: throw .missingHost
        case 0, 1: return
        default: throw .duplicateHost
        }
    }

    /// Every request with `Transfer-Encoding` is refused; this picks the most useful status (RFC 9112 §6.1, §6.3):
    /// plain `chunked`, which curl and some clients send for streamed bodies, gets 411 asking for a Content-Length;
    /// a coding we do not know in front of `chunked` gets 501; a list that does not end in `chunked` (so the body
    /// length is unknowable), or any Transfer-Encoding in HTTP/1.0, gets 400.
    private static func transferEncodingError(version: HTTPVersion, headers: HTTPHeaders) -> HTTPParseError {
        guard version == .http11 else { return .transferEncodingInHTTP10 }
        let codings = headers.commaSeparatedValues(for: "Transfer-Encoding")
        guard let last = codings.last, isChunked(last) else { return .transferEncodingNotChunked }
        guard let earlier = codings.dropLast().first else { return .chunkedBody }
        return isChunked(earlier) ? .chunkedTwice : .unsupportedTransferCoding(earlier)
    }

    private static func isChunked(_ coding: String) -> Bool {
        HTTPSyntax.equalIgnoringASCIICase(coding.utf8, "chunked".utf8)
    }

    /// One `Content-Length` of decimal digits; the caller has refused duplicates, even equal ones (RFC 9112 §6.3
    /// allows either), since a webhook client never sends two and disagreeing framing is how requests get smuggled.
    private static func contentLength(_ digits: String, limit: Int) throws(HTTPParseError) -> Int {
        guard !digits.isEmpty else { throw .invalidContentLength }
        var length = 0
        var tooLarge = false
        for byte in digits.utf8 {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { throw .invalidContentLength }
            guard !tooLarge else { continue }
            // Past the limit the exact value no longer matters; stop before it can overflow.
            let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit))
            length = sum
            tooLarge = overflow1 || overflow2 || sum > limit
        }
        guard !tooLarge else { throw .bodyTooLarge(digits: digits, limit: limit) }
        return length
    }

    /// RFC 9110 §10.1.1: `100-continue` is the only expectation; others get 417. HTTP/1.0 clients cannot receive a
    /// 1xx response, so their expectation is ignored.
    private static func expectsContinue(version: HTTPVersion, headers: HTTPHeaders) throws(HTTPParseError) -> Bool {
        guard version == .http11 else { return false }
        let expectations = headers.commaSeparatedValues(for: "Expect")
        for expectation in expectations
        where !HTTPSyntax.equalIgnoringASCIICase(expectation.utf8, "100-continue".utf8) {
            throw .unsupportedExpectation(expectation)
        }
        return !expectations.isEmpty
    }
}
