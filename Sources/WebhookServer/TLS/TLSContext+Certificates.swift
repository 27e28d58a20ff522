internal import COpenSSL

extension TLSContext {
    /// Installs the chain (leaf first) and the private key, and checks that they belong together. Returns the leaf.
    static func loadServingCertificate(
        _ material: TLSCertificateMaterial,
        into context: OpaquePointer
    ) throws(TLSError) -> TLSCertificate {
        let certificateFile = material.certificateFile
        let keyFile = material.keyFile
        let chain = try TLSCertificate.readAll(pem: material.certificatePEM, source: certificateFile)
        guard let leaf = chain.first else {
            throw TLSError(operation: "reading certificates from \(certificateFile): no certificate")
        }
        guard SSL_CTX_use_certificate(context, leaf.pointer) == 1 else {
            throw TLSError.draining("using the certificate in \(certificateFile)")
        }
        for issuer in chain.dropFirst() {
            guard COpenSSL_SSL_CTX_add1_chain_cert(context, issuer.pointer) == 1 else {
                throw TLSError.draining("adding the intermediate \(issuer.subject) from \(certificateFile)")
            }
        }
        let key = try TLSPrivateKey(pem: material.keyPEM, source: keyFile)
        // Both calls compare the key with the certificate; the first one fails when the key types already match.
        guard SSL_CTX_use_PrivateKey(context, key.pointer) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.draining(
                "the private key in \(keyFile) does not match the certificate in \(certificateFile)")
        }
        return leaf
    }

    /// Requires every client to present a certificate chaining to one of the CAs in `pem`, and advertises their
    /// names in the handshake so that clients holding several certificates pick the right one.
    static func loadClientCA(pem: [UInt8], source: String, into context: OpaquePointer) throws(TLSError) {
        let authorities = try TLSCertificate.readAll(pem: pem, source: source)
        guard let store = SSL_CTX_get_cert_store(context) else {
            throw TLSError.draining("SSL_CTX_get_cert_store")
        }
        for authority in authorities {
            guard X509_STORE_add_cert(store, authority.pointer) == 1,
                SSL_CTX_add_client_CA(context, authority.pointer) == 1
            else { throw TLSError.draining("trusting the client CA \(authority.subject) from \(source)") }
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
    }
}
