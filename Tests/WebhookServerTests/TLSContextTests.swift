import Foundation
import Testing

@testable import WebhookServer

@Suite("TLSContext loading", .serialized)
struct TLSContextTests {
    @Test("an ECDSA pair loads, with subject and notAfter")
    func loadsECDSAPair() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "ec", commonName: "ec.test", days: 7)
        let context = try TLSContext(certificateFile: pair.certificate, keyFile: pair.key)
        #expect(context.certificateSubject == "CN=ec.test")
        #expect(!context.requiresClientCertificate)
        let expected = Date().timeIntervalSince1970 + 7 * 86_400
        let notAfter = try #require(context.certificateNotAfter)
        #expect(abs(notAfter - expected) < 120)
        #expect(TLSError.errorQueueIsEmpty)
    }

    @Test("an RSA pair in the traditional key format loads")
    func loadsRSAPair() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "rsa", commonName: "rsa.test", keyType: .rsa)
        let traditional = directory.file("rsa-traditional.key")
        try TLSTools.openssl(["rsa", "-in", pair.key, "-traditional", "-out", traditional])
        #expect(try directory.read("rsa-traditional.key").contains("BEGIN RSA PRIVATE KEY"))
        let context = try TLSContext(certificateFile: pair.certificate, keyFile: traditional)
        #expect(context.certificateSubject == "CN=rsa.test")
    }

    @Test("notAfter matches what openssl reports")
    func notAfterMatchesOpenSSL() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "c", commonName: "c", days: 400)
        let context = try TLSContext(certificateFile: pair.certificate, keyFile: pair.key)
        let printed = try TLSTools.openssl([
            "x509", "-in", pair.certificate, "-noout", "-enddate", "-dateopt", "iso_8601",
        ])
        // "notAfter=2026-01-02 03:04:05Z"
        let text = printed.output.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "notAfter=", with: "")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        let expected = try #require(formatter.date(from: text), "cannot parse \(text)")
        #expect(context.certificateNotAfter == expected.timeIntervalSince1970)
    }

    @Test("a chain file (leaf, then intermediate) loads and the leaf is the serving certificate")
    func loadsChain() throws {
        let directory = try TLSTemporaryDirectory()
        let root = try TLSTestCertificates.selfSigned(in: directory, name: "root", commonName: "Test Root")
        let intermediate = try TLSTestCertificates.signed(
            in: directory, name: "intermediate", commonName: "Test Intermediate", by: root,
            extensions: TLSTestCertificates.intermediateExtensions
        )
        let leaf = try TLSTestCertificates.signed(
            in: directory, name: "leaf", commonName: "leaf.test", by: intermediate,
            extensions: TLSTestCertificates.serverExtensions
        )
        let chain = try directory.write(
            try directory.read("leaf.crt") + directory.read("intermediate.crt"), to: "chain.crt"
        )
        let context = try TLSContext(certificateFile: chain, keyFile: leaf.key)
        #expect(context.certificateSubject == "CN=leaf.test")
        #expect(context.certificateIssuer == "CN=Test Intermediate")
    }

    @Test("a key that does not match the certificate is refused, naming both files")
    func mismatchedKey() throws {
        let directory = try TLSTemporaryDirectory()
        let first = try TLSTestCertificates.selfSigned(in: directory, name: "first", commonName: "first")
        let second = try TLSTestCertificates.selfSigned(in: directory, name: "second", commonName: "second")
        let error = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: first.certificate, keyFile: second.key)
        }
        #expect(error.operation.contains(first.certificate))
        #expect(error.operation.contains(second.key))
        #expect(error.description.contains("does not match"))
        #expect(error.reasons.contains { $0.contains("key values mismatch") })
        #expect(TLSError.errorQueueIsEmpty)
    }

    @Test("an RSA key with an ECDSA certificate is refused")
    func keyOfAnotherType() throws {
        let directory = try TLSTemporaryDirectory()
        let ec = try TLSTestCertificates.selfSigned(in: directory, name: "ec", commonName: "ec")
        let rsa = try TLSTestCertificates.selfSigned(in: directory, name: "rsa", commonName: "rsa", keyType: .rsa)
        let error = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: ec.certificate, keyFile: rsa.key)
        }
        #expect(error.operation.contains("does not match"))
        #expect(TLSError.errorQueueIsEmpty)
    }

    @Test("a missing file is refused with the path and the system's reason")
    func missingFile() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "c", commonName: "c")
        let missing = directory.file("nope.crt")
        let error = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: missing, keyFile: pair.key)
        }
        #expect(error.description == "opening \(missing): No such file or directory")
        let caError = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: pair.certificate, keyFile: pair.key, clientCAFile: directory.file("ca"))
        }
        #expect(caError.operation.contains(directory.file("ca")))
    }

    @Test("garbage, empty and truncated PEM files are refused, naming the file")
    func garbagePEM() throws {
        let directory = try TLSTemporaryDirectory()
        _ = try TLSTestCertificates.selfSigned(in: directory, name: "c", commonName: "c")
        let certificateText = try directory.read("c.crt")
        let keyText = try directory.read("c.key")
        let cases: [(certificate: String, key: String, mention: String)] = [
            ("this is not a certificate\n", keyText, "no certificate"),
            ("", keyText, "no certificate"),
            (String(certificateText.prefix(certificateText.count / 2)), keyText, "reading certificates"),
            (certificateText, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "private key"),
            (certificateText, String(keyText.prefix(keyText.count / 2)), "private key"),
        ]
        for (index, entry) in cases.enumerated() {
            let certificate = try directory.write(entry.certificate, to: "case\(index).crt")
            let key = try directory.write(entry.key, to: "case\(index).key")
            let error = try #require(throws: TLSError.self) {
                try TLSContext(certificateFile: certificate, keyFile: key)
            }
            #expect(error.operation.contains(entry.mention), "case \(index): \(error)")
            #expect(error.operation.contains(certificate) || error.operation.contains(key), "case \(index): \(error)")
            #expect(TLSError.errorQueueIsEmpty)
        }
    }

    @Test("an encrypted key is refused instead of prompting for a passphrase")
    func encryptedKey() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "c", commonName: "c")
        let encrypted = directory.file("encrypted.key")
        try TLSTools.openssl(["pkey", "-in", pair.key, "-aes256", "-passout", "pass:secret", "-out", encrypted])
        let error = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: pair.certificate, keyFile: encrypted)
        }
        #expect(error.operation.contains(encrypted))
        #expect(TLSError.errorQueueIsEmpty)
    }

    @Test("a client CA file without certificates is refused")
    func garbageClientCA() throws {
        let directory = try TLSTemporaryDirectory()
        let pair = try TLSTestCertificates.selfSigned(in: directory, name: "c", commonName: "c")
        let ca = try directory.write("nothing here\n", to: "ca.crt")
        let error = try #require(throws: TLSError.self) {
            try TLSContext(certificateFile: pair.certificate, keyFile: pair.key, clientCAFile: ca)
        }
        #expect(error.operation == "reading certificates from \(ca): no certificate")
        let good = try TLSContext(certificateFile: pair.certificate, keyFile: pair.key, clientCAFile: pair.certificate)
        #expect(good.requiresClientCertificate)
    }

    @Test("the error description joins the operation and OpenSSL's reasons")
    func errorDescription() {
        #expect(TLSError(operation: "op").description == "op")
        #expect(TLSError(operation: "op", reasons: ["a", "b"]).description == "op: a; b")
    }
}
