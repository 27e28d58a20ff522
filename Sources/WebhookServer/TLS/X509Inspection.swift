internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What `harbormaster doctor` reads of one certificate: validity, names, CA flag and usages.
public struct X509Summary: Sendable {
    public let subject: String
    /// Seconds since the epoch; nil when OpenSSL cannot convert the time.
    public let notBefore: Double?
    public let notAfter: Double?
    /// basicConstraints CA:TRUE.
    public let isCA: Bool
    /// subjectAltName DNS entries, as written.
    public let dnsNames: [String]
    /// subjectAltName IP entries, in inet_ntop's canonical text.
    public let ipAddresses: [String]
    /// No extendedKeyUsage extension, or one that lists serverAuth or anyExtendedKeyUsage.
    public let allowsServerAuth: Bool
    /// No keyUsage extension, or one that has digitalSignature (every TLS 1.3 handshake signs with the key).
    public let allowsDigitalSignature: Bool
}

/// Read-only X.509 inspection for `harbormaster doctor`. It lives here because this module is the only importer of
/// OpenSSL; nothing in it touches a TLS context or the server.
public enum X509Inspection {
    /// Every certificate of PEM text, in order; no certificate or a damaged block is an error naming `source`.
    public static func summaries(pem: [UInt8], source: String) throws(TLSError) -> [X509Summary] {
        try TLSCertificate.readAll(pem: pem, source: source).map(summary)
    }

    /// nil when the first certificate of `chainPEM` (the rest are intermediates) chains to a certificate of
    /// `trustedPEM`; otherwise OpenSSL's reason. Times are not checked (the doctor reports expiry on its own, against
    /// its own clock), and any certificate of the bundle may anchor the chain, as in Go's crypto/x509, which is what
    /// the API server verifies webhooks with.
    public static func verificationFailure(
        chainPEM: [UInt8], chainSource: String, trustedPEM: [UInt8], trustedSource: String
    ) throws(TLSError) -> String? {
        let chain = try TLSCertificate.readAll(pem: chainPEM, source: chainSource)
        let trusted = try TLSCertificate.readAll(pem: trustedPEM, source: trustedSource)
        guard let store = X509_STORE_new() else { throw TLSError.draining("X509_STORE_new") }
        defer { X509_STORE_free(store) }
        for certificate in trusted where X509_STORE_add_cert(store, certificate.pointer) != 1 {
            throw TLSError.draining("trusting \(certificate.subject) from \(trustedSource)")
        }
        guard let untrusted = OPENSSL_sk_new_null() else { throw TLSError.draining("OPENSSL_sk_new_null") }
        // The stack only borrows the certificates, which `chain` keeps alive until the end of this function.
        defer { OPENSSL_sk_free(untrusted) }
        for intermediate in chain.dropFirst() where OPENSSL_sk_push(untrusted, UnsafeRawPointer(intermediate.pointer)) <= 0 {
            throw TLSError.draining("OPENSSL_sk_push")
        }
        guard let context = X509_STORE_CTX_new() else { throw TLSError.draining("X509_STORE_CTX_new") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, chain[0].pointer, untrusted) == 1 else {
            throw TLSError.draining("X509_STORE_CTX_init")
        }
        let flags = UInt(X509_V_FLAG_PARTIAL_CHAIN) | UInt(X509_V_FLAG_NO_CHECK_TIME)
        X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(context), flags)
        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        if verified { return nil }
        let code = X509_STORE_CTX_get_error(context)
        return String(cString: X509_verify_cert_error_string(Int(code)))
    }

    private static func summary(_ certificate: TLSCertificate) -> X509Summary {
        let x509 = certificate.pointer
        // Caches the parsed extensions; the usage getters below read that cache.
        let flags = X509_get_extension_flags(x509)
        let extendedUsage = X509_get_extended_key_usage(x509)
        let keyUsage = X509_get_key_usage(x509)
        let names = subjectAltNames(x509)
        return X509Summary(
            subject: certificate.subject,
            notBefore: seconds(X509_get0_notBefore(x509)),
            notAfter: certificate.notAfter,
            isCA: flags & UInt32(EXFLAG_CA) != 0,
            dnsNames: names.dns,
            ipAddresses: names.ip,
            // Both getters answer UINT32_MAX (everything allowed) when the extension is absent.
            allowsServerAuth: extendedUsage & (UInt32(XKU_SSL_SERVER) | UInt32(XKU_ANYEKU)) != 0,
            allowsDigitalSignature: keyUsage & UInt32(KU_DIGITAL_SIGNATURE) != 0
        )
    }

    private static func seconds(_ time: UnsafePointer<ASN1_TIME>?) -> Double? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            ERR_clear_error()
            return nil
        }
        return Double(timegm(&parts))
    }

    private static func subjectAltNames(_ x509: OpaquePointer) -> (dns: [String], ip: [String]) {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else {
            ERR_clear_error()
            return ([], [])
        }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var dns: [String] = []
        var ip: [String] = []
        for index in 0..<max(0, OPENSSL_sk_num(names)) {
            guard let entry = OPENSSL_sk_value(names, index)?.assumingMemoryBound(to: GENERAL_NAME.self).pointee else {
                continue
            }
            switch entry.type {
            case GEN_DNS:
                if let text = bytes(of: entry.d.dNSName) { dns.append(String(decoding: text, as: UTF8.self)) }
            case GEN_IPADD:
                if let address = bytes(of: entry.d.iPAddress), let text = addressText(address) { ip.append(text) }
            default:
                continue
            }
        }
        return (dns, ip)
    }

    private static func bytes(of string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8]? {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    /// An IP SAN is 4 or 16 raw bytes; inet_ntop gives the same text the doctor normalises URL hosts to.
    private static func addressText(_ address: [UInt8]) -> String? {
        let family: Int32
        switch address.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = address.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
