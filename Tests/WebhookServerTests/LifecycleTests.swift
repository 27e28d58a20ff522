import AdmissionCore
import Foundation
import Logging
import Testing

@testable import WebhookServer

/// Certificate rotation under load, and SIGTERM draining of the real `harbormaster serve` process.
@Suite(.serialized) struct LifecycleTests {
    /// Lays out certificate files the way a Kubernetes Secret volume does: `tls.crt` → `..data/tls.crt`, where
    /// `..data` is a symlink to a timestamped directory that is swapped atomically on update.
    struct SecretVolume {
        let root: String
        let ca: String
        var generation = 0

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-secret-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            ca = root + "/ca.pem"
            try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                              "-subj", "/CN=test-ca", "-keyout", root + "/ca.key", "-out", ca])
            try rotate()
            try FileManager.default.createSymbolicLink(atPath: root + "/tls.crt", withDestinationPath: "..data/tls.crt")
            try FileManager.default.createSymbolicLink(atPath: root + "/tls.key", withDestinationPath: "..data/tls.key")
        }

        var certificate: String { root + "/tls.crt" }
        var key: String { root + "/tls.key" }

        /// Writes a new leaf signed by the same CA into a new directory, then renames a symlink over `..data`.
        mutating func rotate() throws {
            generation += 1
            let directory = root + "/..gen\(generation)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let extensions = root + "/ext.cnf"
            try Data("subjectAltName=DNS:localhost,IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: extensions))
            try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=generation-\(generation)",
                              "-keyout", directory + "/tls.key", "-out", directory + "/tls.csr"])
            try Self.openssl(["x509", "-req", "-in", directory + "/tls.csr", "-CA", ca, "-CAkey", root + "/ca.key", "-CAcreateserial",
                              "-days", "2", "-extfile", extensions, "-out", directory + "/tls.crt"])
            let temporary = root + "/..data_tmp"
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: "..gen\(generation)")
            guard rename(temporary, root + "/..data") == 0 else { throw SystemCallError(call: "rename", errno: errno) }
        }

        static func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw SystemCallError(call: "openssl \(arguments.first ?? "")", errno: EIO) }
        }
    }

    @Test func certificateRotationUnderLoadFailsNoRequest() throws {
        var volume = try SecretVolume()
        defer { try? FileManager.default.removeItem(atPath: volume.root) }
        let store = try CertificateStore(certificateFile: volume.certificate, keyFile: volume.key, clientCAFile: nil)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let metrics = ServerMetrics(version: "test")
        let readiness = Readiness()
        var configuration = ServerConfiguration(listen: try SocketAddress.parse("127.0.0.1:0"), eventLoops: 2)
        configuration.certificateCheckInterval = 0.2
        let server = WebhookServer(
            configuration: configuration, certificates: store,
            responder: AdmissionEndpoint(evaluator: Evaluator(), readiness: readiness, metrics: metrics, logger: logger),
            readiness: readiness, logger: logger, metrics: metrics
        )
        let port = try #require(try server.start().first?.port)
        defer { server.shutdown() }

        // A client loops over fresh connections for 4 s while the files are swapped after 1.5 s.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", TestServer.probeScript, "--port", "\(port)", "--ca", volume.ca, "--review", TestServer.goodReview, "rotation", "4"]
        let output = Pipe()
        probe.standardOutput = output
        try probe.run()
        Thread.sleep(forTimeInterval: 1.5)
        try volume.rotate()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let result = try JSON(parsing: String(decoding: data, as: UTF8.self))
        #expect(result["failures"] == 0, "\(result.jsonText)")
        #expect((result["ok"]?.intValue ?? 0) > 20)
        #expect(result["serials"]?.arrayValue?.count == 2, "the new certificate must be served: \(result.jsonText)")
        #expect(result["after"] == true)
        #expect(metrics.exposition().contains(#"harbormaster_certificate_reloads_total{result="success"} 1"#))
    }

    @Test func brokenNewCertificateKeepsTheOldOneServing() throws {
        var volume = try SecretVolume()
        defer { try? FileManager.default.removeItem(atPath: volume.root) }
        let store = try CertificateStore(certificateFile: volume.certificate, keyFile: volume.key, clientCAFile: nil)
        volume.generation += 1
        let directory = volume.root + "/..broken"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("-----BEGIN CERTIFICATE-----\nnot a certificate\n".utf8).write(to: URL(fileURLWithPath: directory + "/tls.crt"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: directory + "/tls.key"))
        try FileManager.default.createSymbolicLink(atPath: volume.root + "/..data_tmp", withDestinationPath: "..broken")
        #expect(rename(volume.root + "/..data_tmp", volume.root + "/..data") == 0)
        let before = store.current
        if case .failed = store.reloadIfChanged() {} else { Issue.record("a broken pair must be reported as failed") }
        #expect(store.current === before)
    }

    @Test func sigtermDrainsInFlightReviewsAndExitsZero() throws {
        let executable = Bundle.main.bundleURL.appendingPathComponent("harbormaster")
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = executable
        let devDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-dev-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: devDirectory) }
        process.arguments = [
            "serve", "--dev", "--dev-directory", devDirectory, "--listen", "127.0.0.1:\(port)", "--shutdown-delay", "1",
            "--drain-timeout", "10",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let collected = Locked(Data())
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            collected.withValue { $0.append(chunk) }
        }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The CA path is printed at start-up; then wait for /readyz.
        var ca: String?
        for _ in 0..<100 where ca == nil {
            Thread.sleep(forTimeInterval: 0.1)
            let text = String(decoding: collected.current, as: UTF8.self)
            ca = text.split(separator: "\n").first { $0.contains("throwaway CA at ") }.map { String($0.split(separator: " ").last ?? "") }
        }
        let caFile = try #require(ca, "no CA path printed: \(String(decoding: collected.current, as: UTF8.self))")
        func readyz() throws -> String {
            let result = try Self.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", caFile, "https://localhost:\(port)/readyz"])
            return result
        }
        var ready = ""
        for _ in 0..<50 where ready != "200" {
            ready = try readyz()
            if ready != "200" { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(ready == "200")

        // A review in flight: half sent now, the rest 2.5 s later (after SIGTERM and the 1 s shutdown delay).
        let slow = Process()
        slow.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        slow.arguments = ["python3", TestServer.probeScript.replacingOccurrences(of: "probe.py", with: "slow_review.py"), "\(port)", caFile, TestServer.goodReview, "2.5"]
        let slowOutput = Pipe()
        slow.standardOutput = slowOutput
        slow.standardError = FileHandle.nullDevice
        try slow.run()
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try readyz() == "503", "/readyz must turn 503 as soon as draining starts")

        let answer = try JSON(parsing: String(decoding: slowOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        slow.waitUntilExit()
        #expect(answer["status"] == 200, "the in-flight review must complete: \(answer.jsonText)")
        #expect(answer["connection"] == "close")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(signalled) < 10)
        errors.fileHandleForReading.readabilityHandler = nil
    }

    static func freePort() throws -> UInt16 {
        let listener = try Listener(try SocketAddress.parse("127.0.0.1:0")[0])
        return listener.port
    }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
