internal import COpenSSL

/// One certificate generation: an `SSL_CTX` holding the serving certificate chain, its key, the protocol settings
/// and, optionally, the CA that client certificates must chain to.
///
/// Immutable once built, and shared by every connection accepted while it is current: OpenSSL allows concurrent
/// `SSL_new` on a configured context. Connections keep the context they started with when a newer one replaces it.
public final class TLSContext: @unchecked Sendable {
    /// The `SSL_CTX *`, owned by this object.
    let context: OpaquePointer
    /// The end of the leaf certificate's validity period, in seconds since the epoch (nil if unreadable).
    public let certificateNotAfter: Double?
    /// The leaf certificate's subject in RFC 2253 form, for logs (for example `CN=localhost,O=Harbormaster`).
    public let certificateSubject: String
    /// The leaf certificate's issuer in RFC 2253 form, for logs.
    public let certificateIssuer: String
    /// Whether clients must present a certificate signed by the client CA.
    public let requiresClientCertificate: Bool

    /// Loads a PEM certificate chain (leaf first), its unencrypted PEM private key and, if given, a PEM file of CA
    /// certificates that client certificates must chain to. Errors name the file and say what is wrong with it.
    public convenience init(certificateFile: String, keyFile: String, clientCAFile: String? = nil) throws(TLSError) {
        var material = try TLSCertificateMaterial.read(
            certificateFile: certificateFile, keyFile: keyFile, clientCAFile: clientCAFile
        )
        defer { material.wipeKey() }
        try self.init(material: material)
    }

    /// Builds a context from certificate material already read.
    init(material: TLSCertificateMaterial) throws(TLSError) {
        // Errors left by earlier work on this thread must not be reported as this load's reasons.
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw TLSError.draining("SSL_CTX_new") }
        // Swift runs deinit only for a fully initialised object; until then, this frees the context on a throw.
        var initialised = false
        defer { if !initialised { SSL_CTX_free(context) } }

        try Self.applyProtocolSettings(to: context)
        let leaf = try Self.loadServingCertificate(material, into: context)
        if let caPEM = material.clientCAPEM, let caFile = material.clientCAFile {
            try Self.loadClientCA(pem: caPEM, source: caFile, into: context)
        }

        self.context = context
        certificateNotAfter = leaf.notAfter
        certificateSubject = leaf.subject
        certificateIssuer = leaf.issuer
        requiresClientCertificate = material.clientCAPEM != nil
        initialised = true
    }

    deinit { SSL_CTX_free(context) }
}
