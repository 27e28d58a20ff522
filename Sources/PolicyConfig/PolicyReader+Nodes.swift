import AdmissionCore

/// Typed access to YAML nodes with errors at the node's `line:column`.
extension PolicyReader {
    /// The members of a mapping with scalar keys, rejecting keys outside `allowed` (nil: any key). `listed` is
    /// what the error names as allowed, when that is shorter than `allowed` (keys accepted only for Polaris).
    func members(
        of node: YAMLNode, in section: String, allowed: [String]?, listed: [String]? = nil
    ) throws(YAMLError) -> [(String, YAMLNode)] {
        guard let mapping = node.mappingValue else {
            throw error("\(section) must be a mapping; got a \(node.kindName)", at: node)
        }
        var result: [(String, YAMLNode)] = []
        for member in mapping {
            guard let key = member.key.scalarValue else {
                throw error("keys in \(section) must be plain names", at: member.key)
            }
            if let allowed, !allowed.contains(key) {
                let names = (listed ?? allowed).joined(separator: ", ")
                throw error("unknown key '\(key)' in \(section); allowed: \(names)", at: member.key)
            }
            result.append((key, member.value))
        }
        return result
    }

    func bool(_ node: YAMLNode, _ name: String) throws(YAMLError) -> Bool {
        guard let value = try node.json(file: file).boolValue else {
            throw error("\(name) must be true or false; got \(Self.show(node))", at: node)
        }
        return value
    }

    /// A list of strings, or a single string as a one-element list (Polaris writes `namespace: x`).
    func strings(_ node: YAMLNode, _ name: String) throws(YAMLError) -> [(String, YAMLNode)] {
        if let text = node.scalarValue, node.tag == nil, !text.isEmpty { return [(text, node)] }
        guard let elements = node.sequenceValue else {
            throw error("\(name) must be a list of strings; got \(Self.show(node))", at: node)
        }
        var result: [(String, YAMLNode)] = []
        for element in elements {
            guard let text = element.scalarValue, !text.isEmpty else {
                throw error("\(name) must be a list of strings; got \(Self.show(element))", at: element)
            }
            result.append((text, element))
        }
        return result
    }

    func patterns(_ node: YAMLNode, _ name: String) throws(YAMLError) -> [GlobPattern] {
        try strings(node, name).map { GlobPattern($0.0) }
    }

    /// An unknown check ID: a warning when it is one of Polaris's checks that Harbormaster does not implement, or a
    /// custom check the file defines (a Polaris file carries over), an error otherwise (most likely a typo).
    mutating func unknownCheck(_ id: String, at node: YAMLNode) throws(YAMLError) {
        if customCheckIDs.contains(id) {
            warnings.append(error("check '\(id)' is a Polaris custom check, which Harbormaster does not implement; ignored", at: node))
            return
        }
        guard Self.polarisCheckIDs.contains(id) else {
            throw error("unknown check '\(id)' (run `harbormaster checks` for the list)", at: node)
        }
        warnings.append(error("check '\(id)' is a Polaris check that Harbormaster does not implement; ignored", at: node))
    }

    func keyNode(_ key: String, in mapping: YAMLNode) -> YAMLNode {
        mapping.mappingValue?.last(where: { $0.key.scalarValue == key })?.key ?? mapping
    }

    func error(_ message: String, at node: YAMLNode) -> YAMLError {
        YAMLError(message: message, mark: node.mark, file: file)
    }

    static func list(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }

    static func show(_ node: YAMLNode) -> String {
        node.scalarValue.map { "'\($0)'" } ?? "a \(node.kindName)"
    }
}
