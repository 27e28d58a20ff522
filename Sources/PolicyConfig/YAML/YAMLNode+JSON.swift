import AdmissionCore

extension YAMLNode {
    /// Converts the node to JSON the way kubectl does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 style),
    /// so a manifest means here what it means to the API server.
    ///
    /// THE RULE TABLE
    ///
    /// | Input | JSON |
    /// |---|---|
    /// | `'single'`, `"double"`, literal `\|`, folded `>` scalars (no tag) | always a string: `"8080"` stays `"8080"` |
    /// | plain `~`, `null`, `Null`, `NULL`, and the empty plain scalar (`key:`) | `null` |
    /// | plain `y Y yes Yes YES true True TRUE on On ON` | `true` |
    /// | plain `n N no No NO false False FALSE off Off OFF` | `false` |
    /// | plain integer (underscores removed first): decimal `[-+]?[0-9]+`; a leading `0` means octal (`0755` → 493); `0o755` octal; `0x1F` hex → 31; `0b1010` binary → 10 | integer, decimal text, `+` dropped |
    /// | plain decimal integer too big for 64 bits | a JSON number with exactly its digits (big integers are preserved; go-yaml would round them through float64) |
    /// | plain float, go-yaml's `^[-+]?(\.[0-9]+\|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (underscores removed; so `08` → 8) | a number whose text keeps the written digits, made valid JSON: `.5` → `0.5`, `1.` → `1`, `+1.5` → `1.5`, `007.5` → `7.5`; `1.10` and `1e3` unchanged |
    /// | plain float out of float64 range (`1e400`), as Go's ParseFloat rejects it | string |
    /// | plain `.inf`, `-.inf`, `+.inf`, `.nan` (any case variant) | string: JSON has no infinities or NaN |
    /// | plain timestamps (`2001-12-14`) | string: **deviation**, go-yaml v2 rewrites them as RFC 3339 times |
    /// | any other plain scalar | string |
    /// | tag `!!str`, `!!binary` (base64 text kept as written; go-yaml would decode it), `!!timestamp`, `!` | string |
    /// | tag `!!int` | integer if the text resolves to one, else error |
    /// | tag `!!float` | number if the text resolves to an integer or finite float, else error |
    /// | tag `!!bool` / `!!null` | `true`/`false` / `null` if the text resolves to that, else error |
    /// | unknown tags (`!foo`, other `!!` tags on scalars, tags on collections) | ignored: resolved as if untagged |
    /// | mapping key | resolved by the rules above, then printed as Go prints a map key: `on:` → `"true"`, `1:` → `"1"`, `~:` → `"null"`, `0x10:` → `"16"`, float keys via `FormatFloat(f, 'g', -1, 32)` (`1e6:` → `"1e+06"`) |
    /// | mapping or sequence used as a key | error at the key |
    /// | duplicate keys | the last value wins (as in Go), at the first key's position; no error |
    /// | merge key `<<` (plain, or tagged `!!merge`) | its value (a mapping, or a sequence of mappings, usually aliases) is merged in: keys the mapping defines itself win wherever they appear; among merged mappings the earlier wins; anything else is an error |
    /// | aliases | expanded: each use is converted (and counted) again |
    ///
    /// Limits: more than `maxNodes` nodes after alias and merge expansion ("billion laughs") throws
    /// "document expands to more than N nodes"; collections nested deeper than 1000 throw. Neither can hang or
    /// overflow the stack.
    ///
    /// - Parameters:
    ///   - maxNodes: The most nodes (scalars, collections and keys, counted after expansion) to convert.
    ///   - file: The file name to put in errors.
    public func json(maxNodes: Int = 1_000_000, file: String? = nil) throws(YAMLError) -> JSON {
        var converter = YAMLJSONConverter(maxNodes: maxNodes, file: file)
        return try converter.convert(self, depth: 0)
    }
}

/// One conversion pass: carries the node budget and the file for errors.
struct YAMLJSONConverter {
    static let maxDepth = 1000

    let maxNodes: Int
    let file: String?
    private var nodes = 0

    init(maxNodes: Int, file: String?) {
        self.maxNodes = maxNodes
        self.file = file
    }

    /// `depth` is the number of collections around `node`.
    mutating func convert(_ node: YAMLNode, depth: Int) throws(YAMLError) -> JSON {
        try count(node)
        switch node {
        case .scalar(let value, let style, let tag, let mark):
            switch try resolve(value, style: style, tag: tag, mark: mark) {
            case .null: return .null
            case .bool(let bool): return .bool(bool)
            case .integer(let text), .float(let text, _):
                // The resolver only produces valid number text; fall back to the source text rather than trap.
                return JSONNumber(text: text).map(JSON.number) ?? .string(value)
            case .string(let string): return .string(string)
            }
        case .sequence(let elements, _, let mark):
            try checkDepth(depth, mark: mark)
            var array: [JSON] = []
            array.reserveCapacity(elements.count)
            for element in elements {
                array.append(try convert(element, depth: depth + 1))
            }
            return .array(array)
        case .mapping(let members, _, let mark):
            try checkDepth(depth, mark: mark)
            return .object(try object(members, depth: depth + 1))
        }
    }

    private mutating func object(_ members: [(key: YAMLNode, value: YAMLNode)], depth: Int) throws(YAMLError) -> JSONObject {
        // Key texts first (nil marks a merge key), so merged members can yield to explicit keys that come later.
        var keys: [String?] = []
        keys.reserveCapacity(members.count)
        var explicitKeys = Set<String>()
        for member in members {
            if Self.isMerge(member.key) {
                try count(member.key)
                keys.append(nil)
            } else {
                let key = try keyText(member.key)
                keys.append(key)
                explicitKeys.insert(key)
            }
        }

        var result: [JSONObject.Member] = []
        result.reserveCapacity(members.count)
        var positions: [String: Int] = [:]
        for (member, key) in zip(members, keys) {
            if let key {
                let value = try convert(member.value, depth: depth)
                if let position = positions[key] {
                    result[position].value = value
                } else {
                    positions[key] = result.count
                    result.append(JSONObject.Member(key: key, value: value))
                }
                continue
            }
            for source in try mergeSources(member.value, depth: depth) {
                for merged in source.members where !explicitKeys.contains(merged.key) && positions[merged.key] == nil {
                    positions[merged.key] = result.count
                    result.append(merged)
                }
            }
        }
        return JSONObject(result)
    }

    /// The mappings a `<<` value contributes, highest precedence first.
    private mutating func mergeSources(_ value: YAMLNode, depth: Int) throws(YAMLError) -> [JSONObject] {
        switch value {
        case .mapping:
            return [try mergedObject(value, depth: depth)]
        case .sequence(let elements, _, let mark):
            try count(value)
            try checkDepth(depth, mark: mark)
            var sources: [JSONObject] = []
            for element in elements {
                sources.append(try mergedObject(element, depth: depth + 1))
            }
            return sources
        case .scalar:
            throw mergeError(at: value.mark)
        }
    }

    private mutating func mergedObject(_ node: YAMLNode, depth: Int) throws(YAMLError) -> JSONObject {
        guard case .mapping = node, case .object(let object) = try convert(node, depth: depth) else {
            throw mergeError(at: node.mark)
        }
        return object
    }

    private mutating func keyText(_ key: YAMLNode) throws(YAMLError) -> String {
        try count(key)
        guard case .scalar(let value, let style, let tag, let mark) = key else {
            throw YAMLError(
                message: "a \(key.kindName) cannot be a mapping key: JSON object keys are strings",
                mark: key.mark,
                file: file
            )
        }
        return YAMLKeyText.text(of: try resolve(value, style: style, tag: tag, mark: mark))
    }

    private func resolve(_ value: String, style: YAMLScalarStyle, tag: String?, mark: YAMLMark) throws(YAMLError)
        -> YAMLResolvedScalar
    {
        if let resolved = YAMLScalarResolver.resolve(value, style: style, tag: tag) { return resolved }
        let short = YAMLScalarResolver.shortTag(tag ?? "")
        let lowered = value.lowercased()
        if tag == YAMLScalarResolver.floatTag, [".inf", "+.inf", "-.inf", ".nan"].contains(lowered) {
            throw YAMLError(message: "\(short) `\(value)` has no JSON form", mark: mark, file: file)
        }
        throw YAMLError(message: "`\(value)` is not a valid \(short)", mark: mark, file: file)
    }

    private static func isMerge(_ key: YAMLNode) -> Bool {
        guard case .scalar(let value, let style, let tag, _) = key, value == "<<" else { return false }
        return (style == .plain && tag == nil) || tag == YAMLScalarResolver.mergeTag
    }

    private mutating func count(_ node: YAMLNode) throws(YAMLError) {
        nodes += 1
        if nodes > maxNodes {
            throw YAMLError(message: "document expands to more than \(maxNodes) nodes", mark: node.mark, file: file)
        }
    }

    private func checkDepth(_ depth: Int, mark: YAMLMark) throws(YAMLError) {
        if depth >= Self.maxDepth {
            throw YAMLError(message: "collections nest deeper than \(Self.maxDepth) levels", mark: mark, file: file)
        }
    }

    private func mergeError(at mark: YAMLMark) -> YAMLError {
        YAMLError(message: "a merge key `<<` needs a mapping or a sequence of mappings", mark: mark, file: file)
    }
}
