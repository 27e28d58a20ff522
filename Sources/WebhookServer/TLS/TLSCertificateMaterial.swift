internal import COpenSSL

/// The bytes of one certificate generation, read once from disk, with the file names to report errors by.
///
/// Loading from these bytes (rather than letting OpenSSL open the files again) guarantees that the fingerprint the
/// `CertificateStore` compares and the context it builds describe the same bytes, even while the files change.
struct TLSCertificateMaterial {
    let certificateFile: String
    let keyFile: String
    let clientCAFile: String?
    var certificatePEM: [UInt8]
    var keyPEM: [UInt8]
    var clientCAPEM: [UInt8]?

    /// Reads the files named, failing on the first unreadable one.
    static func read(certificateFile: String, keyFile: String, clientCAFile: String?) throws(TLSError) -> Self {
        let certificatePEM = try TLSFileIO.readFile(certificateFile)
        let keyPEM = try TLSFileIO.readFile(keyFile)
        var clientCAPEM: [UInt8]?
        if let clientCAFile { clientCAPEM = try TLSFileIO.readFile(clientCAFile) }
        return Self(
            certificateFile: certificateFile, keyFile: keyFile, clientCAFile: clientCAFile,
            certificatePEM: certificatePEM, keyPEM: keyPEM, clientCAPEM: clientCAPEM
        )
    }

    /// Overwrites the private key bytes, so no copy outlives the `SSL_CTX` that needs it.
    mutating func wipeKey() {
        keyPEM.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        keyPEM = []
    }
}
