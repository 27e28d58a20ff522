/// How a scalar was written. Only plain scalars are resolved to null, booleans and numbers; every other style is
/// a string unless an explicit tag says otherwise.
public enum YAMLScalarStyle: Sendable, Hashable {
    /// Unquoted: `replicas: 3`.
    case plain
    /// `'single quoted'`.
    case singleQuoted
    /// `"double quoted"`, with escapes already decoded.
    case doubleQuoted
    /// A literal block `|`, newlines kept.
    case literal
    /// A folded block `>`, newlines folded to spaces.
    case folded
}

/// A parsed YAML node, before any type resolution: scalars keep their text, style and explicit tag, so the
/// conversion to JSON (see `json(maxNodes:file:)`) or a policy reader can apply its own rules.
///
/// Every node carries the `YAMLMark` where it starts. Aliases are already resolved: an alias is a copy of the
/// anchored node (a cheap reference-counted copy), including the anchored node's mark. Tags are stored as libyaml
/// expands them: `!!str` is `tag:yaml.org,2002:str`, a local tag `!foo` stays `!foo`.
public indirect enum YAMLNode: Sendable {
    /// A scalar's text (escapes decoded, block scalars folded), how it was written, and its explicit tag if any.
    case scalar(String, style: YAMLScalarStyle, tag: String?, mark: YAMLMark)
    /// A block or flow sequence.
    case sequence([YAMLNode], tag: String?, mark: YAMLMark)
    /// A block or flow mapping, members in source order, duplicates kept.
    case mapping([(key: YAMLNode, value: YAMLNode)], tag: String?, mark: YAMLMark)

    /// Where the node starts.
    public var mark: YAMLMark {
        switch self {
        case .scalar(_, _, _, let mark), .sequence(_, _, let mark), .mapping(_, _, let mark): return mark
        }
    }

    /// The explicit tag, expanded (`tag:yaml.org,2002:int` for `!!int`), or `nil` when none was written.
    public var tag: String? {
        switch self {
        case .scalar(_, _, let tag, _), .sequence(_, let tag, _), .mapping(_, let tag, _): return tag
        }
    }

    /// The scalar's text, or `nil` for a collection.
    public var scalarValue: String? {
        if case .scalar(let value, _, _, _) = self { return value }
        return nil
    }

    /// The elements of a sequence, or `nil` for anything else.
    public var sequenceValue: [YAMLNode]? {
        if case .sequence(let elements, _, _) = self { return elements }
        return nil
    }

    /// The members of a mapping, or `nil` for anything else.
    public var mappingValue: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let members, _, _) = self { return members }
        return nil
    }

    /// The value of the last member whose key is a scalar with exactly this text (any style), as in Go where the
    /// last duplicate wins. `nil` when this is not a mapping or has no such key. Merge keys are not followed.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let members, _, _) = self else { return nil }
        return members.last(where: { $0.key.scalarValue == key })?.value
    }

    /// A short name for the node's kind, for messages: "scalar", "sequence" or "mapping".
    public var kindName: String {
        switch self {
        case .scalar: return "scalar"
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        }
    }
}
