import AdmissionCore

/// Reads the policy file: YAML in, a validated `Policy` out. Everything is checked before anything is used:
/// unknown keys, check and mutator IDs, severities, modes and parameter types are errors at `file:line:column`
/// that say what is allowed. A Polaris configuration is read with the same meaning; the Polaris keys and check
/// IDs that Harbormaster does not implement become warnings at `file:line:column` (see `PolicyFile.Loaded`).
public enum PolicyFile {
    /// A read policy and what was reported without failing: Polaris keys and checks that are not implemented.
    public struct Loaded: Sendable {
        public var policy: Policy
        /// `file:line:column: message` each (printed by the CLI, logged by `serve`).
        public var warnings: [YAMLError]
    }

    /// The built-in policy: `examples/policy.yaml`, embedded so that the binary needs no file at run time.
    public static var defaultPolicy: Policy {
        // The embedded text is covered by a test that parses it; failing here would be a build defect.
        (try? parse(Array(DefaultPolicyText.yaml.utf8), file: "<built-in policy>")) ?? Policy()
    }

    /// The policy alone; warnings are dropped (use `load` to show them).
    public static func parse(
        _ bytes: [UInt8], file: String?, checks: [CheckDefinition] = BuiltinChecks.all,
        mutators: [MutatorDefinition] = BuiltinMutators.all
    ) throws(YAMLError) -> Policy {
        try load(bytes, file: file, checks: checks, mutators: mutators).policy
    }

    public static func load(
        _ bytes: [UInt8], file: String?, checks: [CheckDefinition] = BuiltinChecks.all,
        mutators: [MutatorDefinition] = BuiltinMutators.all
    ) throws(YAMLError) -> Loaded {
        let documents = try YAMLLoader.load(bytes, file: file)
        let roots = documents.compactMap(\.root)
        guard roots.count <= 1 else {
            throw YAMLError(message: "the policy file must hold one YAML document, found \(roots.count)", mark: roots[1].mark, file: file)
        }
        var policy = Policy()
        policy.revision = PolicyRevision.of(bytes)
        guard let root = roots.first else { return Loaded(policy: policy, warnings: []) }
        var reader = PolicyReader(file: file, checks: checks, mutators: mutators)
        try reader.read(root, into: &policy)
        return Loaded(policy: policy, warnings: reader.warnings)
    }
}

/// Walks the YAML tree of a policy file; one method per section (exemptions, namespaces and the Polaris keys live
/// in extensions beside this file).
struct PolicyReader {
    let file: String?
    let checks: [CheckDefinition]
    let mutators: [MutatorDefinition]
    var warnings: [YAMLError] = []
    /// IDs defined under Polaris's `customChecks` in this file: referring to them is a warning, not an error.
    var customCheckIDs: Set<String> = []

    static let topLevelKeys = [
        "mode", "checks", "mutators", "mutation", "admission", "exemptions", "namespaces", "allowAnnotationExemptions",
        "allowConfigExemptions", "polarisAnnotations",
    ]

    mutating func read(_ root: YAMLNode, into policy: inout Policy) throws(YAMLError) {
        let allowed = Self.topLevelKeys + Self.polarisSwitchKeys + Self.polarisIgnoredKeys
        customCheckIDs = Set(root["customChecks"]?.mappingValue?.compactMap(\.key.scalarValue) ?? [])
        for (key, value) in try members(of: root, in: "the policy file", allowed: allowed, listed: Self.topLevelKeys) {
            switch key {
            case "mode": policy.mode = try mode(value)
            case "checks": policy.checks = try checkSettings(value)
            case "mutators": policy.mutators = try mutatorSettings(value)
            case "mutation": policy.mutation = try mutationSettings(value)
            case "admission": policy.admission = try admissionSettings(value)
            case "exemptions": try exemptions(value, into: &policy)
            case "namespaces": policy.namespaceOverrides = try namespaceOverrides(value)
            case "allowAnnotationExemptions": policy.switches.allowAnnotationExemptions = try bool(value, key)
            case "allowConfigExemptions": policy.switches.allowConfigExemptions = try bool(value, key)
            case "polarisAnnotations": policy.switches.polarisAnnotations = try bool(value, key)
            default: try polarisKey(key, value, root: root, into: &policy)
            }
        }
    }

    func mode(_ node: YAMLNode) throws(YAMLError) -> EnforcementMode {
        let allowed = EnforcementMode.allCases.map(\.rawValue)
        guard let text = node.scalarValue, let mode = EnforcementMode(rawValue: text) else {
            throw error("mode must be \(Self.list(allowed)); got \(Self.show(node))", at: node)
        }
        return mode
    }

    private mutating func checkSettings(_ node: YAMLNode) throws(YAMLError) -> [String: Policy.CheckSettings] {
        var result: [String: Policy.CheckSettings] = [:]
        for (id, value) in try members(of: node, in: "checks", allowed: nil) {
            guard let check = checks.first(where: { $0.id == id }) else {
                try unknownCheck(id, at: keyNode(id, in: node))
                continue
            }
            if value.scalarValue != nil {
                result[id] = Policy.CheckSettings(severity: try severity(value, for: id))
                continue
            }
            let allowed = ["severity", "denyAfter"] + check.parameters.map(\.name)
            var settings = Policy.CheckSettings(severity: check.defaultSeverity)
            let fields = try members(of: value, in: "checks.\(id)", allowed: allowed)
            // A date without a severity means the check is meant to deny (after the date).
            if fields.contains(where: { $0.0 == "denyAfter" }) { settings.severity = .danger }
            for (key, field) in fields {
                if key == "severity" {
                    settings.severity = try severity(field, for: id)
                } else if key == "denyAfter" {
                    guard let text = field.scalarValue, let date = CalendarDate(text) else {
                        throw error("checks.\(id).denyAfter must be a date like 2027-03-31; got \(Self.show(field))", at: field)
                    }
                    settings.denyAfter = date
                } else if let spec = check.parameters.first(where: { $0.name == key }) {
                    settings.parameters[key] = try parameter(field, spec: spec, in: "checks.\(id)")
                }
            }
            result[id] = settings
        }
        return result
    }

    /// `admission: {maxWarnings, dryRunPreview, updateRatchet}`.
    private func admissionSettings(_ node: YAMLNode) throws(YAMLError) -> Policy.AdmissionSettings {
        var settings = Policy.AdmissionSettings()
        for (key, value) in try members(of: node, in: "admission", allowed: ["maxWarnings", "dryRunPreview", "updateRatchet"]) {
            switch key {
            case "maxWarnings":
                guard let text = value.scalarValue, let count = Int(text), (1...100).contains(count) else {
                    throw error("admission.maxWarnings must be a number from 1 to 100; got \(Self.show(value))", at: value)
                }
                settings.maxWarnings = count
            case "dryRunPreview": settings.dryRunPreview = try bool(value, "admission.dryRunPreview")
            default: settings.updateRatchet = try bool(value, "admission.updateRatchet")
            }
        }
        return settings
    }

    /// `mutation: {onUpdate, provenanceAnnotation}`.
    private func mutationSettings(_ node: YAMLNode) throws(YAMLError) -> Policy.MutationSettings {
        var settings = Policy.MutationSettings()
        for (key, value) in try members(of: node, in: "mutation", allowed: ["onUpdate", "provenanceAnnotation"]) {
            if key == "onUpdate" {
                settings.onUpdate = try bool(value, "mutation.onUpdate")
            } else {
                settings.provenanceAnnotation = try bool(value, "mutation.provenanceAnnotation")
            }
        }
        return settings
    }

    private func mutatorSettings(_ node: YAMLNode) throws(YAMLError) -> [String: Policy.MutatorSettings] {
        var result: [String: Policy.MutatorSettings] = [:]
        for (id, value) in try members(of: node, in: "mutators", allowed: nil) {
            guard let mutator = mutators.first(where: { $0.id == id }) else {
                throw error("unknown mutator '\(id)' (run `harbormaster checks` for the list)", at: keyNode(id, in: node))
            }
            let allowed = ["enabled"] + mutator.parameters.map(\.name)
            var settings = Policy.MutatorSettings(enabled: mutator.enabledByDefault)
            for (key, field) in try members(of: value, in: "mutators.\(id)", allowed: allowed) {
                if key == "enabled" {
                    settings.enabled = try bool(field, "mutators.\(id).enabled")
                } else if let spec = mutator.parameters.first(where: { $0.name == key }) {
                    settings.parameters[key] = try parameter(field, spec: spec, in: "mutators.\(id)")
                }
            }
            result[id] = settings
        }
        return result
    }

    func severity(_ node: YAMLNode, for id: String) throws(YAMLError) -> Severity {
        guard let text = node.scalarValue, let severity = Severity(rawValue: text) else {
            let allowed = Severity.allCases.map(\.rawValue)
            throw error("severity for '\(id)' must be \(Self.list(allowed)); got \(Self.show(node))", at: node)
        }
        return severity
    }

    private func parameter(_ node: YAMLNode, spec: ParameterSpec, in section: String) throws(YAMLError) -> JSON {
        let value = try node.json(file: file)
        if let problem = spec.problem(with: value) {
            throw error("\(section).\(spec.name) \(problem); got \(Self.show(node))", at: node)
        }
        return value
    }
}
