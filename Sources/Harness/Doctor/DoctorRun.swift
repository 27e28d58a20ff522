import AdmissionCore

/// `harbormaster doctor`: rendered manifests (and optionally the serving certificate) in, everything that could
/// lock the cluster out or break admission out.
public struct DoctorRun: Sendable {
    /// A PEM file given on the command line, with the name to report it by.
    public struct PEMFile: Sendable {
        public let source: String
        public let pem: [UInt8]

        public init(source: String, pem: [UInt8]) {
            self.source = source
            self.pem = pem
        }
    }

    public let inspector: any CertificateInspector
    /// The release namespace, for objects (and `clientConfig.service`) that do not name one.
    public var defaultNamespace = "default"
    /// The clock, in seconds since the epoch: injected so that expiry checks are reproducible.
    public var now: Double
    /// `--certificate`: the serving certificate (leaf first, then intermediates) every webhook is served with.
    public var certificate: PEMFile?
    /// `--ca-bundle`: replaces the caBundle of every webhook.
    public var caBundle: PEMFile?

    public init(inspector: any CertificateInspector, now: Double) {
        self.inspector = inspector
        self.now = now
    }

    /// Loads every object first (the Service, workloads and budgets a webhook depends on may come in any order),
    /// then examines each webhook entry. Unreadable input, including the PEM files, is a `HarnessError` (exit 2).
    public func run(_ inputs: [InputFile]) throws(HarnessError) -> DoctorReport {
        let inventory = try DoctorInventory(inputs, defaultNamespace: defaultNamespace)
        var serving: ServingCertificate?
        if let certificate { serving = try ServingCertificate(file: certificate, inspector: inspector) }
        // Read once here, so that an unreadable file stops the run instead of becoming a finding per webhook.
        if let caBundle { _ = try inspector.readAll(caBundle.pem, source: caBundle.source) }
        let context = DoctorContext(
            inventory: inventory, defaultNamespace: defaultNamespace, now: now, inspector: inspector,
            certificate: serving, caBundle: caBundle
        )
        var report = DoctorReport()
        report.configurations = inventory.objects.filter { $0.object.isWebhookConfiguration }.count
        let entries = WebhookEntry.all(in: inventory.objects)
        report.webhooks = entries.count
        if entries.isEmpty {
            report.findings.append(DoctorFinding(
                id: .noWebhookConfiguration, severity: .warning, webhook: nil,
                detail: "no ValidatingWebhookConfiguration or MutatingWebhookConfiguration with webhooks in the input: nothing was checked"
            ))
        }
        for entry in entries {
            var checkup = WebhookCheckup(entry: entry, context: context)
            checkup.examine()
            report.findings += checkup.findings
        }
        return report
    }
}
