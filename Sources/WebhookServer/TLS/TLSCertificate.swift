internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// An X.509 certificate (`X509 *`), owned by this object.
final class TLSCertificate {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }

    /// Every certificate in PEM text, in file order (for a chain file: the leaf, then its issuers). Blocks of other
    /// types are skipped; a damaged or truncated certificate block, or no certificate at all, is an error.
    static func readAll(pem: [UInt8], source: String) throws(TLSError) -> [TLSCertificate] {
        let bio = try TLSMemoryBIO(bytes: pem)
        var certificates: [TLSCertificate] = []
        while let certificate = PEM_read_bio_X509(bio.pointer, nil, nil, nil) {
            certificates.append(TLSCertificate(owning: certificate))
        }
        // Running out of input shows up as "no start line"; anything else means a block could not be decoded.
        let last = ERR_peek_last_error()
        let endOfInput = ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE
        guard endOfInput, !certificates.isEmpty else {
            let found = certificates.isEmpty ? "no certificate" : "a damaged certificate after \(certificates.count)"
            throw TLSError.draining("reading certificates from \(source): \(found)")
        }
        ERR_clear_error()
        return certificates
    }

    /// The subject in RFC 2253 form, most specific first (for example `CN=localhost,O=Harbormaster`).
    var subject: String {
        guard let name = X509_get_subject_name(pointer) else { return "" }
        return Self.describe(name)
    }

    /// The issuer in RFC 2253 form.
    var issuer: String {
        guard let name = X509_get_issuer_name(pointer) else { return "" }
        return Self.describe(name)
    }

    /// The end of the validity period, in seconds since the epoch; nil if OpenSSL cannot convert the time.
    var notAfter: Double? {
        guard let time = X509_get0_notAfter(pointer) else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            ERR_clear_error()
            return nil
        }
        return Double(timegm(&parts))
    }

    /// The certificate as PEM text.
    func pem() throws(TLSError) -> [UInt8] {
        let bio = try TLSMemoryBIO()
        guard PEM_write_bio_X509(bio.pointer, pointer) == 1 else { throw TLSError.draining("writing a certificate") }
        return bio.bytes
    }

    private static func describe(_ name: OpaquePointer) -> String {
        guard let bio = try? TLSMemoryBIO() else { return "" }
        guard X509_NAME_print_ex(bio.pointer, name, 0, COpenSSL_XN_FLAG_RFC2253()) >= 0 else {
            ERR_clear_error()
            return ""
        }
        return bio.text
    }
}
