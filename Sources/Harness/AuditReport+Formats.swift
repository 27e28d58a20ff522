import AdmissionCore

extension AuditReport {
    /// The contract's JSON: `{"findings": [...], "summary": {"objects": N, "danger": N, "warning": N}}`.
    public var json: JSON {
        let findings: [JSON] = self.findings.map { object, finding in
            var entry = JSONObject([
                "check": .string(finding.checkID),
                "severity": .string(finding.severity.rawValue),
                "category": .string(finding.category.rawValue),
                "kind": .string(object.kind),
                "namespace": .string(object.namespace),
                "name": .string(object.name),
            ])
            if let container = finding.container { entry["container"] = .string(container) }
            entry["path"] = .string(finding.path.description)
            entry["message"] = .string(finding.message)
            entry["remediation"] = .string(finding.remediation)
            if !finding.fix.isEmpty { entry["fix"] = finding.fix.json }
            entry["file"] = .string(object.file)
            entry["line"] = .number(JSONNumber(object.line))
            return .object(entry)
        }
        return [
            "findings": .array(findings),
            "summary": [
                "objects": .number(JSONNumber(objects.count)),
                "danger": .number(JSONNumber(count(.danger))),
                "warning": .number(JSONNumber(count(.warning))),
            ],
        ]
    }

    /// Human-readable: objects with findings, one line per finding with its fix hint, then a summary line.
    public var text: String {
        var lines: [String] = []
        for object in objects where !object.findings.isEmpty {
            let namespace = object.namespace.isEmpty ? "" : "\(object.namespace)/"
            lines.append("\(object.file):\(object.line): \(object.kind) \(namespace)\(object.name)")
            for finding in object.findings {
                let severity = finding.severity.rawValue.padding(toLength: 8)
                lines.append("  \(severity)\(finding.summary)  [\(finding.path)]")
                lines.append("          fix: \(finding.remediation)")
            }
        }
        let verdict = wouldDeny ? "would be denied" : "would be admitted"
        let noun = objects.count == 1 ? "object" : "objects"
        lines.append("\(objects.count) \(noun), \(count(.danger)) danger, \(count(.warning)) warning: \(verdict) (mode \(mode))")
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
