import AdmissionCore
import Foundation

/// TLS between the API server and the webhook: the caBundle must be readable, current and a CA, and it must
/// verify a serving certificate that is current, names the host the API server calls, and may serve TLS.
extension WebhookCheckup {
    /// The serving certificate: `--certificate`, else the `tls.crt` of a Secret the backing pods mount (in the
    /// input, as `helm template` renders it in the chart's selfSigned mode).
    mutating func checkCertificates(backend: Backend) {
        let bundle = checkBundle()
        guard let serving = servingCertificate(backend: backend) else { return }
        checkValidity(of: serving)
        checkNames(of: serving, backend: backend)
        checkUsage(of: serving)
        if let bundle, let reason = context.inspector.verificationFailure(
            chain: serving.pem, chainSource: serving.source, trusted: bundle.pem, trustedSource: bundle.source
        ) {
            report(.caBundleDoesNotVerify, .danger,
                   "\(bundle.source) does not verify the serving certificate (\(serving.source): \(reason)): the API server refuses the TLS handshake, so \(unreachableConsequence)")
        }
    }

    /// What follows when no call can succeed.
    private var unreachableConsequence: String {
        entry.failsClosed ? "every request the webhook matches is rejected" : "nothing is ever judged"
    }

    // MARK: The bundle

    /// Checks the bundle's certificates; returns it when it can verify a serving certificate.
    private mutating func checkBundle() -> (pem: [UInt8], source: String)? {
        let pem: [UInt8]
        let source: String
        if let override = context.caBundle {
            (pem, source) = (override.pem, override.source)
        } else if let encoded = entry.caBundle {
            source = "clientConfig.caBundle"
            guard let decoded = Base64.decode(encoded) else {
                report(.caBundleInvalid, .danger, "clientConfig.caBundle is not base64: the API server refuses the configuration")
                return nil
            }
            pem = decoded
        } else {
            reportMissingBundle()
            return nil
        }
        let authorities: [CertificateFacts]
        do {
            authorities = try context.inspector.certificates(pem: pem, source: source)
        } catch {
            report(.caBundleInvalid, .danger, "\(source) holds no readable PEM certificate (\(error)): every call fails TLS, so \(unreachableConsequence)")
            return nil
        }
        checkAuthorities(authorities, source: source)
        return (pem, source)
    }

    private mutating func reportMissingBundle() {
        let annotations = entry.configuration.object
        if let key = ["cert-manager.io/inject-ca-from", "cert-manager.io/inject-ca-from-secret", "cert-manager.io/inject-apiserver-ca"]
            .first(where: { annotations.annotation($0) != nil })
        {
            report(.caBundleNotChecked, .warning,
                   "clientConfig.caBundle is left to cert-manager's CA injector (\(key): \(annotations.annotation(key) ?? "")): it cannot be checked from the manifests")
        } else if entry.url == nil {
            // A URL webhook may be served with a publicly trusted certificate: the system roots then verify it.
            report(.caBundleMissing, .danger,
                   "clientConfig.caBundle is empty: the API server verifies the Service's certificate against its system roots, which no in-cluster CA is in, so \(unreachableConsequence)")
        }
    }

    private mutating func checkAuthorities(_ authorities: [CertificateFacts], source: String) {
        let expired = authorities.filter { ($0.notAfter ?? .infinity) <= context.now }
        for authority in expired {
            let othersValid = expired.count < authorities.count
            report(.caBundleExpired, othersValid ? .warning : .danger,
                   "\(authority.subject) in \(source) expired on \(Self.date(authority.notAfter))"
                       + (othersValid ? "; the bundle's other certificates still verify, this one is dead weight"
                           : ": nothing it signed verifies, so \(unreachableConsequence)"))
        }
        for authority in authorities {
            guard let notAfter = authority.notAfter, notAfter > context.now,
                notAfter <= context.now + DoctorContext.expiryMargin
            else { continue }
            report(.caBundleExpiresSoon, .warning,
                   "\(authority.subject) in \(source) expires on \(Self.date(notAfter)), in \(days(until: notAfter)): then nothing it signed verifies")
        }
        for authority in authorities where !authority.isCA {
            report(.caBundleNotCA, .warning,
                   "\(authority.subject) in \(source) is not a CA (no basicConstraints CA:TRUE): it can only verify itself, so every renewal of the serving certificate must change the webhook configurations at the same moment")
        }
    }

    // MARK: The serving certificate

    private mutating func servingCertificate(backend: Backend) -> ServingCertificate? {
        if let given = context.certificate { return given }
        for workload in backend.workloads ?? [] {
            guard let secret = context.inventory.servingCertificateSecret(of: workload) else { continue }
            let source = "Secret \(secret.name) tls.crt"
            guard let pem = secret.pem,
                let certificate = try? ServingCertificate(file: .init(source: source, pem: pem), inspector: context.inspector)
            else {
                report(.servingCertificateInvalid, .danger,
                       "\(source), mounted by \(workload.kind) \(workload.name), is not a PEM certificate: the webhook server cannot start, so \(unreachableConsequence)")
                return nil
            }
            return certificate
        }
        return nil
    }

    private mutating func checkValidity(of serving: ServingCertificate) {
        let leaf = serving.leaf
        if let notBefore = leaf.notBefore, notBefore > context.now {
            report(.servingCertificateNotYetValid, .danger,
                   "\(serving.source) is not valid before \(Self.date(notBefore)): until then the API server refuses the TLS handshake, so \(unreachableConsequence)")
        }
        guard let notAfter = leaf.notAfter else { return }
        if notAfter <= context.now {
            report(.servingCertificateExpired, .danger,
                   "\(serving.source) expired on \(Self.date(notAfter)): the API server refuses the TLS handshake, so \(unreachableConsequence)")
        } else if notAfter <= context.now + DoctorContext.expiryMargin {
            report(.servingCertificateExpiresSoon, .warning,
                   "\(serving.source) expires on \(Self.date(notAfter)), in \(days(until: notAfter)): then the API server refuses the TLS handshake")
        }
    }

    private mutating func checkNames(of serving: ServingCertificate, backend: Backend) {
        let host: String
        if let reference = backend.reference {
            host = "\(reference.name).\(reference.namespace).svc"
        } else if let url = entry.url, let urlHost = URLComponents(string: url)?.host, !urlHost.isEmpty {
            host = urlHost
        } else {
            return
        }
        guard !serving.leaf.matches(host: host) else { return }
        let names = serving.leaf.subjectAltNames
        let has = names.isEmpty ? "has no subjectAltName (the common name is ignored)"
            : "names only \(names.joined(separator: ", "))"
        report(.servingCertificateNameMismatch, .danger,
               "\(serving.source) \(has), not \(host), which the API server calls: it refuses the TLS handshake, so \(unreachableConsequence)")
    }

    private mutating func checkUsage(of serving: ServingCertificate) {
        if !serving.leaf.allowsServerAuth {
            report(.servingCertificateNotForServerAuth, .danger,
                   "\(serving.source) has an extendedKeyUsage without serverAuth: the API server refuses it for TLS, so \(unreachableConsequence)")
        }
        if !serving.leaf.allowsDigitalSignature {
            report(.servingCertificateNotForServerAuth, .warning,
                   "\(serving.source) has a keyUsage without digitalSignature: every modern TLS handshake signs with its key, and strict clients refuse it")
        }
    }

    // MARK: Dates

    private static func date(_ seconds: Double?) -> String {
        seconds.map { CalendarDate(secondsSince1970: $0).description } ?? "an unreadable date"
    }

    private func days(until seconds: Double) -> String {
        let days = Int(((seconds - context.now) / 86_400).rounded(.down))
        return days < 1 ? "less than a day" : days == 1 ? "1 day" : "\(days) days"
    }
}
