/// Why a patch could not be applied.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension JSON {
    /// Applies RFC 6902 operations in order. Used by `fix`, by the idempotency proofs and by tests; the webhook
    /// itself only emits patches and leaves applying them to the API server.
    public func applying(_ operations: [PatchOperation]) throws(JSONPatchError) -> JSON {
        var document = self
        for operation in operations {
            try document.apply(operation)
        }
        return document
    }

    private mutating func apply(_ operation: PatchOperation) throws(JSONPatchError) {
        switch operation.op {
        case .add:
            try insert(operation.value ?? .null, at: operation.path, replacing: false)
        case .replace:
            guard value(at: operation.path) != nil else { throw JSONPatchError(message: "replace: no value at \(operation.path)") }
            try insert(operation.value ?? .null, at: operation.path, replacing: true)
        case .remove:
            _ = try remove(at: operation.path)
        case .move:
            guard let from = operation.from else { throw JSONPatchError(message: "move without from") }
            guard !operation.path.tokens.starts(with: from.tokens) || operation.path == from else {
                throw JSONPatchError(message: "move: \(from) into its own child \(operation.path)")
            }
            let moved = try remove(at: from)
            try insert(moved, at: operation.path, replacing: false)
        case .copy:
            guard let from = operation.from, let copied = value(at: from) else {
                throw JSONPatchError(message: "copy: no value at \(operation.from?.description ?? "(missing from)")")
            }
            try insert(copied, at: operation.path, replacing: false)
        case .test:
            guard value(at: operation.path) == (operation.value ?? .null) else {
                throw JSONPatchError(message: "test failed at \(operation.path)")
            }
        }
    }

    /// The value at `pointer`, or nil.
    public func value(at pointer: JSONPointer) -> JSON? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private mutating func insert(_ newValue: JSON, at pointer: JSONPointer, replacing: Bool) throws(JSONPatchError) {
        guard let last = pointer.lastToken, let parentPointer = pointer.parent else {
            self = newValue
            return
        }
        try modify(at: parentPointer) { parent throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                object[last] = newValue
                parent = .object(object)
            case .array(var elements):
                if last == "-", !replacing {
                    elements.append(newValue)
                } else if let index = JSONPointer.arrayIndex(last), index <= elements.count - (replacing ? 1 : 0) {
                    if replacing { elements[index] = newValue } else { elements.insert(newValue, at: index) }
                } else {
                    throw JSONPatchError(message: "index '\(last)' out of range at \(pointer)")
                }
                parent = .array(elements)
            default:
                throw JSONPatchError(message: "parent of \(pointer) is not an object or array")
            }
        }
    }

    private mutating func remove(at pointer: JSONPointer) throws(JSONPatchError) -> JSON {
        guard let last = pointer.lastToken, let parentPointer = pointer.parent else {
            throw JSONPatchError(message: "cannot remove the document root")
        }
        var removed = JSON.null
        try modify(at: parentPointer) { parent throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                guard let value = object[last] else { throw JSONPatchError(message: "remove: no value at \(pointer)") }
                removed = value
                object[last] = nil
                parent = .object(object)
            case .array(var elements):
                guard let index = JSONPointer.arrayIndex(last), elements.indices.contains(index) else {
                    throw JSONPatchError(message: "remove: no element at \(pointer)")
                }
                removed = elements.remove(at: index)
                parent = .array(elements)
            default:
                throw JSONPatchError(message: "remove: parent of \(pointer) is not an object or array")
            }
        }
        return removed
    }

    /// Runs `body` on the value at `pointer` in place; a missing parent is an error (RFC 6902 §4.1).
    private mutating func modify(
        at pointer: JSONPointer, _ body: (inout JSON) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        guard let first = pointer.tokens.first else {
            try body(&self)
            return
        }
        let rest = JSONPointer(Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var object):
            guard var child = object[first] else { throw JSONPatchError(message: "missing parent '\(first)' in \(pointer)") }
            self = .null  // release the reference so that the child is modified in place, not copied
            try child.modify(at: rest, body)
            object[first] = child
            self = .object(object)
        case .array(var elements):
            guard let index = JSONPointer.arrayIndex(first), elements.indices.contains(index) else {
                throw JSONPatchError(message: "missing element '\(first)' in \(pointer)")
            }
            try elements[index].modify(at: rest, body)
            self = .array(elements)
        default:
            throw JSONPatchError(message: "'\(first)' is not inside an object or array")
        }
    }
}
