/// Collects the changes of every mutator into one minimal RFC 6902 patch against the object as received.
///
/// Mutators say what they want ("this value where nothing is set", "this element in that list"); the builder
/// decides the operations. A missing parent is added whole, once: when two mutators fill the same missing
/// `securityContext`, the second one's value is merged into the first one's `add`, so the patch never adds a
/// parent twice (the second `add` would replace the first) and never needs the object re-read between mutators.
/// A member that is `null` counts as missing, as it does for the API server, and is replaced.
public struct PatchBuilder: Sendable {
    public let root: JSONValue
    public private(set) var operations: [PatchOperation] = []
    /// Where each change was made, merged ones included (a list for appends): a mutator changed something when
    /// this grew, and a dry run shows the user these paths.
    public private(set) var changedPaths: [JSONPointer] = []
    public var changeCount: Int { changedPaths.count }

    public init(_ root: JSONValue) { self.root = root }

    /// The value at `path` as it will be after the operations so far, or nil when missing or null.
    public func value(at path: JSONPointer) -> JSON? {
        if let (index, rest) = pendingOperation(covering: path) {
            let found = operations[index].value?.value(at: rest)
            return found?.isNull == true ? nil : found
        }
        guard let found = root.value(at: path), !found.isNull else { return nil }
        return JSON(found)
    }

    /// True when something non-null is (or will be) at `path`.
    public func contains(_ path: JSONPointer) -> Bool {
        if let (index, rest) = pendingOperation(covering: path) {
            return operations[index].value?.value(at: rest).map { !$0.isNull } ?? false
        }
        return root.value(at: path).map { !$0.isNull } ?? false
    }

    /// Sets `value` at `path` unless something is already there; missing parents are created as objects.
    /// Returns false, changing nothing, when the value exists or cannot be placed (a parent is not an object).
    @discardableResult
    public mutating func setIfMissing(_ path: JSONPointer, _ value: JSON) -> Bool {
        guard !path.tokens.isEmpty else { return false }
        if let (index, rest) = pendingOperation(covering: path) {
            guard var pending = operations[index].value, pending.insertIfMissing(value, at: rest.tokens[...]) else {
                return false
            }
            operations[index].value = pending
            changedPaths.append(path)
            return true
        }
        var current = root
        for (depth, token) in path.tokens.enumerated() {
            if current.isArray {
                // Lists are walked, never grown here: a missing element has no place to be created.
                guard let position = JSONPointer.arrayIndex(token), let element = current[position], !element.isNull else {
                    return false
                }
                current = element
                continue
            }
            guard current.isObject else { return false }
            let child = current[token]
            if let child, !child.isNull {
                current = child
                continue
            }
            let placed = JSONPointer(Array(path.tokens[...depth]))
            let nested = JSON.nesting(value, under: path.tokens[(depth + 1)...])
            operations.append(child == nil ? .add(placed, nested) : .replace(placed, nested))
            changedPaths.append(path)
            return true
        }
        return false
    }

    /// Sets `value` at `path` whether or not something is there (for values the builder owns, such as the
    /// provenance annotation); unchanged values are left alone.
    public mutating func set(_ path: JSONPointer, _ value: JSON) {
        guard let existing = self.value(at: path) else {
            setIfMissing(path, value)
            return
        }
        guard existing != value else { return }
        if let (index, rest) = pendingOperation(covering: path), var pending = operations[index].value,
            pending.insertReplacing(value, at: rest.tokens[...])
        {
            operations[index].value = pending
        } else {
            operations.append(.replace(path, value))
        }
        changedPaths.append(path)
    }

    /// Appends `element` to the list at `path`, creating the list when missing. Returns false when something
    /// other than a list is there.
    @discardableResult
    public mutating func append(_ element: JSON, toListAt path: JSONPointer) -> Bool {
        if let (index, rest) = pendingOperation(covering: path), var pending = operations[index].value {
            switch pending.value(at: rest) {
            case .array(var elements)?:
                elements.append(element)
                guard pending.insertReplacing(.array(elements), at: rest.tokens[...]) else { return false }
                operations[index].value = pending
                changedPaths.append(path)
                return true
            case nil, .null?:
                return setIfMissing(path, [element])
            default:
                return false
            }
        }
        guard let list = root.value(at: path), !list.isNull else { return setIfMissing(path, [element]) }
        guard list.isArray else { return false }
        operations.append(.add(path.appending("-"), element))
        changedPaths.append(path)
        return true
    }

    /// The operation that added an ancestor of `path` (or `path` itself) and the rest of `path` inside it.
    private func pendingOperation(covering path: JSONPointer) -> (Int, JSONPointer)? {
        for (index, operation) in operations.enumerated().reversed()
        where operation.op != .remove && path.tokens.starts(with: operation.path.tokens)
            && operation.path.lastToken != "-"
        {
            return (index, JSONPointer(Array(path.tokens.dropFirst(operation.path.tokens.count))))
        }
        return nil
    }
}

extension JSON {
    /// `value` wrapped in one object per token: nesting(v, under: ["a", "b"]) is {"a": {"b": v}}.
    static func nesting(_ value: JSON, under tokens: ArraySlice<String>) -> JSON {
        tokens.reversed().reduce(value) { inner, token in .object(JSONObject([JSONObject.Member(key: token, value: inner)])) }
    }

    /// Inserts `value` at `tokens` below this value, creating missing (or null) objects on the way; false when
    /// the place is taken or lies below something that is not an object.
    fileprivate mutating func insertIfMissing(_ value: JSON, at tokens: ArraySlice<String>) -> Bool {
        guard let first = tokens.first else { return false }
        let rest = tokens.dropFirst()
        if case .array(var elements) = self {
            guard let index = JSONPointer.arrayIndex(first), elements.indices.contains(index),
                elements[index].insertIfMissing(value, at: rest)
            else { return false }
            self = .array(elements)
            return true
        }
        guard case .object(var object) = self else { return false }
        guard var child = object[first], !child.isNull else {
            object[first] = JSON.nesting(value, under: rest)
            self = .object(object)
            return true
        }
        guard child.insertIfMissing(value, at: rest) else { return false }
        object[first] = child
        self = .object(object)
        return true
    }

    /// Puts `value` at `tokens` below this value, replacing what is there; the parents must exist.
    fileprivate mutating func insertReplacing(_ value: JSON, at tokens: ArraySlice<String>) -> Bool {
        guard let first = tokens.first else {
            self = value
            return true
        }
        switch self {
        case .object(var object):
            guard var child = object[first], child.insertReplacing(value, at: tokens.dropFirst()) else { return false }
            object[first] = child
            self = .object(object)
            return true
        case .array(var elements):
            guard let index = JSONPointer.arrayIndex(first), elements.indices.contains(index),
                elements[index].insertReplacing(value, at: tokens.dropFirst())
            else { return false }
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}
