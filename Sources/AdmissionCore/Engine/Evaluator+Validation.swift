extension Evaluator {
    /// The validating answer together with the findings behind it (for logs and metrics).
    ///
    /// Which findings deny: `danger` ones, in `enforce` mode, unless the update ratchet excuses them (an UPDATE
    /// denies only what it introduces; an update that leaves the spec alone, such as removing a finalizer, is
    /// never denied for the pod spec). Everything else that is shown becomes a warning, fitted to the API
    /// server's budget; Pods a controller created do not repeat their owner's warnings (but are still denied:
    /// anyone who can create a Pod can write an ownerReference). A dry run shows every finding.
    func validation(of request: AdmissionRequest, today: CalendarDate?) -> (response: AdmissionResponse, findings: [Finding]) {
        guard let object = judgedObject(of: request) else { return (.allowed(uid: request.uid), []) }
        let findings = judge(object, withFixes: false, today: today).findings
        let mode = policy.mode(in: object.namespace)
        let preview = request.dryRun && policy.admission.dryRunPreview

        var denials: [Finding] = []
        // Shown as warnings; an excused denial leads with why it only warns, so a 120-character cut keeps that.
        var shown: [(severity: Severity, text: String)] = []
        let excused = mode == .enforce ? excusedByUpdate(request, object: object, findings: findings, today: today) : [:]
        for finding in findings {
            if mode == .enforce, finding.severity == .danger {
                if let reason = excused[UpdateRatchet.key(finding)] {
                    shown.append((finding.severity, "\(reason): \(finding.summary)"))
                } else {
                    denials.append(finding)
                }
            } else if mode != .audit || preview {
                shown.append((finding.severity, finding.summary))
            }
        }
        if !preview, ControllerOwnership.isControlledPod(object) { shown = [] }
        let warnings = WarningBudget(limit: policy.admission.maxWarnings).fit(shown)

        var response: AdmissionResponse
        if denials.isEmpty {
            response = .allowed(uid: request.uid, warnings: warnings)
        } else {
            // Each finding's line is written once and used by both the message and its cause.
            let fixed = withFixes(denials, for: object)
            let lines = fixed.map { "\($0.summary). Fix: \(FixDescription.text(for: $0))" }
            response = .denied(uid: request.uid, message: Self.denialMessage(object, fixed, lines: lines), warnings: warnings)
            response.status?.causes = zip(fixed, lines).map { finding, line in
                AdmissionResponse.Cause(reason: finding.checkID, message: line, field: finding.path.fieldPath)
            }
        }
        response.auditAnnotations = auditAnnotations(denied: !denials.isEmpty, warned: !warnings.isEmpty, findings: findings)
        return (response, findings)
    }

    /// For an UPDATE: the denying findings the update did not introduce, keyed by `UpdateRatchet.key`, with the
    /// note that explains why they only warn.
    private func excusedByUpdate(
        _ request: AdmissionRequest, object: KubernetesObject, findings: [Finding], today: CalendarDate?
    ) -> [String: String] {
        guard request.operation == .update, let old = request.oldObject, findings.contains(where: { $0.severity == .danger })
        else { return [:] }
        var excused: [String: String] = [:]
        // The pod spec did not change (finalizers, labels, annotations): nothing in it can deny this update.
        if UpdateRatchet.specUnchanged(old, object.value) {
            for finding in findings where isPodSpecCheck(finding.checkID) {
                excused[UpdateRatchet.key(finding)] = "spec unchanged, not denied"
            }
        }
        if policy.admission.updateRatchet {
            let before = KubernetesObject(old, defaultNamespace: object.namespace)
            for finding in judge(before, withFixes: false, today: today).findings where finding.severity == .danger {
                let key = UpdateRatchet.key(finding)
                if excused[key] == nil { excused[key] = "already there before this update, not denied" }
            }
        }
        return excused
    }

    private func isPodSpecCheck(_ id: String) -> Bool {
        switch checks.first(where: { $0.id == id })?.rule {
        case .container?, .podSpec?: return true
        default: return false
        }
    }

    /// `findings` with their fixes: the JSONPatch of the mutator that fixes each, where there is one.
    private func withFixes(_ findings: [Finding], for object: KubernetesObject) -> [Finding] {
        var judgement = Judgement()
        judgement.findings = findings
        attachFixes(to: &judgement, for: object)
        return judgement.findings
    }

    /// First line names every failed check ID (what the contract promises); one line per finding follows.
    static func denialMessage(_ object: KubernetesObject, _ denials: [Finding], lines: [String]) -> String {
        var ids: [String] = []
        for finding in denials where !ids.contains(finding.checkID) { ids.append(finding.checkID) }
        let subject = object.name.isEmpty ? object.kind : "\(object.kind) \"\(object.name)\""
        let header = "Harbormaster denied \(subject): failed \(ids.joined(separator: ", "))"
        return ([header] + lines.map { "- " + $0 }).joined(separator: "\n")
    }

    /// `verdict` (allowed, warned or denied), `checks` (every check that fired, mode and ratchet aside) and
    /// `policy` (the revision in force). The API server prefixes each key with the webhook's name.
    func auditAnnotations(denied: Bool, warned: Bool, findings: [Finding]) -> [(key: String, value: String)] {
        var ids: [String] = []
        for finding in findings where !ids.contains(finding.checkID) { ids.append(finding.checkID) }
        var annotations = [(key: "verdict", value: denied ? "denied" : warned ? "warned" : "allowed")]
        if !ids.isEmpty { annotations.append((key: "checks", value: AuditAnnotationValue.list(ids))) }
        annotations.append((key: "policy", value: policy.revision))
        return annotations
    }
}

/// How the update ratchet tells "the same violation" apart across the old and the new object.
enum UpdateRatchet {
    /// Check and container (containers keep their names when reordered), else check and path.
    static func key(_ finding: Finding) -> String {
        finding.checkID + "\u{0}" + (finding.container.map { "container:" + $0 } ?? finding.path.description)
    }

    /// True when both objects have the same `spec` (byte for byte, else as JSON values).
    static func specUnchanged(_ old: JSONValue, _ new: JSONValue) -> Bool {
        let before = old["spec"], after = new["spec"]
        guard let before, let after else { return before == nil && after == nil }
        if before.rawBytes.elementsEqual(after.rawBytes) { return true }
        return JSON(before) == JSON(after)
    }
}

/// Pods that a workload controller created: their owner was judged (and warned about) already.
enum ControllerOwnership {
    static let controllerKinds: Set<String> = ["ReplicaSet", "Job", "StatefulSet", "DaemonSet", "ReplicationController"]

    static func isControlledPod(_ object: KubernetesObject) -> Bool {
        guard object.kind == "Pod", let owners = object.value["metadata"]?["ownerReferences"]?.elements else { return false }
        return owners.contains { owner in
            owner["controller"]?.bool == true && owner["kind"]?.string.map(controllerKinds.contains) == true
        }
    }
}

/// Audit annotation values stay short: the audit log keeps one per request.
enum AuditAnnotationValue {
    static let maxLength = 512

    /// `items` joined with commas, cut at an item boundary with a final `+N more` when too long. Lengths are in
    /// bytes (check IDs are ASCII), which also bounds the characters.
    static func list(_ items: [String]) -> String {
        var text = ""
        var length = 0
        for (index, item) in items.enumerated() {
            let separator = length == 0 ? 0 : 1
            let rest = items.count - index
            let closing = rest > 1 ? ",+\(rest - 1) more".utf8.count : 0
            if length + separator + item.utf8.count + closing > maxLength {
                return text + (length == 0 ? "" : ",") + "+\(rest) more"
            }
            if separator == 1 { text += "," }
            text += item
            length += separator + item.utf8.count
        }
        return text
    }
}

/// The change that fixes a finding, in words a person can act on: the JSONPatch a mutator would apply, else a
/// short YAML snippet where the check has one, else the check's remediation.
enum FixDescription {
    static let maxPatchCharacters = 300

    static func text(for finding: Finding) -> String {
        if !finding.fix.isEmpty {
            let patch = finding.fix.map { operation in
                "\(operation.op.rawValue) \(operation.path.fieldPath)" + (operation.value.map { " = " + JSONWriter().string($0) } ?? "")
            }.joined(separator: "; ")
            if patch.count <= maxPatchCharacters { return patch }
        }
        if let snippet = BuiltinChecks.named(finding.checkID)?.snippet { return "\(finding.remediation) e.g. \(snippet)" }
        return finding.remediation
    }
}
