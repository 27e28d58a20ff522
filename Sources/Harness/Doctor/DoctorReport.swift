import AdmissionCore

/// One thing `harbormaster doctor` found about one webhook entry.
public struct DoctorFinding: Sendable {
    /// The webhook entry a finding is about, and where its configuration was read.
    public struct Webhook: Sendable {
        public let kind: String
        public let name: String
        public let webhook: String
        public let file: String
        public let line: Int
    }

    public let id: DoctorDiagnosis
    public let severity: Severity
    /// Nil only for findings about the input as a whole (`noWebhookConfiguration`).
    public let webhook: Webhook?
    /// What is wrong and what follows from it, without the webhook's name.
    public let detail: String

    public var remediation: String { id.remediation }

    /// One line naming the configuration and the entry, then the detail.
    public var message: String {
        guard let webhook else { return detail }
        return "\(webhook.kind) \(webhook.name), webhook \(webhook.webhook): \(detail)"
    }
}

/// The outcome of `harbormaster doctor`: exit code 1 when anything is at `danger`.
public struct DoctorReport: Sendable {
    public var findings: [DoctorFinding] = []
    public var configurations = 0
    public var webhooks = 0

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    public var hasDanger: Bool { findings.contains { $0.severity == .danger } }

    /// `{"findings": [...], "summary": {...}}`, as `audit` prints it; `remediation` is the fix hint.
    public var json: JSON {
        [
            "findings": .array(findings.map { finding in
                [
                    "id": .string(finding.id.rawValue),
                    "severity": .string(finding.severity.rawValue),
                    "kind": .string(finding.webhook?.kind ?? ""),
                    "name": .string(finding.webhook?.name ?? ""),
                    "webhook": .string(finding.webhook?.webhook ?? ""),
                    "message": .string(finding.message),
                    "remediation": .string(finding.remediation),
                    "file": .string(finding.webhook?.file ?? ""),
                    "line": .number(JSONNumber(finding.webhook?.line ?? 0)),
                ]
            }),
            "summary": [
                "configurations": .number(JSONNumber(configurations)),
                "webhooks": .number(JSONNumber(webhooks)),
                "danger": .number(JSONNumber(count(.danger))),
                "warning": .number(JSONNumber(count(.warning))),
            ],
        ]
    }

    /// Findings under their configuration (`file:line: Kind name`), each with its fix hint, then a summary line.
    public var text: String {
        var lines: [String] = []
        var heading: String?
        for finding in findings {
            let webhook = finding.webhook
            let current = webhook.map { "\($0.file):\($0.line): \($0.kind) \($0.name)" } ?? "input"
            if current != heading {
                lines.append(current)
                heading = current
            }
            let entry = webhook.map { " (webhook \($0.webhook))" } ?? ""
            lines.append("  \(finding.severity.rawValue.padding(toLength: 8))\(finding.id.rawValue)\(entry): \(finding.detail)")
            lines.append("          fix: \(finding.remediation)")
        }
        let noun = webhooks == 1 ? "webhook" : "webhooks"
        let containers = configurations == 1 ? "configuration" : "configurations"
        let verdict = hasDanger ? "could lock out or break the cluster" : "nothing that could lock out or break the cluster"
        lines.append("\(webhooks) \(noun) in \(configurations) \(containers), \(count(.danger)) danger, \(count(.warning)) warning: \(verdict)")
        return lines.joined(separator: "\n")
    }
}
