import Foundation
import Testing

@testable import WebhookServer

/// Real clients (openssl s_client, Python's ssl module, raw sockets) against `TLSConnection` on loopback.
@Suite("TLS handshakes with real clients", .serialized)
final class TLSHandshakeTests {
    let directory: TLSTemporaryDirectory
    let paths: DevCertificates.Paths
    let context: TLSContext

    init() throws {
        directory = try TLSTemporaryDirectory()
        paths = try DevCertificates.generate(in: directory.file("dev"))
        context = try TLSContext(certificateFile: paths.certificate, keyFile: paths.key)
    }

    /// Runs `openssl s_client` against a fresh echo server, sending "hello".
    private func sClient(_ options: [String], context: TLSContext? = nil) throws
        -> (TLSProcessResult, TLSEchoServer.Session)
    {
        let server = try TLSEchoServer()
        server.start(context: context ?? self.context)
        let client = try TLSTools.run(
            [
                "openssl", "s_client", "-connect", "127.0.0.1:\(server.port)", "-brief", "-ign_eof",
                "-CAfile", paths.caCertificate, "-verify_return_error", "-verify_hostname", "localhost",
            ] + options,
            input: "hello\n"
        )
        return (client, try server.waitForSession())
    }

    @Test("TLS 1.3 with ALPN http/1.1: the echo comes back")
    func tls13() throws {
        let (client, session) = try sClient(["-tls1_3", "-alpn", "http/1.1"])
        #expect(session.handshake == .done, "\(session.handshakeErrorText)")
        #expect(session.protocolVersion == "TLSv1.3")
        #expect(session.negotiatedALPN == "http/1.1")
        #expect(session.end == .done)
        #expect(session.echoedByteCount == 6)
        #expect(session.errorQueueEmpty)
        #expect(client.output == "hello\n", "\(client.combined)")
        #expect(client.errorOutput.contains("Verification: OK"))
        #expect(client.errorOutput.contains("ALPN protocol: http/1.1") || session.negotiatedALPN == "http/1.1")
    }

    @Test("TLS 1.2 negotiates an ECDHE AEAD suite")
    func tls12() throws {
        let (client, session) = try sClient(["-tls1_2"])
        #expect(session.handshake == .done, "\(session.handshakeErrorText)")
        #expect(session.protocolVersion == "TLSv1.2")
        #expect(session.cipherName?.hasPrefix("ECDHE-ECDSA-") == true, "\(session.cipherName ?? "none")")
        #expect(session.negotiatedALPN == nil)
        #expect(client.output == "hello\n", "\(client.combined)")
    }

    @Test("TLS 1.1 is refused even by a client that allows it")
    func tls11Refused() throws {
        // OpenSSL 3 clients need security level 0 to offer TLS 1.1 at all.
        let (client, session) = try sClient(["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        #expect(client.status != 0)
        let error = try #require(session.handshakeError)
        #expect(error.description.contains("unsupported protocol"), "\(error)")
        #expect(session.errorQueueEmpty)
    }

    @Test("a TLS 1.2 suite outside the intermediate list is refused")
    func weakCipherRefused() throws {
        let (client, session) = try sClient(["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"])
        #expect(client.status != 0)
        #expect(session.handshakeErrorText.contains("no shared cipher"), "\(session.handshakeErrorText)")
    }

    @Test("a client offering only h2 still connects, without ALPN")
    func onlyH2() throws {
        let (client, session) = try sClient(["-tls1_3", "-alpn", "h2"])
        #expect(session.handshake == .done, "\(session.handshakeErrorText)")
        #expect(session.negotiatedALPN == nil)
        #expect(client.output == "hello\n", "\(client.combined)")
    }

    @Test("an RSA certificate serves TLS 1.2 with DHE and ECDHE, and TLS 1.3")
    func rsaCertificate() throws {
        let rsa = try TLSTestCertificates.selfSigned(in: directory, name: "rsa", commonName: "localhost", keyType: .rsa)
        let rsaContext = try TLSContext(certificateFile: rsa.certificate, keyFile: rsa.key)
        for (options, cipher) in [
            (["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256"], "DHE-RSA-AES128-GCM-SHA256"),
            (["-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"], "ECDHE-RSA-CHACHA20-POLY1305"),
        ] {
            let (_, session) = try sClient(options + ["-CAfile", rsa.certificate], context: rsaContext)
            #expect(session.handshake == .done, "\(session.handshakeErrorText)")
            #expect(session.cipherName == cipher)
        }
        let (_, session) = try sClient(["-tls1_3", "-CAfile", rsa.certificate], context: rsaContext)
        #expect(session.protocolVersion == "TLSv1.3")
    }

    @Test("a chain file is sent whole: a client trusting only the root verifies the leaf")
    func chainIsServed() throws {
        let root = try TLSTestCertificates.selfSigned(in: directory, name: "root", commonName: "Test Root")
        let intermediate = try TLSTestCertificates.signed(
            in: directory, name: "intermediate", commonName: "Test Intermediate", by: root,
            extensions: TLSTestCertificates.intermediateExtensions
        )
        let leaf = try TLSTestCertificates.signed(
            in: directory, name: "leaf", commonName: "localhost", by: intermediate,
            extensions: TLSTestCertificates.serverExtensions
        )
        let chain = try directory.write(
            try directory.read("leaf.crt") + directory.read("intermediate.crt"), to: "chain.crt")
        let chainContext = try TLSContext(certificateFile: chain, keyFile: leaf.key)
        let (client, session) = try sClient(["-CAfile", root.certificate], context: chainContext)
        #expect(session.handshake == .done, "\(session.handshakeErrorText)")
        #expect(client.errorOutput.contains("Verification: OK"), "\(client.combined)")
    }

    @Test(
        "Python's ssl module verifies the dev certificate for localhost and 127.0.0.1",
        arguments: ["localhost", "127.0.0.1"])
    func python(hostName: String) throws {
        let server = try TLSEchoServer()
        server.start(context: context)
        let client = try TLSTools.run([
            "python3", "-c", Self.pythonClient, "\(server.port)", paths.caCertificate, hostName, "1",
        ])
        let session = try server.waitForSession()
        #expect(client.status == 0, "\(client.combined)")
        #expect(client.output == "TLSv1.3 http/1.1 1\n", "\(client.combined)")
        #expect(session.negotiatedALPN == "http/1.1")
    }

    @Test("a 4 MiB echo with Python exercises partial writes and waiting to write; EOF without close_notify is a close")
    func largeEcho() throws {
        let server = try TLSEchoServer()
        server.start(context: context, mode: .echoUntilClosed)
        let size = 4 << 20
        let client = try TLSTools.run(
            ["python3", "-c", Self.pythonClient, "\(server.port)", paths.caCertificate, "localhost", "\(size)"],
            timeout: 60
        )
        let session = try server.waitForSession(timeout: 60)
        #expect(client.status == 0, "\(client.combined)")
        #expect(session.echoedByteCount == size)
        #expect(session.end == .closed)
        #expect(session.errorQueueEmpty)
    }

    @Test("plain HTTP instead of a ClientHello fails the handshake with a clear error")
    func plainHTTP() throws {
        let session = try rawClient(Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
        #expect(session.handshakeErrorText.contains("http request"), "\(session.handshakeErrorText)")
        #expect(session.errorQueueEmpty)
    }

    @Test("a malformed ClientHello fails the handshake with OpenSSL's reason")
    func malformedClientHello() throws {
        // One handshake record holding a 4-byte "ClientHello" that cannot be parsed.
        let session = try rawClient([0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef])
        let error = try #require(session.handshakeError, "handshake: \(session.handshake)")
        #expect(error.operation == "TLS handshake")
        #expect(!error.reasons.isEmpty, "\(error)")
        #expect(session.errorQueueEmpty)
    }

    @Test("random bytes end the handshake (failed, or closed at EOF) without a crash")
    func garbage() throws {
        var generator = SystemRandomNumberGenerator()
        for first: UInt8 in [0x16, 0x15, 0x00, 0x80, 0xff] {
            let bytes = [first] + (0..<511).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let session = try rawClient(bytes)
            switch session.handshake {
            case .failed(let error): #expect(!error.reasons.isEmpty, "\(error)")
            case .closed: break
            default: Issue.record("first byte \(first): handshake \(session.handshake)")
            }
            #expect(session.errorQueueEmpty)
        }
    }

    @Test("a client that connects and leaves is a close, not a failure")
    func connectAndLeave() throws {
        let session = try rawClient([])
        #expect(session.handshake == .closed)
        #expect(session.errorQueueEmpty)
    }

    /// Connects with a plain socket, sends `bytes`, reads until the server closes, and returns the server's view.
    private func rawClient(_ bytes: [UInt8]) throws -> TLSEchoServer.Session {
        let server = try TLSEchoServer()
        server.start(context: context)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = server.port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        // The end of input lets the server finish even when the bytes leave it waiting for more.
        shutdown(fd, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sink = [UInt8](repeating: 0, count: 4096)
        while sink.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
        return try server.waitForSession()
    }

    /// argv: port, CA file, server name, byte count. Sends the bytes and reads as many back on a non-blocking socket
    /// (so that neither side's writes wait on the other's reads), closes without close_notify, and prints the version,
    /// ALPN and count.
    static let pythonClient = """
        import select, socket, ssl, sys
        port, cafile, name, size = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
        ctx = ssl.create_default_context(cafile=cafile)
        ctx.set_alpn_protocols(["h2", "http/1.1"])
        s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=30), server_hostname=name)
        s.setblocking(False)
        payload = bytes(i % 251 for i in range(size))
        sent, received = 0, bytearray()
        while len(received) < size:
            wait = 0 if s.pending() else 30
            readable, writable, _ = select.select([s], [s] if sent < size else [], [], wait)
            if not readable and not writable and not s.pending():
                sys.exit("timed out")
            if writable:
                try:
                    sent += s.send(payload[sent:sent + 16384])
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                    pass
            try:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                pass
        assert bytes(received) == payload, "echo differs"
        print(s.version(), s.selected_alpn_protocol(), len(received))
        s.close()
        """
}
