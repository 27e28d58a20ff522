/// Kubernetes label selectors (`matchLabels` and `matchExpressions`), as PodDisruptionBudgets and
/// NetworkPolicies use them to pick pods.
enum LabelSelector {
    /// True when `selector` selects an object carrying `labels` (a JSON object of strings, or nil for none).
    ///
    /// As in policy/v1 and networking/v1, a missing or null selector selects nothing and an empty one selects
    /// everything. A malformed selector (wrong shapes, an unknown operator) selects nothing rather than trap.
    static func matches(_ selector: JSONValue?, labels: JSONValue?) -> Bool {
        guard let selector, selector.isObject else { return false }
        if let matchLabels = selector["matchLabels"], !matchLabels.isNull {
            guard let members = matchLabels.members else { return false }
            for (key, value) in members {
                guard let wanted = value.string, labels?[key]?.isString(wanted) == true else { return false }
            }
        }
        if let expressions = selector["matchExpressions"], !expressions.isNull {
            guard let elements = expressions.elements else { return false }
            for expression in elements where !matches(expression: expression, labels: labels) { return false }
        }
        return true
    }

    /// One `matchExpressions` entry: `In`, `NotIn`, `Exists` or `DoesNotExist`.
    private static func matches(expression: JSONValue, labels: JSONValue?) -> Bool {
        guard let key = expression["key"]?.string, let operation = expression["operator"] else { return false }
        let label = labels?[key]
        let present = label.map { !$0.isNull } ?? false
        func listed() -> Bool {
            guard let label, let values = expression["values"]?.elements else { return false }
            return values.contains { value in value.string.map { label.isString($0) } ?? false }
        }
        if operation.isString("In") { return present && listed() }
        if operation.isString("NotIn") { return !present || !listed() }
        if operation.isString("Exists") { return present }
        if operation.isString("DoesNotExist") { return !present }
        return false
    }
}
