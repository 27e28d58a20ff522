import AdmissionCore
import Testing

@testable import WebhookServer

@Suite struct HTTPResponseTests {
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func jsonResponseOnAKeptAliveConnection() {
        let response = HTTPResponse.json(status: 200, Array(#"{"ok":true}"#.utf8))
        let expected = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
        #expect(Self.text(response.serialized(keepAlive: true)) == expected)
    }

    @Test func closingConnectionSaysSo() {
        let response = HTTPResponse(status: 503, contentType: "text/plain", body: Array("draining".utf8))
        let expected =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n"
            + "Connection: close\r\n\r\ndraining"
        #expect(Self.text(response.serialized(keepAlive: false)) == expected)
    }

    @Test func http10KeepAliveIsConfirmed() {
        let response = HTTPResponse(status: 200, contentType: nil, body: [])
        #expect(
            Self.text(response.serialized(keepAlive: true, version: .http10))
                == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"
        )
        #expect(
            Self.text(response.serialized(keepAlive: false, version: .http10))
                == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
    }

    @Test func extraHeadersFollowContentTypeAndFramingFieldsAreOurs() {
        let response = HTTPResponse(
            status: 405,
            body: Array("{}".utf8),
            headers: [("Allow", "POST"), ("content-length", "999"), ("Connection", "upgrade")]
        )
        let expected =
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nAllow: POST\r\n"
            + "Content-Length: 2\r\n\r\n{}"
        #expect(Self.text(response.serialized(keepAlive: true)) == expected)
    }

    @Test func controlCharactersCannotSplitTheResponse() {
        let response = HTTPResponse(
            status: 200, contentType: nil, body: [], headers: [("X-Echo", "a\r\nSet-Cookie: x")])
        let expected = "HTTP/1.1 200 OK\r\nX-Echo: a  Set-Cookie: x\r\nContent-Length: 0\r\n\r\n"
        #expect(Self.text(response.serialized(keepAlive: true)) == expected)
    }

    @Test func errorBodyIsTheContractsJSON() {
        let response = HTTPResponse.error(status: 400, message: "request body is empty")
        let expected =
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 33\r\n"
            + "Connection: close\r\n\r\n{\"error\":\"request body is empty\"}"
        #expect(Self.text(response.serialized(keepAlive: false)) == expected)
    }

    @Test func errorMessageIsEscaped() throws {
        let message = "bad \"kind\"\nline two\\ \t\u{1} é"
        let response = HTTPResponse.error(status: 400, message: message)
        #expect(Self.text(response.body) == #"{"error":"bad \"kind\"\nline two\\ \t\u0001 é"}"#)
        let json = try JSON(parsing: Self.text(response.body))
        #expect(json.objectValue?.keys == ["error"])
        #expect(json["error"]?.stringValue == message)
    }

    @Test func parseErrorBecomesItsResponse() {
        let error = HTTPParseError(
            status: 411,
            message: "chunked transfer encoding is not supported; send a Content-Length body"
        )
        let body = #"{"error":"chunked transfer encoding is not supported; send a Content-Length body"}"#
        let expected =
            "HTTP/1.1 411 Length Required\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        #expect(Self.text(HTTPResponse.error(error).serialized(keepAlive: false)) == expected)
    }

    @Test func continueBytesAreTheInterimResponse() {
        #expect(Self.text(HTTPResponse.continueBytes) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test func noBodyNorLengthFor204And304() {
        let response = HTTPResponse(status: 204, contentType: nil, body: Array("ignored".utf8))
        #expect(Self.text(response.serialized(keepAlive: true)) == "HTTP/1.1 204 No Content\r\n\r\n")
        let notModified = HTTPResponse(status: 304, contentType: nil, body: [])
        #expect(
            Self.text(notModified.serialized(keepAlive: false))
                == "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n")
    }

    @Test func impossibleStatusIsWrittenAs500() {
        let response = HTTPResponse(status: 42, contentType: nil, body: [])
        #expect(
            Self.text(response.serialized(keepAlive: true))
                == "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: [
        (200, "OK"), (400, "Bad Request"), (403, "Forbidden"), (404, "Not Found"), (405, "Method Not Allowed"),
        (411, "Length Required"), (413, "Content Too Large"), (414, "URI Too Long"),
        (415, "Unsupported Media Type"), (417, "Expectation Failed"), (431, "Request Header Fields Too Large"),
        (500, "Internal Server Error"), (501, "Not Implemented"), (503, "Service Unavailable"),
        (505, "HTTP Version Not Supported"), (299, ""),
    ])
    func reasonPhrases(status: Int, phrase: String) {
        #expect(HTTPResponse.reasonPhrase(status) == phrase)
    }

    @Test func everyParserStatusHasAPhrase() {
        for status in [400, 411, 413, 414, 417, 431, 501, 505] {
            #expect(!HTTPResponse.reasonPhrase(status).isEmpty)
        }
    }
}
