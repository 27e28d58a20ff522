import Foundation
import Testing

@testable import WebhookServer

/// A private temporary directory, removed when the object goes away.
final class TLSTemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "harbormaster-tls-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw TLSTestFailure("mkdtemp failed: errno \(errno)") }
        path = String(cString: created)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }
}

struct TLSTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An external command's exit status and output.
struct TLSProcessResult {
    let status: Int32
    let output: String
    let errorOutput: String
    var combined: String { output + errorOutput }
}

enum TLSTools {
    /// Runs `arguments` (looked up on PATH) with `input` on standard input; killed after `timeout` seconds.
    @discardableResult
    static func run(_ arguments: [String], input: String = "", timeout: Double = 20) throws -> TLSProcessResult {
        let scratch = try TLSTemporaryDirectory()
        let outPath = scratch.file("stdout")
        let errPath = scratch.file("stderr")
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
            FileManager.default.createFile(atPath: errPath, contents: nil)
        else { throw TLSTestFailure("cannot create output files in \(scratch.path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        return TLSProcessResult(
            status: process.terminationStatus,
            output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            errorOutput: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs an `openssl` subcommand and fails the test if it exits non-zero.
    @discardableResult
    static func openssl(_ arguments: [String], input: String = "") throws -> TLSProcessResult {
        let result = try run(["openssl"] + arguments, input: input)
        guard result.status == 0 else {
            throw TLSTestFailure("openssl \(arguments.joined(separator: " ")) failed: \(result.combined)")
        }
        return result
    }
}

/// A certificate and key written by the `openssl` command-line tool.
struct TLSTestPair {
    let certificate: String
    let key: String
}

/// Certificates made with the `openssl` CLI, independent of the code under test.
enum TLSTestCertificates {
    enum KeyType {
        case ecdsa, rsa
        var newKeyArguments: [String] {
            switch self {
            case .ecdsa: return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
            case .rsa: return ["-newkey", "rsa:2048"]
            }
        }
    }

    /// A self-signed certificate (a CA unless `ca` is false) with the given common name.
    static func selfSigned(
        in directory: TLSTemporaryDirectory, name: String, commonName: String, days: Int = 7,
        keyType: KeyType = .ecdsa, ca: Bool = true
    ) throws -> TLSTestPair {
        let pair = TLSTestPair(certificate: directory.file("\(name).crt"), key: directory.file("\(name).key"))
        let constraints = ca ? "critical,CA:TRUE" : "critical,CA:FALSE"
        try TLSTools.openssl(
            ["req", "-x509"] + keyType.newKeyArguments + [
                "-nodes", "-keyout", pair.key, "-out", pair.certificate, "-subj", "/CN=\(commonName)",
                "-days", "\(days)", "-addext", "basicConstraints=\(constraints)",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        return pair
    }

    /// A certificate for `commonName` signed by `issuer`, with the extensions given (OpenSSL config lines).
    static func signed(
        in directory: TLSTemporaryDirectory, name: String, commonName: String, by issuer: TLSTestPair,
        extensions: [String], days: Int = 7, keyType: KeyType = .ecdsa
    ) throws -> TLSTestPair {
        let pair = TLSTestPair(certificate: directory.file("\(name).crt"), key: directory.file("\(name).key"))
        let request = directory.file("\(name).csr")
        let extensionFile = try directory.write(extensions.joined(separator: "\n") + "\n", to: "\(name).ext")
        try TLSTools.openssl(
            ["req", "-new"] + keyType.newKeyArguments + [
                "-nodes", "-keyout", pair.key, "-out", request, "-subj", "/CN=\(commonName)",
            ])
        try TLSTools.openssl([
            "x509", "-req", "-in", request, "-CA", issuer.certificate, "-CAkey", issuer.key, "-CAcreateserial",
            "-days", "\(days)", "-extfile", extensionFile, "-out", pair.certificate,
        ])
        return pair
    }

    static let serverExtensions = [
        "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ]
    static let clientExtensions = [
        "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=clientAuth",
    ]
    static let intermediateExtensions = [
        "basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign",
    ]
}
