internal import COpenSSL

extension TLSContext {
    /// Mozilla's "intermediate" TLS 1.2 suites (ECDHE with ECDSA or RSA, DHE with RSA; AES-GCM and ChaCha20-Poly1305):
    /// forward secrecy and AEAD only, while still serving every client Kubernetes supports. TLS 1.3 keeps
    /// OpenSSL's default suites, which are all acceptable.
    static let tls12CipherList = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Distinguishes our sessions from other applications' in a shared cache; OpenSSL refuses to resume a session
    /// from a client-authenticated context without one.
    private static let sessionIDContext: [UInt8] = Array("harbormaster".utf8)

    static func applyProtocolSettings(to context: OpaquePointer) throws(TLSError) {
        guard COpenSSL_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1,
            COpenSSL_SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) == 1
        else { throw TLSError.draining("limiting the protocol to TLS 1.2 and 1.3") }
        guard SSL_CTX_set_cipher_list(context, tls12CipherList) == 1 else {
            throw TLSError.draining("setting the TLS 1.2 cipher list")
        }
        // The DHE suites need parameters; "auto" picks RFC 7919 groups matched to the certificate's strength.
        guard COpenSSL_SSL_CTX_set_dh_auto(context, 1) == 1 else { throw TLSError.draining("enabling DHE groups") }
        // Compression invites CRIME-style attacks; renegotiation is a DoS lever and HTTP/1.1 does not need it.
        SSL_CTX_set_options(context, COpenSSL_SSL_OP_NO_COMPRESSION() | COpenSSL_SSL_OP_NO_RENEGOTIATION())
        // Partial writes and a movable buffer let the event loop retry a write from wherever its bytes now live;
        // releasing idle buffers keeps the apiserver's many idle keep-alive connections small.
        let mode = SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS
        COpenSSL_SSL_CTX_set_mode(context, Int(mode))
        let idSet = sessionIDContext.withUnsafeBufferPointer {
            SSL_CTX_set_session_id_context(context, $0.baseAddress, UInt32($0.count))
        }
        guard idSet == 1 else { throw TLSError.draining("setting the session ID context") }
        TLSALPN.install(on: context)
    }
}
