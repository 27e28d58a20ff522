import Harness
import WebhookServer

/// The doctor's certificate reader: Harness stays free of OpenSSL, WebhookServer does the X.509 work.
struct OpenSSLCertificateInspector: CertificateInspector {
    func certificates(pem: [UInt8], source: String) throws -> [CertificateFacts] {
        try X509Inspection.summaries(pem: pem, source: source).map { summary in
            CertificateFacts(
                subject: summary.subject, notBefore: summary.notBefore, notAfter: summary.notAfter, isCA: summary.isCA,
                dnsNames: summary.dnsNames, ipAddresses: summary.ipAddresses,
                allowsServerAuth: summary.allowsServerAuth, allowsDigitalSignature: summary.allowsDigitalSignature
            )
        }
    }

    func verificationFailure(chain: [UInt8], chainSource: String, trusted: [UInt8], trustedSource: String) -> String? {
        do {
            return try X509Inspection.verificationFailure(
                chainPEM: chain, chainSource: chainSource, trustedPEM: trusted, trustedSource: trustedSource
            )
        } catch {
            return "\(error)"
        }
    }
}
