import Harness
import Testing

/// How the doctor decides that a serving certificate names the host the API server calls: as Go's crypto/x509
/// does (SANs only, a wildcard for exactly one left-most label, IP literals against IP SANs).
@Suite struct DoctorNameMatchingTests {
    private func facts(dns: [String] = [], ip: [String] = []) -> CertificateFacts {
        CertificateFacts(subject: "CN=test", notBefore: nil, notAfter: nil, isCA: false, dnsNames: dns, ipAddresses: ip,
                         allowsServerAuth: true, allowsDigitalSignature: true)
    }

    @Test func exactNamesIgnoreCase() {
        #expect(facts(dns: ["Harbormaster.Harbormaster.svc"]).matches(host: "harbormaster.harbormaster.svc"))
        #expect(!facts(dns: ["harbormaster.harbormaster"]).matches(host: "harbormaster.harbormaster.svc"))
    }

    @Test func aWildcardStandsForOneLeftMostLabel() {
        let wildcard = facts(dns: ["*.harbormaster.svc"])
        #expect(wildcard.matches(host: "harbormaster.harbormaster.svc"))
        #expect(!wildcard.matches(host: "a.b.harbormaster.svc"))
        #expect(!wildcard.matches(host: "harbormaster.svc"))
        #expect(!facts(dns: ["harbormaster.*.svc"]).matches(host: "harbormaster.harbormaster.svc"))
    }

    @Test func addressesCompareInCanonicalForm() {
        #expect(facts(ip: ["::1"]).matches(host: "[0:0:0:0:0:0:0:1]"))
        #expect(facts(ip: ["10.0.0.5"]).matches(host: "10.0.0.5"))
        // An address is never matched by a DNS SAN that spells it.
        #expect(!facts(dns: ["10.0.0.5"]).matches(host: "10.0.0.5"))
    }
}
