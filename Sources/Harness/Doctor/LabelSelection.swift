import AdmissionCore

/// Label selectors and int-or-percent values as the API server reads them. AdmissionCore has its own selector
/// matcher, internal to the engine; the doctor needs label sets it builds itself (a namespace's name label, a pod
/// template's labels), so it keeps this small one.
enum LabelSelection {
    /// A JSON object of string labels as a dictionary (non-string values are not labels).
    static func labels(_ object: JSONValue?) -> [String: String] {
        var labels: [String: String] = [:]
        guard let members = object?.members else { return labels }
        for (key, value) in members {
            if let text = value.string { labels[key] = text }
        }
        return labels
    }

    /// True when `selector` selects an object carrying `labels`. An empty selector selects everything; a missing or
    /// null one selects everything for webhooks (`whenAbsent: true`) and nothing for policy/v1 PDBs. A malformed
    /// selector (an unknown operator, wrong shapes) selects nothing, as the API server would refuse it.
    static func matches(_ selector: JSONValue?, labels: [String: String], whenAbsent: Bool) -> Bool {
        guard let selector, !selector.isNull else { return whenAbsent }
        guard selector.isObject else { return false }
        if let matchLabels = selector["matchLabels"], !matchLabels.isNull {
            guard let members = matchLabels.members else { return false }
            for (key, value) in members where value.string == nil || labels[key] != value.string { return false }
        }
        if let expressions = selector["matchExpressions"], !expressions.isNull {
            guard let elements = expressions.elements else { return false }
            for expression in elements where !matches(expression: expression, labels: labels) { return false }
        }
        return true
    }

    private static func matches(expression: JSONValue, labels: [String: String]) -> Bool {
        guard let key = expression["key"]?.string, let operation = expression["operator"]?.string else { return false }
        let values = expression["values"]?.elements.map { $0.compactMap(\.string) } ?? []
        let label = labels[key]
        switch operation {
        case "In": return label.map(values.contains) ?? false
        case "NotIn": return label.map { !values.contains($0) } ?? true
        case "Exists": return label != nil
        case "DoesNotExist": return label == nil
        default: return false
        }
    }

    /// An int-or-string such as a PDB's `maxUnavailable` (`1`, `"50%"`) scaled against `total` as the disruption
    /// controller does (percentages rounded up); nil when it is neither.
    static func scaled(_ value: JSONValue?, total: Int) -> Int? {
        guard let value, !value.isNull else { return nil }
        if let number = value.int { return number }
        guard let text = value.string, text.hasSuffix("%"), let percent = Int(text.dropLast()) else { return nil }
        return (percent * total + 99) / 100
    }
}
