/// A parameter a check or mutator accepts in the policy file, with its default.
public struct ParameterSpec: Sendable {
    public enum ValueType: String, Sendable {
        case string, stringList, boolean, integer
        /// A Kubernetes resource quantity such as `100m` or `128Mi`.
        case quantity
        /// A positive decimal number such as `2` or `1.5`.
        case number
        /// A map of string keys to string values (labels to add, for example).
        case stringMap
        /// A map of kind to a map of label key to a glob pattern its value must match (`*` for any value).
        case labelPatternsByKind
    }

    public let name: String
    public let type: ValueType
    public let defaultValue: JSON
    public let description: String

    public init(_ name: String, _ type: ValueType, default defaultValue: JSON, _ description: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
    }

    /// Nil when `value` fits this parameter, else why not. PolicyConfig calls this for every configured value.
    public func problem(with value: JSON) -> String? {
        switch type {
        case .string:
            return value.stringValue == nil ? "must be a string" : nil
        case .boolean:
            return value.boolValue == nil ? "must be true or false" : nil
        case .integer:
            return value.intValue == nil ? "must be an integer" : nil
        case .stringList:
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                return "must be a list of strings"
            }
            return nil
        case .number:
            guard let number = value.numberValue, number > 0 else { return "must be a number above 0" }
            return nil
        case .stringMap:
            guard let map = value.objectValue, map.members.allSatisfy({ $0.value.stringValue != nil }) else {
                return "must map keys to string values, e.g. {team: payments}"
            }
            return nil
        case .labelPatternsByKind:
            guard let kinds = value.objectValue,
                kinds.members.allSatisfy({ $0.value.objectValue?.members.allSatisfy { $0.value.stringValue != nil } ?? false })
            else {
                return "must map kinds to label keys and value patterns, e.g. {Deployment: {team: \"*\"}}"
            }
            return nil
        case .quantity:
            // "" switches the value off where a parameter says so.
            guard let text = value.stringValue ?? (value.intValue.map(String.init)), text.isEmpty || Quantity(text) != nil
            else {
                return "must be a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi (or \"\" for none)"
            }
            return nil
        }
    }
}

/// The parameter values in force for one check or mutator: configured values over declared defaults.
public struct Parameters: Sendable {
    private let specs: [ParameterSpec]
    private let configured: JSONObject
    /// String lists resolved once, when the policy is planned: checks read them for every container.
    private let lists: [String: [String]]

    public init(specs: [ParameterSpec], configured: JSONObject = JSONObject()) {
        self.specs = specs
        self.configured = configured
        var lists: [String: [String]] = [:]
        for spec in specs where spec.type == .stringList {
            lists[spec.name] = (configured[spec.name] ?? spec.defaultValue).arrayValue?.compactMap(\.stringValue) ?? []
        }
        self.lists = lists
    }

    public subscript(name: String) -> JSON? {
        configured[name] ?? specs.first(where: { $0.name == name })?.defaultValue
    }

    public func string(_ name: String) -> String? {
        let value = self[name]
        return value?.stringValue ?? value?.intValue.map(String.init)
    }

    public func stringList(_ name: String) -> [String] {
        lists[name] ?? self[name]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    public func bool(_ name: String) -> Bool { self[name]?.boolValue ?? false }

    public func int(_ name: String) -> Int? { self[name]?.intValue }

    public func number(_ name: String) -> Double? { self[name]?.numberValue }

    /// A `stringMap` parameter's entries, in the order written.
    public func stringMap(_ name: String) -> [(key: String, value: String)] {
        self[name]?.objectValue?.members.compactMap { member in member.value.stringValue.map { (member.key, $0) } } ?? []
    }
}
