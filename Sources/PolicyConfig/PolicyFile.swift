import AdmissionCore

/// Reads the policy file: YAML in, a validated `Policy` out. Everything is checked before anything is used:
/// unknown keys, check and mutator IDs, severities, modes and parameter types are errors at `file:line:column`
/// that say what is allowed.
public enum PolicyFile {
    /// The built-in policy: `examples/policy.yaml`, embedded so that the binary needs no file at run time.
    public static var defaultPolicy: Policy {
        // The embedded text is covered by a test that parses it; failing here would be a build defect.
        (try? parse(Array(DefaultPolicyText.yaml.utf8), file: "<built-in policy>")) ?? Policy()
    }

    public static func parse(
        _ bytes: [UInt8], file: String?, checks: [CheckDefinition] = BuiltinChecks.all,
        mutators: [MutatorDefinition] = BuiltinMutators.all
    ) throws(YAMLError) -> Policy {
        let documents = try YAMLLoader.load(bytes, file: file)
        let roots = documents.compactMap(\.root)
        guard roots.count <= 1 else {
            throw YAMLError(message: "the policy file must hold one YAML document, found \(roots.count)", mark: roots[1].mark, file: file)
        }
        var policy = Policy()
        guard let root = roots.first else { return policy }
        var reader = PolicyReader(file: file, checks: checks, mutators: mutators)
        try reader.read(root, into: &policy)
        return policy
    }
}

/// Walks the YAML tree of a policy file; one method per section.
struct PolicyReader {
    let file: String?
    let checks: [CheckDefinition]
    let mutators: [MutatorDefinition]

    mutating func read(_ root: YAMLNode, into policy: inout Policy) throws(YAMLError) {
        for (key, value) in try members(of: root, in: "the policy file", allowed: ["mode", "checks", "mutators", "exemptions"]) {
            switch key {
            case "mode": policy.mode = try mode(value)
            case "checks": policy.checks = try checkSettings(value)
            case "mutators": policy.mutators = try mutatorSettings(value)
            case "exemptions": policy.exemptNamespaces = try exemptions(value)
            default: break
            }
        }
    }

    private func mode(_ node: YAMLNode) throws(YAMLError) -> EnforcementMode {
        let allowed = EnforcementMode.allCases.map(\.rawValue)
        guard let text = node.scalarValue, let mode = EnforcementMode(rawValue: text) else {
            throw error("mode must be \(Self.list(allowed)); got \(Self.show(node))", at: node)
        }
        return mode
    }

    private func checkSettings(_ node: YAMLNode) throws(YAMLError) -> [String: Policy.CheckSettings] {
        var result: [String: Policy.CheckSettings] = [:]
        for (id, value) in try members(of: node, in: "checks", allowed: nil) {
            guard let check = checks.first(where: { $0.id == id }) else {
                throw error("unknown check '\(id)' (run `harbormaster checks` for the list)", at: keyNode(id, in: node))
            }
            if value.scalarValue != nil {
                result[id] = Policy.CheckSettings(severity: try severity(value, for: id))
                continue
            }
            let allowed = ["severity"] + check.parameters.map(\.name)
            var settings = Policy.CheckSettings(severity: check.defaultSeverity)
            for (key, field) in try members(of: value, in: "checks.\(id)", allowed: allowed) {
                if key == "severity" {
                    settings.severity = try severity(field, for: id)
                } else if let spec = check.parameters.first(where: { $0.name == key }) {
                    settings.parameters[key] = try parameter(field, spec: spec, in: "checks.\(id)")
                }
            }
            result[id] = settings
        }
        return result
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
                    guard let enabled = try field.json(file: file).boolValue else {
                        throw error("mutators.\(id).enabled must be true or false; got \(Self.show(field))", at: field)
                    }
                    settings.enabled = enabled
                } else if let spec = mutator.parameters.first(where: { $0.name == key }) {
                    settings.parameters[key] = try parameter(field, spec: spec, in: "mutators.\(id)")
                }
            }
            result[id] = settings
        }
        return result
    }

    private func exemptions(_ node: YAMLNode) throws(YAMLError) -> Set<String> {
        var namespaces = Policy.defaultExemptNamespaces
        for (key, value) in try members(of: node, in: "exemptions", allowed: ["namespaces"]) where key == "namespaces" {
            guard let list = try value.json(file: file).arrayValue?.compactMap(\.stringValue),
                list.count == value.sequenceValue?.count
            else {
                throw error("exemptions.namespaces must be a list of namespace names", at: value)
            }
            namespaces = Set(list)
        }
        return namespaces
    }

    private func severity(_ node: YAMLNode, for id: String) throws(YAMLError) -> Severity {
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

    /// The members of a mapping with scalar keys, rejecting keys outside `allowed` (nil: any key).
    private func members(of node: YAMLNode, in section: String, allowed: [String]?) throws(YAMLError) -> [(String, YAMLNode)] {
        guard let mapping = node.mappingValue else {
            throw error("\(section) must be a mapping; got a \(node.kindName)", at: node)
        }
        var result: [(String, YAMLNode)] = []
        for member in mapping {
            guard let key = member.key.scalarValue else {
                throw error("keys in \(section) must be plain names", at: member.key)
            }
            if let allowed, !allowed.contains(key) {
                throw error("unknown key '\(key)' in \(section); allowed: \(allowed.joined(separator: ", "))", at: member.key)
            }
            result.append((key, member.value))
        }
        return result
    }

    private func keyNode(_ key: String, in mapping: YAMLNode) -> YAMLNode {
        mapping.mappingValue?.last(where: { $0.key.scalarValue == key })?.key ?? mapping
    }

    private func error(_ message: String, at node: YAMLNode) -> YAMLError {
        YAMLError(message: message, mark: node.mark, file: file)
    }

    private static func list(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func show(_ node: YAMLNode) -> String {
        node.scalarValue.map { "'\($0)'" } ?? "a \(node.kindName)"
    }
}
