/// One RFC 6902 JSON Patch operation.
public struct PatchOperation: Sendable, Equatable {
    public enum Op: String, Sendable {
        case add, remove, replace, move, copy, test
    }

    public var op: Op
    public var path: JSONPointer
    public var value: JSON?
    public var from: JSONPointer?

    public init(op: Op, path: JSONPointer, value: JSON? = nil, from: JSONPointer? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    public static func add(_ path: JSONPointer, _ value: JSON) -> PatchOperation {
        PatchOperation(op: .add, path: path, value: value)
    }

    public static func replace(_ path: JSONPointer, _ value: JSON) -> PatchOperation {
        PatchOperation(op: .replace, path: path, value: value)
    }

    public static func remove(_ path: JSONPointer) -> PatchOperation {
        PatchOperation(op: .remove, path: path)
    }

    /// The operation as a JSON object, members in RFC order (`op`, `path`, then `value`/`from`).
    public var json: JSON {
        var object = JSONObject(["op": .string(op.rawValue), "path": .string(path.description)])
        if let from { object["from"] = .string(from.description) }
        if let value { object["value"] = value }
        return .object(object)
    }
}

extension Array where Element == PatchOperation {
    /// The patch document: a JSON array of operations.
    public var json: JSON { .array(map(\.json)) }
}
