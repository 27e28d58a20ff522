import AdmissionCore
import Foundation
import Logging
import Testing

@testable import WebhookServer

/// A real server on 127.0.0.1 with a throwaway CA, for tests that talk to it with real clients.
final class TestServer: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let probeScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/clients/probe.py").path
    static let goodReview = repositoryRoot.appendingPathComponent("samples/reviews/deployment-good.json").path

    let directory: String
    let certificates: DevCertificates.Paths
    let server: WebhookServer
    let readiness = Readiness()
    let metrics = ServerMetrics(version: "test")
    let port: UInt16

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        certificates = try DevCertificates.generate(in: directory)
        let store = try CertificateStore(certificateFile: certificates.certificate, keyFile: certificates.key, clientCAFile: nil)
        var configuration = ServerConfiguration(listen: try SocketAddress.parse("127.0.0.1:0"), eventLoops: 2)
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let endpoint = AdmissionEndpoint(evaluator: Evaluator(), readiness: readiness, metrics: metrics, logger: logger)
        server = WebhookServer(
            configuration: configuration, certificates: store, responder: endpoint, readiness: readiness, logger: logger,
            metrics: metrics
        )
        signal(SIGPIPE, SIG_IGN)
        port = try server.start().first?.port ?? 0
    }

    private let stopped = NSLock()
    private var isStopped = false

    /// Drains and stops the server; safe to call more than once.
    func stop() {
        stopped.lock()
        defer { stopped.unlock() }
        guard !isStopped else { return }
        isStopped = true
        server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a probe scenario with Python's ssl client and returns its JSON observations.
    func probe(_ scenario: String, _ argument: String? = nil, review: String = TestServer.goodReview) throws -> JSON {
        var arguments = [TestServer.probeScript, "--port", "\(port)", "--ca", certificates.caCertificate, "--review", review, scenario]
        if let argument { arguments.append(argument) }
        let result = try run("/usr/bin/env", ["python3"] + arguments)
        #expect(result.status == 0, "probe \(scenario) failed: \(result.stderr)")
        return try JSON(parsing: result.stdout)
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
