import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the doctor knows of one X.509 certificate. Harness does not link OpenSSL: the CLI reads certificates
/// through `WebhookServer` and hands the facts over through `CertificateInspector`.
public struct CertificateFacts: Sendable {
    public var subject: String
    /// Seconds since the epoch.
    public var notBefore: Double?
    public var notAfter: Double?
    public var isCA: Bool
    public var dnsNames: [String]
    /// Canonical text (inet_ntop), so that `::1` and `0:0:0:0:0:0:0:1` compare equal.
    public var ipAddresses: [String]
    public var allowsServerAuth: Bool
    public var allowsDigitalSignature: Bool

    public init(
        subject: String, notBefore: Double?, notAfter: Double?, isCA: Bool, dnsNames: [String], ipAddresses: [String],
        allowsServerAuth: Bool, allowsDigitalSignature: Bool
    ) {
        self.subject = subject
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.isCA = isCA
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.allowsServerAuth = allowsServerAuth
        self.allowsDigitalSignature = allowsDigitalSignature
    }

    /// The SANs, as a reader would list them.
    public var subjectAltNames: [String] { dnsNames + ipAddresses }

    /// Whether a client connecting to `host` accepts this certificate's names, as Go's crypto/x509 decides (the API
    /// server's client): SANs only, never the common name; a wildcard stands for exactly the left-most label.
    public func matches(host: String) -> Bool {
        if let address = Self.canonicalAddress(host) { return ipAddresses.contains(address) }
        let wanted = host.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        return dnsNames.contains { name in
            let pattern = name.lowercased().split(separator: ".", omittingEmptySubsequences: false)
            guard pattern.count == wanted.count, pattern.count > 1 else { return false }
            return zip(pattern, wanted).enumerated().allSatisfy { index, pair in
                pair.0 == pair.1 || (index == 0 && pair.0 == "*" && !pair.1.isEmpty)
            }
        }
    }

    /// `host` as inet_ntop writes it when it is an IPv4 or IPv6 literal (brackets allowed); nil for a DNS name.
    static func canonicalAddress(_ host: String) -> String? {
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var address = [UInt8](repeating: 0, count: size)
            guard inet_pton(family, literal, &address) == 1 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(family, address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }
}

/// Reads certificates for the doctor (implemented with OpenSSL by the CLI).
public protocol CertificateInspector: Sendable {
    /// Every certificate of PEM text, in order. Throws when there is none or a block is damaged; the error's
    /// description names `source`.
    func certificates(pem: [UInt8], source: String) throws -> [CertificateFacts]

    /// nil when the first certificate of `chain` (the rest are intermediates) chains to one of `trusted`;
    /// otherwise the reason. Validity periods are not part of this answer.
    func verificationFailure(chain: [UInt8], chainSource: String, trusted: [UInt8], trustedSource: String) -> String?
}
