/// A serving certificate to check: the PEM, where it came from, and its certificates (leaf first).
struct ServingCertificate {
    let source: String
    let pem: [UInt8]
    let chain: [CertificateFacts]

    var leaf: CertificateFacts { chain[0] }

    init(file: DoctorRun.PEMFile, inspector: any CertificateInspector) throws(HarnessError) {
        source = file.source
        pem = file.pem
        chain = try inspector.readAll(file.pem, source: file.source)
    }
}

extension CertificateInspector {
    /// Every certificate of a PEM file given on the command line; none, or a damaged one, is unreadable input.
    func readAll(_ pem: [UInt8], source: String) throws(HarnessError) -> [CertificateFacts] {
        let certificates: [CertificateFacts]
        do {
            certificates = try self.certificates(pem: pem, source: source)
        } catch {
            // The inspector's errors name the source already.
            throw HarnessError("\(error)")
        }
        guard !certificates.isEmpty else { throw HarnessError(file: source, "no certificate") }
        return certificates
    }
}
