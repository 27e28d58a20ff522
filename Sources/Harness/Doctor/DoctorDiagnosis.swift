/// Everything `harbormaster doctor` can report, by stable ID. The severity is decided per finding (the same
/// exclusion gap is `danger` under `failurePolicy: Fail` and a `warning` under `Ignore`); `danger` means the
/// webhook can lock the cluster out or break admission.
public enum DoctorDiagnosis: String, Sendable, CaseIterable {
    // Nothing to examine.
    case noWebhookConfiguration

    // The backend of a Fail webhook: enough pods, kept through voluntary disruptions.
    case webhookServiceNotFound
    case webhookWorkloadNotFound
    case servicePortMismatch
    case failClosedWithoutReplicas
    case failClosedWithoutDisruptionBudget

    // What the webhook is called for.
    case systemNamespacesNotExcluded
    case ownNamespaceNotExcluded
    case failClosedOnNamespaces

    // Settings the API server acts on.
    case clientConfigInvalid
    case timeoutTooLong
    case timeoutOutOfRange
    case sideEffectsUnsafe
    case admissionReviewV1Missing

    // The CA bundle and the serving certificate.
    case caBundleMissing
    case caBundleNotChecked
    case caBundleInvalid
    case caBundleNotCA
    case caBundleExpired
    case caBundleExpiresSoon
    case caBundleDoesNotVerify
    case servingCertificateInvalid
    case servingCertificateNotYetValid
    case servingCertificateExpired
    case servingCertificateExpiresSoon
    case servingCertificateNameMismatch
    case servingCertificateNotForServerAuth

    /// The fix hint printed under each finding.
    public var remediation: String {
        switch self {
        case .noWebhookConfiguration:
            "Give the rendered manifests that contain the ValidatingWebhookConfiguration and MutatingWebhookConfiguration (helm template ... | harbormaster doctor -)."
        case .webhookServiceNotFound:
            "Include the Service (and its Deployment, PodDisruptionBudget, HorizontalPodAutoscaler) in the input, so that replicas, disruption budget and port can be checked."
        case .webhookWorkloadNotFound:
            "Include the Deployment, StatefulSet or DaemonSet whose pod template labels match the Service's selector, or give the Service a selector."
        case .servicePortMismatch:
            "Make clientConfig.service.port (default 443) one of the Service's spec.ports[].port."
        case .failClosedWithoutReplicas:
            "Run at least 2 replicas (spec.replicas, or an HPA with minReplicas >= 2), spread over nodes, or set failurePolicy: Ignore."
        case .failClosedWithoutDisruptionBudget:
            "Add a PodDisruptionBudget selecting the webhook's pods with maxUnavailable: 1 (or minAvailable: 1), or set failurePolicy: Ignore."
        case .systemNamespacesNotExcluded:
            "Add to namespaceSelector.matchExpressions: {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, kube-node-lease]}."
        case .ownNamespaceNotExcluded:
            "Add the webhook's own namespace to the namespaceSelector's NotIn list on kubernetes.io/metadata.name (or exclude its pods with an objectSelector)."
        case .failClosedOnNamespaces:
            "Drop namespaces from the rules of a Fail webhook (or give it its own webhook entry with failurePolicy: Ignore)."
        case .clientConfigInvalid:
            "Set exactly one of clientConfig.service (name, namespace, port) and clientConfig.url (https://, no user, query or fragment)."
        case .timeoutTooLong:
            "Set timeoutSeconds to 10 or less (Harbormaster answers in milliseconds; 5 is plenty)."
        case .timeoutOutOfRange:
            "Set timeoutSeconds between 1 and 30 (the API server refuses anything else); 5 is plenty."
        case .sideEffectsUnsafe:
            "Set sideEffects: None (Harbormaster has none), or NoneOnDryRun for a webhook that skips its side effects on dry runs."
        case .admissionReviewV1Missing:
            "Set admissionReviewVersions: [v1, v1beta1] (Harbormaster answers both)."
        case .caBundleMissing:
            "Set clientConfig.caBundle to the base64 of the PEM CA that signed the serving certificate (or let cert-manager's CA injector fill it in)."
        case .caBundleNotChecked:
            "Pass the CA that will be injected with --ca-bundle FILE to check it against the serving certificate."
        case .caBundleInvalid:
            "clientConfig.caBundle must be the standard base64 of one or more PEM certificates (base64 -w0 ca.crt)."
        case .caBundleNotCA:
            "Put the issuing CA in the bundle rather than the serving certificate itself, so that the certificate can be renewed without changing the webhook configuration."
        case .caBundleExpired:
            "Issue a new CA and put it in the caBundle before (or together with) a serving certificate it signs; remove expired CAs from the bundle."
        case .caBundleExpiresSoon:
            "Renew the CA now: put the new CA in the caBundle next to the old one, then rotate the serving certificate."
        case .caBundleDoesNotVerify:
            "Put the CA that signed the serving certificate in the caBundle (both, old and new, while rotating)."
        case .servingCertificateInvalid:
            "The serving certificate must be PEM (-----BEGIN CERTIFICATE-----), the leaf first, then any intermediates."
        case .servingCertificateNotYetValid:
            "Check the clock of the machine that issued the certificate, or wait until its notBefore."
        case .servingCertificateExpired:
            "Issue a new serving certificate now (certs/make-certs.sh, cert-manager, or a chart upgrade in selfSigned mode)."
        case .servingCertificateExpiresSoon:
            "Renew the serving certificate before it expires; Harbormaster reloads new files without a restart."
        case .servingCertificateNameMismatch:
            "Reissue the certificate with a subjectAltName DNS entry for the name the API server calls (<service>.<namespace>.svc, or the URL's host)."
        case .servingCertificateNotForServerAuth:
            "Reissue the certificate with extendedKeyUsage serverAuth and keyUsage digitalSignature (keyEncipherment too for RSA)."
        }
    }
}
