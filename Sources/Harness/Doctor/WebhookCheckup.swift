import AdmissionCore

/// What every check of one run shares.
struct DoctorContext {
    let inventory: DoctorInventory
    let defaultNamespace: String
    let now: Double
    let inspector: any CertificateInspector
    let certificate: ServingCertificate?
    let caBundle: DoctorRun.PEMFile?

    /// Thirty days: the chart's renewal margin (renewBeforeDays 30, cert-manager renewBefore 720h).
    static let expiryMargin: Double = 30 * 86_400
}

/// The examination of one webhook entry: each concern is an extension in its own file.
struct WebhookCheckup {
    let entry: WebhookEntry
    let context: DoctorContext
    private(set) var findings: [DoctorFinding] = []

    init(entry: WebhookEntry, context: DoctorContext) {
        self.entry = entry
        self.context = context
    }

    mutating func examine() {
        let backend = Backend(entry: entry, context: context)
        checkSettings()
        checkScope(backend: backend)
        checkBackend(backend)
        checkCertificates(backend: backend)
    }

    mutating func report(_ id: DoctorDiagnosis, _ severity: Severity, _ detail: String) {
        findings.append(DoctorFinding(id: id, severity: severity, webhook: entry.reference, detail: detail))
    }

    /// Danger when the webhook fails closed, a warning otherwise.
    var lockoutSeverity: Severity { entry.failsClosed ? .danger : .warning }
}
