import Foundation
import Testing

@testable import WebhookServer

@Suite("TLS client certificates", .serialized)
final class TLSClientAuthTests {
    let directory: TLSTemporaryDirectory
    let paths: DevCertificates.Paths
    let clientCA: TLSTestPair
    let context: TLSContext

    init() throws {
        directory = try TLSTemporaryDirectory()
        paths = try DevCertificates.generate(in: directory.file("dev"))
        clientCA = try TLSTestCertificates.selfSigned(in: directory, name: "client-ca", commonName: "Test Client CA")
        context = try TLSContext(
            certificateFile: paths.certificate, keyFile: paths.key, clientCAFile: clientCA.certificate)
    }

    private func sClient(_ options: [String]) throws -> (TLSProcessResult, TLSEchoServer.Session) {
        let server = try TLSEchoServer()
        server.start(context: context)
        let client = try TLSTools.run(
            [
                "openssl", "s_client", "-connect", "127.0.0.1:\(server.port)", "-brief", "-ign_eof",
                "-CAfile", paths.caCertificate,
            ] + options,
            input: "hello\n"
        )
        return (client, try server.waitForSession())
    }

    @Test("a client without a certificate is refused", arguments: ["-tls1_2", "-tls1_3"])
    func noCertificate(version: String) throws {
        let (_, session) = try sClient([version])
        let error = try #require(session.handshakeError, "handshake: \(session.handshake)")
        #expect(error.description.contains("peer did not return a certificate"), "\(error)")
        #expect(session.errorQueueEmpty)
    }

    @Test("a client certificate signed by the client CA is accepted", arguments: ["-tls1_2", "-tls1_3"])
    func goodCertificate(version: String) throws {
        let client = try TLSTestCertificates.signed(
            in: directory, name: "client", commonName: "system:apiserver", by: clientCA,
            extensions: TLSTestCertificates.clientExtensions
        )
        let (result, session) = try sClient([version, "-cert", client.certificate, "-key", client.key])
        #expect(session.handshake == .done, "\(session.handshakeErrorText)")
        #expect(session.peerCertificateSubject == "CN=system:apiserver")
        #expect(result.output == "hello\n", "\(result.combined)")
        // The server names the CAs it accepts, so clients with several certificates can choose.
        #expect(result.errorOutput.isEmpty || !result.errorOutput.contains("No client certificate CA names sent"))
    }

    @Test("a client certificate from another CA is refused")
    func foreignCertificate() throws {
        let otherCA = try TLSTestCertificates.selfSigned(in: directory, name: "other-ca", commonName: "Other CA")
        let client = try TLSTestCertificates.signed(
            in: directory, name: "intruder", commonName: "intruder", by: otherCA,
            extensions: TLSTestCertificates.clientExtensions
        )
        let (_, session) = try sClient(["-cert", client.certificate, "-key", client.key])
        let error = try #require(session.handshakeError, "handshake: \(session.handshake)")
        #expect(error.description.contains("certificate verify failed"), "\(error)")
        #expect(session.peerCertificateSubject == nil)
    }
}
