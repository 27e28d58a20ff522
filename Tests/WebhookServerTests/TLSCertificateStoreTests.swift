import Foundation
import Testing

@testable import WebhookServer

/// A directory laid out like a Kubernetes Secret volume: `tls.crt` → `..data/tls.crt`, `..data` → a timestamped
/// directory, updated by writing a new directory and renaming a new `..data` symlink over the old one.
private final class SecretVolume {
    let directory: TLSTemporaryDirectory
    private var generation = 0

    init(certificate: String, key: String) throws {
        directory = try TLSTemporaryDirectory()
        try publish(certificate: certificate, key: key)
        for name in ["tls.crt", "tls.key"] {
            try FileManager.default.createSymbolicLink(
                atPath: directory.file(name), withDestinationPath: "..data/\(name)")
        }
    }

    var certificateFile: String { directory.file("tls.crt") }
    var keyFile: String { directory.file("tls.key") }

    /// Writes a new generation and swaps `..data` to it atomically.
    func publish(certificate: String, key: String) throws {
        generation += 1
        let name = "..2025_01_01_00_00_0\(generation).\(generation)"
        try FileManager.default.createDirectory(atPath: directory.file(name), withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: certificate, toPath: directory.file("\(name)/tls.crt"))
        try FileManager.default.copyItem(atPath: key, toPath: directory.file("\(name)/tls.key"))
        try FileManager.default.createSymbolicLink(atPath: directory.file("..data_tmp"), withDestinationPath: name)
        guard rename(directory.file("..data_tmp"), directory.file("..data")) == 0 else {
            throw TLSTestFailure("rename: errno \(errno)")
        }
    }
}

@Suite("CertificateStore reloads", .serialized)
struct TLSCertificateStoreTests {
    @Test("a symlink swap is seen; a broken pair fails once and keeps the old context")
    func symlinkSwap() throws {
        let keys = try TLSTemporaryDirectory()
        let first = try TLSTestCertificates.selfSigned(in: keys, name: "first", commonName: "first", days: 3)
        let second = try TLSTestCertificates.selfSigned(in: keys, name: "second", commonName: "second", days: 9)
        let volume = try SecretVolume(certificate: first.certificate, key: first.key)
        let store = try CertificateStore(
            certificateFile: volume.certificateFile, keyFile: volume.keyFile, clientCAFile: nil)
        let initial = store.current
        #expect(initial.certificateSubject == "CN=first")
        guard case .unchanged = store.reloadIfChanged() else { Issue.record("expected .unchanged"); return }
        #expect(store.current === initial)

        try volume.publish(certificate: second.certificate, key: second.key)
        guard case .reloaded(let reloaded) = store.reloadIfChanged() else { Issue.record("expected .reloaded"); return }
        #expect(reloaded.certificateSubject == "CN=second")
        #expect(store.current === reloaded)
        let notAfter = try #require(reloaded.certificateNotAfter)
        #expect(abs(notAfter - (Date().timeIntervalSince1970 + 9 * 86_400)) < 120)
        guard case .unchanged = store.reloadIfChanged() else { Issue.record("expected .unchanged"); return }

        // A key from another pair: refused, reported once, not retried while the files stay the same.
        try volume.publish(certificate: first.certificate, key: second.key)
        guard case .failed(let error) = store.reloadIfChanged() else { Issue.record("expected .failed"); return }
        #expect(error.description.contains("does not match"))
        #expect(store.current === reloaded)
        guard case .unchanged = store.reloadIfChanged() else { Issue.record("expected .unchanged"); return }

        // Fixing the files is picked up again.
        try volume.publish(certificate: first.certificate, key: first.key)
        guard case .reloaded(let fixed) = store.reloadIfChanged() else { Issue.record("expected .reloaded"); return }
        #expect(fixed.certificateSubject == "CN=first")
    }

    @Test("a file rewritten in place, half-written, then complete, is refused and then loaded")
    func halfWrittenFile() throws {
        let keys = try TLSTemporaryDirectory()
        _ = try TLSTestCertificates.selfSigned(in: keys, name: "first", commonName: "first")
        _ = try TLSTestCertificates.selfSigned(in: keys, name: "second", commonName: "second")
        let files = try TLSTemporaryDirectory()
        let certificate = try files.write(try keys.read("first.crt"), to: "tls.crt")
        let key = try files.write(try keys.read("first.key"), to: "tls.key")
        let store = try CertificateStore(certificateFile: certificate, keyFile: key, clientCAFile: nil)

        let secondCertificate = try keys.read("second.crt")
        _ = try files.write(String(secondCertificate.prefix(200)), to: "tls.crt")
        _ = try files.write(try keys.read("second.key"), to: "tls.key")
        guard case .failed = store.reloadIfChanged() else { Issue.record("expected .failed"); return }
        #expect(store.current.certificateSubject == "CN=first")

        _ = try files.write(secondCertificate, to: "tls.crt")
        guard case .reloaded(let context) = store.reloadIfChanged() else { Issue.record("expected .reloaded"); return }
        #expect(context.certificateSubject == "CN=second")
    }

    @Test("a vanished file fails once; the client CA file is watched too")
    func vanishedFileAndClientCA() throws {
        let keys = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: keys, name: "pair", commonName: "pair")
        _ = try TLSTestCertificates.selfSigned(in: keys, name: "ca", commonName: "ca")
        _ = try TLSTestCertificates.selfSigned(in: keys, name: "other", commonName: "other")
        let files = try TLSTemporaryDirectory()
        let caFile = try files.write(try keys.read("ca.crt"), to: "ca.crt")
        let store = try CertificateStore(certificateFile: pair.certificate, keyFile: pair.key, clientCAFile: caFile)
        #expect(store.current.requiresClientCertificate)

        try FileManager.default.removeItem(atPath: caFile)
        guard case .failed(let error) = store.reloadIfChanged() else { Issue.record("expected .failed"); return }
        #expect(error.operation.contains(caFile))
        guard case .unchanged = store.reloadIfChanged() else { Issue.record("expected .unchanged"); return }

        _ = try files.write(try keys.read("other.crt"), to: "ca.crt")
        guard case .reloaded = store.reloadIfChanged() else { Issue.record("expected .reloaded"); return }
    }

    @Test("the initial load fails fast")
    func initialFailure() throws {
        let files = try TLSTemporaryDirectory()
        #expect(throws: TLSError.self) {
            try CertificateStore(
                certificateFile: files.file("missing.crt"), keyFile: files.file("missing.key"), clientCAFile: nil)
        }
    }

    @Test("a new context serves the new certificate while a connection keeps the old one")
    func newConnectionsUseNewContext() throws {
        let keys = try TLSTemporaryDirectory()
        let first = try TLSTestCertificates.selfSigned(in: keys, name: "first", commonName: "first")
        let second = try TLSTestCertificates.selfSigned(in: keys, name: "second", commonName: "second")
        let volume = try SecretVolume(certificate: first.certificate, key: first.key)
        let store = try CertificateStore(
            certificateFile: volume.certificateFile, keyFile: volume.keyFile, clientCAFile: nil)
        let old = store.current
        try volume.publish(certificate: second.certificate, key: second.key)
        _ = store.reloadIfChanged()
        for (context, name) in [(store.current, "second"), (old, "first")] {
            let server = try TLSEchoServer()
            server.start(context: context)
            let client = try TLSTools.run(
                ["openssl", "s_client", "-connect", "127.0.0.1:\(server.port)", "-brief", "-ign_eof"], input: "x\n"
            )
            _ = try server.waitForSession()
            #expect(client.errorOutput.contains("Peer certificate: CN = \(name)"), "\(client.combined)")
        }
    }

    @Test("connections start from `current` on other threads while reloads swap it")
    func concurrentReadersDuringReloads() throws {
        let keys = try TLSTemporaryDirectory()
        let first = try TLSTestCertificates.selfSigned(in: keys, name: "first", commonName: "first")
        let second = try TLSTestCertificates.selfSigned(in: keys, name: "second", commonName: "second")
        let volume = try SecretVolume(certificate: first.certificate, key: first.key)
        let store = try CertificateStore(
            certificateFile: volume.certificateFile, keyFile: volume.keyFile, clientCAFile: nil)
        let group = DispatchGroup()
        let failures = NSLock()
        nonisolated(unsafe) var failureCount = 0
        for _ in 0..<2 {
            group.enter()
            Thread {
                defer { group.leave() }
                var fds: [Int32] = [0, 0]
                guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else { return }
                defer { fds.forEach { close($0) } }
                for _ in 0..<300 {
                    let context = store.current
                    guard context.certificateSubject.hasPrefix("CN="),
                        (try? TLSConnection(context: context, fileDescriptor: fds[0])) != nil
                    else {
                        failures.withLock { failureCount += 1 }
                        return
                    }
                }
            }.start()
        }
        for round in 0..<6 {
            let pair = round.isMultiple(of: 2) ? second : first
            try volume.publish(certificate: pair.certificate, key: pair.key)
            guard case .reloaded = store.reloadIfChanged() else {
                Issue.record("round \(round): expected .reloaded")
                break
            }
        }
        group.wait()
        #expect(failures.withLock { failureCount } == 0)
        #expect(store.current.certificateSubject == "CN=first")
    }
}
