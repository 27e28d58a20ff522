import AdmissionCore

/// A response to write: status, header fields and a whole body (every answer of the webhook is small and complete).
///
/// The framing headers belong to `serialized(keepAlive:version:)`: it always writes `Content-Length` and, when the
/// connection is to close, `Connection: close`; `Content-Length` and `Connection` fields in `headers` are skipped.
public struct HTTPResponse: Sendable {
    /// The status code, 100...599; anything else is written as 500.
    public var status: Int
    /// Header fields in the order they are written, `Content-Type` first when the initializer was given one.
    public var headers: [(String, String)]
    /// The body, written as is.
    public var body: [UInt8]

    /// The interim response to `Expect: 100-continue`, written before the body is read.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// A response with a `Content-Type` field (none when `contentType` is nil) followed by `headers`.
    public init(
        status: Int,
        contentType: String? = "application/json",
        body: [UInt8],
        headers: [(String, String)] = []
    ) {
        self.status = status
        self.body = body
        self.headers = (contentType.map { [("Content-Type", $0)] } ?? []) + headers
    }

    /// A JSON body, already encoded.
    public static func json(status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, body: body)
    }

    /// The contract's error answer: `{"error":"<message>"}` with the message escaped as a JSON string.
    public static func error(status: Int, message: String) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(message.utf8.count + 16)
        body.append(contentsOf: #"{"error":"#.utf8)
        JSONWriter.writeString(message, into: &body)
        body.append(UInt8(ascii: "}"))
        return json(status: status, body)
    }

    /// The answer to a request the parser refused.
    public static func error(_ error: HTTPParseError) -> HTTPResponse {
        self.error(status: error.status, message: error.message)
    }

    /// The whole response in one buffer, ready for one write: status line, `headers`, `Content-Length`,
    /// `Connection`, an empty line and the body. No `Date` field: responses are not cached and the clock stays out
    /// of this layer.
    ///
    /// `Connection: close` is written when `keepAlive` is false; `Connection: keep-alive` when it is true and the
    /// request was HTTP/1.0, whose clients close unless the response says otherwise (RFC 9112 §9.3). A 1xx, 204 or
    /// 304 response has no body and no `Content-Length` (RFC 9110 §8.6, §6.4.1).
    public func serialized(keepAlive: Bool, version: HTTPVersion = .http11) -> [UInt8] {
        let status = (100...599).contains(status) ? status : 500
        let hasBody = !(status < 200 || status == 204 || status == 304)
        var output: [UInt8] = []
        output.reserveCapacity(128 + body.count + headers.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 })
        Self.write("HTTP/1.1 ", into: &output)
        Self.writeDecimal(status, into: &output)
        output.append(HTTPSyntax.space)
        Self.writeText(Self.reasonPhrase(status), into: &output)
        Self.write("\r\n", into: &output)
        for (name, value) in headers where !Self.isFramingField(name) {
            Self.writeText(name, into: &output)
            Self.write(": ", into: &output)
            Self.writeText(value, into: &output)
            Self.write("\r\n", into: &output)
        }
        if hasBody {
            Self.write("Content-Length: ", into: &output)
            Self.writeDecimal(body.count, into: &output)
            Self.write("\r\n", into: &output)
        }
        if !keepAlive {
            Self.write("Connection: close\r\n", into: &output)
        } else if version == .http10 {
            Self.write("Connection: keep-alive\r\n", into: &output)
        }
        Self.write("\r\n", into: &output)
        if hasBody {
            output.append(contentsOf: body)
        }
        return output
    }

    private static func isFramingField(_ name: String) -> Bool {
        HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Connection")
            || HTTPHeaders.namesMatch(name, "Transfer-Encoding")
    }

    /// Constant text, copied in one go.
    private static func write(_ text: StaticString, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A header name or value. Control characters (in a value built from request data, say) become spaces, so
    /// that no field can end its line early and inject headers or a second response.
    private static func writeText(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Nearly always clean: check first, then copy in one go.
            guard bytes.allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
                output.append(
                    contentsOf: bytes.lazy.map { HTTPSyntax.isFieldValueCharacter($0) ? $0 : HTTPSyntax.space })
                return
            }
            output.append(contentsOf: bytes)
        }
    }

    /// A non-negative number in decimal, without going through `String`.
    private static func writeDecimal(_ value: Int, into output: inout [UInt8]) {
        let value = max(value, 0)
        var divisor = 1
        while divisor <= value / 10 {
            divisor *= 10
        }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
