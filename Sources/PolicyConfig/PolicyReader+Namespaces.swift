import AdmissionCore

/// `namespaces:`: a list of overrides, `{match, mode, checks, mutators, allowAnnotationExemptions,
/// allowConfigExemptions}`.
/// The first entry whose `match` (names or globs) covers an object's namespace applies.
extension PolicyReader {
    static let overrideKeys = ["match", "mode", "checks", "mutators", "allowAnnotationExemptions", "allowConfigExemptions"]

    mutating func namespaceOverrides(_ node: YAMLNode) throws(YAMLError) -> [NamespaceOverride] {
        guard let entries = node.sequenceValue else {
            throw error("namespaces must be a list of overrides ({match: [...], mode: ..., checks: {...}}); got a \(node.kindName)", at: node)
        }
        var result: [NamespaceOverride] = []
        for (index, entry) in entries.enumerated() {
            result.append(try namespaceOverride(entry, in: "namespaces[\(index)]"))
        }
        return result
    }

    private mutating func namespaceOverride(_ node: YAMLNode, in section: String) throws(YAMLError) -> NamespaceOverride {
        var override = NamespaceOverride(match: [])
        for (key, value) in try members(of: node, in: section, allowed: Self.overrideKeys) {
            switch key {
            case "match": override.match = try patterns(value, "\(section).match")
            case "mode": override.mode = try mode(value)
            case "checks":
                for (id, severityNode) in try members(of: value, in: "\(section).checks", allowed: nil) {
                    guard checks.contains(where: { $0.id == id }) else {
                        try unknownCheck(id, at: keyNode(id, in: value))
                        continue
                    }
                    guard severityNode.scalarValue != nil else {
                        throw error("\(section).checks.\(id) must be a severity (parameters are set under the top-level checks)", at: severityNode)
                    }
                    override.severities[id] = try severity(severityNode, for: id)
                }
            case "mutators":
                for (id, enabledNode) in try members(of: value, in: "\(section).mutators", allowed: nil) {
                    guard mutators.contains(where: { $0.id == id }) else {
                        throw error("unknown mutator '\(id)' (run `harbormaster checks` for the list)", at: keyNode(id, in: value))
                    }
                    guard enabledNode.scalarValue != nil else {
                        throw error("\(section).mutators.\(id) must be true or false (parameters are set under the top-level mutators)", at: enabledNode)
                    }
                    override.mutators[id] = try bool(enabledNode, "\(section).mutators.\(id)")
                }
            case "allowAnnotationExemptions": override.allowAnnotationExemptions = try bool(value, "\(section).\(key)")
            default: override.allowConfigExemptions = try bool(value, "\(section).\(key)")
            }
        }
        guard !override.match.isEmpty else {
            throw error("\(section) needs `match`: the namespace names or globs it applies to", at: node)
        }
        return override
    }
}
