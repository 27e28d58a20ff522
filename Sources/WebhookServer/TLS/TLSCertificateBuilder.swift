internal import COpenSSL

/// Builds and signs an X.509 v3 certificate; used for the throwaway certificates of `serve --dev`.
struct TLSCertificateBuilder {
    /// The subject's common name; the organisation is always "Harbormaster".
    var commonName: String
    /// Days from now until notAfter; notBefore is backdated a little (see `clockSkewAllowance`).
    var validityDays: Int
    /// X.509 v3 extensions in OpenSSL's configuration syntax, added in order (a subject key identifier must come
    /// before an authority key identifier that refers to the same certificate).
    var extensions: [(nid: Int32, value: String)]

    /// Backdating notBefore by five minutes keeps a client whose clock is slightly behind from rejecting a certificate
    /// made a moment ago.
    static let clockSkewAllowance = -300

    /// Signs a certificate for `subjectKey` with `issuerKey` (SHA-256). Without `issuer`, the certificate is
    /// self-signed and must be signed by `subjectKey` itself.
    func sign(subjectKey: TLSPrivateKey, issuer: TLSCertificate?, issuerKey: TLSPrivateKey) throws(TLSError)
        -> TLSCertificate
    {
        guard let raw = X509_new() else { throw TLSError.draining("X509_new") }
        let certificate = TLSCertificate(owning: raw)
        let x509 = certificate.pointer
        guard X509_set_version(x509, Int(X509_VERSION_3)) == 1,
            Self.setRandomSerial(x509),
            X509_gmtime_adj(X509_getm_notBefore(x509), Self.clockSkewAllowance) != nil,
            X509_time_adj_ex(X509_getm_notAfter(x509), Int32(validityDays), 0, nil) != nil,
            let subject = X509_get_subject_name(x509),
            Self.addEntry("O", "Harbormaster", to: subject),
            Self.addEntry("CN", commonName, to: subject),
            X509_set_issuer_name(x509, X509_get_subject_name(issuer?.pointer ?? x509)) == 1,
            X509_set_pubkey(x509, subjectKey.pointer) == 1
        else { throw TLSError.draining("building the certificate for \(commonName)") }
        try addExtensions(to: x509, issuer: issuer?.pointer ?? x509)
        guard X509_sign(x509, issuerKey.pointer, EVP_sha256()) > 0 else {
            throw TLSError.draining("signing the certificate for \(commonName)")
        }
        return certificate
    }

    private func addExtensions(to x509: OpaquePointer, issuer: OpaquePointer) throws(TLSError) {
        // A zeroed context has no configuration database, which the values used here do not need.
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, x509, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw TLSError.draining("making the extension \(value) for \(commonName)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else {
                throw TLSError.draining("adding the extension \(value) for \(commonName)")
            }
        }
    }

    /// RFC 5280 allows serials up to 20 octets; 159 random bits stay positive and unique without bookkeeping.
    private static func setRandomSerial(_ x509: OpaquePointer) -> Bool {
        guard let number = BN_new() else { return false }
        defer { BN_free(number) }
        return BN_rand(number, 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
            && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil
    }

    private static func addEntry(_ field: String, _ value: String, to name: OpaquePointer) -> Bool {
        let bytes = Array(value.utf8)
        return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1
    }
}
