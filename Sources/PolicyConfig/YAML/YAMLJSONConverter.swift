import AdmissionCore

/// One conversion pass: the node budget, the file for errors, and an explicit stack of open collections.
///
/// Converting without recursion keeps stack use flat: 1000 nested mappings took over 2 MB of stack when converted
/// recursively in a debug build, more than a secondary thread gets on some platforms.
struct YAMLJSONConverter {
    static let maxDepth = 1000

    let maxNodes: Int
    let file: String?
    private var nodes = 0

    init(maxNodes: Int, file: String?) {
        self.maxNodes = maxNodes
        self.file = file
    }

    mutating func convert(_ root: YAMLNode) throws(YAMLError) -> JSON {
        var stack: [any YAMLConversionFrame] = []
        switch try start(root) {
        case .value(let value): return value
        case .frame(let frame): stack.append(frame)
        }
        while let top = stack.last {
            if let child = top.nextChild() {
                switch try start(child) {
                case .value(let value):
                    top.accept(value)
                case .frame(let frame):
                    guard stack.count < Self.maxDepth else {
                        throw YAMLError(
                            message: "collections nest deeper than \(Self.maxDepth) levels",
                            mark: child.mark,
                            file: file
                        )
                    }
                    stack.append(frame)
                }
            } else {
                stack.removeLast()
                let finished = top.finish()
                guard let parent = stack.last else { return finished }
                parent.accept(finished)
            }
        }
        return .null
    }

    private enum Started {
        case value(JSON)
        case frame(any YAMLConversionFrame)
    }

    /// Counts the node, then converts a scalar outright or opens a frame for a collection.
    private mutating func start(_ node: YAMLNode) throws(YAMLError) -> Started {
        try count(node)
        switch node {
        case .scalar(let value, let style, let tag, let mark):
            switch try resolve(value, style: style, tag: tag, mark: mark) {
            case .null: return .value(.null)
            case .bool(let bool): return .value(.bool(bool))
            case .integer(let text), .float(let text, _):
                // The resolver only produces valid number text; fall back to the source text rather than trap.
                return .value(JSONNumber(text: text).map(JSON.number) ?? .string(value))
            case .string(let string): return .value(.string(string))
            }
        case .sequence(let elements, _, _):
            return .frame(YAMLSequenceFrame(elements))
        case .mapping(let members, _, _):
            return .frame(try mappingFrame(members))
        }
    }

    /// Works out every key (and checks every merge value) before any value is converted, so that merged
    /// members can yield to explicit keys written after the `<<`.
    private mutating func mappingFrame(_ members: [(key: YAMLNode, value: YAMLNode)]) throws(YAMLError)
        -> YAMLMappingFrame
    {
        var steps: [YAMLMappingFrame.Step] = []
        steps.reserveCapacity(members.count)
        var explicitKeys = Set<String>()
        for member in members {
            guard Self.isMerge(member.key) else {
                let key = try keyText(member.key)
                explicitKeys.insert(key)
                steps.append(.member(key: key, value: member.value))
                continue
            }
            try count(member.key)
            switch member.value {
            case .mapping:
                steps.append(.merge(member.value))
            case .sequence(let sources, _, _):
                try count(member.value)
                // Earlier mappings take precedence; the frame adds only keys not yet present, so keep the order.
                for source in sources {
                    guard case .mapping = source else { throw mergeError(at: source.mark) }
                    steps.append(.merge(source))
                }
            case .scalar:
                throw mergeError(at: member.value.mark)
            }
        }
        return YAMLMappingFrame(steps: steps, explicitKeys: explicitKeys)
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
        if tag == YAMLScalarResolver.floatTag, [".inf", "+.inf", "-.inf", ".nan"].contains(value.lowercased()) {
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

    private func mergeError(at mark: YAMLMark) -> YAMLError {
        YAMLError(message: "a merge key `<<` needs a mapping or a sequence of mappings", mark: mark, file: file)
    }
}

/// An open collection during conversion: hands out its children one at a time and collects their JSON.
protocol YAMLConversionFrame: AnyObject {
    /// The next child to convert, or `nil` when all have been accepted.
    func nextChild() -> YAMLNode?
    /// The JSON for the child last returned by `nextChild()`.
    func accept(_ value: JSON)
    /// The collection's JSON, once every child is in.
    func finish() -> JSON
}

final class YAMLSequenceFrame: YAMLConversionFrame {
    private let elements: [YAMLNode]
    private var array: [JSON] = []

    init(_ elements: [YAMLNode]) {
        self.elements = elements
        array.reserveCapacity(elements.count)
    }

    func nextChild() -> YAMLNode? {
        array.count < elements.count ? elements[array.count] : nil
    }

    func accept(_ value: JSON) { array.append(value) }

    func finish() -> JSON { .array(array) }
}

final class YAMLMappingFrame: YAMLConversionFrame {
    enum Step {
        /// An explicit member: its key text and the value still to convert.
        case member(key: String, value: YAMLNode)
        /// A mapping whose members are merged in where no key exists yet.
        case merge(YAMLNode)
    }

    private let steps: [Step]
    private let explicitKeys: Set<String>
    private var index = 0
    private var members: [JSONObject.Member] = []
    private var positions: [String: Int] = [:]

    init(steps: [Step], explicitKeys: Set<String>) {
        self.steps = steps
        self.explicitKeys = explicitKeys
        members.reserveCapacity(steps.count)
    }

    func nextChild() -> YAMLNode? {
        guard index < steps.count else { return nil }
        switch steps[index] {
        case .member(_, let value): return value
        case .merge(let source): return source
        }
    }

    func accept(_ value: JSON) {
        defer { index += 1 }
        switch steps[index] {
        case .member(let key, _):
            // Duplicate keys: the last value wins, at the first key's position (as a Go map would hold it).
            if let position = positions[key] {
                members[position].value = value
            } else {
                positions[key] = members.count
                members.append(JSONObject.Member(key: key, value: value))
            }
        case .merge:
            guard case .object(let source) = value else { return }
            for merged in source.members where !explicitKeys.contains(merged.key) && positions[merged.key] == nil {
                positions[merged.key] = members.count
                members.append(merged)
            }
        }
    }

    func finish() -> JSON { .object(JSONObject(members)) }
}
