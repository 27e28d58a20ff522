import Foundation
import Testing

@testable import WebhookServer

@Suite("Dev certificates", .serialized)
struct TLSDevCertificatesTests {
    @Test("the serving certificate verifies against the CA and names localhost, 127.0.0.1 and ::1")
    func chainAndNames() throws {
        let directory = try TLSTemporaryDirectory()
        let paths = try DevCertificates.generate(in: directory.file("nested/dev"), validityDays: 12)
        let verified = try TLSTools.run(["openssl", "verify", "-CAfile", paths.caCertificate, paths.certificate])
        #expect(verified.status == 0, "\(verified.combined)")
        #expect(verified.output.contains(": OK"))
        let hostCheck = try TLSTools.run([
            "openssl", "verify", "-CAfile", paths.caCertificate, "-purpose", "sslserver", "-verify_hostname",
            "localhost",
            "-verify_ip", "::1", paths.certificate,
        ])
        #expect(hostCheck.status == 0, "\(hostCheck.combined)")

        let text = try TLSTools.openssl(["x509", "-in", paths.certificate, "-noout", "-text"]).output
        #expect(text.contains("DNS:localhost"))
        #expect(text.contains("IP Address:127.0.0.1"))
        #expect(text.contains("IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.contains("ASN1 OID: prime256v1"))
        #expect(text.contains("TLS Web Server Authentication"))

        let context = try TLSContext(certificateFile: paths.certificate, keyFile: paths.key)
        #expect(context.certificateSubject == "CN=localhost,O=Harbormaster")
        #expect(context.certificateIssuer == "CN=Harbormaster dev CA,O=Harbormaster")
        let notAfter = try #require(context.certificateNotAfter)
        #expect(abs(notAfter - (Date().timeIntervalSince1970 + 12 * 86_400)) < 120)
    }

    @Test("the key is mode 0600, the directory 0700, and the CA key is not written")
    func permissions() throws {
        let directory = try TLSTemporaryDirectory()
        let paths = try DevCertificates.generate(in: directory.file("dev"))
        let attributes = try FileManager.default.attributesOfItem(atPath: paths.key)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directoryAttributes = try FileManager.default.attributesOfItem(atPath: directory.file("dev"))
        #expect((directoryAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("dev")).sorted()
        #expect(names == ["ca.crt", "tls.crt", "tls.key"])
        #expect(try directory.read("dev/tls.key").hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test("generating again replaces the files with a new CA")
    func regenerate() throws {
        let directory = try TLSTemporaryDirectory()
        let first = try DevCertificates.generate(in: directory.path)
        let firstCA = try String(contentsOfFile: first.caCertificate, encoding: .utf8)
        let second = try DevCertificates.generate(in: directory.path)
        #expect(try String(contentsOfFile: second.caCertificate, encoding: .utf8) != firstCA)
        #expect(
            try TLSTools.run(["openssl", "verify", "-CAfile", second.caCertificate, second.certificate]).status == 0)
    }

    @Test("an out-of-range validity is refused")
    func validityRange() throws {
        let directory = try TLSTemporaryDirectory()
        #expect(throws: TLSError.self) { try DevCertificates.generate(in: directory.path, validityDays: 0) }
        #expect(throws: TLSError.self) { try DevCertificates.generate(in: directory.path, validityDays: 100_000) }
    }
}
