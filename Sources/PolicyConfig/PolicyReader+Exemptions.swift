import AdmissionCore

/// `exemptions:` in either shape. The mapping holds `namespaces` (never judged nor mutated; replaces the default
/// list) and `rules`; a bare list is the rules alone, which is also Polaris's shape.
extension PolicyReader {
    static let ruleKeys = ["namespaces", "names", "containers", "checks"]
    /// Polaris's spelling of the same fields: `namespace`, `controllerNames` (prefixes), `containerNames`, `rules`.
    static let polarisRuleKeys = ["namespace", "controllerNames", "containerNames", "rules"]

    mutating func exemptions(_ node: YAMLNode, into policy: inout Policy) throws(YAMLError) {
        if node.sequenceValue != nil {
            policy.exemptionRules = try rules(node, in: "exemptions")
            return
        }
        guard node.mappingValue != nil else {
            throw error("exemptions must be a mapping (namespaces, rules) or a list of rules; got a \(node.kindName)", at: node)
        }
        for (key, value) in try members(of: node, in: "exemptions", allowed: ["namespaces", "rules"]) {
            if key == "namespaces" {
                policy.exemptNamespaces = Set(try strings(value, "exemptions.namespaces").map(\.0))
            } else {
                policy.exemptionRules = try rules(value, in: "exemptions.rules")
            }
        }
    }

    private mutating func rules(_ node: YAMLNode, in section: String) throws(YAMLError) -> [ExemptionRule] {
        guard let entries = node.sequenceValue else {
            throw error("\(section) must be a list of rules; got a \(node.kindName)", at: node)
        }
        var result: [ExemptionRule] = []
        for (index, entry) in entries.enumerated() {
            result.append(try rule(entry, in: "\(section)[\(index)]"))
        }
        return result
    }

    private mutating func rule(_ node: YAMLNode, in section: String) throws(YAMLError) -> ExemptionRule {
        var rule = ExemptionRule()
        let fields = try members(of: node, in: section, allowed: Self.ruleKeys + Self.polarisRuleKeys)
        guard !fields.isEmpty else {
            throw error("\(section) is empty; give at least one of \(Self.ruleKeys.joined(separator: ", "))", at: node)
        }
        for (key, value) in fields {
            let name = "\(section).\(key)"
            switch key {
            case "namespaces", "namespace": rule.namespaces += try patterns(value, name)
            case "names": rule.names += try patterns(value, name)
            // Polaris matches controller names by prefix.
            case "controllerNames": rule.names += try strings(value, name).map { GlobPattern($0.0 + "*") }
            case "containers", "containerNames": rule.containers += try patterns(value, name)
            default:
                for (id, element) in try strings(value, name) {
                    // A rule may name mutators too: the mutator then leaves the matching objects alone.
                    if !checks.contains(where: { $0.id == id }), !mutators.contains(where: { $0.id == id }) {
                        try unknownCheck(id, at: element)
                    }
                    // Kept even when unknown, so that a rule naming only such checks does not exempt everything.
                    rule.checks.insert(id)
                }
            }
        }
        return rule
    }
}
