/// A request the parser refuses, with the HTTP status to answer it with. After one of these the connection is
/// answered (`HTTPResponse.error(status:message:)`) and closed: the framing can no longer be trusted.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code of the answer: 400, 411, 413, 414, 417, 431, 501 or 505.
    public let status: Int
    /// One line saying exactly what is wrong, safe to send back to the client and to log.
    public let message: String

    /// An error with any status and message.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// `431 Request Header Fields Too Large: header section exceeds 16384 bytes`.
    public var description: String {
        "\(status) \(HTTPResponse.reasonPhrase(status)): \(message)"
    }
}

// Every error the parser produces, in one place so that the wording stays consistent.
extension HTTPParseError {
    static func badRequest(_ message: String) -> HTTPParseError {
        HTTPParseError(status: 400, message: message)
    }

    static let malformedRequestLine = badRequest("malformed request line; expected METHOD SP target SP HTTP/1.1")
    static let invalidMethod = badRequest("invalid method; a method is a token such as POST")
    static let invalidTarget = badRequest("invalid request target; expected an absolute path such as /validate")
    static let malformedVersion = badRequest("malformed HTTP version; expected HTTP/1.1")
    static let obsoleteLineFolding = badRequest(
        "header line begins with whitespace (obsolete line folding is not allowed)"
    )
    static let fieldWithoutColon = badRequest("header line without a colon")
    static let whitespaceBeforeColon = badRequest("whitespace between a header name and its colon")
    static let invalidFieldName = badRequest("invalid header name; a header name is a token")

    static func invalidFieldValue(name: String) -> HTTPParseError {
        badRequest("invalid character in the value of header '\(clipped(name))'")
    }

    static let missingHost = badRequest("HTTP/1.1 request without a Host header")
    static let duplicateHost = badRequest("more than one Host header")
    static let duplicateContentLength = badRequest("more than one Content-Length header")
    static let invalidContentLength = badRequest("invalid Content-Length; expected one decimal number of bytes")
    static let transferEncodingInHTTP10 = badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request")
    static let transferEncodingNotChunked = badRequest(
        "Transfer-Encoding does not end in chunked, so the body length cannot be determined"
    )
    static let chunkedTwice = badRequest("Transfer-Encoding applies chunked more than once")

    static func requestLineTooLong(limit: Int) -> HTTPParseError {
        HTTPParseError(status: 414, message: "request line exceeds \(limit) bytes")
    }

    static func headerSectionTooLarge(limit: Int) -> HTTPParseError {
        HTTPParseError(status: 431, message: "header section exceeds \(limit) bytes")
    }

    static func tooManyHeaderFields(limit: Int) -> HTTPParseError {
        HTTPParseError(status: 431, message: "more than \(limit) header fields")
    }

    static func unsupportedVersion(_ version: String) -> HTTPParseError {
        HTTPParseError(status: 505, message: "\(version) is not supported; use HTTP/1.1")
    }

    static let chunkedBody = HTTPParseError(
        status: 411,
        message: "chunked transfer encoding is not supported; send a Content-Length body"
    )

    static func unsupportedTransferCoding(_ coding: String) -> HTTPParseError {
        HTTPParseError(status: 501, message: "transfer coding '\(clipped(coding))' is not implemented")
    }

    /// `digits` is the Content-Length as sent, so that a value too big for `Int` is still reported exactly.
    static func bodyTooLarge(digits: String, limit: Int) -> HTTPParseError {
        HTTPParseError(status: 413, message: "body of \(clipped(digits)) bytes exceeds the \(limit)-byte limit")
    }

    static func unsupportedExpectation(_ value: String) -> HTTPParseError {
        HTTPParseError(status: 417, message: "expectation '\(clipped(value))' is not supported; only 100-continue is")
    }
}

/// Client text quoted in a message is cut short: a header value may be kilobytes long, and messages end up in logs.
private func clipped(_ text: String) -> String {
    let limit = 40
    guard text.utf8.count > limit else { return text }
    return String(decoding: text.utf8.prefix(limit), as: UTF8.self) + "…"
}
