internal import COpenSSL

/// Throwaway certificates for `serve --dev`: a fresh CA and a serving certificate it signs for `localhost`,
/// `127.0.0.1` and `::1`, both ECDSA P-256. The CA's private key is never written, so nothing else can be signed with
/// it; trust `caCertificate` (for example `curl --cacert`) to talk to the dev server.
public enum DevCertificates {
    /// Where `generate` wrote the files.
    public struct Paths: Sendable {
        /// The CA certificate (`ca.crt`), to give clients as their trust anchor.
        public let caCertificate: String
        /// The serving certificate (`tls.crt`).
        public let certificate: String
        /// The serving certificate's private key (`tls.key`, mode 0600).
        public let key: String
    }

    /// The names the serving certificate is valid for.
    public static let subjectAlternativeNames = "DNS:localhost,IP:127.0.0.1,IP:::1"

    /// Ten years is far beyond any dev session, and keeps the notAfter arithmetic well inside `Int32`.
    static let maximumValidityDays = 3650

    /// Makes a new CA and serving certificate in `directory` (created with mode 0700 if missing), replacing files of
    /// the same names. Each file is written to a temporary name and renamed, so a reader never sees half of one.
    public static func generate(in directory: String, validityDays: Int = 30) throws(TLSError) -> Paths {
        guard (1...maximumValidityDays).contains(validityDays) else {
            throw TLSError(
                operation: "dev certificate validity must be 1 to \(maximumValidityDays) days, not \(validityDays)")
        }
        try TLSFileIO.makeDirectory(directory)
        let caKey = try TLSPrivateKey.generateP256()
        // The CA outlives the leaf by a day so the leaf is never valid longer than its issuer.
        let ca = try TLSCertificateBuilder(
            commonName: "Harbormaster dev CA", validityDays: validityDays + 1,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE,pathlen:0"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ]
        ).sign(subjectKey: caKey, issuer: nil, issuerKey: caKey)
        let key = try TLSPrivateKey.generateP256()
        let leaf = try TLSCertificateBuilder(
            commonName: "localhost", validityDays: validityDays,
            extensions: [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature"),
                (NID_ext_key_usage, "serverAuth"),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
                (NID_subject_alt_name, subjectAlternativeNames),
            ]
        ).sign(subjectKey: key, issuer: ca, issuerKey: caKey)

        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = Paths(caCertificate: base + "ca.crt", certificate: base + "tls.crt", key: base + "tls.key")
        var keyPEM = try key.pkcs8PEM()
        defer { keyPEM.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        try TLSFileIO.writeFileAtomically(keyPEM, to: paths.key, mode: 0o600)
        try TLSFileIO.writeFileAtomically(try leaf.pem(), to: paths.certificate, mode: 0o644)
        try TLSFileIO.writeFileAtomically(try ca.pem(), to: paths.caCertificate, mode: 0o644)
        return paths
    }
}
