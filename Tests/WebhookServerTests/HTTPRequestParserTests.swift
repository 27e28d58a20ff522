import Testing

@testable import WebhookServer

@Suite struct HTTPRequestParserTests {
    // MARK: helpers

    /// What Go's net/http client in kube-apiserver writes: Host, User-Agent, Content-Length, the request's headers
    /// sorted, then the transport's Accept-Encoding.
    static let reviewBody = Array(
        #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"705ab4f5"}}"#.utf8
    )
    static let kubeAPIServerRequest =
        Array(
            ("POST /validate?timeout=10s HTTP/1.1\r\n"
                + "Host: harbormaster.harbormaster.svc:443\r\n"
                + "User-Agent: kube-apiserver-admission\r\n"
                + "Content-Length: \(reviewBody.count)\r\n"
                + "Accept: application/json, */*\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "\r\n").utf8
        ) + reviewBody

    static let expectedKubeAPIServerRequest = HTTPRequest(
        method: "POST",
        target: "/validate?timeout=10s",
        version: .http11,
        headers: [
            "Host": "harbormaster.harbormaster.svc:443",
            "User-Agent": "kube-apiserver-admission",
            "Content-Length": "\(reviewBody.count)",
            "Accept": "application/json, */*",
            "Content-Type": "application/json",
            "Accept-Encoding": "gzip",
        ],
        body: reviewBody,
        keepAlive: true
    )

    /// Feeds `chunks` in order, calling `next()` after each until it answers nil, and returns every event.
    static func events(
        _ chunks: [[UInt8]],
        limits: HTTPRequestParser.Limits = .init()
    ) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
        var parser = HTTPRequestParser(limits: limits)
        var events: [HTTPRequestParser.Event] = []
        for chunk in chunks {
            parser.append(chunk)
            while let event = try parser.next() {
                events.append(event)
            }
        }
        return events
    }

    static func events(_ text: String) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
        try events([Array(text.utf8)])
    }

    /// The single request `text` parses into.
    static func request(_ text: String) throws -> HTTPRequest {
        let events = try events(text)
        guard events.count == 1, case .request(let request) = events[0] else {
            Issue.record("expected one request, got \(events)")
            throw HTTPParseError(status: 0, message: "no request")
        }
        return request
    }

    /// The error `text` is refused with, or nil if it is accepted.
    static func error(_ text: String) -> HTTPParseError? {
        do {
            _ = try events(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: the kube-apiserver request

    @Test func parsesTheRequestKubeAPIServerSends() throws {
        let events = try Self.events([Self.kubeAPIServerRequest])
        #expect(events == [.request(Self.expectedKubeAPIServerRequest)])
        guard case .request(let request) = events.first else { return }
        #expect(request.method == "POST")
        #expect(request.target == "/validate?timeout=10s")
        #expect(request.path == "/validate")
        #expect(request.query == "timeout=10s")
        #expect(request.version == .http11)
        #expect(request.keepAlive)
        #expect(request.body == Self.reviewBody)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["CONTENT-LENGTH"] == "\(Self.reviewBody.count)")
        #expect(request.headers.count == 6)
        #expect(
            request.headers.map(\.name) == [
                "Host", "User-Agent", "Content-Length", "Accept", "Content-Type", "Accept-Encoding",
            ])
    }

    @Test func sameRequestWhenSplitAtEveryByteBoundary() throws {
        let bytes = Self.kubeAPIServerRequest
        for split in 0...bytes.count {
            let events = try Self.events([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(events == [.request(Self.expectedKubeAPIServerRequest)], "split at \(split)")
        }
    }

    @Test func sameRequestWhenSplitIntoThreeEverywhere() throws {
        let bytes = Self.kubeAPIServerRequest
        for first in stride(from: 0, through: bytes.count, by: 7) {
            for second in first...bytes.count {
                let chunks = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
                #expect(try Self.events(chunks) == [.request(Self.expectedKubeAPIServerRequest)])
            }
        }
    }

    @Test func sameRequestWhenFedOneByteAtATime() throws {
        var parser = HTTPRequestParser()
        var events: [HTTPRequestParser.Event] = []
        for byte in Self.kubeAPIServerRequest {
            #expect(events.isEmpty)
            parser.append([byte])
            while let event = try parser.next() {
                events.append(event)
            }
        }
        #expect(events == [.request(Self.expectedKubeAPIServerRequest)])
        #expect(!parser.hasBufferedBytes)
    }

    // MARK: pipelining

    @Test func twoPipelinedRequestsInOneRead() throws {
        let health = Array("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        var parser = HTTPRequestParser()
        parser.append(Self.kubeAPIServerRequest + health)
        #expect(try parser.next() == .request(Self.expectedKubeAPIServerRequest))
        #expect(parser.hasBufferedBytes)
        let second = try parser.next()
        #expect(second == .request(HTTPRequest(method: "GET", target: "/healthz", headers: ["Host": "a"])))
        #expect(try parser.next() == nil)
        #expect(!parser.hasBufferedBytes)
    }

    @Test func threePipelinedRequestsComeOutInOrderAtEverySplit() throws {
        let stream = Array(
            ("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /mutate HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /readyz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").utf8
        )
        let expected: [HTTPRequestParser.Event] = [
            .request(HTTPRequest(method: "GET", target: "/healthz", headers: ["Host": "a"])),
            .request(
                HTTPRequest(
                    method: "POST",
                    target: "/mutate",
                    headers: ["Host": "a", "Content-Length": "3"],
                    body: Array("abc".utf8)
                )
            ),
            .request(
                HTTPRequest(method: "GET", target: "/readyz", headers: ["Host": "a", "Connection": "close"])
            ),
        ]
        #expect(try Self.events([stream]) == expected)
        for split in 0...stream.count {
            #expect(try Self.events([Array(stream[..<split]), Array(stream[split...])]) == expected)
        }
        #expect(try Self.events(stream.map { [$0] }) == expected)
        guard case .request(let last) = expected[2] else { return }
        #expect(!last.keepAlive)
    }

    @Test func manyPipelinedRequestsInOneRead() throws {
        let one = "POST /validate HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}"
        let events = try Self.events(String(repeating: one, count: 1000))
        #expect(events.count == 1000)
        #expect(events.allSatisfy { if case .request(let r) = $0 { r.body == Array("{}".utf8) } else { false } })
    }

    // MARK: keep-alive

    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Close", false),
            ("HTTP/1.1", "keep-alive", true),
            ("HTTP/1.1", "keep-alive, Upgrade", true),
            ("HTTP/1.1", "Upgrade, close", false),
            ("HTTP/1.1", "TE,  CLOSE ", false),
            ("HTTP/1.1", "closed", true),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
            ("HTTP/1.0", "Keep-Alive", true),
            ("HTTP/1.0", "keep-alive, Upgrade", true),
            ("HTTP/1.0", "keep-alive, close", false),
            ("HTTP/1.0", "close", false),
            ("HTTP/1.0", "upgrade", false),
        ] as [(String, String?, Bool)])
    func keepAliveFollowsVersionAndConnection(version: String, connection: String?, keepAlive: Bool) throws {
        let field = connection.map { "Connection: \($0)\r\n" } ?? ""
        let request = try Self.request("GET /healthz \(version)\r\nHost: a\r\n\(field)\r\n")
        #expect(request.keepAlive == keepAlive)
    }

    @Test func connectionOptionsOverSeveralLinesAreOneList() throws {
        let request = try Self.request("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nConnection: close\r\n\r\n")
        #expect(!request.keepAlive)
        #expect(request.headers.commaSeparatedValues(for: "connection") == ["Upgrade", "close"])
        #expect(request.headers.values(for: "CONNECTION") == ["Upgrade", "close"])
        #expect(request.headers["Connection"] == "Upgrade")
    }

    // MARK: lenient where RFC 9112 allows

    @Test func leadingEmptyLinesAreIgnored() throws {
        let request = try Self.request("\r\n\r\n\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.path == "/healthz")
    }

    @Test func bareLineFeedsEndLines() throws {
        let request = try Self.request("POST /validate HTTP/1.1\nHost: a\nContent-Length: 2\n\n{}")
        #expect(request.headers == ["Host": "a", "Content-Length": "2"])
        #expect(request.body == Array("{}".utf8))
        let mixed = try Self.request("GET / HTTP/1.1\r\nHost: a\n\r\n")
        #expect(mixed.headers == ["Host": "a"])
    }

    @Test func fieldValuesLoseSurroundingWhitespaceOnly() throws {
        let request = try Self.request("GET / HTTP/1.1\r\nHost:a\r\nX-A: \t one  two \t\r\nX-Empty:\r\n\r\n")
        #expect(request.headers["x-a"] == "one  two")
        #expect(request.headers["x-empty"] == "")
        #expect(request.headers["host"] == "a")
    }

    @Test func higherMinorVersionIsServedAsHTTP11() throws {
        #expect(try Self.request("GET / HTTP/1.7\r\nHost: a\r\n\r\n").version == .http11)
    }

    @Test func http10NeedsNoHost() throws {
        let request = try Self.request("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(request.version == .http10)
        #expect(request.headers.count == 0)
    }

    @Test func absoluteFormAndAsteriskTargets() throws {
        let absolute = try Self.request("POST http://h:8443/validate?x=1 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(absolute.target == "http://h:8443/validate?x=1")
        #expect(absolute.path == "/validate")
        #expect(absolute.query == "x=1")
        let bare = try Self.request("GET HTTPS://h HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(bare.path == "/")
        #expect(bare.query == nil)
        let options = try Self.request("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(options.path == "*")
    }

    @Test func queryIsEverythingAfterTheFirstQuestionMark() throws {
        #expect(HTTPRequest(method: "GET", target: "/a?b?c").query == "b?c")
        #expect(HTTPRequest(method: "GET", target: "/a?").query == "")
        #expect(HTTPRequest(method: "GET", target: "/a").query == nil)
        #expect(HTTPRequest(method: "GET", target: "/a%20b?c").path == "/a%20b")
    }

    @Test func obsTextInValuesIsKept() throws {
        var bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf".utf8)
        bytes += [0xC3, 0xA9] + Array("\r\n\r\n".utf8)
        let events = try Self.events([bytes])
        guard case .request(let request) = events.first else {
            Issue.record("no request")
            return
        }
        #expect(request.headers["x-name"] == "café")
    }

    // MARK: bodies

    @Test func postWithoutContentLengthHasAnEmptyBody() throws {
        let request = try Self.request("POST /validate HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n\r\n")
        #expect(request.body.isEmpty)
        #expect(request.method == "POST")
    }

    @Test func contentLengthWithLeadingZerosAndZeroLength() throws {
        #expect(try Self.request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 003\r\n\r\nabc").body.count == 3)
        #expect(try Self.request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").body.isEmpty)
    }

    @Test func bodyWaitsForItsLastByte() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.hasBufferedBytes)
        parser.append(Array("cd".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("eGET".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.body == Array("abcde".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.hasBufferedBytes)  // "GET" of the next request
    }

    @Test func bodyAtExactlyTheLimitIsAccepted() throws {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 10)
        let bytes = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789".utf8)
        #expect(try Self.events([bytes], limits: limits).count == 1)
    }

    @Test func defaultLimits() {
        let limits = HTTPRequestParser.Limits()
        #expect(limits.maxHeaderBytes == 16_384)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 7_340_032)
    }

    /// A byte-by-byte feed of a 1 MB body must stay linear: body bytes go straight into the request.
    @Test func oneMegabyteBodyFedOneByteAtATime() throws {
        let size = 1_000_000
        let head = Array("POST /validate HTTP/1.1\r\nHost: a\r\nContent-Length: \(size)\r\n\r\n".utf8)
        let body = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let stream = head + body
        var parser = HTTPRequestParser()
        var result: HTTPRequest?
        try stream.withUnsafeBytes { bytes in
            for index in bytes.indices {
                parser.append(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 1)]))
                if case .request(let request) = try parser.next() {
                    result = request
                }
            }
        }
        #expect(result?.body == body)
        #expect(!parser.hasBufferedBytes)
    }

    // MARK: Expect: 100-continue

    @Test func continueExpectedComesOnceBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(
            Array("POST /validate HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(try parser.next() == .continueExpected)
        #expect(try parser.next() == nil)
        #expect(parser.hasBufferedBytes)
        parser.append(Array("{".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("}".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.body == Array("{}".utf8))
        #expect(request.headers["expect"] == "100-continue")
        #expect(try parser.next() == nil)
    }

    @Test func noContinueWhenTheBodyIsAlreadyHereOrEmpty() throws {
        let withBody = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n{}"
        #expect(try Self.events(withBody).count == 1)
        let empty = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n"
        #expect(try Self.events(empty).count == 1)
        let http10 = "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(try Self.events(http10).isEmpty)
    }

    @Test func continueAtEverySplitOfTheBody() throws {
        let head = Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".utf8)
        let body = Array("abcd".utf8)
        for split in 0..<body.count {
            let events = try Self.events([head + body[..<split], Array(body[split...])])
            #expect(events.count == 2)
            #expect(events.first == .continueExpected)
        }
    }

    // MARK: errors

    @Test(
        arguments: [
            // request line
            ("GET /\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
            (" GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET validate HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("CONNECT host:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET /a\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET /ä HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET / http/1.1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
            ("GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
            ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
            ("GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
            // header fields
            ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX Y: 1\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\u{0}\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: 1\r\r\n\r\n", 400),
            // Host
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
            ("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            // Content-Length
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\ncontent-length: 3\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +2\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999x\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7340033\r\n\r\n", 413),
            // Transfer-Encoding
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\nContent-Length: 2\r\n\r\n{}", 411),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n", 400),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            // Expect
            ("POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n", 417),
            ("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue, x\r\nContent-Length: 2\r\n\r\n", 417),
        ] as [(String, Int)])
    func refusesWithStatus(text: String, status: Int) {
        #expect(Self.error(text)?.status == status)
    }

    @Test func errorMessagesSayWhatIsWrong() {
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(
            Self.error(chunked)
                == HTTPParseError(
                    status: 411,
                    message: "chunked transfer encoding is not supported; send a Content-Length body"
                )
        )
        let big = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 8388608\r\n\r\n"
        #expect(Self.error(big)?.message == "body of 8388608 bytes exceeds the 7340032-byte limit")
        #expect(Self.error("GET / HTTP/2.0\r\n\r\n")?.message == "HTTP/2.0 is not supported; use HTTP/1.1")
        let gzip = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        #expect(Self.error(gzip)?.message == "transfer coding 'gzip' is not implemented")
        let badLength = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"
        #expect(Self.error(badLength)?.message == "invalid Content-Length; expected one decimal number of bytes")
        let badValue = "GET / HTTP/1.1\r\nHost: a\r\nX-Token: a\u{1}\r\n\r\n"
        #expect(Self.error(badValue)?.message == "invalid character in the value of header 'X-Token'")
        #expect(
            Self.error(big)?.description
                == "413 Content Too Large: body of 8388608 bytes exceeds the 7340032-byte limit"
        )
    }

    @Test func eightMebibyteBodyIsRefusedRightAfterTheHead() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /validate HTTP/1.1\r\nHost: a\r\nContent-Length: 8388608\r\n".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("\r\n".utf8))
        #expect(throws: HTTPParseError(status: 413, message: "body of 8388608 bytes exceeds the 7340032-byte limit")) {
            try parser.next()
        }
    }

    @Test func oversizedBodyBeatsExpectContinue() {
        let text = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 8388608\r\n\r\n"
        #expect(Self.error(text)?.status == 413)
    }

    @Test func errorsAreSticky() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/3.0\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError(status: 505, message: "HTTP/3.0 is not supported; use HTTP/1.1")) {
            try parser.next()
        }
    }

    @Test func badRequestLineIsRefusedBeforeTheHeadersArrive() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/9.9\r\nHost: a\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }

    // MARK: limits

    @Test func tenThousandHeadersAreRefusedAtTheHundredAndFirst() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8))
        #expect(try parser.next() == nil)
        var refusedAt: Int?
        for index in 2...10_000 {
            parser.append(Array("X-\(index): y\r\n".utf8))
            do {
                _ = try parser.next()
            } catch {
                #expect(error == HTTPParseError(status: 431, message: "more than 100 header fields"))
                refusedAt = index
                break
            }
        }
        #expect(refusedAt == 101)
    }

    @Test func tenThousandHeadersInOneRead() {
        let text = "GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X: y\r\n", count: 10_000) + "\r\n"
        #expect(Self.error(text)?.status == 431)
    }

    @Test func hugeHeaderWithoutEndIsRefusedOnceItPassesTheLimit() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ".utf8))
        var fed = 0
        var refused: HTTPParseError?
        while fed < 20 * 1024 {
            parser.append([UInt8](repeating: UInt8(ascii: "a"), count: 1024))
            fed += 1024
            do {
                _ = try parser.next()
            } catch {
                refused = error
                break
            }
        }
        #expect(refused == HTTPParseError(status: 431, message: "header section exceeds 16384 bytes"))
        #expect(fed <= 16 * 1024)
    }

    @Test func headAtExactlyTheLimitIsAccepted() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 64)
        let prefix = "GET / HTTP/1.1\r\nHost: a\r\nX: "
        let filler = String(repeating: "v", count: 64 - prefix.utf8.count - 4)
        let text = prefix + filler + "\r\n\r\n"
        #expect(text.utf8.count == 64)
        #expect(try Self.events([Array(text.utf8)], limits: limits).count == 1)
        let oneMore = prefix + filler + "v\r\n\r\n"
        #expect(throws: HTTPParseError(status: 431, message: "header section exceeds 64 bytes")) {
            try Self.events([Array(oneMore.utf8)], limits: limits)
        }
    }

    @Test func longRequestLineIs414() {
        let text = "GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(Self.error(text) == HTTPParseError(status: 414, message: "request line exceeds 16384 bytes"))
        let unterminated = "GET /" + String(repeating: "a", count: 20_000)
        #expect(Self.error(unterminated)?.status == 414)
    }

    @Test func endlessEmptyLinesCountTowardTheLimit() {
        #expect(Self.error(String(repeating: "\r\n", count: 9_000))?.status == 431)
    }

    // MARK: state

    @Test func hasBufferedBytesTracksPartialRequests() throws {
        var parser = HTTPRequestParser()
        #expect(!parser.hasBufferedBytes)
        parser.append(Array("GE".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.hasBufferedBytes)
        parser.append(Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(try parser.next() != nil)
        #expect(!parser.hasBufferedBytes)
        parser.append([])
        #expect(try parser.next() == nil)
        #expect(!parser.hasBufferedBytes)
    }

    /// Deterministic garbage, truncations and mutations of a valid request: the parser must answer or throw,
    /// never trap.
    @Test func arbitraryInputNeverTraps() {
        var generator = SplitMix64(seed: 0x4841_5242_4F52)
        let alphabet = Array("GET POST / HTTP/1.1 \r\n:Host Content-Length 0123456789 chunked Expect 100-continue".utf8)
        for round in 0..<2_000 {
            var bytes = Self.kubeAPIServerRequest
            for _ in 0..<(round % 8) {
                let position = Int(generator.next() % UInt64(bytes.count))
                if generator.next() % 2 == 0 {
                    bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                } else {
                    bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            }
            var parser = HTTPRequestParser(limits: .init(maxHeaderBytes: 256, maxHeaderCount: 5, maxBodyBytes: 64))
            var offset = 0
            while offset < bytes.count {
                let length = 1 + Int(generator.next() % 40)
                parser.append(Array(bytes[offset..<min(bytes.count, offset + length)]))
                offset += length
                do {
                    while try parser.next() != nil {}
                } catch {
                    #expect(error.status >= 400 && error.status < 600)
                    break
                }
            }
        }
    }
}

/// A small seeded generator so that the garbage test is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite struct HTTPSyntaxTests {
    /// The word-at-a-time search must find a line feed at every offset, and nothing in bytes that merely look
    /// close to one (0x0A with the high bit set, neighbours, zeros).
    @Test func firstLineFeedAtEveryOffset() {
        let lookalikes: [UInt8] = [0x8A, 0x0B, 0x09, 0x00, 0xFF, 0x0D, 0x1A, 0x4A]
        for length in 0...40 {
            let filler = (0..<length).map { lookalikes[$0 % lookalikes.count] }
            filler.withUnsafeBufferPointer { bytes in
                #expect(HTTPSyntax.firstLineFeed(in: bytes, from: 0) == nil)
            }
            for position in 0..<length {
                var bytes = filler
                bytes[position] = 0x0A
                if position + 3 < length { bytes[position + 3] = 0x0A }
                bytes.withUnsafeBufferPointer { bytes in
                    for start in 0...position {
                        #expect(HTTPSyntax.firstLineFeed(in: bytes, from: start) == position)
                    }
                    #expect(
                        HTTPSyntax.firstLineFeed(in: bytes, from: position + 1)
                            == (position + 3 < length ? position + 3 : nil))
                }
            }
        }
    }

    @Test func tokenCharacters() {
        let token = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTTPSyntax.isTokenCharacter(byte) == token.contains(byte), "byte \(byte)")
        }
    }

    @Test func headerLookupsIgnoreCase() {
        let headers: HTTPHeaders = ["Content-Type": "application/json", "X-A": "1", "x-a": "2", "Accept": "a, b,,c "]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-a"] == "1")
        #expect(headers.values(for: "X-A") == ["1", "2"])
        #expect(headers.count(of: "x-A") == 2)
        #expect(headers.contains("ACCEPT"))
        #expect(!headers.contains("Accept-Encoding"))
        #expect(headers["Content-Typ"] == nil)
        #expect(headers.commaSeparatedValues(for: "accept") == ["a", "b", "c"])
        #expect(Array(headers).map(\.name) == ["Content-Type", "X-A", "x-a", "Accept"])
    }
}
