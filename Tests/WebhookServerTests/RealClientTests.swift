import AdmissionCore
import Foundation
import Testing

@testable import WebhookServer

/// The server against real TLS clients on loopback: Python's ssl, curl, openssl s_client. After every abuse the
/// probe sends one valid review on a fresh connection (`after`), which must be answered correctly.
@Suite(.serialized) final class RealClientTests {
    let server: TestServer

    init() throws {
        server = try TestServer { configuration in
            configuration.handshakeTimeout = 1
            configuration.requestTimeout = 2
        }
    }

    deinit {
    }

    private func expectStillServing(_ result: JSON, _ scenario: String) {
        #expect(result["after"] == true, "server stopped answering after \(scenario): \(result.jsonText)")
    }

    @Test func manyRequestsOverOneKeepAliveConnection() throws {
        let result = try server.probe("keepalive", "200")
        #expect(result["ok"] == 200)
        expectStillServing(result, "keepalive")
    }

    @Test func sixtyFourConcurrentConnections() throws {
        let result = try server.probe("concurrent", "64")
        #expect(result["ok"] == 640)
        expectStillServing(result, "concurrent")
    }

    @Test func requestSplitByteByByte() throws {
        let result = try server.probe("split")
        #expect(result["status"] == 200)
        #expect(result["uid_ok"] == true)
        expectStillServing(result, "split")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let result = try server.probe("pipelined")
        #expect(result["statuses"] == [200, 200, 200])
    }

    @Test func alpnSelectsHTTP11AndTLS13IsUsed() throws {
        let result = try server.probe("alpn")
        #expect(result["alpn"] == "http/1.1")
        #expect(result["version"] == "TLSv1.3")
    }

    @Test func garbageInsteadOfClientHelloIsClosed() throws {
        let result = try server.probe("garbage")
        #expect(result["closed"] == true)
        expectStillServing(result, "garbage")
        #expect(server.metrics.exposition().contains("harbormaster_tls_handshake_failures_total 1"))
    }

    @Test func plainHTTPOnTheTLSPortIsClosed() throws {
        let result = try server.probe("plainhttp")
        #expect(result["closed"] == true)
        expectStillServing(result, "plainhttp")
    }

    @Test func truncatedBodyDoesNotDisturbOthers() throws {
        let result = try server.probe("truncated")
        expectStillServing(result, "truncated")
    }

    @Test func eightMebibyteBodyIs413BeforeTheBodyIsSent() throws {
        let result = try server.probe("oversized")
        #expect(result["status"] == 413)
        #expect(result["connection"] == "close")
        #expect(result["body"]?.stringValue?.contains("error") == true)
        expectStillServing(result, "oversized")
    }

    @Test func headerFloodIs431() throws {
        let result = try server.probe("headerflood")
        #expect(result["status"] == 431)
        expectStillServing(result, "headerflood")
    }

    @Test func silentClientTimesOutWhileOthersAreServed() throws {
        let result = try server.probe("silent", "4")
        #expect(result["closed"] == true)
        #expect(result["others_ok"] == true)
        let seconds = try #require(result["after_seconds"].flatMap { Double($0.jsonText) })
        #expect(seconds >= 0.8 && seconds < 3.5, "handshake timeout is 1 s; closed after \(seconds) s")
        expectStillServing(result, "silent")
    }

    @Test(arguments: [
        ("wrongtype", 415, "Content-Type must be application/json"),
        ("notfound", 404, "no endpoint at /nope"),
        ("wrongmethod", 405, "method not allowed"),
        ("chunked", 411, "chunked"),
        ("notareview", 400, "unsupported apiVersion"),
    ])
    func contractStatusCodes(scenario: String, status: Int, message: String) throws {
        let result = try server.probe(scenario)
        #expect(result["status"] == .number(JSONNumber(status)))
        let body = try #require(result["body"]?.stringValue)
        #expect(try JSON(parsing: body)["error"]?.stringValue?.contains(message) == true, "\(body)")
        if scenario == "wrongmethod" { #expect(result["allow"] == "POST") }
        expectStillServing(result, scenario)
    }

    @Test func pythonHTTPClientGetsAPatchFromMutate() throws {
        let review = TestServer.repositoryRoot.appendingPathComponent("samples/reviews/deployment-no-resources.json").path
        let result = try server.probe("httpclient", review: review)
        #expect(result["status"] == 200)
        #expect(result["patchType"] == "JSONPatch")
        #expect(result["allowed"] == true)
    }

    @Test func curlValidatesWithTheDevCA() throws {
        let health = try server.run("/usr/bin/env", ["curl", "-sS", "--cacert", server.certificates.caCertificate, "https://localhost:\(server.port)/healthz"])
        #expect(health.stdout == #"{"status":"ok"}"#, "\(health.stderr)")
        let review = try server.run("/usr/bin/env", [
            "curl", "-sS", "--cacert", server.certificates.caCertificate, "-H", "Content-Type: application/json",
            "--data-binary", "@" + TestServer.repositoryRoot.appendingPathComponent("samples/reviews/deployment-bad.json").path,
            "https://127.0.0.1:\(server.port)/validate",
        ])
        let response = try JSON(parsing: review.stdout)["response"]
        #expect(response?["allowed"] == false)
        #expect(response?["status"]?["code"] == 403)
        let metrics = try server.run("/usr/bin/env", ["curl", "-sS", "--cacert", server.certificates.caCertificate, "https://localhost:\(server.port)/metrics"])
        #expect(metrics.stdout.contains(#"harbormaster_admission_reviews_total{endpoint="validate",operation="CREATE",kind="Deployment",verdict="denied"} 1"#))
        #expect(metrics.stdout.contains("harbormaster_admission_review_duration_seconds_count{endpoint=\"validate\"} 1"))
    }

    @Test func opensslNegotiatesTLS12And13AndRefusesTLS11() throws {
        func sClient(_ version: String) throws -> TestServer.ProcessResult {
            try server.run("/usr/bin/env", [
                "openssl", "s_client", "-connect", "127.0.0.1:\(server.port)", "-CAfile", server.certificates.caCertificate,
                "-servername", "localhost", "-alpn", "http/1.1", version, "-quiet", "-ign_eof",
            ], input: Data("GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8))
        }
        let tls13 = try sClient("-tls1_3")
        #expect(tls13.stdout.hasPrefix("HTTP/1.1 200 OK"), "\(tls13.stdout) \(tls13.stderr)")
        let tls12 = try sClient("-tls1_2")
        #expect(tls12.stdout.hasPrefix("HTTP/1.1 200 OK"), "\(tls12.stdout) \(tls12.stderr)")
        let tls11 = try sClient("-tls1_1")
        #expect(!tls11.stdout.contains("HTTP/1.1"))
    }
}
