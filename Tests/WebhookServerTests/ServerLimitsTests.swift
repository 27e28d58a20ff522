import AdmissionCore
import Foundation
import Testing

@testable import WebhookServer

/// Listener families, the connection cap, and start-up failures of the real binary.
@Suite(.serialized) struct ServerLimitsTests {
    @Test func connectionsPastTheCapAreClosedAndServiceResumes() throws {
        let server = try TestServer { $0.maxConnections = 3 }
        defer { server.stop() }
        let result = try server.probe("cap", "3")
        #expect(result["refused"] == true)
        #expect(result["after"] == true)
        #expect(server.metrics.exposition().contains("harbormaster_connections_refused_total 1"))
    }

    @Test func servesIPv6Loopback() throws {
        let server = try TestServer { $0.listen = (try? SocketAddress.parse("[::1]:0")) ?? [] }
        defer { server.stop() }
        let health = try server.run("/usr/bin/env", ["curl", "-sS", "-6", "--cacert", server.certificates.caCertificate, "https://[::1]:\(server.port)/healthz"])
        #expect(health.stdout == #"{"status":"ok"}"#, "\(health.stderr)")
    }

    @Test func listenAddressesParse() throws {
        #expect(try SocketAddress.parse("0.0.0.0:8443") == [SocketAddress(host: "0.0.0.0", port: 8443, family: .ipv4)])
        #expect(try SocketAddress.parse(":8443") == [SocketAddress(host: "0.0.0.0", port: 8443, family: .ipv4)])
        #expect(try SocketAddress.parse("[::]:9443") == [SocketAddress(host: "::", port: 9443, family: .ipv6)])
        #expect(try SocketAddress.parse("localhost:1").count == 2)
        #expect(throws: SystemCallError.self) { try SocketAddress.parse("example.com:443") }
        #expect(throws: SystemCallError.self) { try SocketAddress.parse("127.0.0.1:99999") }
        #expect(throws: SystemCallError.self) { try SocketAddress.parse("127.0.0.1") }
    }

    @Test(arguments: [
        (["serve", "--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key"], "cannot load the TLS certificate"),
        (["serve"], "give --tls-cert and --tls-key, or --dev"),
        (["serve", "--dev", "--listen", "example.com:443"], "parse listen address"),
        (["serve", "--dev", "--config", "/nonexistent/policy.yaml"], "cannot read the policy file"),
    ])
    func startUpFailsFastWithAClearMessage(arguments: [String], message: String) throws {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("harbormaster")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-fail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        process.arguments = arguments + (arguments.contains("--dev") ? ["--dev-directory", directory] : [])
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(output.contains(message), "\(output)")
    }

    @Test func jsonLogsCarryOneLinePerReview() throws {
        let port = try LifecycleTests.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-log-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("harbormaster")
        process.arguments = ["serve", "--dev", "--dev-directory", directory, "--listen", "127.0.0.1:\(port)", "--log-format", "json"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let ca = directory + "/ca.crt"
        var status = ""
        for _ in 0..<50 where status != "200" {
            Thread.sleep(forTimeInterval: 0.1)
            status = try LifecycleTests.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca, "https://localhost:\(port)/readyz"])
        }
        _ = try LifecycleTests.run([
            "curl", "-s", "--cacert", ca, "-H", "Content-Type: application/json", "--data-binary", "@" + TestServer.goodReview,
            "https://localhost:\(port)/validate",
        ])
        process.terminate()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = output.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap { try? JSON(parsing: String($0)) }
        let review = try #require(lines.first { $0["message"] == "review" }, "\(output)")
        #expect(review["uid"] == "705ab4f5-6393-11e8-b7cc-42010a800002")
        #expect(review["kind"] == "Deployment")
        #expect(review["allowed"] == "true")
        #expect(review["level"] == "info")
        #expect(review["micros"] != nil)
        #expect(!output.contains("\"spec\""), "request bodies are never logged")
    }
}

@Suite struct ContentTypeTests {
    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("Application/JSON", true),
        (" application/json ;charset=utf-8", true), ("application/jsonx", false), ("application/js", false),
        ("text/plain", false), ("", false), ("application/json-patch+json", false),
    ])
    func acceptsJSONWithParametersOnly(value: String, expected: Bool) {
        #expect(AdmissionEndpoint.isJSON(value) == expected)
    }

    @Test func missingContentTypeIsRejected() {
        #expect(!AdmissionEndpoint.isJSON(nil))
    }
}
